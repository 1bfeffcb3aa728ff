"""The progression map's layout on plain data: columns, order within columns, and arrow routing.

One column per level (lowest on the left), roles ordered within a column to reduce crossings (barycentre
sweeps, keeping the ordering with fewest crossings). Arrows are orthogonal and run only in the gaps between
columns and the channels between rows, which hold no boxes, so no arrow crosses a role box.

This module is longer than our 450-line limit, and layout_map longer than 60 lines, on purpose: the
layout is one algorithm whose steps share their geometry, and it reads better whole than in pieces.
"""

import json
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from .graph import Edge, Node, usable_edges

# Level bands as on the IfATE occupational maps.
LEVEL_BANDS = [
    (1, 1, "Entry occupations, level 1"),
    (2, 3, "Technical occupations, levels 2–3"),
    (4, 5, "Higher technical occupations, levels 4–5"),
    (6, 7, "Professional occupations, levels 6–7"),
    (8, 8, "Advanced professional occupations, level 8"),
]

# Geometry, in SVG user units. The map is laid out at the size it is shown (one unit is one CSS pixel), so a
# 16px role name really is 16px on screen: the SVG is never scaled down to fit at 1,280px.
BOX_PADDING = 8
STRIP_WIDTH = 8  # the sector's colour and pattern down the left edge of a box
GAP_MIN = 36
GAP_PADDING = 12  # room between a box side and the nearest lane, for the arrowhead
LANE_SPACING = 6  # 2-3px lines 6px apart keep a visible gap between parallel arrows
CHANNEL_MIN = 24
TRACK_PADDING = 8
TRACK_SPACING = 7
HEADING_SIZE = 16
HEADING_LINE = 20
HEADING_TOP = 20
PORT_MARGIN = 4  # no port nearer a box corner than this (a left-side port's 3px shift must stay on its side)
SWEEPS = 8
CANDIDATE_ORDERS = 3


@dataclass(frozen=True)
class MapStyle:
    """Type sizes and the width to fit: the whole map at 16px in a 1,280px window, the focused map at 19px."""

    font_size: int = 16
    line_height: int = 20
    label_size: int = 14
    fit_width: int = 1200
    box_min: int = 118
    box_max: int = 176


WHOLE_MAP = MapStyle()
FOCUSED_MAP = MapStyle(font_size=19, line_height=24, label_size=14, box_min=120, box_max=210)

# Advance widths (thousandths of the font size) of DejaVu Sans, the widest of the fonts the site's font stack
# falls back to, measured in Chromium. Titles wrapped to these widths fit their box in any of the stack's fonts.
_FONT = json.loads(Path(__file__).with_name("font_widths.json").read_text(encoding="utf-8"))
_WIDTHS = {False: _FONT["regular"], True: _FONT["bold"]}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of a line of text in pixels; characters not in the table count as wide as an "M"."""
    widths = _WIDTHS[bold]
    return sum(widths.get(ch, 1000) for ch in text) * size / 1000


TRACK_KINDS = ("exit", "single", "enter")


# The two smallest records, hundreds to a map and kept with it (LAYOUTS_KEPT), are tuples: the lightest kind.
class TextLine(NamedTuple):
    x: int
    y: int
    text: str


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
    group: int = 0  # the sector, as an index the stylesheet gives a colour and a pattern
    moves: tuple[RoutedEdge, ...] = ()  # the arrows into and out of this role, drawn again to highlight them

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def strip_width(self) -> int:
        return STRIP_WIDTH


@dataclass(frozen=True)
class Heading:
    lines: tuple[TextLine, ...]
    kind: str  # "band" or "level"


class BandArea(NamedTuple):
    x: int
    width: int
    shaded: bool


@dataclass(frozen=True)
class MapLayout:
    boxes: tuple[Box, ...]
    edges: tuple[RoutedEdge, ...]
    headings: tuple[Heading, ...]
    bands: tuple[BandArea, ...]
    width: int
    height: int
    font_size: int = WHOLE_MAP.font_size


def wrap(text: str, max_width: float, size: float = 1, *, bold: bool = False) -> list[str]:
    """Greedy word wrap to a width in pixels at a font size (size=1 and max_width in characters wraps to a count
    of average characters); a word longer than the line stays whole on its own line."""
    measure = (lambda s: len(s)) if size == 1 else (lambda s: text_width(s, size, bold=bold))
    lines: list[str] = []
    for word in text.split():
        if lines and measure(lines[-1] + " " + word) <= max_width:
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
    return candidate_orders(nodes, edges)[0]


def _linked_across(columns, edges) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each role's column, and the roles it links to in other columns (links within a column do not order)."""
    column_of = {key: c for c, column in enumerate(columns) for key in column}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if column_of[edge.source] != column_of[edge.target]:
            neighbours[edge.source].append(edge.target)
            neighbours[edge.target].append(edge.source)
    return column_of, neighbours


def candidate_orders(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[list[list[str]]]:
    """The distinct orderings the barycentre sweeps pass through, fewest straight-line crossings first."""
    edges = usable_edges(nodes, edges)
    columns = initial_columns(nodes)
    column_of, neighbours = _linked_across(columns, edges)
    seen = {}
    seen[str(columns)] = (count_crossings(columns, edges), 0, [list(c) for c in columns])
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        row_of = {key: r for column in columns for r, key in enumerate(column)}
        for c in range(len(columns)) if forward else range(len(columns) - 1, -1, -1):
            weights = {key: _barycentre(key, c, forward, neighbours, column_of, row_of) for key in columns[c]}
            columns[c] = sorted(columns[c], key=lambda key: (weights[key], row_of[key]))
            row_of.update({key: r for r, key in enumerate(columns[c])})
        seen.setdefault(str(columns), (count_crossings(columns, edges), sweep + 1, [list(c) for c in columns]))
    return [order for _, _, order in sorted(seen.values(), key=lambda item: item[:2])]


def _barycentre(key, column, forward, neighbours, column_of, row_of) -> float:
    """Mean row of the neighbours on the side the sweep comes from (or on any side, or stay put)."""
    before = [n for n in neighbours[key] if column_of[n] != column and (column_of[n] < column) == forward]
    others = before or neighbours[key]
    if not others:
        return row_of[key]
    return sum(row_of[n] for n in others) / len(others)


# ---------------------------------------------------------------------------------------------------------------
# Rows: a column with fewer roles than the tallest leaves some rows empty, and which ones it leaves matters. Each
# role takes the free row nearest the mean row of the roles it links to (keeping the column's order), so linked
# roles line up and many arrows run straight across with no bend.


def place_rows(columns: Sequence[Sequence[str]], edges: Sequence[Edge]) -> dict[str, int]:
    rows = max(len(column) for column in columns)
    column_of, neighbours = _linked_across(columns, edges)
    row_of = {key: (rows - len(column)) // 2 + r for column in columns for r, key in enumerate(column)}
    for sweep in range(4):
        order = range(len(columns)) if sweep % 2 == 0 else range(len(columns) - 1, -1, -1)
        for c in order:
            if len(columns[c]) < rows:
                row_of.update(_fit_rows(columns[c], neighbours, row_of, rows))
    return row_of


def _fit_rows(keys: Sequence[str], neighbours, row_of, rows: int) -> dict[str, int]:
    """Rows for one column's roles, in order, closest in total to where their neighbours are (dynamic
    programming over (role, row)); ties keep the role where it was."""
    targets = []
    for key in keys:
        linked = [row_of[n] for n in neighbours[key]]
        targets.append(sum(linked) / len(linked) if linked else row_of[key])
    inf = float("inf")
    best = [[inf] * rows for _ in keys]
    came = [[0] * rows for _ in keys]
    for i, key in enumerate(keys):
        running, running_at = inf, 0
        for r in range(rows):
            if i and r and best[i - 1][r - 1] < running:
                running, running_at = best[i - 1][r - 1], r - 1
            previous = 0 if i == 0 else running
            if previous < inf:
                best[i][r] = previous + abs(r - targets[i]) + 0.001 * abs(r - row_of[key])
                came[i][r] = running_at
    r = min(range(rows), key=lambda row: (best[-1][row], row))
    placed = {}
    for i in range(len(keys) - 1, -1, -1):
        placed[keys[i]] = r
        r = came[i][r]
    return placed


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
    straight: bool = False  # a horizontal line from box to box, through empty rows of the columns between
    exit_port: float = 0.5  # where on its box side, as a fraction of the box height
    enter_port: float = 0.5
    lanes: dict[str, int] = field(default_factory=dict)  # "exit"/"enter"/"single" → lane in its gap
    track: int = 0


def _port_offset(ratio: float, side: str, straight: bool, box_height: int) -> int:
    """Pixels from the box top. Right-side ports sit on even offsets and left-side ports 3px off them (odd), so
    the two boxes facing each other across a gap never send arrows along the same line; a straight arrow leaves
    and enters at the same height. Offsets are spread over the box side less PORT_MARGIN at each end, so even a
    left-side port shifted 3px stays on the side, never at or past a corner."""
    offset = PORT_MARGIN + 2 * math.floor(ratio * (box_height - 2 * PORT_MARGIN) / 2 + 0.5)
    if straight or side == "R":
        return offset
    return offset + (3 if ratio >= 0.5 else -3)


def _abstract_port_y(row: int, ratio: float, side: str, straight: bool, box_height: int) -> float:
    """A port's height in row units (row r spans 2r+0.5 to 2r+1.5; channel k sits at 2k), in step with the
    drawn height, so lanes that overlap on the drawing overlap here too."""
    return 2 * row + 0.5 + _port_offset(ratio, side, straight, box_height) / box_height


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


def _plan(edge: Edge, where: dict[str, tuple[int, int]], occupied: set, straight_sides: set) -> _Route:
    (sc, sr), (tc, tr) = where[edge.source], where[edge.target]
    exit_side = "R" if tc >= sc else "L"
    enter_side = "L" if tc > sc else "R"
    exit_gap = sc if exit_side == "R" else sc - 1
    enter_gap = tc - 1 if enter_side == "L" else tc
    sides = {(edge.source, exit_side), (edge.target, enter_side)}
    low, high = sorted((sc, tc))
    if (
        sr == tr
        and sc != tc
        and not sides & straight_sides
        and all((c, sr) not in occupied for c in range(low + 1, high))
    ):
        straight_sides |= sides
        return _Route(edge, exit_side, enter_side, exit_gap, enter_gap, None, straight=True)
    channel = None if exit_gap == enter_gap else _choose_channel(sr, tr)
    return _Route(edge, exit_side, enter_side, exit_gap, enter_gap, channel)


def _assign_ports(routes: list[_Route], where: dict[str, tuple[int, int]], focus, label_size: int) -> dict[int, int]:
    """Spread the arrows on each box side, ordered by where they head so they do not cross at the box; a straight
    arrow takes the middle of its side and the others share the room above and below it. Returns, per row, the
    least box height that keeps neighbouring ports on a side at least 2px apart (see _port_offset), so no two
    share a line, or a label's height apart on a side that time labels hang beside, so no two labels overlap."""
    least_height: dict[int, int] = defaultdict(int)
    sides: dict[tuple[str, str], list] = defaultdict(list)
    for n, route in enumerate(routes):
        (sc, sr), (tc, tr) = where[route.edge.source], where[route.edge.target]
        toward_target = 2 * route.channel if route.channel is not None else 2 * tr + 1
        toward_source = 2 * route.channel if route.channel is not None else 2 * sr + 1
        sides[(route.edge.source, route.exit_side)].append(((toward_target, tc, route.edge.target, 0, n), "exit"))
        sides[(route.edge.target, route.enter_side)].append(((toward_source, sc, route.edge.source, 1, n), "enter"))
    for (key, _), attached in sides.items():
        attached.sort()
        count = len(attached)
        middle = next((i for i, (order, _) in enumerate(attached) if routes[order[-1]].straight), None)
        slots = count + 1 if middle is None else 2 * max(middle + 1, count - middle)
        labelled = any(_labelled_here(routes[order[-1]], end, focus) for order, end in attached)
        spacing = label_size + 5 if labelled else 2  # a label is label_size + 3 tall; rounding may take 2px
        row = where[key][1]
        least_height[row] = max(least_height[row], 2 * PORT_MARGIN + spacing * slots)
        for index, (order, end) in enumerate(attached):
            if middle is None:
                ratio = (index + 1) / (count + 1)
            elif index <= middle:
                ratio = 0.5 * (index + 1) / (middle + 1)
            else:
                ratio = 0.5 + 0.5 * (index - middle) / (count - middle)
            route = routes[order[-1]]
            if end == "exit":
                route.exit_port = ratio
            else:
                route.enter_port = ratio
    return least_height


def _labelled_here(route: _Route, end: str, focus: str | None) -> bool:
    """Whether the arrow's time label hangs beside this end of it (see _label_place)."""
    at_source = focus is not None and route.edge.target == focus
    return bool(route.edge.label) and (end == "exit") == at_source


def _assign_lanes(routes: list[_Route], where, row_height: dict[int, int]):
    gap_intervals: dict[int, list] = defaultdict(list)
    channel_intervals: dict[int, list] = defaultdict(list)
    for n, route in enumerate(routes):
        if route.straight:
            continue
        (_, sr), (_, tr) = where[route.edge.source], where[route.edge.target]
        start_y = _abstract_port_y(sr, route.exit_port, route.exit_side, False, row_height[sr])
        end_y = _abstract_port_y(tr, route.enter_port, route.enter_side, False, row_height[tr])
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


def layout_map(
    nodes: Sequence[Node], edges: Sequence[Edge], *, focus: str | None = None, style: MapStyle = WHOLE_MAP
) -> MapLayout:
    """Boxes in level columns and arrows routed between them, in whole SVG units (CSS pixels); deterministic."""
    nodes = tuple(sorted(nodes, key=lambda n: n.key))
    return _layout(nodes, tuple(usable_edges(nodes, edges)), focus, style)


# The layout is a pure function of the roles and moves drawn, and the dearest part of a map page (six drawings to
# pick from), so each process keeps the latest ones: a page the page cache misses, such as a map after an edit to
# a role's prose, is drawn without laying it out again. The nodes and edges are the key, so it is never stale.
LAYOUTS_KEPT = 64


@lru_cache(maxsize=LAYOUTS_KEPT)
def _layout(nodes: tuple[Node, ...], edges: tuple[Edge, ...], focus: str | None, style: MapStyle) -> MapLayout:
    if not nodes:
        return MapLayout(width=0, height=0, boxes=(), edges=(), headings=(), bands=(), font_size=style.font_size)
    by_key = {node.key: node for node in nodes}
    # A few candidate orderings, each with its rows lined up to its links and packed, are drawn; the one with
    # fewest crossings (then bends) on the drawing wins. Each drawing takes a few milliseconds.
    candidates = []
    for columns in candidate_orders(nodes, edges)[:CANDIDATE_ORDERS]:
        packed = {key: r for column in columns for r, key in enumerate(column)}
        lined_up = place_rows(columns, edges)
        for row_of in (lined_up, packed) if lined_up != packed else (packed,):
            drawn = _draw_map(columns, row_of, by_key, edges, focus, style)
            candidates.append((drawn_crossing_count(drawn), bend_count(drawn), len(candidates), drawn))
    return min(candidates)[-1]


def _draw_map(columns, row_of, by_key, edges, focus, style: MapStyle) -> MapLayout:
    """One map, its columns ordered and its rows chosen: boxes placed, arrows routed. Long because the steps
    share many measurements (lanes, gap widths, box size, row heights); split up they would pass a dozen values."""
    nodes = sorted(by_key.values(), key=lambda n: n.key)
    where = {key: (c, row_of[key]) for c, column in enumerate(columns) for key in column}
    occupied = set(where.values())
    row_count = max(row_of.values()) + 1
    straight_sides: set = set()
    routes = [_plan(edge, where, occupied, straight_sides) for edge in edges]
    least_height = _assign_ports(routes, where, focus, style.label_size)

    # Lanes first at a provisional box height (they hardly depend on it), to know how wide the gaps are and so
    # how wide the boxes can be; then again at the heights the wrapped titles need. Each row is as tall as its
    # tallest title (and its busiest box side), so one long title does not make every box on the map tall.
    provisional = {r: max(2 * BOX_PADDING + 2 * style.line_height, least_height[r]) for r in range(row_count)}
    gap_lanes, _ = _assign_lanes(routes, where, provisional)
    label_room = _label_room(routes, focus, style)
    gap_width = _gap_widths(gap_lanes, label_room, len(columns))
    room = (style.fit_width - sum(gap_width.values())) // len(columns)
    # Never narrower than the longest word, which cannot wrap (bold only in the focus box, the one drawn bold).
    longest = max(
        text_width(word, style.font_size, bold=n.key == focus) for n in nodes for word in n.title.split() or [""]
    )
    box_width = max(style.box_min, math.ceil(longest) + STRIP_WIDTH + 2 * BOX_PADDING + 2, min(style.box_max, room))
    text_room = box_width - STRIP_WIDTH - 2 * BOX_PADDING
    wrapped = {n.key: wrap(n.title, text_room, style.font_size, bold=n.key == focus) for n in nodes}
    row_lines = defaultdict(lambda: 1)
    for key, (_, r) in where.items():
        row_lines[r] = max(row_lines[r], len(wrapped[key]))
    row_height = {r: max(2 * BOX_PADDING + style.line_height * row_lines[r], least_height[r]) for r in range(row_count)}
    gap_lanes, channel_tracks = _assign_lanes(routes, where, row_height)
    gap_width = _gap_widths(gap_lanes, label_room, len(columns))
    channel_height = {
        k: max(CHANNEL_MIN, 2 * TRACK_PADDING + (channel_tracks.get(k, 1) - 1) * TRACK_SPACING)
        for k in range(row_count + 1)
    }

    headings, header_height, column_x, gap_x = _headings(columns, by_key, gap_width, box_width)
    row_y, channel_y = {}, {}
    y = header_height
    for k in range(row_count + 1):
        channel_y[k] = y
        y += channel_height[k]
        if k < row_count:
            row_y[k] = y
            y += row_height[k]
    width = gap_x[len(columns) - 1] + gap_width[len(columns) - 1]

    boxes = {
        key: _box(by_key[key], c, r, column_x[c], row_y[r], box_width, row_height[r], wrapped[key], focus, style)
        for key, (c, r) in where.items()
    }

    def lane_x(gap: int, lane: int) -> int:
        used = 2 * GAP_PADDING + (gap_lanes.get(gap, 1) - 1) * LANE_SPACING
        return gap_x[gap] + (gap_width[gap] - used) // 2 + GAP_PADDING + lane * LANE_SPACING

    def track_y(channel: int, track: int) -> int:
        used = 2 * TRACK_PADDING + (channel_tracks.get(channel, 1) - 1) * TRACK_SPACING
        return channel_y[channel] + (channel_height[channel] - used) // 2 + TRACK_PADDING + track * TRACK_SPACING

    routed = [_draw(route, boxes, lane_x, track_y, focus, style) for route in routes]
    return MapLayout(
        width=width,
        height=y,
        boxes=_with_moves(boxes, routed),
        edges=tuple(routed),
        headings=headings,
        bands=_band_areas(columns, by_key, column_x, gap_x, gap_width, box_width),
        font_size=style.font_size,
    )


def _gap_widths(gap_lanes: dict[int, int], label_room: dict[int, int], column_count: int) -> dict[int, int]:
    return {
        g: max(GAP_MIN, 2 * GAP_PADDING + (gap_lanes.get(g, 1) - 1) * LANE_SPACING, label_room.get(g, 0))
        for g in range(-1, column_count)
    }


def _label_room(routes: list[_Route], focus: str | None, style: MapStyle) -> dict[int, int]:
    """Labels sit beside the box at the far end from the focus (or at the target), in that box's gap; a gap
    holding labels on both its sides is wide enough for both side by side."""
    label_width: dict[tuple[int, str], int] = defaultdict(int)
    for route in routes:
        if route.edge.label:
            gap, side = _label_place(route, focus)
            width = math.ceil(text_width(route.edge.label, style.label_size))
            label_width[(gap, side)] = max(label_width[(gap, side)], width)
    return {
        gap: label_width.get((gap, "left"), 0) + label_width.get((gap, "right"), 0) + 3 * GAP_PADDING
        for gap in {gap for gap, _ in label_width}
    }


def _box(node: Node, column, row, x, top, width, height, lines, focus, style: MapStyle) -> Box:
    first_line_top = top + (height - style.line_height * len(lines)) // 2
    baseline = round((style.line_height + 0.72 * style.font_size) / 2)
    centre = x + STRIP_WIDTH + (width - STRIP_WIDTH) // 2
    text = tuple(
        TextLine(centre, first_line_top + i * style.line_height + baseline, line) for i, line in enumerate(lines)
    )
    return Box(
        key=node.key,
        title=node.title,
        level=node.level,
        href=node.href,
        column=column,
        row=row,
        x=x,
        y=top,
        width=width,
        height=height,
        lines=text,
        focus=node.key == focus,
        group=node.group,
    )


def _with_moves(boxes: dict[str, Box], routed: list[RoutedEdge]) -> tuple[Box, ...]:
    """The boxes in reading (and keyboard) order, level then title, each with the arrows into and out of it."""
    moves: dict[str, list[RoutedEdge]] = defaultdict(list)
    for edge in routed:
        moves[edge.source].append(edge)
        moves[edge.target].append(edge)
    ordered = sorted(boxes.values(), key=lambda box: (box.level, box.title, box.key))
    return tuple(replace(box, moves=tuple(moves[box.key])) for box in ordered)


def _draw(route: _Route, boxes: dict[str, Box], lane_x, track_y, focus, style: MapStyle) -> RoutedEdge:
    source, target = boxes[route.edge.source], boxes[route.edge.target]

    def port(box: Box, side: str, ratio: float) -> tuple[int, int]:
        return (box.right if side == "R" else box.x, box.y + _port_offset(ratio, side, route.straight, box.height))

    start = port(source, route.exit_side, route.exit_port)
    end = port(target, route.enter_side, route.enter_port)
    if route.straight:
        points = [start, end]
    elif route.channel is None:
        x = lane_x(route.exit_gap, route.lanes["single"])
        points = [start, (x, start[1]), (x, end[1]), end]
    else:
        x1 = lane_x(route.exit_gap, route.lanes["exit"])
        x2 = lane_x(route.enter_gap, route.lanes["enter"])
        y = track_y(route.channel, route.track)
        points = [start, (x1, start[1]), (x1, y), (x2, y), (x2, end[1]), end]
    return _with_label(route, _simplify(points), source, target, focus)


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
    return replace(base, label=edge.label, label_x=x, label_y=y - 5, label_anchor=anchor)


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


def _headings(columns, by_key, gap_width, box_width):
    """Band and level headings over the columns, and the x of every column and gap."""
    column_x, gap_x = {}, {-1: 0}
    x = gap_width[-1]
    for c in range(len(columns)):
        column_x[c] = x
        x += box_width
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
        span = column_x[cols[-1]] + box_width - column_x[cols[0]] + (gap_width[cols[0]] if len(cols) == 1 else 0)
        wrapped.append((cols, wrap(band[2], span, HEADING_SIZE, bold=True)))
    band_lines = max(len(lines) for _, lines in wrapped)
    headings = []
    for cols, lines in wrapped:
        centre = (column_x[cols[0]] + column_x[cols[-1]] + box_width) // 2
        text = tuple(TextLine(x=centre, y=HEADING_TOP + i * HEADING_LINE, text=line) for i, line in enumerate(lines))
        headings.append(Heading(lines=text, kind="band"))
    level_y = HEADING_TOP + band_lines * HEADING_LINE + 6
    for c, level in enumerate(levels):
        line = TextLine(x=column_x[c] + box_width // 2, y=level_y, text=f"Level {level}")
        headings.append(Heading(lines=(line,), kind="level"))
    return tuple(headings), level_y + 8, column_x, gap_x


def _band_areas(columns, by_key, column_x, gap_x, gap_width, box_width) -> tuple[BandArea, ...]:
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


# ---------------------------------------------------------------------------------------------------------------
# Measures of how easy the drawn arrows are to follow (reported by the tests, before and after a layout change)


def bend_count(layout: MapLayout) -> int:
    """Corners in the drawn arrows: every point of a polyline but its two ends."""
    return sum(max(0, len(edge.points) - 2) for edge in layout.edges)


def _orientation(a, b, c) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _segments_cross(p1, q1, p2, q2) -> bool:
    """Whether two segments cross at a point inside both (touching ends and collinear runs do not count)."""
    d1, d2 = _orientation(p2, q2, p1), _orientation(p2, q2, q1)
    d3, d4 = _orientation(p1, q1, p2), _orientation(p1, q1, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def drawn_crossing_count(layout: MapLayout) -> int:
    """Pairs of segments of different arrows that cross each other on the drawing."""
    horizontal, vertical, other = [], [], []
    for n, edge in enumerate(layout.edges):
        for p, q in edge.segments():
            (horizontal if p[1] == q[1] else vertical if p[0] == q[0] else other).append((n, p, q))
    # Verticals sorted by x, so each horizontal looks only at those strictly inside its x-range (every map is
    # drawn several times to pick the best, so this runs often).
    upright = sorted((p[0], min(p[1], q[1]), max(p[1], q[1]), n) for n, p, q in vertical)
    upright_x = [x for x, _, _, _ in upright]
    count = 0
    for n1, p1, q1 in horizontal:
        left, right, y = min(p1[0], q1[0]), max(p1[0], q1[0]), p1[1]
        for _, low, high, n2 in upright[bisect_right(upright_x, left) : bisect_left(upright_x, right)]:
            if low < y < high and n1 != n2:
                count += 1
    mixed = [(a, b) for a in other for b in horizontal + vertical + other if a is not b]
    return count + sum(1 for (n1, p1, q1), (n2, p2, q2) in mixed if n1 != n2 and _segments_cross(p1, q1, p2, q2))
