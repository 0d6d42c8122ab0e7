"""Where the mentoring map puts its nodes and how its edges run: plain geometry, no site data.

The layout is computed at build time and is deterministic (no randomness, a fixed number of
iterations, every loop in sorted order), so the same content gives the same picture:

1. The graph is split into connected components (people who are linked, however indirectly).
2. Each component is laid out on its own by a force-directed pass (Fruchterman and Reingold:
   linked nodes pull together, all nodes push apart) from a circle in name order, inside the
   map's width; then overlapping node boxes (a node with its label under it) are pushed apart.
3. Components are packed in rows, each in its own rectangle with a gap between rectangles.
   An edge is a straight line or a quadratic curve whose control point is inside its
   component's rectangle, so edges of separate components can never cross.

The map is narrow on purpose (``WIDTH``): on a 390 px phone it is drawn at about its own size,
so 13-unit labels stay at least 12 px tall.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Box", "Layout", "layout", "edge_path", "GAP", "WIDTH"]

WIDTH = 360.0  # the map's width in SVG units
GAP = 36.0  # between the rectangles of separate components
MARGIN = 8.0  # around each node's box, when pushing boxes apart
ITERATIONS = 250
OVERLAP_PASSES = 200
IDEAL = 150.0  # the distance linked nodes settle at
ARROW_WEIGHT = 5.0
EDGE_CLEARANCE = 8.0  # between a node's circle and an edge that passes it
FORCE_BUDGET = 500_000  # node pairs compared in the force-directed pass
CLEARING_BUDGET = 400_000  # node-edge checks spent on clearing edges off nodes
REACH = 3 * IDEAL  # nodes further apart than this no longer push each other


@dataclass(frozen=True, slots=True)
class Box:
    """A node's extent around its centre: the circle, and the label under or over it (the
    layout puts it on the side fewer edges arrive from, so arrowheads stay visible)."""

    width: float
    radius: float
    label: float  # the label's height, with its gap from the circle
    label_above: bool = False

    @property
    def above(self) -> float:
        return self.radius + (self.label if self.label_above else 0.0)

    @property
    def below(self) -> float:
        return self.radius + (0.0 if self.label_above else self.label)


@dataclass
class Layout:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    boxes: dict[str, Box] = field(default_factory=dict)  # with each label's side decided
    component: dict[str, int] = field(default_factory=dict)
    # Each component's rectangle (left, top, right, bottom); nothing of it is drawn outside.
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def components(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Connected components, each in ``nodes`` order, largest first (ties: first node)."""
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(root(n), []).append(n)
    order = {n: i for i, n in enumerate(nodes)}
    return sorted(groups.values(), key=lambda g: (-len(g), order[g[0]]))


def _force(members: list[str], edges: list[tuple[str, str]], given: Mapping[str, Box],
           width: float, directed: frozenset[tuple[str, str]] = frozenset(),
           ) -> tuple[dict[str, tuple[float, float]], dict[str, Box]]:
    boxes = dict(given)
    count = len(members)
    if count == 1:
        return {members[0]: (0.0, 0.0)}, boxes
    radius = max(IDEAL / 2, IDEAL * count / (2 * math.pi))
    # From the left, clockwise: a pair of nodes starts side by side.
    pos = {n: [radius * math.cos(math.pi + 2 * math.pi * i / count),
               radius * math.sin(math.pi + 2 * math.pi * i / count)]
           for i, n in enumerate(members)}
    half = {n: max(0.0, width / 2 - boxes[n].width / 2) for n in members}
    start = IDEAL / 2
    # A large component gets fewer (still a fixed number of) iterations: each costs about
    # count^2 / 2 comparisons, and a build's time should stay bounded.
    iterations = max(50, min(ITERATIONS, FORCE_BUDGET * 2 // (count * count)))
    for step in range(iterations):
        heat = start * (1 - step / iterations) + 0.5
        move = {n: [0.0, 0.0] for n in members}
        # Nodes push apart only within REACH of each other (the grid variant of the method):
        # in y order, each node meets only the nodes a little below it, not all of them.
        by_y = sorted(members, key=lambda n: (pos[n][1], n))
        for i, a in enumerate(by_y):
            ax, ay = pos[a]
            for b in by_y[i + 1:]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                if -dy > REACH:
                    break
                dist = math.hypot(dx, dy) or 0.01
                if dist > REACH:
                    continue
                push = IDEAL * IDEAL / dist
                fx, fy = dx / dist * push, dy / dist * push
                move[a][0] += fx
                move[a][1] += fy
                move[b][0] -= fx
                move[b][1] -= fy
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 0.01
            pull = dist * dist / IDEAL
            fx, fy = dx / dist * pull, dy / dist * pull
            move[a][0] -= fx
            move[a][1] -= fy
            move[b][0] += fx
            move[b][1] += fy
        for n in members:
            mx, my = move[n]
            # A little gravity keeps loosely linked parts of a component together.
            mx -= pos[n][0] * 0.02
            my -= pos[n][1] * 0.02
            length = math.hypot(mx, my)
            if length:
                pos[n][0] += mx / length * min(length, heat)
                pos[n][1] += my / length * min(length, heat)
            pos[n][0] = max(-half[n], min(half[n], pos[n][0]))
    # Each label goes where fewer edges arrive, under the node unless more come from below;
    # an arrowhead (the end of a directed edge) counts five times, so labels leave it clear.
    pull = {n: 0.0 for n in members}
    for a, b in edges:
        for here, there in ((a, b), (b, a)):
            dx, dy = pos[there][0] - pos[here][0], pos[there][1] - pos[here][1]
            weight = ARROW_WEIGHT if here == b and (a, b) in directed else 1.0
            pull[here] += weight * dy / (math.hypot(dx, dy) or 1.0)
    for n in members:
        box = boxes[n]
        boxes[n] = Box(box.width, box.radius, box.label, label_above=pull[n] > 0.25)
    _separate(members, pos, boxes, half, edges)
    return {n: (pos[n][0], pos[n][1]) for n in members}, boxes


def _separate(members: list[str], pos: dict[str, list[float]], boxes: Mapping[str, Box],
              half: Mapping[str, float], edges: Sequence[tuple[str, str]] = ()) -> None:
    """Push apart nodes whose boxes (label included) overlap, along the shorter way out;
    sideways only as far as the map's width allows, otherwise up and down. And push a node
    off any edge that runs through its circle: a line through a node reads as two edges that
    meet there, which would be a relationship nobody told."""
    tallest = max(boxes[n].above + boxes[n].below for n in members) + MARGIN
    # Clearing edges costs nodes x edges a pass: a large map gets fewer such passes, so a
    # build's time stays bounded (about a second at MAX_DRAWN_NODES).
    edge_passes = max(10, CLEARING_BUDGET // max(1, len(members) * len(edges)))
    for number in range(OVERLAP_PASSES):
        moved = number < edge_passes and _clear_edges(members, pos, boxes, half, edges)
        by_y = sorted(members, key=lambda n: (pos[n][1], n))
        for i, a in enumerate(by_y):
            for b in by_y[i + 1:]:
                ba, bb = boxes[a], boxes[b]
                dx = pos[b][0] - pos[a][0]
                dy = pos[b][1] - pos[a][1]
                if dy > tallest:  # and so is every node after b: none of them overlaps a
                    break
                over_x = (ba.width + bb.width) / 2 + MARGIN - abs(dx)
                # b below a: a's label against b's circle; b above a: the other way round.
                reach = (ba.below + bb.above) if dy >= 0 else (ba.above + bb.below)
                over_y = reach + MARGIN - abs(dy)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                sideways = over_x < over_y and (
                    abs(pos[a][0]) < half[a] or abs(pos[b][0]) < half[b])
                if sideways:
                    sign = 1.0 if dx > 0 or (dx == 0 and a < b) else -1.0
                    for node, direction in ((a, -sign), (b, sign)):
                        x = pos[node][0] + direction * (over_x / 2 + 0.5)
                        pos[node][0] = max(-half[node], min(half[node], x))
                else:
                    sign = 1.0 if dy > 0 or (dy == 0 and a < b) else -1.0
                    pos[a][1] -= sign * (over_y / 2 + 0.5)
                    pos[b][1] += sign * (over_y / 2 + 0.5)
        if not moved:
            return


def _clear_edges(members: list[str], pos: dict[str, list[float]], boxes: Mapping[str, Box],
                 half: Mapping[str, float], edges: Sequence[tuple[str, str]]) -> bool:
    moved = False
    for n in members:
        clear = boxes[n].radius + EDGE_CLEARANCE
        for a, b in edges:
            if n in (a, b):
                continue
            (ax, ay), (bx, by), (px, py) = pos[a], pos[b], pos[n]
            if (px < min(ax, bx) - clear or px > max(ax, bx) + clear
                    or py < min(ay, by) - clear or py > max(ay, by) + clear):
                continue
            dx, dy = bx - ax, by - ay
            along = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy)
                                 / ((dx * dx + dy * dy) or 1e-9)))
            qx, qy = ax + along * dx, ay + along * dy
            dist = math.hypot(px - qx, py - qy)
            if dist >= clear:
                continue
            if dist > 1e-6:
                nx, ny = (px - qx) / dist, (py - qy) / dist
            else:  # on the line: step off it towards the middle of the map
                nx, ny = _unit(-dy, dx)
                if nx * px > 0:
                    nx, ny = -nx, -ny
            shift = clear - dist + 0.5
            x, y = px + nx * shift, py + ny * shift
            if abs(x) > half[n]:  # no room on this side (the map's edge): cross the line
                x, y = qx - nx * (clear + 0.5), qy - ny * (clear + 0.5)
            pos[n][0] = max(-half[n], min(half[n], x))
            pos[n][1] = y
            moved = True
    return moved


def edge_path(a: tuple[float, float], b: tuple[float, float], bend: float, start_gap: float,
              end_gap: float) -> tuple[str, list[tuple[float, float]]]:
    """SVG path data from a to b, leaving ``start_gap`` at a and ``end_gap`` at b (the node
    circles, and room for an arrowhead), and the points that bound it. ``bend`` (a fraction of
    the length) curves it to its right, so that A->B and B->A are two visible arrows."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    if not bend:
        ux, uy = _unit(dx, dy)
        sx, sy = ax + ux * start_gap, ay + uy * start_gap
        ex, ey = bx - ux * end_gap, by - uy * end_gap
        return f"M{_fmt(sx)} {_fmt(sy)} L{_fmt(ex)} {_fmt(ey)}", [(sx, sy), (ex, ey)]
    cx, cy = (ax + bx) / 2 - dy * bend, (ay + by) / 2 + dx * bend
    ux, uy = _unit(cx - ax, cy - ay)
    sx, sy = ax + ux * start_gap, ay + uy * start_gap
    vx, vy = _unit(bx - cx, by - cy)
    ex, ey = bx - vx * end_gap, by - vy * end_gap
    return (f"M{_fmt(sx)} {_fmt(sy)} Q{_fmt(cx)} {_fmt(cy)} {_fmt(ex)} {_fmt(ey)}",
            [(sx, sy), (cx, cy), (ex, ey)])


def layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]], boxes: Mapping[str, Box],
           bends: Mapping[tuple[str, str], float] | None = None,
           width: float = WIDTH, directed: frozenset[tuple[str, str]] = frozenset(),
           ) -> Layout:
    """Positions for ``nodes`` (in a fixed order: the starting circle follows it), with
    components packed in rows no wider than ``width`` (wider only if one node is).
    ``directed`` edges end in an arrowhead, which labels keep clear of."""
    bends = bends or {}
    result = Layout()
    width = max([width, *(boxes[n].width for n in nodes)])
    placed: list[tuple[list[str], dict[str, tuple[float, float]],
                       tuple[float, float, float, float]]] = []
    for index, members in enumerate(components(nodes, edges)):
        inside = set(members)
        own = [(a, b) for a, b in edges if a in inside]
        pos, sided = _force(members, own, boxes, width, directed)
        result.boxes.update((n, sided[n]) for n in members)
        boxes = {**boxes, **sided}
        left = min(pos[n][0] - boxes[n].width / 2 for n in members)
        right = max(pos[n][0] + boxes[n].width / 2 for n in members)
        top = min(pos[n][1] - boxes[n].above for n in members)
        bottom = max(pos[n][1] + boxes[n].below for n in members)
        for a, b in own:  # a curve's control point may reach past the nodes
            bend = bends.get((a, b), 0.0)
            if bend:
                _, points = edge_path(pos[a], pos[b], bend, 0.0, 0.0)
                left, right = min(left, points[1][0]), max(right, points[1][0])
                top, bottom = min(top, points[1][1]), max(bottom, points[1][1])
        placed.append((members, pos, (left, top, right, bottom)))
        for n in members:
            result.component[n] = index

    # Rows of components, each row centred; a component wider than what is left of its row
    # starts the next row.
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, (_, _, (left, _, right, _)) in enumerate(placed):
        span = right - left
        if rows[-1] and used + GAP + span > width:
            rows.append([])
            used = 0.0
        used += (GAP if rows[-1] else 0.0) + span
        rows[-1].append(index)
    rects: dict[int, tuple[float, float, float, float]] = {}
    y = 0.0
    for row in rows:
        spans = [placed[i][2][2] - placed[i][2][0] for i in row]
        x = (width - (sum(spans) + GAP * (len(row) - 1))) / 2
        height = max(placed[i][2][3] - placed[i][2][1] for i in row)
        for i, span in zip(row, spans, strict=True):
            members, pos, (left, top, _right, bottom) = placed[i]
            shift_x, shift_y = x - left, y + (height - (bottom - top)) / 2 - top
            for n in members:
                result.positions[n] = (pos[n][0] + shift_x, pos[n][1] + shift_y)
            rects[i] = (x, y + (height - (bottom - top)) / 2,
                        x + span, y + (height - (bottom - top)) / 2 + (bottom - top))
            x += span + GAP
        y += height + GAP
    result.rects = [rects[i] for i in range(len(placed))]
    result.width = width
    result.height = max(0.0, y - GAP)
    return result


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text
