"""Printing: narrative, path and tools pages print as the content alone (no header, navigation,
search or footer), in dark ink on white whatever the screen palette, with where each external
link goes written out. PDFs of each are saved under test-output/print/ for a look."""

from __future__ import annotations

import pytest

from .pagekinds import OUTPUT, no_transitions, open_kind, page_kinds

PRINT_KINDS = ("narrative", "path", "tools")
CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-search", ".md-top", ".md-content__button", ".md-skip")

PRINT_STATE = """(chrome) => {
  const shown = (e) => !!e && e.checkVisibility();
  const hidden = chrome.filter((s) => [...document.querySelectorAll(s)].some(shown));
  const content = document.querySelector('.md-content');
  const links = [...content.querySelectorAll('a[href^="http"]')].filter(shown)
    .filter((a) => !a.closest('.mc-citation'))
    .map((a) => ({href: a.getAttribute('href'),
                  after: getComputedStyle(a, '::after').content}));
  const body = getComputedStyle(document.body);
  return {visibleChrome: hidden, links, h1: shown(content.querySelector('h1')),
          color: getComputedStyle(content).color, background: body.backgroundColor,
          contentWidth: content.getBoundingClientRect().width, pageWidth: innerWidth};
}"""


@pytest.fixture(scope="session")
def kinds(built_site):
    return page_kinds(built_site)


def _luminance(css_color: str) -> float:
    parts = [float(x) for x in css_color[css_color.index("(") + 1:-1].split(",")[:3]]
    linear = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
              for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PRINT_KINDS)
def test_prints_the_content_alone_with_links_written_out(kind, scheme, kinds, new_page,
                                                         site_url, built_site, offsite):
    if kind not in kinds:
        pytest.skip(f"no {kind} page in this build")
    page = new_page(color_scheme=scheme)
    open_kind(page, site_url, built_site, kinds[kind])
    page.emulate_media(media="print")
    no_transitions(page)
    state = page.evaluate(PRINT_STATE, list(CHROME))
    assert state["visibleChrome"] == [], "navigation chrome is printed"
    assert state["h1"], "the page title is not printed"
    # Dark ink on white paper, also when the screen shows the dark palette.
    assert state["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert _luminance(state["color"]) < 0.1, state["color"]
    # The content uses the page's width (no empty sidebar columns).
    assert state["contentWidth"] > 0.8 * state["pageWidth"], state
    for link in state["links"]:
        assert link["href"] in link["after"], f"printed link without its address: {link}"
    if scheme == "light":
        folder = OUTPUT / "print"
        folder.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(folder / f"{kind}.pdf"), print_background=True)
    assert offsite.urls == []
