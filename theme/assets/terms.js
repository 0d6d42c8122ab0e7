/* Glossary terms in running text (core/site/glossarylinks.py links a term's first use to the
 * glossary, with its first sentence as the link's title). A title shows only on hover, which a
 * phone and a keyboard never do. This makes each term a disclosure button: a tap, Enter or
 * Space shows the definition in a small panel right after the word (so a screen reader reads
 * it next), with a link to the full glossary entry; Escape or a second press closes it.
 * Without this script the term stays a plain link to the glossary. Text is set with
 * textContent only: nothing from the page is parsed as HTML. */
(function () {
  "use strict";

  var count = 0;

  function enhance(link) {
    var definition = link.getAttribute("title") || "";
    if (!definition || link.hasAttribute("data-mc-term-ready")) return;
    link.setAttribute("data-mc-term-ready", "");
    var id = "mc-term-" + (++count);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "mc-term mc-term__button";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", id);
    button.setAttribute("data-term", link.getAttribute("data-term") || "");

    var panel = document.createElement("span");
    panel.className = "mc-term__panel";
    panel.id = id;
    panel.hidden = true;
    var text = document.createElement("span");
    text.className = "mc-term__definition";
    text.textContent = definition + " ";
    var more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.textContent = "More in the glossary";
    var name = document.createElement("span");
    name.className = "mc-visually-hidden";
    name.textContent = ": " + link.textContent;
    more.appendChild(name);
    panel.appendChild(text);
    panel.appendChild(more);

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.hidden = !open;
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    function escape(event) {
      if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        setOpen(false);
        button.focus();
      }
    }
    button.addEventListener("keydown", escape);
    panel.addEventListener("keydown", escape);

    link.parentNode.replaceChild(button, link);
    button.parentNode.insertBefore(panel, button.nextSibling);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset a.mc-term[title]"),
                                 enhance);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
