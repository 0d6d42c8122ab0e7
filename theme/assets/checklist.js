/* Onboarding path checklist. Progressive enhancement: without this script a path is a plain
 * ordered list of steps. With it, each step gets a "done" checkbox whose state this browser
 * remembers in localStorage (nothing is sent anywhere; no cookies). Steps are remembered by
 * title, so reordering a path keeps your ticks, and a renamed step starts unticked. */
(function () {
  "use strict";

  var PREFIX = "mentoring-commons:path:";

  function load(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch (error) {
      return [];  // storage blocked or the value was not ours
    }
  }

  function save(key, done) {
    try {
      if (done.length) window.localStorage.setItem(key, JSON.stringify(done));
      else window.localStorage.removeItem(key);
      return true;
    } catch (error) {
      return false;
    }
  }

  function setup(list) {
    if (list.hasAttribute("data-mc-checklist-ready")) return;
    list.setAttribute("data-mc-checklist-ready", "");
    list.classList.add("mc-checklist");
    var key = PREFIX + list.getAttribute("data-mc-checklist");
    var status = document.querySelector("[data-mc-checklist-status]");
    var steps = Array.prototype.slice.call(list.querySelectorAll(":scope > li[data-mc-step]"));
    var done = load(key);
    var boxes = [];

    steps.forEach(function (step, i) {
      var name = step.getAttribute("data-mc-step");
      var heading = step.querySelector("h2, h3");
      var wrap = document.createElement("p");
      wrap.className = "mc-checklist__tick";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.id = "mc-done-" + (i + 1);
      input.checked = done.indexOf(name) !== -1;
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = "Done";
      var hidden = document.createElement("span");
      hidden.className = "mc-visually-hidden";
      hidden.textContent = ": step " + (i + 1) + ", " + name;
      label.appendChild(hidden);
      wrap.appendChild(input);
      wrap.appendChild(label);
      if (heading && heading.nextSibling) step.insertBefore(wrap, heading.nextSibling);
      else step.appendChild(wrap);
      step.classList.toggle("mc-step--done", input.checked);
      boxes.push({ name: name, input: input, step: step });
    });

    var actions = document.createElement("p");
    actions.className = "mc-checklist__actions";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button mc-checklist__reset";
    reset.textContent = "Untick all steps";
    actions.appendChild(reset);
    list.parentNode.insertBefore(actions, list.nextSibling);

    function report(announce, stored) {
      var count = boxes.filter(function (b) { return b.input.checked; }).length;
      reset.disabled = count === 0;
      if (!status) return;
      var text = count + " of " + boxes.length + " steps done.";
      if (stored === false) text += " This browser is not saving your progress.";
      else text += " Your progress is saved in this browser only.";
      if (announce || !status.textContent) status.textContent = text;
    }

    function update(announce) {
      var names = boxes.filter(function (b) { return b.input.checked; })
                       .map(function (b) { return b.name; });
      boxes.forEach(function (b) { b.step.classList.toggle("mc-step--done", b.input.checked); });
      report(announce, save(key, names));
    }

    list.addEventListener("change", function () { update(true); });
    reset.addEventListener("click", function () {
      boxes.forEach(function (b) { b.input.checked = false; });
      update(true);
      if (boxes.length) boxes[0].input.focus();
    });
    // Another tab changed the same path: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key !== key) return;
      var now = load(key);
      boxes.forEach(function (b) { b.input.checked = now.indexOf(b.name) !== -1; });
      boxes.forEach(function (b) { b.step.classList.toggle("mc-step--done", b.input.checked); });
      report(true);
    });
    report(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mc-checklist]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
