"""Finding your way in a real browser: the facet filter (keyboard, URL state, back button,
announcements), the path checklist surviving a reload, the worksheet, and the same pages
without JavaScript."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import serve_folder

CARDS = "ul[data-mc-items] > li"


def visible_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        CARDS, "els => els.filter(e => !e.hidden).map(e => e.querySelector('a').textContent)")


def expected_titles(page, wanted: dict[str, list[str]]) -> list[str]:
    """What the filter should show, computed here from the data attributes."""
    return page.eval_on_selector_all(CARDS, """(els, wanted) => els.filter(e =>
        Object.entries(wanted).every(([key, values]) => {
          const own = (e.getAttribute('data-mc-' + key) || '').split(' ');
          return values.some(v => own.includes(v));
        })).map(e => e.querySelector('a').textContent)""", wanted)


def query(page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("() => location.search").lstrip("?"))


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, name: e.name || '', value: e.value || '', checked: !!e.checked,
                text: e.textContent.trim()}; }""")


def open_facet(page, index: int) -> None:
    """Focus a facet's summary and, if it is closed, open it with Enter."""
    details = page.locator("form[data-mc-filter] details").nth(index)
    details.locator("summary").focus()
    if not details.evaluate("d => d.open"):
        page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")


def tab_to_checkbox(page, facet: str) -> dict:
    """Press Tab until a checkbox of ``facet`` has focus, as a keyboard user would."""
    for _ in range(200):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "INPUT" and now["name"] == facet:
            return now
    raise AssertionError(f"no checkbox of {facet} reachable with Tab")


def test_facet_filter_by_keyboard_with_url_state_back_button_and_announcements(
        new_page, site_url, offsite):
    page = new_page()
    page.goto(site_url + "narratives/")
    page.wait_for_selector("form[data-mc-filter]")
    total = len(visible_titles(page))
    assert total >= 6
    assert page.is_hidden("nav[data-mc-facets]")  # the static links gave way to controls
    status = page.locator("[data-mc-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.text_content() == f"Showing all {total} stories."

    # Keyboard only: into the filter, onto the first mentoring form, Space to tick it.
    open_facet(page, 0)
    first = tab_to_checkbox(page, "forms")
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    assert query(page) == {"forms": [first["value"]]}
    want = expected_titles(page, {"forms": [first["value"]]})
    assert visible_titles(page) == want and 0 < len(want) <= total
    page.wait_for_function(
        "n => document.querySelector('[data-mc-status]').textContent.includes(n)",
        arg=f"{len(want)} of {total}" if len(want) < total else f"all {total}")

    # A second value of the same facet widens (any of them); a topic narrows (all facets).
    second = tab_to_checkbox(page, "forms")
    page.keyboard.press("Space")
    forms = [first["value"], second["value"]]
    assert query(page) == {"forms": forms}
    assert visible_titles(page) == expected_titles(page, {"forms": forms})
    open_facet(page, 1)  # topics: a long list, closed until opened
    topic = tab_to_checkbox(page, "topics")
    page.keyboard.press("Space")
    both = {"forms": forms, "topics": [topic["value"]]}
    assert query(page) == both
    assert visible_titles(page) == expected_titles(page, both)

    # Counts beside each value say what ticking it would show.
    label = page.locator(f"label:has(input[name=topics][value='{topic['value']}'])")
    assert f"({len(expected_titles(page, both))})" in label.text_content()

    # Back steps through the changes; the URL alone restores the state.
    page.go_back()
    assert query(page) == {"forms": forms}
    assert not page.is_checked(f"input[name=topics][value='{topic['value']}']")
    assert visible_titles(page) == expected_titles(page, {"forms": forms})
    shared = page.evaluate("() => location.href")
    other = new_page()
    other.goto(shared)
    other.wait_for_selector("form[data-mc-filter]")
    assert visible_titles(other) == expected_titles(other, {"forms": forms})
    assert other.is_checked(f"input[name=forms][value='{second['value']}']")

    # Clear all, from the keyboard.
    page.locator(".mc-filter__clear").focus()
    page.keyboard.press("Enter")
    assert query(page) == {}
    assert len(visible_titles(page)) == total
    page.wait_for_function(
        "t => document.querySelector('[data-mc-status]').textContent === t",
        arg=f"Showing all {total} stories.")
    assert offsite.urls == []


def test_program_filter_hides_empty_groups_and_survives_reload(new_page, site_url):
    page = new_page()
    page.goto(site_url + "programs/?format=virtual&scope=national")
    page.wait_for_selector("form[data-mc-filter]")
    titles = visible_titles(page)
    assert titles == expected_titles(page, {"format": ["virtual"], "scope": ["national"]})
    assert titles
    groups = page.eval_on_selector_all(
        "[data-mc-group]", "gs => gs.map(g => [g.hidden, g.querySelectorAll("
        "'li:not([hidden])').length])")
    assert all(hidden == (count == 0) for hidden, count in groups)
    page.reload()
    page.wait_for_selector("form[data-mc-filter]")
    assert visible_titles(page) == titles
    assert page.is_checked("input[name=format][value=virtual]")


def test_checklist_survives_a_reload_without_cookies(new_page, site_url):
    page = new_page()
    page.goto(site_url + "paths/first-90-days/")
    page.wait_for_selector(".mc-checklist__tick input")
    boxes = page.locator(".mc-checklist__tick input")
    steps = boxes.count()
    assert steps == page.locator("ol.mc-steps > li").count() >= 3
    boxes.nth(1).focus()
    page.keyboard.press("Space")
    assert boxes.nth(1).is_checked()
    status = page.locator("[data-mc-checklist-status]")
    assert status.text_content().startswith(f"1 of {steps} steps done.")
    page.reload()
    page.wait_for_selector(".mc-checklist__tick input")
    boxes = page.locator(".mc-checklist__tick input")
    assert [boxes.nth(i).is_checked() for i in range(steps)] == [i == 1 for i in range(steps)]
    assert page.locator("ol.mc-steps > li").nth(1).get_attribute("class").count("mc-step--done")
    assert page.context.cookies() == []
    ours = "() => Object.keys(localStorage).filter(k => k.startsWith('mentoring-commons:'))"
    assert page.evaluate(ours) == ["mentoring-commons:path:first-90-days"]
    # On paper: the ticks print, the button does not.
    page.emulate_media(media="print")
    assert page.locator(".mc-checklist__reset").is_hidden()
    assert boxes.nth(1).is_visible() and boxes.nth(1).is_checked()
    page.emulate_media(media="screen")
    # Unticking asks first: "Keep them" (focused) and Escape keep the ticks.
    page.locator(".mc-checklist__reset").click()
    confirm = page.locator(".mc-checklist__confirm")
    assert confirm.is_visible() and page.locator(".mc-checklist__reset").is_hidden()
    assert confirm.text_content().startswith("Untick all 1 done step? This cannot be undone.")
    assert page.evaluate("document.activeElement.textContent") == "Keep them"
    page.keyboard.press("Enter")
    assert confirm.is_hidden() and boxes.nth(1).is_checked()
    assert page.evaluate(ours) == ["mentoring-commons:path:first-90-days"]
    page.locator(".mc-checklist__reset").click()
    page.keyboard.press("Escape")
    assert confirm.is_hidden() and boxes.nth(1).is_checked()
    page.locator(".mc-checklist__reset").click()
    page.locator(".mc-checklist__confirm-yes").click()
    assert page.evaluate(ours) == []
    assert status.text_content().startswith(f"0 of {steps} steps done.")
    page.reload()
    page.wait_for_selector(".mc-checklist__tick input")
    assert not page.locator(".mc-checklist__tick input").nth(1).is_checked()


def test_worksheet_computes_live(new_page, site_url):
    page = new_page()
    page.goto(site_url + "tools/")
    form = page.locator("form[data-mc-worksheet]")
    form.wait_for(state="visible")
    page.fill("#ws-hours", "2")
    page.fill("#ws-meetings", "3")
    page.fill("#ws-preparation", "1.5")
    result = page.locator("[data-mc-worksheet-result]")
    assert result.text_content() == "A yes costs 10.5 hours: 6 in meetings and 4.5 preparing."
    assert result.get_attribute("aria-live") == "polite"


def test_everything_still_works_without_javascript(new_page, site_url):
    page = new_page(java_script_enabled=False)
    page.goto(site_url + "narratives/")
    assert page.locator("form[data-mc-filter]").count() == 0
    page.locator("nav[data-mc-facets] summary").click()
    link = page.locator("nav[data-mc-facets] a[data-mc-value=peer]")
    link.click()
    assert urlsplit(page.url).path.endswith("/narratives/forms/peer/")
    assert page.locator("h1").first.text_content() == "Peer mentoring"
    assert page.locator("li.mc-card").count() >= 1
    page.goto(site_url + "paths/first-90-days/")
    assert page.locator("ol.mc-steps > li").count() >= 3
    assert page.locator("ol.mc-steps input").count() == 0
    page.goto(site_url + "tools/")
    assert page.locator("form[data-mc-worksheet]").is_hidden()
    assert page.locator(".mc-worksheet__examples tbody tr").count() == 5
    page.goto(site_url + "map/")
    # Everyone drawn is in the table (by person, and in their mentors, mentees and peers).
    drawn = page.locator("svg[data-mc-map] a.mc-map__node").evaluate_all(
        "as => as.map(a => a.getAttribute('data-node')).sort()")
    listed = page.locator(".mc-map__table tbody a[data-node]").evaluate_all(
        "as => [...new Set(as.map(a => a.getAttribute('data-node')))].sort()")
    assert drawn and drawn == listed


# -- a listing split into pages: the filter searches every entry, not just this page's ---------


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """A fixture site with 61 narratives (pages of 50), built with the theme's scripts."""
    from finding_support import build_once, narrative_md

    files = {}
    for i in range(60):
        files[f"content/narratives/bulk-{i:02d}.md"] = narrative_md(
            f"Bulk story {i:02d}", "[ben]" if i % 2 else "[ana]",
            forms="[group]" if i % 3 == 0 else "[peer]",
            topics="[boundaries]" if i % 4 == 0 else "[belonging]",
            date=(dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat())
    site = build_once(tmp_path_factory.mktemp("paged"), files, scripts=True)
    with serve_folder(site.site_dir) as url:
        yield site, url


def test_filter_on_a_paginated_listing_searches_every_page(new_page, paged_site, offsite):
    site, base = paged_site
    data = json.loads((site.site_dir / "narratives/facets.json").read_text(encoding="utf-8"))
    items = data["items"]
    assert len(items) == 61
    groups = [i["title"] for i in items if "group" in i["values"].get("forms", [])]
    page = new_page()
    page.goto(base + "narratives/page/2/")
    page.wait_for_selector("form[data-mc-filter]")
    assert page.locator("ul[data-mc-items] > li").count() == 11  # this page: 51 to 61
    status = page.locator("[data-mc-status]")
    assert status.text_content().startswith("61 stories on all pages.")
    page.locator("input[name=forms][value=group]").check()
    assert query(page) == {"forms": ["group"]}
    results = page.locator("ul[data-mc-results] > li")
    assert results.count() == len(groups) > 11
    assert results.locator("h2").all_text_contents() == groups
    assert page.is_hidden("ul[data-mc-items]") and page.is_hidden(".mc-pagination")
    label = page.locator("label:has(input[name=topics][value=boundaries])")
    both = [i for i in items if "group" in i["values"].get("forms", [])
            and "boundaries" in i["values"].get("topics", [])]
    assert f"({len(both)})" in label.text_content()
    page.wait_for_function(
        "t => document.querySelector('[data-mc-status]').textContent === t",
        arg=f"Showing {len(groups)} of 61 stories.")
    first = results.first.locator("a")
    title = first.text_content()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.text_content() == title
    page.go_back()
    page.wait_for_selector("ul[data-mc-results] > li")
    page.locator(".mc-filter__clear").click()
    assert page.is_visible("ul[data-mc-items]") and page.is_visible(".mc-pagination")
    assert page.is_hidden("ul[data-mc-results]")
    assert offsite.urls == []
