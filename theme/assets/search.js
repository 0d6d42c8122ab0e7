// The search page (theme/commons/search.html) on Pagefind's own API: pagefind.js loads its
// index in chunks, so a search downloads a few hundred KB however large the site. The form
// and the results are ours: labelled, keyboard-only usable, announced through a status line,
// and the query lives in the URL (?q=) so the back button and shared links work.
const form = document.querySelector("[data-mc-search]");
if (form) {
  const input = form.querySelector("input[name=q]");
  const status = document.querySelector("[data-mc-search-status]");
  const list = document.querySelector("[data-mc-search-results]");
  const more = document.querySelector("[data-mc-search-more]");
  const PAGE = 10;
  const bundle = new URL(form.dataset.mcSearch, location.href);
  const root = new URL(form.dataset.mcRoot, location.href);
  let pagefind = null;
  let shown = [];
  let results = [];
  let current = 0; // ignore answers to queries the reader has already replaced

  const load = async () => {
    if (!pagefind) {
      pagefind = await import(bundle.href);
      // Result URLs are made absolute from the site's own root, wherever it is hosted.
      await pagefind.options({ baseUrl: root.pathname });
    }
    return pagefind;
  };

  // An excerpt is text with <mark> around the words found. Only those marks are kept: the
  // rest becomes text, so nothing in an excerpt can be markup.
  const excerpt = (html) => {
    const p = document.createElement("p");
    const parsed = new DOMParser().parseFromString(html, "text/html").body;
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  };

  const showNext = async (query) => {
    const batch = await Promise.all(results.slice(shown.length, shown.length + PAGE)
      .map((result) => result.data()));
    if (query !== current) return;
    for (const data of batch) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      const heading = document.createElement("h2");
      heading.className = "mc-search__title";
      heading.append(link);
      item.append(heading, excerpt(data.excerpt || ""));
      list.append(item);
      shown.push(data);
    }
    more.hidden = shown.length >= results.length;
  };

  const run = async (text) => {
    const query = ++current;
    list.replaceChildren();
    shown = [];
    results = [];
    more.hidden = true;
    if (!text.trim()) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    try {
      const found = await (await load()).search(text);
      if (query !== current) return;
      results = found.results;
      await showNext(query);
      if (query !== current) return;
      const n = results.length;
      status.textContent = n === 0
        ? `No results for “${text}”.`
        : `${n} result${n === 1 ? "" : "s"} for “${text}”.`;
    } catch (error) {
      status.textContent = "Search is not available: its index was not found. " +
        "It is built with the site (not under mkdocs serve) and needs a web server.";
    }
  };

  const fromUrl = () => {
    const text = new URLSearchParams(location.search).get("q") || "";
    input.value = text;
    run(text);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.pushState(null, "", url);
    run(input.value);
  });
  more.querySelector("button").addEventListener("click", () => {
    const first = shown.length;
    showNext(current).then(() => {
      // Move focus to the first new result, so keyboard users continue where they were.
      const link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  window.addEventListener("popstate", fromUrl);
  fromUrl();
}
