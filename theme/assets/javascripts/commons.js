/*
 * Mentoring Commons: keyboard access to Material's navigation drawer on narrow screens.
 *
 * There Material opens the navigation, and each section pane inside it, with a <label> for a
 * hidden checkbox, which a keyboard can neither reach nor press. This wraps each such label's
 * content in a button (a span with role="button": a <label> may have no role of its own, and
 * a <button> inside a label is not allowed) that Tab reaches and Enter or Space press, moves
 * focus into what it opens, and lets Escape close the drawer. commons.css hides a closed drawer
 * or pane from the tab order. No network access, no storage, no tracking.
 */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (!drawer || !menu) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  // Section labels open a pane; a pane's title goes back to the list it came from.
  var openers = document.querySelectorAll('.md-nav--primary label.md-nav__link[for^="__nav"]');
  var backs = document.querySelectorAll('.md-nav--primary label.md-nav__title[for^="__nav"]');

  function press(event) {
    if (event.key === "Enter" || event.key === " ") {
      // Material also clicks a focused label on Enter (a window listener): stop the event
      // here, or the second click would undo the first once focus has moved to another label.
      event.preventDefault();
      event.stopPropagation();
      event.currentTarget.parentNode.click();  // the label: it toggles its checkbox
    }
  }

  function firstLink(container) {
    return container && container.querySelector("a[href], .mc-label-button[tabindex='0']");
  }

  // The button inside ``label``: made once, holding what the label held (a click on it is a
  // click on the label, so the mouse works as before).
  function buttonIn(label) {
    var button = label.querySelector(":scope > .mc-label-button");
    if (!button) {
      button = document.createElement("span");
      button.className = "mc-label-button";
      while (label.firstChild) {
        button.appendChild(label.firstChild);
      }
      label.appendChild(button);
      button.addEventListener("keydown", press);
    }
    return button;
  }

  function makeButton(label, name) {
    var button = buttonIn(label);
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    if (name) {
      button.setAttribute("aria-label", name);
    }
    return button;
  }

  function makePlain(label) {
    var button = buttonIn(label);
    ["role", "tabindex", "aria-label", "aria-expanded"].forEach(function (name) {
      button.removeAttribute(name);
    });
  }

  function layout() {
    // On wide screens sections are plain, always-open groups: their labels are not buttons.
    Array.prototype.forEach.call(openers, function (label) {
      var toggle = document.getElementById(label.htmlFor);
      label.removeAttribute("tabindex");  // the button inside takes focus, never the label
      if (narrow.matches) {
        makeButton(label).setAttribute("aria-expanded",
                                       toggle && toggle.checked ? "true" : "false");
      } else {
        makePlain(label);
      }
    });
    Array.prototype.forEach.call(backs, function (label) {
      if (narrow.matches) {
        makeButton(label, "Back to the main menu");
      } else {
        makePlain(label);
      }
    });
  }

  var menuButton = makeButton(menu, "Navigation menu");
  menuButton.setAttribute("aria-expanded", "false");
  drawer.addEventListener("change", function () {
    menuButton.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    if (drawer.checked) {
      var link = firstLink(document.querySelector(".md-sidebar--primary .md-nav__list"));
      if (link) {
        link.focus();
      }
    }
  });

  Array.prototype.forEach.call(openers, function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) {
      return;
    }
    toggle.addEventListener("change", function () {
      if (!narrow.matches) {
        return;
      }
      var button = buttonIn(label);
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      var pane = label.parentNode.querySelector("nav.md-nav");
      if (toggle.checked) {
        var link = firstLink(pane && pane.querySelector(".md-nav__list"));
        if (link) {
          link.focus();
        }
      } else {
        button.focus();
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      menuButton.focus();
    }
  });

  layout();
  if (narrow.addEventListener) {
    narrow.addEventListener("change", layout);
  }
})();
