"""Keyboard use: a skip link first, every control reachable with Tab and visibly focused, and
nothing invisible ever taking focus (Material's closed search results box and off-canvas
drawer did)."""

from __future__ import annotations

from typing import Any

import pytest

from .pagekinds import no_transitions, open_kind, page_kinds

# The state of the focused element: is it (or, for Material's palette switch, whose focus ring
# is drawn on the label after the radio button, that label) on screen and visibly outlined?
FOCUS_STATE = """async () => {
  // Let the page react to the focus first (Material opens the search when its field is focused).
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  // checkVisibility() also sees content-visibility, which hides a closed <details>' inside.
  const CHECKS = {contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true};
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shown = (e.matches('input.md-option') && e.nextElementSibling) ? e.nextElementSibling : e;
  const r = shown.getBoundingClientRect();
  let visible = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
    && shown.checkVisibility(CHECKS);
  for (let p = shown; p && visible; p = p.parentElement) {
    if (getComputedStyle(p).opacity === '0') visible = false;
  }
  const s = getComputedStyle(shown);
  // The ring is drawn outside the element: compare it with the background behind it.
  const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let behind = [255, 255, 255];
  for (let p = shown.parentElement; p; p = p.parentElement) {
    const c = rgba(getComputedStyle(p).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { behind = c; break; }
  }
  const ringColor = rgba(s.outlineColor);
  const [hi, lo] = [lum(ringColor), lum(behind)].sort((a, b) => b - a);
  const contrast = Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100;
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    && (ringColor.length === 3 || ringColor[3] > 0.5) && contrast >= 3;
  if (!e.dataset.mcKey) e.dataset.mcKey = 'k' + (window.__mcKeys = (window.__mcKeys || 0) + 1);
  return {key: e.dataset.mcKey, tag: e.tagName.toLowerCase(), cls: String(e.className),
          text: (e.getAttribute('aria-label') || e.textContent || e.value || '').trim()
                .replace(/\\s+/g, ' ').slice(0, 60),
          visible, ring, contrast,
          outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor};
}"""

# Every control a pointer user can see: what a keyboard user must be able to reach.
VISIBLE_CONTROLS = """() => {
  // checkVisibility() also sees content-visibility, which hides a closed <details>' inside.
  const CHECKS = {contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true};
  const selector = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),'
    + ' select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const out = [];
  for (const e of document.querySelectorAll(selector)) {
    if (e.tabIndex < 0) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let shown = e.checkVisibility(CHECKS);
    for (let p = e; p && shown; p = p.parentElement) {
      if (getComputedStyle(p).opacity === '0') shown = false;
    }
    if (!shown || r.right <= 0 || r.left >= innerWidth) continue;
    if (!e.dataset.mcKey) e.dataset.mcKey = 'k' + (window.__mcKeys = (window.__mcKeys || 0) + 1);
    out.push({key: e.dataset.mcKey, text: (e.getAttribute('aria-label') || e.textContent || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 60), tag: e.tagName.toLowerCase()});
  }
  return out;
}"""

KEYBOARD_KINDS = ("home", "narratives-index", "narrative", "person", "program", "path",
                  "glossary", "references", "map", "tools", "404")


def tab_through(page: Any, limit: int = 600) -> list[dict[str, Any]]:
    """Press Tab until focus comes back round; return the state at each stop."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:  # focus left the document (the address bar): one full round
            if stops:
                break
            continue
        if stops and state["key"] == stops[0]["key"]:
            break
        stops.append(state)
    return stops


@pytest.fixture(scope="session")
def kinds(built_site):
    return page_kinds(built_site)


@pytest.mark.parametrize("kind", KEYBOARD_KINDS)
def test_every_control_is_reachable_and_visibly_focused(kind, kinds, new_page, site_url,
                                                        built_site, offsite):
    if kind not in kinds:
        pytest.skip(f"no {kind} page in this build")
    page = new_page()
    open_kind(page, site_url, built_site, kinds[kind])
    no_transitions(page)
    controls = page.evaluate(VISIBLE_CONTROLS)
    stops = tab_through(page)
    assert stops, "Tab reached nothing"
    assert stops[0]["text"] == "Skip to content" and stops[0]["visible"], stops[0]
    hidden = [s for s in stops if not s["visible"]]
    assert not hidden, f"focus went to elements nobody can see: {hidden}"
    unringed = [s for s in stops if not s["ring"]]
    assert not unringed, f"focused without a visible outline: {unringed}"
    reached = {s["key"] for s in stops}
    missed = [c for c in controls if c["key"] not in reached]
    assert not missed, f"controls Tab never reaches: {missed}"
    assert offsite.urls == []


@pytest.mark.parametrize("kind", ["narratives-index", "narrative"])
def test_skip_link_moves_past_the_navigation(kind, kinds, new_page, site_url, built_site):
    page = new_page()
    open_kind(page, site_url, built_site, kinds[kind])
    no_transitions(page)
    page.keyboard.press("Tab")
    skip = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert skip.startswith("#")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "() => !!document.activeElement.closest('.md-content')"
        " && !document.activeElement.closest('.md-sidebar')")
    assert inside, "after the skip link, Tab should go to the page's content"


def test_closed_search_results_take_no_focus_but_open_ones_do(kinds, new_page, site_url,
                                                              built_site):
    page = new_page()
    open_kind(page, site_url, built_site, kinds["home"])
    no_transitions(page)
    page.focus(".md-search__input")
    page.keyboard.press("Shift+Tab")  # leave the search: it closes
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert "md-search__scrollwrap" not in state["cls"], state
    # Open and type: the arrow keys move through the results (Material's keys; Tab leaves the
    # search), each visibly focused.
    page.focus(".md-search__input")
    page.keyboard.type("peer mentoring")
    page.wait_for_selector(".md-search-result__item", state="visible")
    page.wait_for_function("document.getElementById('__search').checked")
    page.wait_for_load_state("networkidle")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        page.wait_for_function("!!document.activeElement"
                               " && !!document.activeElement.closest('.md-search__output')")
        state = page.evaluate(FOCUS_STATE)
        assert state["visible"] and state["ring"], state
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")


def test_phone_menu_opens_and_closes_from_the_keyboard(kinds, new_page, site_url, built_site,
                                                       offsite):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    open_kind(page, site_url, built_site, kinds["narrative"])
    no_transitions(page)
    stops = tab_through(page)
    hidden = [s for s in stops if not s["visible"]]
    assert not hidden, f"focus went to elements nobody can see: {hidden}"
    menu = [s for s in stops if s["text"] == "Navigation menu"]
    assert menu and menu[0]["ring"], "the menu button is not reachable"
    # The button inside Material's label (a <label> may not have role="button" itself).
    menu_button = '.md-header label[for="__drawer"] > [role="button"]'
    assert page.get_attribute('.md-header label[for="__drawer"]', "role") is None
    page.focus(menu_button)
    assert page.get_attribute(menu_button, "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"] and state["ring"] and state["tag"] == "a", state
    # Tab through the open drawer (every stop visible) to a section, open its pane, go back.
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state["visible"] and state["ring"], state
        if page.evaluate("() => document.activeElement.getAttribute('role') === 'button'"
                         " && !!document.activeElement.parentElement.htmlFor"):
            break
    else:
        pytest.fail("no section pane in the drawer")
    assert page.evaluate("() => document.querySelectorAll('label[role]').length") == 0
    opener = page.evaluate("() => document.activeElement.parentElement.htmlFor")
    page.keyboard.press("Enter")
    assert page.is_checked(f"#{opener}")
    state = page.evaluate(FOCUS_STATE)
    assert state["tag"] == "a" and state["visible"] and state["ring"], state
    page.keyboard.press("Shift+Tab")  # the pane's title: back to the menu
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == \
        "Back to the main menu"
    page.keyboard.press("Enter")
    assert not page.is_checked(f"#{opener}")
    assert page.evaluate("() => document.activeElement.parentElement.htmlFor") == opener
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("() => document.activeElement.parentElement.htmlFor") == "__drawer"
    assert offsite.urls == []
