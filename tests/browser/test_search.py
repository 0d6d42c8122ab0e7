"""The Pagefind search page (``pagefind: on``, the configuration advised for large sites) in a
real browser: results for a query, the query in the URL (reload and back button), keyboard
use, excerpts that cannot carry markup, axe-core in both palettes, and no request off the host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, build_shipped, serve_folder
from .pagekinds import AXE, AXE_INSTALL, describe_violations, no_transitions, require, run_axe


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, built with Pagefind instead of Material's search, and indexed in
    parts as a large site is (pagefind.PAGES_PER_INDEX), so the search runs on a joined index."""
    from mentoring_commons.mkdocs.search import pagefind
    from mentoring_commons.mkdocs.search.pagefind import (
        indexed_pages,
        pagefind_command,
        split_pages,
    )

    require(pagefind_command() is not None, "Pagefind is not installed (pip install "
            "'pagefind[bin]', part of the test extras)")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = config.replace("      edition: !ENV [COMMONS_EDITION, public]\n",
                            "      edition: public\n      pagefind: \"on\"\n")
    config = config.replace("\n  - search\n", "\n")
    config = config.replace("  - Glossary: glossary.md\n",
                            "  - Glossary: glossary.md\n  - Search: search.md\n")
    assert 'pagefind: "on"' in config and "Search: search.md" in config
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind, "PAGES_PER_INDEX", 20)
        site = build_shipped(tmp_path_factory.mktemp("search-site"), config)
    assert len(split_pages(indexed_pages(site), 20)) >= 2
    return site


@pytest.fixture(scope="module")
def search_url(search_site: Path) -> Iterator[str]:
    with serve_folder(search_site) as url:
        yield url + "search/"


def results(page) -> list[str]:
    return page.eval_on_selector_all("[data-mc-search-results] li h2 a",
                                     "links => links.map(a => a.textContent)")


def test_a_search_by_keyboard_finds_pages_and_keeps_the_query_in_the_url(
        new_page, search_url, offsite):
    page = new_page()
    page.goto(search_url)
    page.locator("#mc-search-q").focus()
    page.keyboard.type("mentoring")
    page.keyboard.press("Enter")
    status = page.locator("[data-mc-search-status]")
    page.wait_for_function(
        "() => document.querySelector('[data-mc-search-status]').textContent.includes('result')")
    assert status.get_attribute("role") == "status"
    found = results(page)
    assert 1 <= len(found) <= 10
    assert status.text_content().endswith("for “mentoring”.")
    assert page.evaluate("() => location.search") == "?q=mentoring"
    # Excerpts keep Pagefind's <mark> around the words found, and nothing else.
    marks = page.eval_on_selector_all("[data-mc-search-results] mark", "m => m.length")
    assert marks >= 1
    assert page.eval_on_selector_all("[data-mc-search-results] p *",
                                     "els => els.every(e => e.tagName === 'MARK')")
    # Reload: the query comes back from the URL, with the same results.
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('[data-mc-search-results] li')"
                           ".length > 0")
    assert page.input_value("#mc-search-q") == "mentoring" and results(page) == found
    # A second search, then the back button returns to the first.
    page.fill("#mc-search-q", "zzqqnothing")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-mc-search-status]').textContent.startsWith('No')")
    assert results(page) == []
    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('[data-mc-search-results] li')"
                           ".length > 0")
    assert page.input_value("#mc-search-q") == "mentoring"
    # Each result is a link into this site that opens its page.
    href = page.get_attribute("[data-mc-search-results] li h2 a", "href")
    assert href.startswith("/") and "127.0.0.1" not in href
    page.click("[data-mc-search-results] li h2 a")
    page.wait_for_load_state()
    assert page.url != search_url and page.locator("h1").count() >= 1
    assert offsite.urls == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results_passes_axe(scheme, new_page, search_url, offsite):
    require(AXE.is_file(), f"axe-core is not installed ({AXE_INSTALL})")
    page = new_page(color_scheme=scheme)
    page.goto(search_url + "?q=peer")
    page.wait_for_function("() => document.querySelectorAll('[data-mc-search-results] li')"
                           ".length > 0")
    no_transitions(page)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    assert offsite.urls == []


def test_pagefind_finds_a_staff_to_librarian_story_by_the_readers_word(new_page, search_url):
    # "paraprofessional" is in no story's text: the stories whose authors were library staff
    # at the time show the value's also_called words (vocabularies.yml) on their page.
    page = new_page()
    page.goto(search_url + "?q=paraprofessional")
    page.wait_for_function("() => document.querySelectorAll('[data-mc-search-results] li')"
                           ".length > 0")
    found = results(page)
    assert any(t.startswith(("Denise Leyton:", "Jesus Espinoza:", "Naomi Binnie:"))
               for t in found[:3]), found


def test_pagefind_finds_programs_for_bipoc_workers_by_person_of_colour(new_page, search_url):
    # Material's search answered this with "In person" pages (issue 17); the audience's
    # also_called words are on every program page for BIPOC library workers.
    page = new_page()
    page.goto(search_url + "?q=person+of+colour")
    page.wait_for_function("() => document.querySelectorAll('[data-mc-search-results] li')"
                           ".length > 0")
    found = results(page)
    assert any(t in ("ALA Spectrum Scholarship Program", "We Here",
                     "ACRL Dr. E. J. Josey Spectrum Scholar Mentor Program")
               for t in found[:3]), found
