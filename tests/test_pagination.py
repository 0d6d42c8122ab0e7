"""Long listings are split into numbered pages; short ones stay exactly one page."""

from __future__ import annotations

import pytest
from conftest import NARRATIVE_ANA, PERSON_BEN
from mentoring_commons.core.site import paginate as paginate_mod
from mentoring_commons.core.site.paginate import page_uri, paginate
from test_build import broken_links, main_text


@pytest.mark.parametrize(("base", "number", "expected"), [
    ("narratives/index.md", 1, "narratives/index.md"),
    ("narratives/index.md", 2, "narratives/page/2.md"),
    ("index.md", 3, "page/3.md"),
    ("narratives/topics/belonging.md", 2, "narratives/topics/belonging/page/2.md"),
])
def test_page_uris_keep_the_first_page_where_it_was(base, number, expected) -> None:
    assert page_uri(base, number) == expected


def test_a_short_listing_is_one_page_without_links() -> None:
    [(items, pages)] = paginate(list("abc"), "x/index.md", per_page=3)
    assert list(items) == list("abc")
    assert (pages.number, pages.count, pages.total, pages.first, pages.last) == (1, 1, 3, 1, 3)
    assert not pages.paginated and pages.links == () and pages.previous is pages.next is None
    [(items, pages)] = paginate([], "x/index.md")
    assert (list(items), pages.count, pages.first, pages.last) == ([], 1, 0, 0)


def test_every_item_is_on_exactly_one_page_in_order() -> None:
    items = list(range(23))
    pages = paginate(items, "x/index.md", per_page=5)
    assert [i for chunk, _ in pages for i in chunk] == items
    assert [p.src_uri for _, p in pages] == ["x/index.md"] + [f"x/page/{n}.md"
                                                              for n in (2, 3, 4, 5)]
    third = pages[2][1]
    assert (third.first, third.last, third.previous, third.next) == (
        11, 15, "x/page/2.md", "x/page/4.md")
    assert pages[-1][1].last == 23 and pages[-1][1].next is None


def test_page_links_show_the_ends_and_the_neighbourhood_with_gaps() -> None:
    pages = paginate(list(range(100)), "x/index.md", per_page=5)  # 20 pages
    links = pages[9][1].links  # page 10
    assert [link.number for link in links] == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert [link.number for link in links if link.current] == [10]
    assert [link.number for link in pages[0][1].links] == [1, 2, 3, None, 20]


def test_sections_link_to_the_page_where_each_starts() -> None:
    years = [2025] * 4 + [2024] * 3 + [2020] * 5
    pages = paginate(years, "n/index.md", per_page=5, section=str)
    assert pages[0][1].sections == (("2025", "n/index.md"), ("2024", "n/index.md"),
                                    ("2020", "n/page/2.md"))
    assert pages[2][1].sections == pages[0][1].sections  # every page can jump anywhere


def narrative(nid: str, title: str, date: str) -> str:
    return (NARRATIVE_ANA.replace("Finding my people", title)
            .replace("date: 2025-02-01", f"date: {date}")
            .replace("Ana arrived", f"{title} begins. Ana arrived"))


def test_a_long_listing_is_built_as_linked_pages(make_site, monkeypatch) -> None:
    monkeypatch.setattr(paginate_mod, "PER_PAGE", 2)
    stories = {f"story-{n}": (f"Story number {n}", f"20{10 + n}-03-01") for n in range(1, 6)}
    site = make_site({
        **{f"content/narratives/{nid}.md": narrative(nid, title, date)
           for nid, (title, date) in stories.items()},
        "content/people/cleo.yml": PERSON_BEN.replace("Ben Sample", "Cleo Example"),
    })
    site.build()
    firsts = [main_text(site.html(rel)) for rel in (
        "narratives/index.html", "narratives/page/2/index.html", "narratives/page/3/index.html")]
    # Six stories (the fixture's own is from 2025), newest first, two to a page.
    order = ["Finding my people", "Story number 5", "Story number 4", "Story number 3",
             "Story number 2", "Story number 1"]
    listed = [title for text in firsts for title in order if title in text]
    assert listed == order
    assert "6 stories, newest first" in firsts[0]
    assert "Page 2 of 3: stories 3 to 4 of 6." in firsts[1]
    second = site.html("narratives/page/2/index.html")
    assert '<title>Narratives, page 2 of 3 - Test Commons</title>' in second
    assert 'href="../../" rel="prev"' in second and 'href="../3/" rel="next"' in second
    assert 'aria-current="page" aria-label="Page 2, this page">2</a>' in second
    assert 'Years: <a href="../../">2025</a> · <a href="../../">2015</a>' in second
    # People are paginated the same way; a listing that fits stays one page with no links.
    assert "Page 1 of 2: people 1 to 2 of 3." in main_text(site.html("people/index.html"))
    assert "Names starting with:" in site.html("people/page/2/index.html")
    programs = site.html("programs/index.html")
    assert "mc-pagination" not in programs and "Page 1 of" not in programs
    assert broken_links(site.site_dir, "/") == []


def test_short_listings_are_unchanged(make_site) -> None:
    site = make_site()
    site.build()
    html = site.html("narratives/index.html")
    assert "mc-pagination" not in html
    assert not (site.site_dir / "narratives/page").exists()
