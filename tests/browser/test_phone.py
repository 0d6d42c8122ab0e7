"""The site on a phone (issue 17): results before filters, no page wider than a 320 px screen,
glossary terms that open on tap and with the keyboard, tap targets of at least 24 x 24 CSS px,
and a table of contents on long entry pages. Phone viewports: 390 x 844 and 320 x 640."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .pagekinds import ALL_KINDS, no_transitions, open_kind, page_kinds

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
MIN_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8


@pytest.fixture(scope="session")
def kinds(built_site: Path) -> dict[str, str]:
    return page_kinds(built_site)


def phone_page(new_page, viewport=PHONE):
    return new_page(viewport=viewport, is_mobile=True, has_touch=True)


def first_page_with(built_site: Path, folder: str, marker: str) -> str:
    """The site path of the first page under ``folder`` whose HTML contains ``marker``."""
    for file in sorted((built_site / folder).glob("*/index.html")):
        if marker in file.read_text(encoding="utf-8"):
            return file.parent.relative_to(built_site).as_posix() + "/"
    raise AssertionError(f"no page under {folder}/ has {marker!r}")


# -- Listings: results first --------------------------------------------------------------------

def test_first_story_starts_within_the_first_screen(new_page, site_url, built_site, offsite):
    page = phone_page(new_page)
    open_kind(page, site_url, built_site, "narratives/")
    page.wait_for_selector("form[data-mc-filter]", state="attached")
    top = page.evaluate(
        "document.querySelector('[data-mc-items] .mc-card__title a').getBoundingClientRect().top")
    assert 0 < top < PHONE["height"] - 40, f"first story link starts at {top:.0f} px"
    assert offsite.urls == []


def test_filters_sit_behind_one_button_that_counts_them(new_page, site_url, built_site):
    page = phone_page(new_page)
    open_kind(page, site_url, built_site, "narratives/")
    no_transitions(page)
    toggle = page.locator("button.mc-filter__toggle")
    form = page.locator("form[data-mc-filter]")
    assert toggle.is_visible() and not form.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == form.get_attribute("id")
    assert toggle.inner_text().strip() == "Filter"

    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true" and form.is_visible()
    details = form.locator("details").first
    details.locator("summary").tap()
    details.locator("label.mc-filter__option").first.tap()
    shown = page.eval_on_selector_all("[data-mc-items] > li", "els => els.filter(e => !e.hidden)"
                                      ".length")
    done = form.locator("button.mc-filter__done")
    assert done.get_attribute("type") == "submit"  # the form's submit (HTML_CodeSniffer H32.2)
    assert re.fullmatch(rf"Show {shown} stor(y|ies)", done.inner_text().strip())
    done.tap()
    assert not form.is_visible()
    assert toggle.inner_text().strip() == "Filter (1 on)"
    assert page.evaluate("document.activeElement.classList.contains('mc-filter__toggle')")

    # Escape closes the open filters and gives the button its focus back.
    toggle.focus()
    page.keyboard.press("Enter")
    assert form.is_visible()
    page.keyboard.press("Escape")
    assert not form.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('mc-filter__toggle')")


def test_wide_screens_show_the_filters_without_a_button(new_page, site_url, built_site):
    page = new_page(viewport={"width": 1280, "height": 900})
    open_kind(page, site_url, built_site, "narratives/")
    assert page.locator("form[data-mc-filter]").is_visible()
    assert not page.locator("button.mc-filter__toggle").is_visible()


# -- Nothing wider than the screen --------------------------------------------------------------

@pytest.mark.parametrize("kind", ALL_KINDS)
def test_no_page_scrolls_sideways_at_320_px(kind, kinds, new_page, site_url, built_site,
                                             offsite):
    if kind not in kinds:
        pytest.skip(f"no {kind} page in this build")
    page = phone_page(new_page, SMALL_PHONE)
    open_kind(page, site_url, built_site, kinds[kind])
    page.wait_for_timeout(100)  # tables.js checks the boxes after Material has wrapped them
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SMALL_PHONE["width"]:
        wide = page.evaluate("""(w) => [...document.querySelectorAll('.md-content *')]
            .filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)
            .map(e => e.tagName + '.' + e.className)""", SMALL_PHONE["width"])
        pytest.fail(f"{kinds[kind]} is {width} px wide at 320 px; too wide: {wide}")
    assert offsite.urls == []


@pytest.mark.parametrize("kind", ["content-model", "map", "tools"])
def test_wide_tables_scroll_in_a_labelled_focusable_box(kind, kinds, new_page, site_url,
                                                        built_site):
    if kind not in kinds:
        pytest.skip(f"no {kind} page in this build")
    page = phone_page(new_page, SMALL_PHONE)
    open_kind(page, site_url, built_site, kinds[kind])
    boxes = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map(t => {
        const box = t.closest('.mc-scroll');
        if (!box) return null;
        const label = document.getElementById(box.getAttribute('aria-labelledby') || '');
        return {role: box.getAttribute('role'), tabindex: box.tabIndex,
                label: label ? label.textContent.trim() : '',
                scrolls: box.scrollWidth > box.clientWidth,
                overflow: getComputedStyle(box).overflowX}; })""")
    assert boxes and None not in boxes, f"a table on {kinds[kind]} is not in a scroll box"
    for box in boxes:
        assert box["role"] == "region" and box["tabindex"] == 0 and box["label"], box
        assert box["overflow"] == "auto", box
    assert any(box["scrolls"] for box in boxes) or kind == "tools"
    # A keyboard scrolls the box: focus it and press the right arrow.
    box = page.locator(".mc-scroll").first
    if page.evaluate("(b) => b.scrollWidth > b.clientWidth", box.element_handle()):
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(200)
        assert box.evaluate("b => b.scrollLeft") > 0


# -- Glossary terms -----------------------------------------------------------------------------

def open_term_page(page, site_url, built_site) -> None:
    path = first_page_with(built_site, "recommendations", 'class="mc-term"')
    open_kind(page, site_url, built_site, path)
    no_transitions(page)


def test_a_glossary_term_opens_on_tap(new_page, site_url, built_site):
    page = phone_page(new_page)
    open_term_page(page, site_url, built_site)
    term = page.locator("button.mc-term__button").first
    panel = page.locator("#" + term.get_attribute("aria-controls"))
    assert term.get_attribute("aria-expanded") == "false" and not panel.is_visible()
    assert page.locator("a.mc-term[title]").count() == 0  # every term was made a button
    term.tap()
    assert term.get_attribute("aria-expanded") == "true" and panel.is_visible()
    text = panel.inner_text()
    assert len(text) > 20 and "More in the glossary" in text
    glossary = panel.locator("a").get_attribute("href")
    assert re.search(r"glossary/#" + re.escape(term.get_attribute("data-term")) + "$", glossary)
    term.tap()
    assert term.get_attribute("aria-expanded") == "false" and not panel.is_visible()


def test_a_glossary_term_opens_with_the_keyboard(new_page, site_url, built_site):
    page = new_page()
    open_term_page(page, site_url, built_site)
    term = page.locator("button.mc-term__button").first
    panel = page.locator("#" + term.get_attribute("aria-controls"))
    for _ in range(200):  # reach it with Tab, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mc-term__button')"):
            break
    else:
        raise AssertionError("no glossary term reachable with Tab")
    page.keyboard.press("Enter")
    assert panel.is_visible() and term.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not panel.is_visible() and term.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Space")
    assert panel.is_visible()
    # The panel comes right after the word: the next Tab stop is its glossary link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.parentElement.id") == \
        term.get_attribute("aria-controls")


# -- Tap targets --------------------------------------------------------------------------------

TARGETS = (".mc-facet__values a, .mc-pagination a, a.mc-chip, .mc-card__title a, "
           ".mc-filter__option, .mc-filter summary, .mc-filter button, .mc-map__node, "
           ".mc-related__list > li > a:first-child, .mc-toc summary, .mc-toc a")


@pytest.mark.parametrize("kind", ["narratives-index", "narrative", "recommendation", "map",
                                  "programs-index", "narrative-facet"])
def test_tap_targets_are_at_least_24_px(kind, kinds, new_page, site_url, built_site):
    if kind not in kinds:
        pytest.skip(f"no {kind} page in this build")
    page = phone_page(new_page)
    open_kind(page, site_url, built_site, kinds[kind])
    no_transitions(page)
    for opener in ("button.mc-filter__toggle", ".mc-toc summary"):
        if page.locator(opener).count() and page.locator(opener).first.is_visible():
            page.locator(opener).first.click()
    page.evaluate("document.querySelectorAll('.mc-filter details').forEach(d => d.open = true)")
    sizes = page.evaluate("""(sel) => [...document.querySelectorAll(sel)]
        .filter(e => e.getClientRects().length)
        .map(e => { const r = e.getBoundingClientRect();
                    return {what: e.outerHTML.slice(0, 80), w: r.width, h: r.height}; })""",
                          TARGETS)
    assert sizes, f"no targets found on {kinds[kind]}"
    small = [s for s in sizes if s["w"] < MIN_TARGET - 0.5 or s["h"] < MIN_TARGET - 0.5]
    assert not small, f"{len(small)} of {len(sizes)} targets under 24 px: {small[:5]}"


# -- Table of contents --------------------------------------------------------------------------

def test_a_long_entry_has_its_table_of_contents_on_a_phone(new_page, site_url, built_site):
    path = first_page_with(built_site, "recommendations", 'class="mc-toc"')
    page = phone_page(new_page)
    open_kind(page, site_url, built_site, path)
    toc = page.locator("details.mc-toc")
    assert toc.is_visible()
    toc.locator("summary").tap()
    links = toc.locator("a")
    assert links.count() >= 2
    target = links.first.get_attribute("href")
    assert page.locator(target).count() == 1
    links.first.tap()
    page.wait_for_timeout(300)
    assert page.evaluate("location.hash") == target

    wide = new_page(viewport={"width": 1280, "height": 900})
    open_kind(wide, site_url, built_site, path)
    assert not wide.locator("details.mc-toc").is_visible()
    assert wide.locator(".md-sidebar--secondary .md-nav__list a").first.is_visible()


def test_no_toc_label_points_at_nothing(built_site):
    """Material's "Table of contents" title is a label for the nav's __toc toggle, which only
    pages in the nav have (Nu Html Checker: the for attribute must name a form control)."""
    dangling = []
    for file in sorted(built_site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        if 'for="__toc"' in html and 'id="__toc"' not in html:
            dangling.append(file.relative_to(built_site).as_posix())
    assert not dangling, dangling
    entry = built_site / first_page_with(built_site, "recommendations", 'class="mc-toc"')
    assert 'class="md-nav__title"' in (entry / "index.html").read_text(encoding="utf-8")


# -- The mentoring map on a phone ----------------------------------------------------------------

def test_map_labels_are_at_least_12_px_and_nodes_are_tap_targets(new_page, site_url,
                                                                built_site):
    page = phone_page(new_page)
    open_kind(page, site_url, built_site, "map/")
    measured = page.evaluate("""() => {
        const svg = document.querySelector('svg[data-mc-map]');
        const scale = svg.getScreenCTM().a;
        return {width: svg.getBoundingClientRect().width,
                labels: [...svg.querySelectorAll('.mc-map__node text')].map(t =>
                    parseFloat(getComputedStyle(t).fontSize) * scale),
                nodes: [...svg.querySelectorAll('a.mc-map__node')].map(a => {
                    const r = a.getBoundingClientRect(); return [r.width, r.height]; })};
    }""")
    assert measured["labels"] and min(measured["labels"]) >= 12, measured
    assert all(w >= MIN_TARGET and h >= MIN_TARGET for w, h in measured["nodes"]), measured
    assert measured["width"] <= PHONE["width"]
    # Every arrowhead is drawn over the labels, and every node is a link somewhere real.
    assert page.locator("g.mc-map__arrows path[marker-end]").count() == \
        page.locator("path.mc-map__edge--mentoring").count() > 0


def test_on_this_page_lists_every_section_that_follows(built_site):
    """The list is made from the rendered page: the story's own headings and the template's
    sections alike, each once, in order, linked to an id the page has."""
    pages = sorted((built_site / "narratives").glob("*/index.html"))
    assert pages
    for file in pages:
        html = file.read_text(encoding="utf-8")
        assert "mc:on-this-page" not in html
        start = html.index('<details class="mc-toc">')
        end = html.index("</details>", start)
        listed = re.findall(r'href="#([^"]+)"', html[start:end])
        following = re.findall(r'<h[23] id="([^"]+)"', html[end:html.index("</article>", end)])
        assert listed == following and len(listed) >= 3, file
