"""The mentoring map: people as nodes, relationships from named narratives as edges.

Geometry only; the template ``theme/commons/map.html`` draws it as inline SVG (autoescaped,
no client library) beside an equivalent table. Relationships come from ``Backlinks.edges``,
which holds only narratives whose authors are named (an anonymous or pseudonymous story is
never tied back to a person), so the map shows nothing the person pages do not.

Layout is deterministic: people sorted by name around a circle. An edge "mentoring" runs from
mentor to mentee (an arrow); a "peer" edge has no direction (a dashed line). Reports of the
same relationship from several stories are one edge listing every story.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .data import PagePlan, SiteData, body_free
from .paginate import paginate

__all__ = ["EDGES_PER_PAGE", "MAX_DRAWN_EDGES", "MAX_DRAWN_NODES", "MapEdge", "MapNode",
           "MentoringMap", "build_map", "plan_map"]

# Above either limit the picture is unreadable (and its SVG alone would outgrow a page): the
# table alone is shown.
MAX_DRAWN_NODES = 120
MAX_DRAWN_EDGES = 200
# The table is split into pages of this many relationships, so no page grows with the site.
EDGES_PER_PAGE = 100
NODE_RADIUS = 9.0
CHAR_WIDTH = 7.5  # rough width of a label character at the map's font size, for margins


@dataclass(frozen=True, slots=True)
class MapNode:
    id: str
    name: str
    x: str  # coordinates, already formatted for the SVG
    y: str
    label_x: str
    label_y: str
    anchor: str  # text-anchor of the label: start, middle or end


@dataclass(frozen=True, slots=True)
class MapEdge:
    kind: str  # "mentoring" (source mentored target) or "peer" (no direction)
    source: str
    target: str
    narratives: tuple[str, ...]
    path: str = ""  # SVG path data; empty when the map is not drawn

    @property
    def verb(self) -> str:
        return "mentored" if self.kind == "mentoring" else "peer of"


@dataclass
class MentoringMap:
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    view_box: str = "0 0 0 0"
    width: int = 0
    drawn: bool = False
    unconnected: int = 0  # published people with no relationship in a named story


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def map_edges(site: SiteData) -> list[MapEdge]:
    """Relationships as map edges, merged across stories, in a fixed order."""
    people = site.catalog.people
    merged: dict[tuple[str, str, str], list[str]] = {}
    for edge in site.backlinks.edges:
        if edge.source not in people or edge.target not in people:
            continue
        if edge.direction == "mentor":  # the other person was the author's mentor
            key = ("mentoring", edge.target, edge.source)
        elif edge.direction == "mentee":
            key = ("mentoring", edge.source, edge.target)
        else:
            a, b = sorted((edge.source, edge.target))
            key = ("peer", a, b)
        stories = merged.setdefault(key, [])
        if edge.narrative not in stories:
            stories.append(edge.narrative)

    def order(key: tuple[str, str, str]) -> tuple[str, str, str, str, str]:
        kind, source, target = key
        return (people[source].name.casefold(), people[target].name.casefold(), kind,
                source, target)

    return [MapEdge(kind, source, target, tuple(merged[(kind, source, target)]))
            for kind, source, target in sorted(merged, key=order)]


@body_free
def build_map(site: SiteData, max_drawn: int = MAX_DRAWN_NODES,
              max_edges: int = MAX_DRAWN_EDGES) -> MentoringMap:
    people = site.catalog.people
    edges = map_edges(site)
    ids = {pid for e in edges for pid in (e.source, e.target)}
    ordered = sorted(ids, key=lambda pid: (people[pid].name.casefold(), pid))
    result = MentoringMap(unconnected=len(people) - len(ordered))
    count = len(ordered)
    if count == 0:
        return result
    result.drawn = count <= max_drawn and len(edges) <= max_edges
    radius = max(150.0, count * 44.0 / (2 * math.pi))
    positions: dict[str, tuple[float, float]] = {}
    for i, pid in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x, y = radius * math.cos(angle), radius * math.sin(angle)
        positions[pid] = (x, y)
        cos, sin = math.cos(angle), math.sin(angle)
        lx, ly = x + cos * (NODE_RADIUS + 7), y + sin * (NODE_RADIUS + 7) + 4
        anchor = "start" if cos > 0.35 else "end" if cos < -0.35 else "middle"
        if anchor == "middle":
            ly = y + (NODE_RADIUS + 16 if sin > 0 else -(NODE_RADIUS + 7))
        result.nodes.append(MapNode(pid, people[pid].name, _fmt(x), _fmt(y), _fmt(lx),
                                    _fmt(ly), anchor))
    longest = max(len(people[pid].name) for pid in ordered)
    margin_x = NODE_RADIUS + 12 + min(longest, 40) * CHAR_WIDTH
    margin_y = NODE_RADIUS + 30
    width = 2 * (radius + margin_x)
    height = 2 * (radius + margin_y)
    result.view_box = " ".join(_fmt(v) for v in (-radius - margin_x, -radius - margin_y,
                                                  width, height))
    result.width = math.ceil(width)
    result.edges = [
        MapEdge(e.kind, e.source, e.target, e.narratives,
                _path(positions[e.source], positions[e.target], e.kind) if result.drawn else "")
        for e in edges
    ]
    return result


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _path(a: tuple[float, float], b: tuple[float, float], kind: str) -> str:
    """A line from a to b, stopping at the node circles. Mentoring edges bow to their right,
    so that A mentoring B and B mentoring A are two visible arrows, not one."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    if kind == "peer":
        ux, uy = _unit(dx, dy)
        sx, sy = ax + ux * NODE_RADIUS, ay + uy * NODE_RADIUS
        ex, ey = bx - ux * NODE_RADIUS, by - uy * NODE_RADIUS
        return f"M{_fmt(sx)} {_fmt(sy)} L{_fmt(ex)} {_fmt(ey)}"
    bend = 0.18
    cx, cy = (ax + bx) / 2 - dy * bend, (ay + by) / 2 + dx * bend
    ux, uy = _unit(cx - ax, cy - ay)
    sx, sy = ax + ux * NODE_RADIUS, ay + uy * NODE_RADIUS
    vx, vy = _unit(bx - cx, by - cy)
    ex, ey = bx - vx * (NODE_RADIUS + 1.5), by - vy * (NODE_RADIUS + 1.5)
    return f"M{_fmt(sx)} {_fmt(sy)} Q{_fmt(cx)} {_fmt(cy)} {_fmt(ex)} {_fmt(ey)}"


def plan_map(site: SiteData, per_page: int | None = None) -> list[PagePlan]:
    """The map page (the picture, when drawn, and the first rows of its table) and, for a
    large community, further pages of the table, in sections by the first person's initial."""
    mentoring_map: MentoringMap = site.derived(build_map)
    people = site.catalog.people
    plans = []
    for rows, pages in paginate(mentoring_map.edges, "map.md", per_page or EDGES_PER_PAGE,
                                section=lambda e: people[e.source].name[:1].upper()):
        plans.append(PagePlan(
            pages.src_uri, pages.title("The mentoring map"), "commons/map.html",
            "Who has mentored whom in the stories on this site: mentors, mentees and peers.",
            context={"map": mentoring_map, "rows": rows, "pagination": pages},
        ))
    return plans
