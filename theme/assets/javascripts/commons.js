/*
 * Mentoring Commons: keyboard access to Material's navigation drawer on narrow screens.
 *
 * There Material opens the navigation, and each section pane inside it, with a <label> for a
 * hidden checkbox, which a keyboard can neither reach nor press. This makes those labels
 * buttons that Tab reaches and Enter or Space press, moves focus into what they open, and lets
 * Escape close the drawer. commons.css hides a closed drawer or pane from the tab order.
 * No network access, no storage, no tracking.
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
      event.currentTarget.click();
    }
  }

  function firstLink(container) {
    return container && container.querySelector("a[href], label[tabindex='0']");
  }

  function makeButton(label, name) {
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (name) {
      label.setAttribute("aria-label", name);
    }
  }

  function layout() {
    // On wide screens sections are plain, always-open groups: their labels are not buttons.
    Array.prototype.forEach.call(openers, function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (narrow.matches) {
        makeButton(label);
        label.setAttribute("aria-expanded", toggle && toggle.checked ? "true" : "false");
      } else {
        label.removeAttribute("role");
        label.removeAttribute("aria-expanded");
        label.setAttribute("tabindex", "-1");
      }
    });
    Array.prototype.forEach.call(backs, function (label) {
      if (narrow.matches) {
        makeButton(label, "Back to the main menu");
      } else {
        label.removeAttribute("role");
        label.removeAttribute("aria-label");
        label.removeAttribute("tabindex");
      }
    });
  }

  makeButton(menu, "Navigation menu");
  menu.setAttribute("aria-expanded", "false");
  menu.addEventListener("keydown", press);
  drawer.addEventListener("change", function () {
    menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    if (drawer.checked) {
      var link = firstLink(document.querySelector(".md-sidebar--primary .md-nav__list"));
      if (link) {
        link.focus();
      }
    }
  });

  Array.prototype.forEach.call(openers, function (label) {
    label.addEventListener("keydown", press);
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) {
      return;
    }
    toggle.addEventListener("change", function () {
      if (!narrow.matches) {
        return;
      }
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      var pane = label.parentNode.querySelector("nav.md-nav");
      if (toggle.checked) {
        var link = firstLink(pane && pane.querySelector(".md-nav__list"));
        if (link) {
          link.focus();
        }
      } else {
        label.focus();
      }
    });
  });
  Array.prototype.forEach.call(backs, function (label) {
    label.addEventListener("keydown", press);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      menu.focus();
    }
  });

  layout();
  if (narrow.addEventListener) {
    narrow.addEventListener("change", layout);
  }
})();
