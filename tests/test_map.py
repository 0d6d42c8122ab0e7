"""The mentoring map: the SVG's edges and the table's rows agree with each other and with the
relationships in named narratives; nodes are accessible links; text is escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from finding_support import article, build_once, load_site_data, narrative_md, person_yml
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.publish.boundary import Edition, select
from mentoring_commons.core.site.data import build_site_data
from mentoring_commons.core.site.mentoringmap import build_map, map_edges

CAL = 'Cal "Q" O\'Brien & Co'


def rels(*pairs: tuple[str, str]) -> str:
    lines = "".join(f"  - person: {p}\n    direction: {d}\n" for p, d in pairs)
    return f"relationships:\n{lines}"


FILES: dict[str, str | None] = {
    "content/people/cal.yml": person_yml(CAL.replace('"', '\\"').join('""'), stage="mid-career"),
    "content/people/eve.yml": person_yml("Eve Internal", visibility="internal"),
    "content/narratives/ana-mentored.md": narrative_md(
        "Ana is mentored", "[ana]", extra=rels(("cal", "mentor"), ("eve", "peer"))),
    "content/narratives/cal-story.md": narrative_md(
        "Cal's story", "[cal]", extra=rels(("ana", "mentee"), ("ben", "peer"))),
    "content/narratives/cal-turned-tables.md": narrative_md(
        "Turning the tables", "[cal]", extra=rels(("ana", "mentor"))),
    # Pseudonymous: its relationships never reach the map or any person page.
    "content/narratives/a-quiet-story.md": narrative_md(
        "A quiet story", "[cal]", naming="pseudonym", extra=rels(("ben", "mentor"))),
}

EXPECTED = {
    ("ana", "ben", "peer"),  # the base fixture's story: Ben was Ana's peer
    ("cal", "ana", "mentoring"),  # Cal mentored Ana (told by both of them: one edge)
    ("ana", "cal", "mentoring"),  # and later Ana mentored Cal
    ("ben", "cal", "peer"),
}


def test_relationships_become_directed_merged_edges(tmp_path):
    site = load_site_data(tmp_path, FILES)
    edges = map_edges(site)
    assert {(e.source, e.target, e.kind) for e in edges} == EXPECTED
    both = next(e for e in edges if (e.source, e.target) == ("cal", "ana"))
    assert both.narratives == ("ana-mentored", "cal-story")
    drawn = build_map(site)
    assert drawn.drawn and [n.id for n in drawn.nodes] == ["ana", "ben", "cal"]
    assert all(e.path.startswith("M") for e in drawn.edges)
    assert drawn.unconnected == 0
    # Mentoring edges curve (so A->B and B->A are two arrows); peer edges are straight.
    assert all((" Q" in e.path) == (e.kind == "mentoring") for e in drawn.edges)
    assert build_map(site) == drawn  # deterministic
    table_only = build_map(site, max_drawn=2)
    assert not table_only.drawn and all(e.path == "" for e in table_only.edges)
    assert len(table_only.edges) == 4
    # Too many relationships to draw is table-only too, however few the people.
    assert not build_map(site, max_edges=3).drawn


def test_a_large_map_table_is_split_into_pages(tmp_path):
    from mentoring_commons.core.site.mentoringmap import plan_map

    site = load_site_data(tmp_path, FILES)
    plans = plan_map(site, per_page=3)
    assert [p.src_uri for p in plans] == ["map.md", "map/page/2.md"]
    rows = [e for p in plans for e in p.context["rows"]]
    assert rows == build_map(site).edges  # every relationship once, in order
    assert plans[1].title == "The mentoring map, page 2 of 2"
    assert [len(p.context["rows"]) for p in plans] == [3, 1]


def test_the_pages_of_a_split_map_table_are_built_and_linked(tmp_path, monkeypatch):
    monkeypatch.setattr("mentoring_commons.core.site.mentoringmap.EDGES_PER_PAGE", 3)
    built = build_once(tmp_path, FILES)
    first, second = article(built, "map/index.html"), article(built, "map/page/2/index.html")
    assert len(first.select(".mc-map__table tbody tr")) == 3
    assert len(second.select(".mc-map__table tbody tr")) == 1
    assert second.one("a[rel=prev]").attrs["href"] == "../../"
    assert first.one("a[rel=next]").attrs["href"] == "page/2/"
    # The picture is on the first page only.
    assert first.select("svg[data-mc-map]") and not second.select("svg[data-mc-map]")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("map"), FILES)


def svg_edges(page) -> set[tuple[str, str, str]]:
    return {(p.attrs["data-from"], p.attrs["data-to"], p.attrs["data-kind"])
            for p in page.select("svg[data-mc-map] path.mc-map__edge")}


def table_rows(page) -> set[tuple[str, str, str]]:
    rows = page.select(".mc-map__table tbody tr")
    for row in rows:  # the visible cells say the same as the data attributes
        people = [a.attrs["href"].split("/")[-2] for a in row.select("a")[:2]]
        assert people == [row.attrs["data-from"], row.attrs["data-to"]]
        verb = row.select("td")[0].text
        assert verb == ("mentored" if row.attrs["data-kind"] == "mentoring" else "peers with")
    return {(r.attrs["data-from"], r.attrs["data-to"], r.attrs["data-kind"]) for r in rows}


def test_svg_and_table_agree_with_the_relationships(built):
    page = article(built, "map/index.html")
    assert svg_edges(page) == table_rows(page) == EXPECTED
    arrows = page.select("svg[data-mc-map] path[marker-end]")
    assert {p.attrs["data-kind"] for p in arrows} == {"mentoring"}  # not colour alone
    legend = page.one("ul.mc-map__legend").text
    assert "arrow" in legend and "Dashed" in legend
    row = next(r for r in page.select(".mc-map__table tbody tr")
               if r.attrs["data-from"] == "cal" and r.attrs["data-to"] == "ana")
    assert [a.text for a in row.select("td")[-1].select("a")] == ["Ana is mentored",
                                                                   "Cal's story"]


def test_nodes_are_named_links_and_text_is_escaped(built):
    page = article(built, "map/index.html")
    nodes = page.select("svg[data-mc-map] a.mc-map__node")
    assert {a.attrs["data-person"]: (a.attrs["href"], a.attrs["aria-label"]) for a in nodes} == {
        "ana": ("../people/ana/", "Ana Example"), "ben": ("../people/ben/", "Ben Sample"),
        "cal": ("../people/cal/", CAL)}
    assert [a.one("text").text for a in nodes] == ["Ana Example", "Ben Sample", CAL]
    raw = built.html("map/index.html")
    start = raw.index('<svg class="mc-map__svg"')
    svg = raw[start:raw.index("</svg>", start)]
    assert "&amp; Co" in svg and "& Co" not in svg and '"Q"' not in svg
    assert "Eve Internal" not in raw and "A quiet story" not in raw


def test_shipped_map_matches_the_shipped_relationships(tmp_path):
    catalog, report = check_content(REPO / "content")
    assert not report.has_errors
    site = build_site_data(select(catalog, Edition("public")))
    drawn = build_map(site)
    expected = set()
    for edge in site.backlinks.edges:
        if edge.direction == "mentor":
            expected.add((edge.target, edge.source, "mentoring"))
        elif edge.direction == "mentee":
            expected.add((edge.source, edge.target, "mentoring"))
        else:
            expected.add((*sorted((edge.source, edge.target)), "peer"))
    assert {(e.source, e.target, e.kind) for e in drawn.edges} == expected
    assert drawn.drawn and len(drawn.nodes) == len({p for e in expected for p in e[:2]})
    for e in drawn.edges:
        assert re.fullmatch(r"M-?[\d.]+ -?[\d.]+ (L|Q-?[\d.]+ -?[\d.]+ )-?[\d.]+ -?[\d.]+",
                            e.path), e.path
    assert Path(REPO / "mkdocs.yml").read_text(encoding="utf-8").count("map.md") == 1
