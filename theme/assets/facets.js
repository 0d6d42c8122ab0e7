/* Faceted filtering for listing pages (narratives, programs). Progressive enhancement: the page
 * already lists every entry with its facet values as data attributes, and links every value to
 * a static listing page. This script turns those links into checkboxes that filter the list in
 * place: several values of one facet widen the list (any of them), several facets narrow it
 * (all of them). The state lives in the query string (?forms=peer&topics=trust), so a filtered
 * view can be shared and the back button steps through changes. Counts show how many entries
 * each value would leave, given the other facets' choices. Changes are announced politely.
 * A listing split into several pages holds only some entries on each page: there the script
 * reads every entry from the listing's facets.json (data-mc-data) and lists the matches itself.
 * If that file cannot be read (e.g. a page opened from disk), the static links stay. */
(function () {
  "use strict";

  function setup(finder) {
    var nav = finder.querySelector("[data-mc-facets]");
    var status = finder.querySelector("[data-mc-status]");
    if (!nav || !status || finder.hasAttribute("data-mc-ready")) return;
    finder.setAttribute("data-mc-ready", "");
    var facets = [];

    Array.prototype.forEach.call(nav.querySelectorAll("[data-mc-facet]"), function (section) {
      var key = section.getAttribute("data-mc-facet");
      var heading = section.querySelector(".mc-facet__title");
      var values = Array.prototype.map.call(
        section.querySelectorAll("a[data-mc-value]"),
        function (link) {
          return { value: link.getAttribute("data-mc-value"), label: link.textContent,
                   title: link.getAttribute("title") || "" };
        });
      facets.push({ key: key, label: heading ? heading.textContent : key, values: values });
    });
    if (!facets.length) return;

    var dataUrl = finder.getAttribute("data-mc-data");
    if (!dataUrl) {
      // Every entry is on this page: filter the page's own list.
      var items = Array.prototype.slice.call(finder.querySelectorAll("[data-mc-items] > li"));
      start(finder, nav, status, facets, items.map(function (item) {
        var own = {};
        facets.forEach(function (facet) {
          own[facet.key] = (item.getAttribute("data-mc-" + facet.key) || "").split(" ")
            .filter(Boolean);
        });
        return { element: item, values: own };
      }), null);
      return;
    }
    if (!window.fetch) return;
    window.fetch(dataUrl, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        start(finder, nav, status, facets, data.items.map(function (item) {
          return { data: item, values: item.values || {} };
        }), {
          before: finder.getAttribute("data-mc-link-before") || "",
          after: finder.getAttribute("data-mc-link-after") || ""
        });
      })
      .catch(function () { /* keep the static links: they work without the data */ });
  }

  var MAX_RENDERED = 200;  // results listed at once when filtering across pages
  var finders = 0;  // numbers each page's filter form, for its button's aria-controls

  function start(finder, nav, status, facets, entries, link) {
    var noun = nav.getAttribute("data-mc-noun") || "entry";
    var nouns = nav.getAttribute("data-mc-nouns") || "entries";
    var groups = Array.prototype.slice.call(finder.querySelectorAll("[data-mc-group]"));
    var pageOnly = Array.prototype.slice.call(document.querySelectorAll(
      ".mc-pagination, .mc-pagination__status"));
    var staticLists = Array.prototype.slice.call(finder.querySelectorAll("[data-mc-items]"));
    var results = null;
    if (link) {
      results = document.createElement("ul");
      results.className = "mc-cards";
      results.setAttribute("role", "list");
      results.setAttribute("data-mc-results", "");
      results.hidden = true;
      finder.appendChild(results);
    }

    // Each entry's values per facet as a lookup: {key: {value: true}}.
    var itemValues = entries.map(function (entry) {
      var own = {};
      facets.forEach(function (facet) {
        var set = {};
        (entry.values[facet.key] || []).forEach(function (v) { set[v] = true; });
        own[facet.key] = set;
      });
      return own;
    });

    var form = document.createElement("form");
    form.className = "mc-filter";
    form.setAttribute("data-mc-filter", "");
    form.setAttribute("aria-labelledby", "mc-filter-title");
    var title = document.createElement("h2");
    title.id = "mc-filter-title";
    title.className = "mc-filter__title";
    title.textContent = "Filter " + nouns;
    form.appendChild(title);

    var narrow = window.matchMedia && window.matchMedia("(max-width: 44.984375em)").matches;
    var boxes = {};  // key -> value -> {input, count}
    var summaries = {};
    facets.forEach(function (facet) {
      var details = document.createElement("details");
      details.className = "mc-filter__facet";
      // Long lists (topics) start closed; on a phone every group does, so the reader who
      // opens the filters sees their names first.
      details.open = facet.values.length <= 12 && !narrow;
      var summary = document.createElement("summary");
      summaries[facet.key] = summary;
      details.appendChild(summary);
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.className = "mc-visually-hidden";
      legend.textContent = facet.label;
      fieldset.appendChild(legend);
      boxes[facet.key] = {};
      facet.values.forEach(function (v, i) {
        var id = "mc-f-" + facet.key + "-" + i;
        var label = document.createElement("label");
        label.className = "mc-filter__option";
        label.htmlFor = id;
        if (v.title) label.title = v.title;
        var input = document.createElement("input");
        input.type = "checkbox";
        input.id = id;
        input.name = facet.key;
        input.value = v.value;
        var text = document.createElement("span");
        text.textContent = v.label + " ";
        var count = document.createElement("span");
        count.className = "mc-count";
        label.appendChild(input);
        label.appendChild(text);
        label.appendChild(count);
        fieldset.appendChild(label);
        boxes[facet.key][v.value] = { input: input, count: count, label: label };
      });
      details.appendChild(fieldset);
      form.appendChild(details);
    });

    var actions = document.createElement("p");
    actions.className = "mc-filter__actions";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button mc-filter__clear";
    clear.textContent = "Clear all filters";
    actions.appendChild(clear);
    form.appendChild(actions);

    // On a narrow screen the filters sit behind one button, so the results come first
    // (finding.css shows the form there only while the finder is open; wide screens show both
    // the form and no button). The button says how many filters are on.
    form.id = "mc-filter-" + (++finders);
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-button mc-filter__toggle";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", form.id);
    // The form's submit button (HTML_CodeSniffer H32.2: a form needs one). Filters apply as
    // they change; submitting closes the filters on a phone (wide screens hide the button).
    var done = document.createElement("button");
    done.type = "submit";
    done.className = "md-button md-button--primary mc-filter__done";
    actions.insertBefore(done, clear);

    function setOpen(open) {
      finder.classList.toggle("mc-finder--open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) {
        var first = form.querySelector("summary");
        if (first) first.focus();
      }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" &&
          toggle.offsetParent !== null) {
        setOpen(false);
        toggle.focus();
      }
    });

    nav.parentNode.insertBefore(toggle, nav);
    nav.parentNode.insertBefore(form, nav);
    nav.hidden = true;

    function selected() {
      var state = {};
      facets.forEach(function (facet) {
        state[facet.key] = facet.values.filter(function (v) {
          return boxes[facet.key][v.value].input.checked;
        }).map(function (v) { return v.value; });
      });
      return state;
    }

    function matches(index, state, except) {
      var own = itemValues[index];
      return facets.every(function (facet) {
        if (facet.key === except) return true;
        var wanted = state[facet.key];
        return !wanted.length || wanted.some(function (v) { return own[facet.key][v]; });
      });
    }

    function toQuery(state) {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) {
        params.delete(facet.key);
        state[facet.key].forEach(function (v) { params.append(facet.key, v); });
      });
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }

    function fromQuery() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) {
        var wanted = params.getAll(facet.key);
        facet.values.forEach(function (v) {
          boxes[facet.key][v.value].input.checked = wanted.indexOf(v.value) !== -1;
        });
      });
    }

    function card(item) {
      var li = document.createElement("li");
      li.className = "mc-card";
      var heading = document.createElement("h2");
      heading.className = "mc-card__title";
      var a = document.createElement("a");
      a.href = link.before + item.id + link.after;
      a.textContent = item.title;
      heading.appendChild(a);
      li.appendChild(heading);
      [["mc-card__meta", item.meta], ["", item.summary]].forEach(function (pair) {
        if (!pair[1]) return;
        var p = document.createElement("p");
        if (pair[0]) p.className = pair[0];
        p.textContent = pair[1];
        li.appendChild(p);
      });
      return li;
    }

    var announceTimer = null;
    function apply(announce) {
      var state = selected();
      var active = facets.some(function (facet) { return state[facet.key].length; });
      var shown = 0;
      var matching = [];
      entries.forEach(function (entry, i) {
        var ok = matches(i, state, null);
        if (entry.element) entry.element.hidden = !ok;
        if (ok) {
          shown += 1;
          if (results && matching.length < MAX_RENDERED) matching.push(entry.data);
        }
      });
      if (results) {
        // Across pages: the page's own list while nothing is chosen, else the matches.
        staticLists.concat(groups, pageOnly).forEach(function (el) { el.hidden = active; });
        results.hidden = !active;
        results.textContent = "";
        if (active) matching.forEach(function (item) { results.appendChild(card(item)); });
      } else {
        groups.forEach(function (group) {
          group.hidden = !group.querySelector("[data-mc-items] > li:not([hidden])");
        });
      }
      // Counts: how many entries each value would show, given the other facets' choices.
      facets.forEach(function (facet) {
        var tally = {};
        entries.forEach(function (entry, i) {
          if (!matches(i, state, facet.key)) return;
          Object.keys(itemValues[i][facet.key]).forEach(function (v) {
            tally[v] = (tally[v] || 0) + 1;
          });
        });
        var chosen = 0;
        facet.values.forEach(function (v) {
          var box = boxes[facet.key][v.value];
          var n = tally[v.value] || 0;
          box.count.textContent = "(" + n + ")";
          box.label.classList.toggle("mc-filter__option--empty", n === 0 && !box.input.checked);
          if (box.input.checked) chosen += 1;
        });
        summaries[facet.key].textContent = facet.label + (chosen ? " (" + chosen + " selected)" : "");
      });
      clear.disabled = !active;
      var chosenAll = facets.reduce(function (sum, facet) {
        return sum + state[facet.key].length;
      }, 0);
      toggle.textContent = chosenAll ? "Filter (" + chosenAll + " on)" : "Filter";
      done.textContent = shown === 1 ? "Show 1 " + noun : "Show " + shown + " " + nouns;
      var total = entries.length;
      var message = results && !active
        ? total + " " + (total === 1 ? noun : nouns) + " on all pages. Choose filters to search " +
          "all of them."
        : shown === total
        ? "Showing all " + total + " " + (total === 1 ? noun : nouns) + "."
        : shown === 0
          ? "No " + nouns + " match these filters. Remove a filter to see more."
          : "Showing " + shown + " of " + total + " " + nouns + ".";
      if (results && active && shown > MAX_RENDERED) {
        message += " The first " + MAX_RENDERED + " are listed: choose more filters to narrow them.";
      }
      if (announce) {
        // A short pause lets quick successive changes settle into one announcement.
        window.clearTimeout(announceTimer);
        announceTimer = window.setTimeout(function () { status.textContent = message; }, 150);
      } else {
        status.textContent = message;
      }
    }

    form.addEventListener("change", function () {
      var url = toQuery(selected());
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState({ mcFilter: true }, "", url);
      }
      apply(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();  // nothing to send: the filters have applied already
      if (toggle.offsetParent !== null) {
        setOpen(false);
        toggle.focus();
      }
    });
    clear.addEventListener("click", function () {
      facets.forEach(function (facet) {
        facet.values.forEach(function (v) { boxes[facet.key][v.value].input.checked = false; });
      });
      window.history.pushState({ mcFilter: true }, "", toQuery(selected()));
      apply(true);
      var first = form.querySelector("input");
      if (first) first.focus();
    });
    window.addEventListener("popstate", function () {
      fromQuery();
      apply(true);
    });

    fromQuery();
    facets.forEach(function (facet) {
      // A facet with a chosen value starts open, so the reader sees why the list is shorter.
      if (facet.values.some(function (v) { return boxes[facet.key][v.value].input.checked; })) {
        summaries[facet.key].parentNode.open = true;
      }
    });
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mc-finder]"), setup);
  }

  // Material's instant navigation swaps pages without a reload: follow its document$ if it
  // exists, else run once when the page has loaded.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
