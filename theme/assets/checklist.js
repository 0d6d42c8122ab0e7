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
    // Unticking cannot be undone (the ticks are the only record of progress), so the button
    // first asks, in the page rather than in a dialog: "Keep them" has the focus, and Escape
    // keeps them too.
    var confirm = document.createElement("span");
    confirm.className = "mc-checklist__confirm";
    confirm.setAttribute("role", "group");
    var questionId = "mc-confirm-" + list.getAttribute("data-mc-checklist");
    confirm.setAttribute("aria-labelledby", questionId);
    confirm.hidden = true;
    var question = document.createElement("span");
    question.id = questionId;
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "md-button mc-checklist__confirm-yes";
    yes.textContent = "Yes, untick them";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "md-button md-button--primary mc-checklist__confirm-no";
    no.textContent = "Keep them";
    confirm.appendChild(question);
    confirm.appendChild(document.createTextNode(" "));
    confirm.appendChild(yes);
    confirm.appendChild(document.createTextNode(" "));
    confirm.appendChild(no);
    actions.appendChild(confirm);
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
    function asking(ask) {
      reset.hidden = ask;
      confirm.hidden = !ask;
    }
    reset.addEventListener("click", function () {
      var count = boxes.filter(function (b) { return b.input.checked; }).length;
      question.textContent = "Untick all " + count + " done step" + (count === 1 ? "" : "s") +
        "? This cannot be undone.";
      asking(true);
      no.focus();
    });
    no.addEventListener("click", function () {
      asking(false);
      reset.focus();
    });
    confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { asking(false); reset.focus(); }
    });
    yes.addEventListener("click", function () {
      asking(false);
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
