"""The mentoring map: the SVG's edges and the table's rows agree with each other and with the
relationships in named narratives; nodes are accessible links; text is escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, person_pseudonym
from finding_support import article, build_once, load_site_data, narrative_md, person_yml
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.publish.boundary import Edition, select
from mentoring_commons.core.site.data import build_site_data
from mentoring_commons.core.site.mentoringmap import build_map, map_edges

CAL = 'Cal "Q" O\'Brien & Co'


def rels(*pairs: tuple[str, str]) -> str:
    lines = "".join(f"  - {'someone' if ' ' in p else 'person'}: {p}\n    direction: {d}\n"
                    for p, d in pairs)
    return f"relationships:\n{lines}"


RESIDENCY = "a mentor in the residency & \"outreach\" program"
FILES: dict[str, str | None] = {
    "content/people/cal.yml": person_yml(CAL.replace('"', '\\"').join('""'), stage="mid-career"),
    "content/people/eve.yml": person_yml("Eve Internal", visibility="internal"),
    "content/people/dee.yml": person_yml("Dee Apart"),
    "content/people/fay.yml": person_yml("Fay Apart"),
    "content/narratives/ana-mentored.md": narrative_md(
        "Ana is mentored", "[ana]", extra=rels(("cal", "mentor"), ("eve", "peer"),
                                               (RESIDENCY, "mentor"))),
    "content/narratives/cal-story.md": narrative_md(
        "Cal's story", "[cal]", extra=rels(("ana", "mentee"), ("ben", "peer"))),
    "content/narratives/cal-turned-tables.md": narrative_md(
        "Turning the tables", "[cal]", extra=rels(("ana", "mentor"))),
    # Pseudonymous: its relationships never reach the map or any person page.
    # (Internal: no page, no node. A one-word pseudonym, which the leak scan does not look for
    # as the internal entry's name.)
    "content/people/quill.yml": person_pseudonym("Quill"),
    "content/narratives/a-quiet-story.md": narrative_md(
        "A quiet story", "[quill]", naming="pseudonym",
        extra=rels(("ben", "mentor"), ("a quiet mentor", "mentor"))
    ).replace("A. Nonymous", "Quill"),
    # A second community, linked to the first by nobody.
    "content/narratives/dee-and-fay.md": narrative_md(
        "Dee and Fay", "[dee]", extra=rels(("fay", "peer"), ("a mentee of Dee's", "mentee"))),
}

EXPECTED = {
    ("ana", "ben", "peer"),  # the base fixture's story: Ben was Ana's peer
    ("cal", "ana", "mentoring"),  # Cal mentored Ana (told by both of them: one edge)
    ("ana", "cal", "mentoring"),  # and later Ana mentored Cal
    ("ben", "cal", "peer"),
    ("ana-mentored~1", "ana", "mentoring"),  # someone without an entry mentored Ana
    ("dee", "fay", "peer"),
    ("dee", "dee-and-fay~1", "mentoring"),
}


def test_relationships_become_directed_merged_edges(tmp_path):
    site = load_site_data(tmp_path, FILES)
    edges = map_edges(site)
    assert {(e.source, e.target, e.kind) for e in edges} == EXPECTED
    both = next(e for e in edges if (e.source, e.target) == ("cal", "ana"))
    assert both.narratives == ("ana-mentored", "cal-story")
    drawn = build_map(site)
    assert drawn.drawn and sorted(n.id for n in drawn.nodes) == sorted(
        ["ana", "ben", "cal", "dee", "fay", "ana-mentored~1", "dee-and-fay~1"])
    unnamed = drawn.people["ana-mentored~1"]
    assert (unnamed.name, unnamed.person, unnamed.narrative) == (RESIDENCY, None, "ana-mentored")
    assert drawn.unnamed == 2 and drawn.components == 2
    assert all(e.path.startswith("M") for e in drawn.edges)
    assert drawn.unconnected == 0
    # Only mentoring both ways curves (two visible arrows); everything else is straight.
    curved = {(e.source, e.target) for e in drawn.edges if " Q" in e.path}
    assert curved == {("cal", "ana"), ("ana", "cal")}
    assert build_map(site) == drawn  # deterministic
    table_only = build_map(site, max_drawn=2)
    assert not table_only.drawn and all(e.path == "" for e in table_only.edges)
    assert len(table_only.edges) == len(EXPECTED)
    # Too many relationships to draw is table-only too, however few the people.
    assert not build_map(site, max_edges=3).drawn


def test_the_table_groups_relationships_by_person(tmp_path):
    site = load_site_data(tmp_path, FILES)
    rows = {r.person: r for r in build_map(site).rows}
    assert list(rows) == ["ana", "ben", "cal", "dee", "fay"]  # by name; people with entries
    ana = rows["ana"]
    assert ana.mentors == ("ana-mentored~1", "cal") and ana.mentees == ("cal",)
    assert ana.peers == ("ben",)
    assert {"ana-mentored", "cal-story", "cal-turned-tables"} <= set(ana.narratives)
    assert "a-quiet-story" not in ana.narratives and list(ana.narratives) == sorted(ana.narratives)
    assert rows["dee"].mentees == ("dee-and-fay~1",) and rows["dee"].peers == ("fay",)


def test_a_large_map_table_is_split_into_pages(tmp_path):
    from mentoring_commons.core.site.mentoringmap import plan_map

    site = load_site_data(tmp_path, FILES)
    plans = plan_map(site, per_page=3)
    assert [p.src_uri for p in plans] == ["map.md", "map/page/2.md"]
    rows = [r for p in plans for r in p.context["rows"]]
    assert rows == build_map(site).rows  # every person once, in order
    assert plans[1].title == "The mentoring map, page 2 of 2"
    assert [len(p.context["rows"]) for p in plans] == [3, 2]


def test_the_pages_of_a_split_map_table_are_built_and_linked(tmp_path, monkeypatch):
    monkeypatch.setattr("mentoring_commons.core.site.mentoringmap.ROWS_PER_PAGE", 3)
    built = build_once(tmp_path, FILES)
    first, second = article(built, "map/index.html"), article(built, "map/page/2/index.html")
    assert len(first.select(".mc-map__table tbody tr")) == 3
    assert len(second.select(".mc-map__table tbody tr")) == 2
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


def table_edges(page) -> set[tuple[str, str, str]]:
    """The relationships the table shows, read back from its cells: each person's mentors,
    mentees and peers, named by the node each link stands for."""
    found = set()
    for row in page.select(".mc-map__table tbody tr"):
        person = row.attrs["data-person"]
        assert row.one("th a").attrs["data-node"] == person
        for role in ("mentors", "mentees", "peers"):
            for a in row.one(f'td[data-role="{role}"]').select("a"):
                other = a.attrs["data-node"]
                node = page.one(f'svg a.mc-map__node[data-node="{other}"]')
                assert node.attrs["href"] == a.attrs["href"]  # the same link as the picture
                if role == "mentors":
                    found.add((other, person, "mentoring"))
                elif role == "mentees":
                    found.add((person, other, "mentoring"))
                else:
                    found.add((*sorted((person, other)), "peer"))
    return found


def test_svg_and_table_agree_with_the_relationships(built):
    page = article(built, "map/index.html")
    assert svg_edges(page) == table_edges(page) == EXPECTED
    arrows = page.select("svg[data-mc-map] path[marker-end]")
    assert {(p.attrs["data-from"], p.attrs["data-to"]) for p in arrows} == {
        (s, t) for s, t, kind in EXPECTED if kind == "mentoring"}  # not colour alone
    legend = page.one("ul.mc-map__legend").text
    assert "arrow" in legend and "Dashed line" in legend and "without naming" in legend
    row = next(r for r in page.select(".mc-map__table tbody tr") if r.attrs["data-person"] == "cal")
    assert [a.text for a in row.one('td[data-role="stories"]').select("a")] == [
        "Ana is mentored", "Cal's story", "Turning the tables"]


def test_the_legend_explains_only_what_is_drawn(tmp_path):
    peers_only = {**FILES, **{name: None for name in FILES if name.startswith("content/narr")}}
    page = article(build_once(tmp_path, peers_only), "map/index.html")
    legend = page.one("ul.mc-map__legend").text
    assert "Dashed line" in legend and "mentoring" not in legend and "without naming" not in legend
    assert not page.select("marker")


def test_nodes_are_links_and_text_is_escaped(built):
    page = article(built, "map/index.html")
    nodes = page.select("svg[data-mc-map] a.mc-map__node")
    named = {a.attrs["data-person"]: (a.attrs["href"], a.attrs["aria-label"])
             for a in nodes if "data-person" in a.attrs}
    assert named == {
        "ana": ("../people/ana/", "Ana Example"), "ben": ("../people/ben/", "Ben Sample"),
        "cal": ("../people/cal/", CAL), "dee": ("../people/dee/", "Dee Apart"),
        "fay": ("../people/fay/", "Fay Apart")}
    unnamed = page.one('a.mc-map__node[data-node="ana-mentored~1"]')
    assert unnamed.attrs["href"] == "../narratives/ana-mentored/"
    assert unnamed.attrs["aria-label"] == f"{RESIDENCY}, in the story \u201cAna is mentored\u201d"
    assert "mc-map__node--unnamed" in unnamed.attrs["class"]
    assert " ".join(s.text.strip() for s in unnamed.select("tspan")) == RESIDENCY
    raw = built.html("map/index.html")
    start = raw.index('<svg class="mc-map__svg"')
    svg = raw[start:raw.index("</svg>", start)]
    assert "&amp; Co" in svg and "& Co" not in svg and '"Q"' not in svg
    assert "residency &amp; &#34;outreach&#34;" in svg and "residency & " not in raw
    # A wrapped label's lines end in a space, so its text reads as words (WCAG 2.5.3).
    assert re.search(r'<tspan x="[-\d.]+">a mentor in the </tspan>', svg)
    assert "Eve Internal" not in raw and "A quiet story" not in raw
    assert "a quiet mentor" not in raw


def shipped_map():
    catalog, report = check_content(REPO / "content")
    assert not report.has_errors
    site = build_site_data(select(catalog, Edition("public")))
    return site, build_map(site)


def test_shipped_map_matches_the_shipped_relationships():
    site, drawn = shipped_map()
    expected = set()
    for edge in [*site.backlinks.edges, *site.backlinks.unnamed_edges]:
        other = next(p.id for p in drawn.people.values()
                     if (p.person == edge.target if edge.target else
                         (p.narrative, p.name) == (edge.narrative, edge.someone)))
        if edge.direction == "mentor":
            expected.add((other, edge.source, "mentoring"))
        elif edge.direction == "mentee":
            expected.add((edge.source, other, "mentoring"))
        else:
            expected.add((*sorted((edge.source, other)), "peer"))
    assert {(e.source, e.target, e.kind) for e in drawn.edges} == expected
    assert drawn.drawn and len(drawn.nodes) == len({p for e in expected for p in e[:2]})
    # The mentors the stories are about, who have no person entry, are on the map.
    assert drawn.unnamed >= 4 and {e.kind for e in drawn.edges} == {"mentoring", "peer"}
    for e in drawn.edges:
        assert re.fullmatch(r"M-?[\d.]+ -?[\d.]+ (L|Q-?[\d.]+ -?[\d.]+ )-?[\d.]+ -?[\d.]+",
                            e.path), e.path
    assert Path(REPO / "mkdocs.yml").read_text(encoding="utf-8").count("map.md") == 1


# -- Geometry -------------------------------------------------------------------------------

def _points(path: str) -> list[tuple[float, float]]:
    """A path's line as points: a straight line's two ends, a quadratic curve sampled."""
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", path)]
    if " L" in path:
        return [(numbers[0], numbers[1]), (numbers[2], numbers[3])]
    (x0, y0, cx, cy, x1, y1) = numbers
    steps = 24
    return [((1 - s) ** 2 * x0 + 2 * (1 - s) * s * cx + s * s * x1,
             (1 - s) ** 2 * y0 + 2 * (1 - s) * s * cy + s * s * y1)
            for s in (i / steps for i in range(steps + 1))]


def _cross(p, q, r, s) -> bool:
    """Whether segments pq and rs share a point."""
    def orient(a, b, c):
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(value) < 1e-9 else (1 if value > 0 else -1)

    def on(a, b, c):
        return (min(a[0], b[0]) - 1e-9 <= c[0] <= max(a[0], b[0]) + 1e-9
                and min(a[1], b[1]) - 1e-9 <= c[1] <= max(a[1], b[1]) + 1e-9)

    o1, o2, o3, o4 = orient(p, q, r), orient(p, q, s), orient(r, s, p), orient(r, s, q)
    if o1 != o2 and o3 != o4:
        return True
    return any(o == 0 and on(a, b, c) for o, a, b, c in
               ((o1, p, q, r), (o2, p, q, s), (o3, r, s, p), (o4, r, s, q)))


def _edges_cross(a: str, b: str) -> bool:
    pa, pb = _points(a), _points(b)
    return any(_cross(pa[i], pa[i + 1], pb[j], pb[j + 1])
               for i in range(len(pa) - 1) for j in range(len(pb) - 1))


def test_the_crossing_check_finds_crossings():
    assert _edges_cross("M0 0 L10 10", "M0 10 L10 0")
    assert not _edges_cross("M0 0 L10 0", "M0 5 L10 5")
    assert _edges_cross("M0 0 Q5 20 10 0", "M0 5 L10 5")  # the curve dips through the line
    assert not _edges_cross("M0 0 Q5 -20 10 0", "M0 5 L10 5")


def separate_communities(tmp_path):
    """Three communities, one of them a chain long enough to wrap around the others."""
    files = dict(FILES)
    names = ["Ida Chain", "Jo Chain", "Kit Chain", "Lou Chain", "Max Chain", "Ned Chain"]
    ids = [name.lower().replace(" ", "-") for name in names]
    for pid, name in zip(ids, names, strict=True):
        files[f"content/people/{pid}.yml"] = person_yml(name)
    for i in range(5):
        files[f"content/narratives/story-{i}.md"] = narrative_md(
            f"Story {i}", f"[{ids[i]}]", extra=rels(
                (ids[i + 1], "mentor" if i % 2 else "peer"),
                ("someone they met at a conference", "peer")))
    return build_map(load_site_data(tmp_path, files))


@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_edges_of_separate_components_never_cross(which, tmp_path):
    drawn = shipped_map()[1] if which == "shipped" else separate_communities(tmp_path)
    assert drawn.components >= 2
    for i, a in enumerate(drawn.edges):
        for b in drawn.edges[i + 1:]:
            if a.component != b.component:
                assert not _edges_cross(a.path, b.path), (a, b)
    # Each component keeps to its own rectangle: their nodes' boxes are apart.
    boxes: dict[int, list[float]] = {}
    for node in drawn.nodes:
        x, y, w, h = (float(v) for v in node.hit)
        box = boxes.setdefault(node.component, [x, y, x + w, y + h])
        box[:] = [min(box[0], x), min(box[1], y), max(box[2], x + w), max(box[3], y + h)]
    rects = list(boxes.values())
    for i, r in enumerate(rects):
        for s in rects[i + 1:]:
            assert r[2] <= s[0] or s[2] <= r[0] or r[3] <= s[1] or s[3] <= r[1], (r, s)


@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_node_boxes_do_not_overlap(which, tmp_path):
    drawn = shipped_map()[1] if which == "shipped" else separate_communities(tmp_path)
    boxes = [tuple(float(v) for v in n.hit) for n in drawn.nodes]
    for i, (x, y, w, h) in enumerate(boxes):
        for (x2, y2, w2, h2) in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y


PHONE_CONTENT = 390 - 2 * 16  # a 390 px screen less Material's 0.8rem margins


@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_labels_are_at_least_12_px_on_a_390_px_phone(which, tmp_path):
    from mentoring_commons.core.site.mentoringmap import FONT_SIZE

    drawn = shipped_map()[1] if which == "shipped" else separate_communities(tmp_path)
    view_width = float(drawn.view_box.split()[2])
    assert FONT_SIZE * min(1.0, PHONE_CONTENT / view_width) >= 12
    css = (REPO / "theme/assets/finding.css").read_text(encoding="utf-8")
    assert re.search(r"\.mc-map__node text \{[^}]*font-size: 13px", css)  # the same size
    assert FONT_SIZE == 13


def test_layout_is_deterministic(tmp_path):
    first = separate_communities(tmp_path / "a")
    again = separate_communities(tmp_path / "b")
    assert first == again
    assert [(n.id, n.x, n.y) for n in first.nodes] == [(n.id, n.x, n.y) for n in again.nodes]


@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_no_edge_runs_through_a_node_it_does_not_join(which, tmp_path):
    """A line through a node would read as two relationships meeting there."""
    from mentoring_commons.core.site.mentoringmap import NODE_RADIUS

    drawn = shipped_map()[1] if which == "shipped" else separate_communities(tmp_path)
    for edge in drawn.edges:
        points = _points(edge.path)
        for node in drawn.nodes:
            if node.id in (edge.source, edge.target):
                continue
            px, py = float(node.x), float(node.y)
            for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
                dx, dy = bx - ax, by - ay
                s = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
                gap = ((px - ax - s * dx) ** 2 + (py - ay - s * dy) ** 2) ** 0.5
                assert gap > NODE_RADIUS, (edge.source, edge.target, node.id, gap)


def test_a_relationship_names_a_person_or_describes_someone(tmp_path):
    import datetime as dt

    from finding_support import TODAY, write_content

    both = ("relationships:\n  - person: ben\n    someone: a mentor\n    direction: mentor\n"
            "  - direction: peer\n")
    write_content(tmp_path, {"content/narratives/mixed.md": narrative_md(
        "Mixed", "[ana]", extra=both)})
    _, report = check_content(tmp_path / "content", today=dt.date.fromisoformat(TODAY))
    errors = [str(i) for i in report.sorted() if "relationship names its person" in str(i)]
    assert len(errors) == 2, [str(i) for i in report.sorted()]
    assert all(re.match(r".*mixed\.md:\d+:\d+: error: ", e) for e in errors), errors
