"""The progression map's layout on plain data: columns, order within columns, and arrow routing.

One column per level (lowest on the left), roles ordered within a column to reduce crossings (barycentre
sweeps, keeping the ordering with fewest crossings). Arrows are orthogonal and run only in the gaps between
columns and the channels between rows, which hold no boxes, so no arrow crosses a role box.

This module is longer than our 450-line limit, and layout_map longer than 60 lines, on purpose: the
layout is one algorithm whose steps share their geometry, and it reads better whole than in pieces.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from .graph import Edge, Node, usable_edges

# Level bands as on the IfATE occupational maps.
LEVEL_BANDS = [
    (1, 1, "Entry occupations, level 1"),
    (2, 3, "Technical occupations, levels 2–3"),
    (4, 5, "Higher technical occupations, levels 4–5"),
    (6, 7, "Professional occupations, levels 6–7"),
    (8, 8, "Advanced professional occupations, level 8"),
]

# Geometry, in SVG user units (pixels at 100%).
BOX_WIDTH = 150
BOX_PADDING = 10
FONT_SIZE = 14
LINE_HEIGHT = 17
CHAR_WIDTH = 7.6  # a generous average for a 14px sans-serif, so wrapped titles fit their box
LABEL_CHAR_WIDTH = 6.6  # 12px arrow labels
GAP_MIN = 40
GAP_PADDING = 14  # room between a box side and the nearest lane, for the arrowhead
LANE_SPACING = 8
CHANNEL_MIN = 26
TRACK_PADDING = 8
TRACK_SPACING = 7
HEADING_TOP = 22
SWEEPS = 8

TRACK_KINDS = ("exit", "single", "enter")


@dataclass(frozen=True)
class TextLine:
    x: int
    y: int
    text: str


@dataclass(frozen=True)
class Box:
    key: str
    title: str
    level: int
    href: str
    column: int
    row: int
    x: int
    y: int
    width: int
    height: int
    lines: tuple[TextLine, ...]
    focus: bool = False

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


@dataclass(frozen=True)
class RoutedEdge:
    source: str
    target: str
    common: bool
    points: tuple[tuple[int, int], ...]
    label: str = ""
    label_x: int = 0
    label_y: int = 0
    label_anchor: str = "start"

    @property
    def path(self) -> str:
        """The SVG path data: M x y L x y …"""
        first, *rest = self.points
        return f"M{first[0]} {first[1]}" + "".join(f" L{x} {y}" for x, y in rest)

    def segments(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        return list(zip(self.points, self.points[1:], strict=False))


@dataclass(frozen=True)
class Heading:
    lines: tuple[TextLine, ...]
    kind: str  # "band" or "level"


@dataclass(frozen=True)
class BandArea:
    x: int
    width: int
    shaded: bool


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[RoutedEdge, ...]
    headings: tuple[Heading, ...]
    bands: tuple[BandArea, ...]


def wrap(text: str, max_chars: int) -> list[str]:
    """Greedy word wrap; a word longer than the line stays whole on its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def band_for(level: int) -> tuple[int, int, str]:
    for band in LEVEL_BANDS:
        if band[0] <= level <= band[1]:
            return band
    return (level, level, f"Level {level}")


# ---------------------------------------------------------------------------------------------------------------
# Ordering within columns


def initial_columns(nodes: Iterable[Node]) -> list[list[str]]:
    by_level: dict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        by_level[node.level].append(node)
    return [[n.key for n in sorted(by_level[level], key=lambda n: (n.title, n.key))] for level in sorted(by_level)]


def count_crossings(columns: Sequence[Sequence[str]], edges: Iterable[Edge]) -> int:
    """Crossings of straight lines between box centres, counted between each pair of neighbouring columns.

    An arrow spanning several columns is followed across each pair it passes; arrows within one column are
    left out. A proxy for the drawn crossings, good enough to compare orderings.
    """
    where = {key: (c, r) for c, column in enumerate(columns) for r, key in enumerate(column)}
    spans = []
    for edge in edges:
        (c1, r1), (c2, r2) = where[edge.source], where[edge.target]
        if c1 == c2:
            continue
        if c1 > c2:
            c1, r1, c2, r2 = c2, r2, c1, r1
        spans.append((c1, r1, c2, r2))
    total = 0
    for i in range(len(columns) - 1):
        ends = []
        for c1, r1, c2, r2 in spans:
            if c1 <= i and c2 >= i + 1:
                slope = (r2 - r1) / (c2 - c1)
                ends.append((r1 + slope * (i - c1), r1 + slope * (i + 1 - c1)))
        total += sum(1 for (a1, b1), (a2, b2) in combinations(ends, 2) if (a1 - a2) * (b1 - b2) < 0)
    return total


def order_columns(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[list[str]]:
    """Columns of node keys, each ordered to reduce crossings; the same input always gives the same order."""
    edges = usable_edges(nodes, edges)
    columns = initial_columns(nodes)
    column_of = {key: c for c, column in enumerate(columns) for key in column}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if column_of[edge.source] != column_of[edge.target]:
            neighbours[edge.source].append(edge.target)
            neighbours[edge.target].append(edge.source)

    best, best_crossings = [list(c) for c in columns], count_crossings(columns, edges)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        row_of = {key: r for column in columns for r, key in enumerate(column)}
        for c in range(len(columns)) if forward else range(len(columns) - 1, -1, -1):
            weights = {key: _barycentre(key, c, forward, neighbours, column_of, row_of) for key in columns[c]}
            columns[c] = sorted(columns[c], key=lambda key: (weights[key], row_of[key]))
            row_of.update({key: r for r, key in enumerate(columns[c])})
        crossings = count_crossings(columns, edges)
        if crossings < best_crossings:
            best, best_crossings = [list(c) for c in columns], crossings
    return best


def _barycentre(key, column, forward, neighbours, column_of, row_of) -> float:
    """Mean row of the neighbours on the side the sweep comes from (or on any side, or stay put)."""
    before = [n for n in neighbours[key] if column_of[n] != column and (column_of[n] < column) == forward]
    others = before or neighbours[key]
    if not others:
        return row_of[key]
    return sum(row_of[n] for n in others) / len(others)


# ---------------------------------------------------------------------------------------------------------------
# Routing


@dataclass
class _Route:
    """One edge's path through the grid, before coordinates are known."""

    edge: Edge
    exit_side: str  # "R" or "L"
    enter_side: str
    exit_gap: int  # gap g lies right of column g; gap -1 is the left margin
    enter_gap: int
    channel: int | None  # channel k lies above row k; None when one lane suffices
    exit_port: tuple[int, int] = (0, 1)  # (index, count) on its box side
    enter_port: tuple[int, int] = (0, 1)
    lanes: dict[str, int] = field(default_factory=dict)  # "exit"/"enter"/"single" → lane in its gap
    track: int = 0


def _port_offset(port: tuple[int, int], side: str, box_height: int) -> int:
    """Pixels from the box top. Right-side ports sit on even offsets and left-side ports on odd ones, so the
    two boxes facing each other across a gap never send arrows along the same line."""
    index, count = port
    return 2 * round((index + 1) * box_height / (count + 1) / 2) + (side == "L")


def _abstract_port_y(row: int, port: tuple[int, int], side: str, box_height: int) -> float:
    """A port's height in row units (row r spans 2r+0.5 to 2r+1.5; channel k sits at 2k), in step with the
    drawn height, so lanes that overlap on the drawing overlap here too."""
    return 2 * row + 0.5 + _port_offset(port, side, box_height) / box_height


def _assign_tracks(intervals: list[tuple[float, float, tuple]]) -> tuple[dict[tuple, int], int]:
    """Interval partitioning: each interval gets the lowest track free for its whole span (touching counts)."""
    ends: list[float] = []
    assigned = {}
    for low, high, ident in sorted(intervals, key=lambda item: (item[0], item[1], item[2])):
        for track, end in enumerate(ends):
            if end < low:
                ends[track] = high
                assigned[ident] = track
                break
        else:
            ends.append(high)
            assigned[ident] = len(ends) - 1
    return assigned, len(ends)


def _choose_channel(source_row: int, target_row: int) -> int:
    middle = (source_row + target_row) / 2 + 0.5
    return min(range(max(source_row, target_row) + 2), key=lambda k: (abs(k - middle), k))


def layout_map(nodes: Sequence[Node], edges: Sequence[Edge], *, focus: str | None = None) -> MapLayout:
    """Boxes in level columns and arrows routed between them, in whole SVG units; deterministic."""
    nodes = sorted(nodes, key=lambda n: n.key)
    edges = usable_edges(nodes, edges)
    if not nodes:
        return MapLayout(width=0, height=0, boxes=(), edges=(), headings=(), bands=())
    by_key = {node.key: node for node in nodes}
    columns = order_columns(nodes, edges)
    where = {key: (c, r) for c, column in enumerate(columns) for r, key in enumerate(column)}
    row_count = max(len(column) for column in columns)
    max_chars = max(1, math.floor((BOX_WIDTH - 2 * BOX_PADDING) / CHAR_WIDTH))
    wrapped = {node.key: wrap(node.title, max_chars) for node in nodes}
    box_height = 2 * BOX_PADDING + LINE_HEIGHT * max(len(lines) for lines in wrapped.values())

    routes = [_plan(edge, where) for edge in edges]
    _assign_ports(routes, where)
    gap_lanes, channel_tracks = _assign_lanes(routes, where, box_height)

    # Labels sit beside the box at the far end from the focus (or at the target), in that box's gap; a gap
    # holding labels on both its sides is wide enough for both side by side.
    label_width: dict[tuple[int, str], int] = defaultdict(int)
    for route in routes:
        if route.edge.label:
            gap, side = _label_place(route, focus)
            width = round(len(route.edge.label) * LABEL_CHAR_WIDTH)
            label_width[(gap, side)] = max(label_width[(gap, side)], width)
    label_room = defaultdict(int)
    for gap in {gap for gap, _ in label_width}:
        label_room[gap] = label_width.get((gap, "left"), 0) + label_width.get((gap, "right"), 0) + 3 * GAP_PADDING

    gap_width = {
        g: max(GAP_MIN, 2 * GAP_PADDING + (gap_lanes.get(g, 1) - 1) * LANE_SPACING, label_room[g])
        for g in range(-1, len(columns))
    }
    channel_height = {
        k: max(CHANNEL_MIN, 2 * TRACK_PADDING + (channel_tracks.get(k, 1) - 1) * TRACK_SPACING)
        for k in range(row_count + 1)
    }

    headings, header_height, column_x, gap_x = _headings(columns, by_key, gap_width)
    row_y, channel_y = {}, {}
    y = header_height
    for k in range(row_count + 1):
        channel_y[k] = y
        y += channel_height[k]
        if k < row_count:
            row_y[k] = y
            y += box_height
    height = y
    width = gap_x[len(columns) - 1] + gap_width[len(columns) - 1]

    boxes = []
    for key, (c, r) in sorted(where.items(), key=lambda item: item[1]):
        x, top = column_x[c], row_y[r]
        lines = wrapped[key]
        first_baseline = top + (box_height - LINE_HEIGHT * len(lines)) // 2 + LINE_HEIGHT - 4
        centre = x + BOX_WIDTH // 2
        text = tuple(TextLine(centre, first_baseline + i * LINE_HEIGHT, line) for i, line in enumerate(lines))
        node = by_key[key]
        boxes.append(
            Box(
                key=key,
                title=node.title,
                level=node.level,
                href=node.href,
                column=c,
                row=r,
                x=x,
                y=top,
                width=BOX_WIDTH,
                height=box_height,
                lines=text,
                focus=key == focus,
            )
        )
    box_of = {box.key: box for box in boxes}

    def lane_x(gap: int, lane: int) -> int:
        used = 2 * GAP_PADDING + (gap_lanes.get(gap, 1) - 1) * LANE_SPACING
        return gap_x[gap] + (gap_width[gap] - used) // 2 + GAP_PADDING + lane * LANE_SPACING

    def track_y(channel: int, track: int) -> int:
        used = 2 * TRACK_PADDING + (channel_tracks.get(channel, 1) - 1) * TRACK_SPACING
        return channel_y[channel] + (channel_height[channel] - used) // 2 + TRACK_PADDING + track * TRACK_SPACING

    def port(box: Box, side: str, port: tuple[int, int]) -> tuple[int, int]:
        return (box.right if side == "R" else box.x, box.y + _port_offset(port, side, box.height))

    routed = []
    for route in routes:
        source, target = box_of[route.edge.source], box_of[route.edge.target]
        start = port(source, route.exit_side, route.exit_port)
        end = port(target, route.enter_side, route.enter_port)
        if route.channel is None:
            x = lane_x(route.exit_gap, route.lanes["single"])
            points = [start, (x, start[1]), (x, end[1]), end]
        else:
            x1 = lane_x(route.exit_gap, route.lanes["exit"])
            x2 = lane_x(route.enter_gap, route.lanes["enter"])
            y = track_y(route.channel, route.track)
            points = [start, (x1, start[1]), (x1, y), (x2, y), (x2, end[1]), end]
        routed.append(_with_label(route, _simplify(points), source, target, focus))

    bands = _band_areas(columns, by_key, column_x, gap_x, gap_width)
    return MapLayout(
        width=width, height=height, boxes=tuple(boxes), edges=tuple(routed), headings=headings, bands=bands
    )


def _plan(edge: Edge, where: dict[str, tuple[int, int]]) -> _Route:
    (sc, sr), (tc, tr) = where[edge.source], where[edge.target]
    exit_side = "R" if tc >= sc else "L"
    enter_side = "L" if tc > sc else "R"
    exit_gap = sc if exit_side == "R" else sc - 1
    enter_gap = tc - 1 if enter_side == "L" else tc
    channel = None if exit_gap == enter_gap else _choose_channel(sr, tr)
    return _Route(edge, exit_side, enter_side, exit_gap, enter_gap, channel)


def _assign_ports(routes: list[_Route], where: dict[str, tuple[int, int]]) -> None:
    """Spread the arrows on each box side, ordered by where they head so they do not cross at the box."""
    sides: dict[tuple[str, str], list] = defaultdict(list)
    for n, route in enumerate(routes):
        (sc, sr), (tc, tr) = where[route.edge.source], where[route.edge.target]
        toward_target = 2 * route.channel if route.channel is not None else 2 * tr + 1
        toward_source = 2 * route.channel if route.channel is not None else 2 * sr + 1
        sides[(route.edge.source, route.exit_side)].append(((toward_target, tc, route.edge.target, 0, n), "exit"))
        sides[(route.edge.target, route.enter_side)].append(((toward_source, sc, route.edge.source, 1, n), "enter"))
    for attached in sides.values():
        attached.sort()
        for index, (order, end) in enumerate(attached):
            route = routes[order[-1]]
            if end == "exit":
                route.exit_port = (index, len(attached))
            else:
                route.enter_port = (index, len(attached))


def _assign_lanes(routes: list[_Route], where, box_height: int):
    gap_intervals: dict[int, list] = defaultdict(list)
    channel_intervals: dict[int, list] = defaultdict(list)
    for n, route in enumerate(routes):
        (_, sr), (_, tr) = where[route.edge.source], where[route.edge.target]
        start_y = _abstract_port_y(sr, route.exit_port, route.exit_side, box_height)
        end_y = _abstract_port_y(tr, route.enter_port, route.enter_side, box_height)
        if route.channel is None:
            gap_intervals[route.exit_gap].append((min(start_y, end_y), max(start_y, end_y), (n, "single")))
        else:
            channel = 2 * route.channel
            gap_intervals[route.exit_gap].append((min(start_y, channel), max(start_y, channel), (n, "exit")))
            gap_intervals[route.enter_gap].append((min(end_y, channel), max(end_y, channel), (n, "enter")))
            a, b = 2 * route.exit_gap + 2, 2 * route.enter_gap + 2
            channel_intervals[route.channel].append((min(a, b), max(a, b), (n, "track")))
    gap_lanes = {}
    for gap, intervals in gap_intervals.items():
        assigned, count = _assign_tracks(intervals)
        gap_lanes[gap] = count
        for (n, kind), lane in assigned.items():
            routes[n].lanes[kind] = lane
    channel_tracks = {}
    for channel, intervals in channel_intervals.items():
        assigned, count = _assign_tracks(intervals)
        channel_tracks[channel] = count
        for (n, _), track in assigned.items():
            routes[n].track = track
    return gap_lanes, channel_tracks


def _label_place(route: _Route, focus: str | None) -> tuple[int, str]:
    """The gap a label sits in, and whether it hangs from the gap's left or right edge."""
    if focus is not None and route.edge.target == focus:
        return route.exit_gap, "left" if route.exit_side == "R" else "right"
    return route.enter_gap, "left" if route.enter_side == "R" else "right"


def _with_label(route: _Route, points, source: Box, target: Box, focus: str | None) -> RoutedEdge:
    edge = route.edge
    base = RoutedEdge(source=edge.source, target=edge.target, common=edge.common, points=tuple(points))
    if not edge.label:
        return base
    at_source = focus is not None and edge.target == focus
    if at_source:
        y = points[0][1]
        x, anchor = (source.right + 4, "start") if route.exit_side == "R" else (source.x - 4, "end")
    else:
        y = points[-1][1]
        x, anchor = (target.right + 12, "start") if route.enter_side == "R" else (target.x - 12, "end")
    return RoutedEdge(
        source=edge.source,
        target=edge.target,
        common=edge.common,
        points=tuple(points),
        label=edge.label,
        label_x=x,
        label_y=y - 4,
        label_anchor=anchor,
    )


def _simplify(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated points and the middle of three points on one straight line."""
    result: list[tuple[int, int]] = []
    for point in points:
        if result and result[-1] == point:
            continue
        if len(result) >= 2:
            (x1, y1), (x2, y2) = result[-2], result[-1]
            if (x1 == x2 == point[0]) or (y1 == y2 == point[1]):
                result[-1] = point
                continue
        result.append(point)
    return result


def _headings(columns, by_key, gap_width):
    """Band and level headings over the columns, and the x of every column and gap."""
    column_x, gap_x = {}, {-1: 0}
    x = gap_width[-1]
    for c in range(len(columns)):
        column_x[c] = x
        x += BOX_WIDTH
        gap_x[c] = x
        x += gap_width[c]
    levels = [by_key[column[0]].level for column in columns]
    groups: list[tuple[tuple, list[int]]] = []
    for c, level in enumerate(levels):
        band = band_for(level)
        if groups and groups[-1][0] == band:
            groups[-1][1].append(c)
        else:
            groups.append((band, [c]))
    wrapped = []
    for band, cols in groups:
        span = column_x[cols[-1]] + BOX_WIDTH - column_x[cols[0]]
        lines = wrap(band[2], max(1, math.floor(span / CHAR_WIDTH)))
        wrapped.append((cols, lines))
    band_lines = max(len(lines) for _, lines in wrapped)
    headings = []
    for cols, lines in wrapped:
        centre = (column_x[cols[0]] + column_x[cols[-1]] + BOX_WIDTH) // 2
        text = tuple(TextLine(x=centre, y=HEADING_TOP + i * LINE_HEIGHT, text=line) for i, line in enumerate(lines))
        headings.append(Heading(lines=text, kind="band"))
    level_y = HEADING_TOP + band_lines * LINE_HEIGHT + 8
    for c, level in enumerate(levels):
        line = TextLine(x=column_x[c] + BOX_WIDTH // 2, y=level_y, text=f"Level {level}")
        headings.append(Heading(lines=(line,), kind="level"))
    return tuple(headings), level_y + 10, column_x, gap_x


def _band_areas(columns, by_key, column_x, gap_x, gap_width) -> tuple[BandArea, ...]:
    areas: list[list] = []
    for c, column in enumerate(columns):
        band = band_for(by_key[column[0]].level)
        left = gap_x[c - 1] + gap_width[c - 1] // 2
        right = gap_x[c] + gap_width[c] // 2
        if areas and areas[-1][0] == band:
            areas[-1][2] = right
        else:
            areas.append([band, left, right])
    return tuple(
        BandArea(x=left, width=right - left, shaded=index % 2 == 0) for index, (_, left, right) in enumerate(areas)
    )
