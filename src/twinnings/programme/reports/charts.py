"""The report's charts as SVG markup drawn on the server: participants per month (invited and local,
stacked) and the budget used by each party (planned and spent as shares of the allocation). No
script and no style attributes (the site's Content-Security-Policy forbids inline styles), only SVG
presentation attributes, so the same markup shows on the page and prints in the PDF. Plain data in,
a string out; every text is escaped here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
INK, MUTED, GRID = "#1a2233", "#5a6478", "#e1e6ef"
INVITED, LOCAL = "#13294b", "#e0a526"
PLANNED, SPENT, OVER = "#cbd3e1", "#13294b", "#b3261e"


@dataclass(frozen=True)
class MonthBar:
    label: str
    invited: int
    local: int


@dataclass(frozen=True)
class UseBar:
    label: str
    planned_share: float | None
    spent_share: float | None
    caption: str


def axis(value: float, ticks: int = 4) -> tuple[float, float]:
    """(top, step) of an axis from 0 that shows `value`: a step of 1, 2, 2.5 or 5 × 10^k giving at most
    `ticks` intervals, the top a whole number of steps."""
    if value <= 0:
        return 1, 0.25
    rough = value / ticks
    power = 10 ** math.floor(math.log10(rough))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= rough)
    return step * math.ceil(value / step), step


def _text(x: float, y: float, content: str, anchor: str = "start", size: int = 11, fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}" '
        f'font-family="{FONT}">{escape(content)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{max(height, 0):.1f}" fill="{fill}"/>'


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" class="report-chart"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> list[str]:
    parts = []
    for label, colour in items:
        parts += [_rect(x, y - 9, 10, 10, colour), _text(x + 14, y, label, size=10, fill=MUTED)]
        x += 24 + 6.5 * len(label)
    return parts


def participants_chart(
    bars: Sequence[MonthBar], title: str, invited_label: str, local_label: str, width: int = 640, height: int = 240
) -> str:
    """Stacked bars per month: invited participants at the bottom, local ones above, totals on top."""
    left, right, top, bottom = 44, 10, 28, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    peak, step = axis(max((b.invited + b.local for b in bars), default=0))
    body = _legend(left, 14, [(invited_label, INVITED), (local_label, LOCAL)])
    for tick in range(round(peak / step) + 1):
        y = top + plot_h - plot_h * tick * step / peak
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, f"{tick * step:g}", anchor="end", size=10, fill=MUTED))
    slot = plot_w / max(len(bars), 1)
    for index, bar in enumerate(bars):
        x, bar_w = left + slot * index + slot * 0.15, slot * 0.7
        invited_h, local_h = plot_h * bar.invited / peak, plot_h * bar.local / peak
        base = top + plot_h
        body.append(_rect(x, base - invited_h, bar_w, invited_h, INVITED))
        body.append(_rect(x, base - invited_h - local_h, bar_w, local_h, LOCAL))
        if bar.invited + bar.local:
            body.append(_text(x + bar_w / 2, base - invited_h - local_h - 3, str(bar.invited + bar.local), "middle", 9))
        body.append(_text(x + bar_w / 2, height - 8, bar.label, "middle", 10, MUTED))
    return _svg(width, height, title, body)


def budget_chart(
    bars: Sequence[UseBar], title: str, planned_label: str, spent_label: str, none_label: str, width: int = 640
) -> str:
    """One row per party and currency: planned (light) and spent (dark) as shares of the allocation,
    a line at 100 %; spending beyond the allocation drawn in red. Shares above 200 % are cut there."""
    label_w, right, top, row_h = 170, 60, 30, 34
    height = top + row_h * max(len(bars), 1) + 22
    plot_w = width - label_w - right
    shares = [s for b in bars for s in (b.planned_share, b.spent_share) if s is not None]
    scale = min(2.0, max([1.0, *shares]))
    body = _legend(label_w, 14, [(planned_label, PLANNED), (spent_label, SPENT)])
    full = label_w + plot_w / scale
    for index, bar in enumerate(bars):
        y = top + row_h * index
        body.append(_text(label_w - 8, y + 14, bar.label, "end", 11))
        if bar.spent_share is None or bar.planned_share is None:
            body.append(_text(label_w, y + 14, none_label, size=10, fill=MUTED))
        else:
            planned, spent = min(bar.planned_share, scale), min(bar.spent_share, scale)
            body.append(_rect(label_w, y + 3, plot_w * planned / scale, 16, PLANNED))
            body.append(_rect(label_w, y + 7, plot_w * spent / scale, 8, OVER if bar.spent_share > 1 else SPENT))
            body.append(_text(width - right + 6, y + 15, f"{bar.spent_share:.0%}", size=10))
        body.append(_text(label_w, y + 30, bar.caption, size=9, fill=MUTED))
    line = f'x1="{full:.1f}" y1="{top - 4}" x2="{full:.1f}" y2="{height - 18}"'
    body.append(f'<line {line} stroke="{INK}" stroke-dasharray="3 2"/>')
    body.append(_text(full, height - 6, "100 %", "middle", 9, MUTED))
    return _svg(width, height, title, body)
