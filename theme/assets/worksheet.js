/* The "no committee" worksheet: hours a yes costs = meetings x (hours + preparation).
 * Without this script the form stays hidden and the page's table of worked examples and the
 * formula above it do the same job. */
(function () {
  "use strict";

  function number(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isFinite(value) && value >= 0 ? value : null;
  }

  function show(value) {
    return String(Math.round(value * 100) / 100);
  }

  function setup(form) {
    if (form.hasAttribute("data-mc-worksheet-ready")) return;
    form.setAttribute("data-mc-worksheet-ready", "");
    var hours = form.elements.namedItem("hours");
    var meetings = form.elements.namedItem("meetings");
    var preparation = form.elements.namedItem("preparation");
    var result = form.querySelector("[data-mc-worksheet-result]");
    if (!hours || !meetings || !preparation || !result) return;

    function update() {
      var h = number(hours);
      var n = number(meetings);
      var p = number(preparation);
      if (h === null || n === null || p === null) {
        result.textContent = "Enter a number of hours and meetings (0 or more) in each box.";
        return;
      }
      var total = n * (h + p);
      result.textContent = "A yes costs " + show(total) + " hours: " + show(n * h) +
        " in meetings and " + show(n * p) + " preparing.";
    }

    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    form.hidden = false;
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mc-worksheet]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
