/* Tables in Markdown (an about page, a story's body) scroll inside the box Material's script
 * wraps them in, so a wide table never makes the page pan sideways. A box that does scroll is
 * made a labelled region that takes focus, so a keyboard can scroll it as well (WCAG 2.1.1);
 * the generated pages' tables have such a box in their HTML already (.mc-scroll). Checked
 * again when the window changes size. */
(function () {
  "use strict";

  function label(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heading = null;
    for (var el = box; el && !heading; el = el.previousElementSibling || el.parentElement) {
      if (/^H[1-6]$/.test(el.tagName)) heading = el;
      if (el.classList && el.classList.contains("md-content__inner")) break;
    }
    var text = heading ? heading.textContent.replace(/\s*\u00b6\s*$/, "").trim() : "";
    return text ? "Table: " + text : "Table";
  }

  function update() {
    Array.prototype.forEach.call(
      document.querySelectorAll(".md-typeset .md-typeset__scrollwrap"),
      function (box) {
        if (box.closest(".mc-scroll")) return;
        if (box.scrollWidth > box.clientWidth + 1) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", label(box));
        } else if (box.getAttribute("role") === "region") {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      });
  }

  var timer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 200);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(update, 0); });
  } else {
    window.addEventListener("load", update);
  }
})();
