"""Geometry for the small server-side SVG charts (no script needed, so the CSP stays strict).

The templates draw what these return; the numbers are the same rows the tables next to the charts
show, so a chart never says something its table does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: float | None     # a share 0..1; None where nothing was due (a gap in the line)


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    top: int
    bottom: int
    points: list[Point]
    segments: list[str]               # polyline "x,y x,y" runs between gaps
    gridlines: list[tuple[float, str]]  # y, label

    @property
    def has_data(self) -> bool:
        return any(p.value is not None for p in self.points)


def share_line(labels: Sequence[str], shares: Sequence[float | None], width: int = 580,
               height: int = 220) -> LineChart:
    left, right, top, bottom = 44, 12, 12, 36
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(1, len(labels) - 1)
    points = [Point(round(left + i * step, 1), round(top + inner_h * (1 - (v or 0)), 1), label, v)
              for i, (label, v) in enumerate(zip(labels, shares, strict=True))]
    segments, run = [], []
    for p in points:
        if p.value is None:
            if run:
                segments.append(" ".join(run))
            run = []
        else:
            run.append(f"{p.x},{p.y}")
    if run:
        segments.append(" ".join(run))
    grid = [(round(top + inner_h * (1 - f), 1), f"{int(f * 100)} %") for f in (0, 0.25, 0.5, 0.75, 1)]
    return LineChart(width, height, left, top, height - bottom, points, segments, grid)


@dataclass(frozen=True)
class Bar:
    y: float
    label: str
    total: int
    part: int
    total_w: float
    part_w: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bar_h: int
    bars: list[Bar]


def paired_bars(rows: Sequence[tuple[str, int, int]], width: int = 580) -> BarChart:
    """One bar per row: the whole (services ended) with its part (aftercare done on time) inside. Each
    bar's label stands above it across the chart's width: process names run to 60 letters, in Swedish
    longer than in Finnish, and a column beside the bars clipped them."""
    left, label_h, bar_h, gap = 4, 16, 18, 10
    inner = width - left - 60
    top = max((t for _, t, _ in rows), default=0) or 1
    step = label_h + bar_h + gap
    bars = [Bar(8 + label_h + i * step, label, total, part, round(inner * total / top, 1),
                round(inner * part / top, 1)) for i, (label, total, part) in enumerate(rows)]
    return BarChart(width, 12 + len(rows) * step, left, bar_h, bars)
