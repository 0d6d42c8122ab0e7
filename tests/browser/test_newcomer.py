"""A newcomer's questions in a real browser (issue 17): on a phone's first screen the home page
offers her four questions, one tap each, and Material's search finds the stories of people
who started as library staff by her own word for it ("paraprofessional": vocabularies.yml
also_called)."""

from __future__ import annotations

import pytest

from .pagekinds import open_kind, page_kinds

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# The shipped stories whose authors were library staff at the time (roles_then: staff).
STAFF_STORIES = ("Denise Leyton:", "Jesus Espinoza:", "Naomi Binnie:")
QUESTIONS = {
    "paths/first-90-days/": "What do I do this week?",
    "find-a-mentor/": "How do I find a mentor or a peer?",
    "narratives/": "Did anyone like me do this?",
    "tools/": "What do we talk about?",
}


@pytest.fixture(scope="session")
def kinds(built_site):
    return page_kinds(built_site)


def test_the_four_questions_are_on_the_first_phone_screen(kinds, new_page, site_url,
                                                           built_site, offsite):
    page = new_page(**PHONE)
    open_kind(page, site_url, built_site, kinds["home"])
    for href, question in QUESTIONS.items():
        link = page.locator(f'article .mc-questions a[href$="{href}"]')
        assert link.count() == 1, href
        assert question in link.inner_text()
        box = link.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, (href, box)
        assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2 2.5.8 target size
    # One tap away: the find-a-mentor page opens from it.
    page.locator('article .mc-questions a[href$="find-a-mentor/"]').tap()
    page.wait_for_url("**/find-a-mentor/")
    assert page.locator("article h1").inner_text() == "Find a mentor or a peer"
    assert offsite.urls == []


# One-word queries: for "support staff" or "library assistant" Material ranks every page with
# "staff" or "library" in its title first (see the note on "person of colour" below).
@pytest.mark.parametrize("query", ["paraprofessional"])
def test_material_search_finds_staff_stories_by_the_readers_word(query, kinds, new_page,
                                                                 site_url, built_site):
    page = new_page()
    open_kind(page, site_url, built_site, kinds["home"])
    page.focus(".md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=15000)
    page.wait_for_load_state("networkidle")
    titles = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a:first-child h1",
        "hs => hs.map(h => h.textContent.trim())")
    assert titles, "no results"
    assert any(t.startswith(STAFF_STORIES) for t in titles[:3]), titles


def test_material_search_for_find_a_mentor_puts_the_page_first(kinds, new_page, site_url,
                                                              built_site):
    page = new_page()
    open_kind(page, site_url, built_site, kinds["home"])
    page.focus(".md-search__input")
    page.keyboard.type("find a mentor")
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=15000)
    page.wait_for_load_state("networkidle")
    first = page.eval_on_selector(
        ".md-search-result__list > .md-search-result__item > a:first-child h1",
        "h => h.textContent.trim()")
    assert first == "Find a mentor or a peer"



# Not "person of colour": Material's search scores any page with "person" in its title ("In
# person") above pages that have both words in their text, and its query transform cannot be
# changed since Material 9.0. Pagefind, which needs every word, finds them (test_search.py).
@pytest.mark.parametrize("query", ["BIPOC"])
def test_material_search_finds_programs_for_bipoc_workers_by_the_readers_words(
        query, kinds, new_page, site_url, built_site):
    # The audience's also_called words are on every program page for BIPOC library workers.
    page = new_page()
    open_kind(page, site_url, built_site, kinds["home"])
    page.focus(".md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=15000)
    page.wait_for_load_state("networkidle")
    titles = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a:first-child h1",
        "hs => hs.map(h => h.textContent.trim())")
    bipoc = ("ALA Spectrum Scholarship Program", "We Here",
             "ACRL Dr. E. J. Josey Spectrum Scholar Mentor Program")
    assert any(t in bipoc for t in titles[:3]), titles
