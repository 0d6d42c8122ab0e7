"""The mentoring map: people as nodes, relationships from named narratives as edges.

Data only; the geometry is ``maplayout``'s and the template ``theme/commons/map.html`` draws
it as inline SVG (autoescaped, no client library) beside a table grouped by person.
Relationships come from ``Backlinks``, which holds only narratives whose authors are named (an
anonymous or pseudonymous story is never tied back to a person), so the map shows nothing the
person pages and stories do not.

Two kinds of people are drawn: people with an entry (linked to their page), and people a story
describes without naming them ("a mentor in the residency program"), linked to that story, one
node per description per story. An edge "mentoring" runs from mentor to mentee (an arrow); a
"peer" edge has no direction (a dashed line). Reports of the same relationship from several
stories are one edge listing every story.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from .data import PagePlan, SiteData, body_free
from .maplayout import Box, edge_path, layout
from .paginate import paginate

__all__ = ["FONT_SIZE", "MAX_DRAWN_EDGES", "MAX_DRAWN_NODES", "ROWS_PER_PAGE", "MapEdge",
           "MapNode", "MapPerson", "MapRow", "MentoringMap", "build_map", "map_edges",
           "plan_map"]

# Above either limit the picture is unreadable (and its SVG alone would outgrow a page): the
# table alone is shown.
MAX_DRAWN_NODES = 120
MAX_DRAWN_EDGES = 200
# The table is split into pages of this many people, so no page grows with the site.
ROWS_PER_PAGE = 100
NODE_RADIUS = 10.0
FONT_SIZE = 13.0  # of labels, in SVG units (finding.css sets the same)
LINE_HEIGHT = 15.0
LABEL_GAP = 5.0  # between a node's circle and its label
LINE_CHARS = 20  # labels wrap at about this many characters
CHAR_WIDTH = 7.2  # a generous average width of a label character at FONT_SIZE
BEND = 0.18  # how far A->B and B->A mentoring arrows bow apart


@dataclass(frozen=True, slots=True)
class MapPerson:
    id: str  # the node: a person's id, or "<narrative>~<n>" for someone without an entry
    name: str  # the person's name, or how the story describes them
    person: str | None = None  # the person entry, if any
    narrative: str | None = None  # else the story that describes them

    @property
    def named(self) -> bool:
        return self.person is not None


@dataclass(frozen=True, slots=True)
class MapNode:
    who: MapPerson
    x: str  # coordinates, already formatted for the SVG
    y: str
    lines: tuple[str, ...]  # the label, wrapped
    label_y: str  # baseline of the label's first line
    hit: tuple[str, str, str, str]  # x, y, width, height of the node's tap area
    component: int

    @property
    def id(self) -> str:
        return self.who.id


@dataclass(frozen=True, slots=True)
class MapEdge:
    kind: str  # "mentoring" (source mentored target) or "peer" (no direction)
    source: str  # node ids
    target: str
    narratives: tuple[str, ...]
    path: str = ""  # SVG path data; empty when the map is not drawn
    component: int = -1

    @property
    def verb(self) -> str:
        return "mentored" if self.kind == "mentoring" else "peer of"


@dataclass(frozen=True, slots=True)
class MapRow:
    """One person with an entry and everyone the stories relate them to (node ids)."""

    person: str
    mentors: tuple[str, ...]
    mentees: tuple[str, ...]
    peers: tuple[str, ...]
    narratives: tuple[str, ...]


@dataclass
class MentoringMap:
    people: dict[str, MapPerson] = field(default_factory=dict)  # node id -> who
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    rows: list[MapRow] = field(default_factory=list)
    view_box: str = "0 0 0 0"
    width: int = 0
    drawn: bool = False
    components: int = 0
    unnamed: int = 0  # nodes for people without an entry
    unconnected: int = 0  # published people with no relationship in a named story

    @property
    def kinds(self) -> set[str]:
        """The kinds of edge present, so the legend explains only what is drawn."""
        return {e.kind for e in self.edges}


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _relationships(site: SiteData) -> tuple[dict[str, MapPerson], list[MapEdge]]:
    people = site.catalog.people
    who: dict[str, MapPerson] = {}
    unnamed_ids: dict[tuple[str, str], str] = {}
    merged: dict[tuple[str, str, str], list[str]] = {}

    def named(pid: str) -> str:
        if pid not in who:
            who[pid] = MapPerson(pid, people[pid].name, person=pid)
        return pid

    def unnamed(narrative: str, someone: str) -> str:
        key = (narrative, someone)
        if key not in unnamed_ids:
            node = f"{narrative}~{sum(1 for n, _ in unnamed_ids if n == narrative) + 1}"
            unnamed_ids[key] = node
            who[node] = MapPerson(node, someone, narrative=narrative)
        return unnamed_ids[key]

    backlinks = site.backlinks
    for edge in [*backlinks.edges, *backlinks.unnamed_edges]:
        if edge.source not in people:
            continue
        if edge.someone:
            other = unnamed(edge.narrative, edge.someone)
        elif edge.target in people:
            other = named(edge.target)
        else:
            continue
        author = named(edge.source)
        if edge.direction == "mentor":  # the other person was the author's mentor
            key = ("mentoring", other, author)
        elif edge.direction == "mentee":
            key = ("mentoring", author, other)
        else:
            a, b = sorted((author, other))
            key = ("peer", a, b)
        stories = merged.setdefault(key, [])
        if edge.narrative not in stories:
            stories.append(edge.narrative)

    def order(key: tuple[str, str, str]) -> tuple[str, str, str, str, str]:
        kind, source, target = key
        return (who[source].name.casefold(), who[target].name.casefold(), kind, source, target)

    edges = [MapEdge(kind, source, target, tuple(merged[(kind, source, target)]))
             for kind, source, target in sorted(merged, key=order)]
    return who, edges


def map_edges(site: SiteData) -> list[MapEdge]:
    """Relationships as map edges, merged across stories, in a fixed order."""
    return _relationships(site)[1]


def _rows(who: Mapping[str, MapPerson], edges: list[MapEdge]) -> list[MapRow]:
    """The table: one row per person with an entry, in name order."""
    mentors: dict[str, list[str]] = {}
    mentees: dict[str, list[str]] = {}
    peers: dict[str, list[str]] = {}
    stories: dict[str, list[str]] = {}
    for e in edges:
        if e.kind == "mentoring":
            mentors.setdefault(e.target, []).append(e.source)
            mentees.setdefault(e.source, []).append(e.target)
        else:
            peers.setdefault(e.source, []).append(e.target)
            peers.setdefault(e.target, []).append(e.source)
        for node in (e.source, e.target):
            own = stories.setdefault(node, [])
            own.extend(n for n in e.narratives if n not in own)

    def by_name(ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted(dict.fromkeys(ids), key=lambda n: (who[n].name.casefold(), n)))

    return [MapRow(p.id, by_name(mentors.get(p.id, [])), by_name(mentees.get(p.id, [])),
                   by_name(peers.get(p.id, [])), tuple(sorted(stories.get(p.id, []))))
            for p in sorted(who.values(), key=lambda p: (p.name.casefold(), p.id)) if p.named]


def _label(name: str) -> tuple[str, ...]:
    """The label in lines; never shortened, since what a link shows must be part of its name
    (WCAG 2.5.3; names and descriptions are at most 100 characters)."""
    return tuple(textwrap.wrap(name, LINE_CHARS, break_long_words=True) or [name])


@body_free
def build_map(site: SiteData, max_drawn: int = MAX_DRAWN_NODES,
              max_edges: int = MAX_DRAWN_EDGES) -> MentoringMap:
    who, edges = _relationships(site)
    result = MentoringMap(people=who, rows=_rows(who, edges))
    result.unnamed = sum(1 for p in who.values() if not p.named)
    result.unconnected = len(site.catalog.people) - (len(who) - result.unnamed)
    if not who:
        return result
    result.drawn = len(who) <= max_drawn and len(edges) <= max_edges
    if not result.drawn:
        result.edges = edges
        return result

    order = sorted(who, key=lambda n: (not who[n].named, who[n].name.casefold(), n))
    labels = {n: _label(who[n].name) for n in order}
    boxes = {n: Box(max(2 * NODE_RADIUS, max(len(line) for line in labels[n]) * CHAR_WIDTH) + 4,
                    NODE_RADIUS, LABEL_GAP + LINE_HEIGHT * len(labels[n]))
             for n in order}
    pairs = {(e.source, e.target) for e in edges if e.kind == "mentoring"}
    bends = {pair: BEND for pair in pairs if pair[::-1] in pairs}
    placed = layout(order, [(e.source, e.target) for e in edges], boxes, bends,
                    directed=frozenset(pairs))
    result.components = len(placed.rects)
    for n in order:
        x, y = placed.positions[n]
        box = placed.boxes[n]
        if box.label_above:  # the last line's baseline sits just over the circle
            first = y - NODE_RADIUS - LABEL_GAP - LINE_HEIGHT * (len(labels[n]) - 1) + 1
        else:
            first = y + NODE_RADIUS + LABEL_GAP + FONT_SIZE - 4
        result.nodes.append(MapNode(
            who[n], _fmt(x), _fmt(y), labels[n], _fmt(first),
            (_fmt(x - box.width / 2), _fmt(y - box.above), _fmt(box.width),
             _fmt(box.above + box.below)),
            placed.component[n]))
    for e in edges:
        arrow = 2.0 if e.kind == "mentoring" else 0.0
        path, _ = edge_path(placed.positions[e.source], placed.positions[e.target],
                            bends.get((e.source, e.target), 0.0), NODE_RADIUS,
                            NODE_RADIUS + arrow)
        result.edges.append(MapEdge(e.kind, e.source, e.target, e.narratives, path,
                                    placed.component[e.source]))
    pad = 4.0  # room for the focus ring and stroke widths at the edges
    result.view_box = " ".join(_fmt(v) for v in (-pad, -pad, placed.width + 2 * pad,
                                                  placed.height + 2 * pad))
    result.width = round(placed.width + 2 * pad)
    return result


def plan_map(site: SiteData, per_page: int | None = None) -> list[PagePlan]:
    """The map page (the picture, when drawn, and the first rows of its table) and, for a
    large community, further pages of the table, in sections by the person's initial."""
    mentoring_map: MentoringMap = site.derived(build_map)
    who = mentoring_map.people
    plans = []
    for rows, pages in paginate(mentoring_map.rows, "map.md", per_page or ROWS_PER_PAGE,
                                section=lambda row: who[row.person].name[:1].upper()):
        plans.append(PagePlan(
            pages.src_uri, pages.title("The mentoring map"), "commons/map.html",
            "Who has mentored whom in the stories on this site: mentors, mentees and peers.",
            context={"map": mentoring_map, "rows": rows, "pagination": pages},
        ))
    return plans
