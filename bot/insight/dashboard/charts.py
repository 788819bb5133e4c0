"""Charts as inline SVG, drawn on the server: no script, no chart library, nothing from a CDN.

The console's Content-Security-Policy allows no script and no inline style, so every chart is
plain SVG elements with classes (coloured by ``extension.css``) and presentation attributes.
Each mark carries a ``<title>`` (the browser's tooltip) with its exact figure, and each chart
an ``aria-label``; the figures are also in the tables and the CSV export.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Series:
    """One coloured part of a stacked column: its key in the data, its name, its CSS class."""

    key: str
    label: str
    css: str


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: what it is, its value, its CSS class and the figure written beside it."""

    label: str
    value: float
    css: str
    text: str


def _nice_top(value: float) -> float:
    """The axis maximum: ``value`` rounded up to 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 1.0
    while power * 10 <= value:
        power *= 10
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def column_chart(
    columns: Sequence[tuple[str, Mapping[str, int]]],
    series: Sequence[Series],
    title: str,
    tooltip: Callable[[str, str, int], str],
    label_every: int = 1,
) -> Markup:
    """Stacked columns, one per ``(label, values by series key)``; every ``label_every``-th label is written."""
    width, height, left, bottom, top = 720, 240, 36, 34, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    highest = max((sum(values.values()) for _, values in columns), default=0)
    axis = _nice_top(highest)
    parts = [_open(width, height, title, "chart-columns")]
    for step in range(5):
        value = axis * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{_number(value)}</text>')
    slot = plot_w / max(len(columns), 1)
    bar = max(slot * 0.7, 1)
    for index, (label, values) in enumerate(columns):
        x = left + index * slot + (slot - bar) / 2
        base = float(top + plot_h)
        for part in series:
            count = values.get(part.key, 0)
            if count <= 0:
                continue
            h = plot_h * count / axis
            base -= h
            tip = escape(tooltip(label, part.label, count))
            parts.append(
                f'<rect class="{part.css}" x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{tip}</title></rect>"
            )
        if index % label_every == 0:
            cx = x + bar / 2
            parts.append(
                f'<text class="axis" x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(bars: Sequence[Bar], title: str) -> Markup:
    """Horizontal bars, one row each, the figure written at the bar's end."""
    width, row, label_w = 360, 30, 110
    height = row * max(len(bars), 1) + 8
    top_value = _nice_top(max((b.value for b in bars), default=0))
    room = width - label_w - 90
    parts = [_open(width, height, title, "chart-bars")]
    for index, item in enumerate(bars):
        y = 4 + index * row
        w = room * item.value / top_value if item.value > 0 else 0
        parts.append(
            f'<text class="label" x="{label_w - 6}" y="{y + 19}" text-anchor="end">{escape(item.label)}</text>'
        )
        parts.append(
            f'<rect class="{item.css}" x="{label_w}" y="{y + 5}" width="{max(w, 1):.1f}" height="{row - 10}" rx="3">'
            f"<title>{escape(item.label)}: {escape(item.text)}</title></rect>"
        )
        parts.append(f'<text class="value" x="{label_w + w + 6:.1f}" y="{y + 19}">{escape(item.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def paired_bar_chart(
    rows: Sequence[tuple[str, float | None, float | None]],
    names: tuple[str, str],
    title: str,
    describe: Callable[[float | None], str],
) -> Markup:
    """Two horizontal bars per row (time to claim, time to answer), for comparing people."""
    width, row, label_w = 420, 44, 110
    height = row * max(len(rows), 1) + 8
    top_value = _nice_top(max((v for _, a, b in rows for v in (a, b) if v is not None), default=0))
    room = width - label_w - 90
    parts = [_open(width, height, title, "chart-pairs")]
    for index, (label, first, second) in enumerate(rows):
        y = 4 + index * row
        parts.append(f'<text class="label" x="{label_w - 6}" y="{y + 24}" text-anchor="end">{escape(label)}</text>')
        for offset, (value, name, css) in enumerate(((first, names[0], "claim"), (second, names[1], "answer"))):
            w = room * value / top_value if value else 0
            by = y + 4 + offset * 18
            text = escape(describe(value))
            parts.append(
                f'<rect class="{css}" x="{label_w}" y="{by}" width="{max(w, 1):.1f}" height="15" rx="2">'
                f"<title>{escape(label)} · {escape(name)}: {text}</title></rect>"
            )
            parts.append(f'<text class="value small" x="{label_w + w + 5:.1f}" y="{by + 12}">{text}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(width: int, height: int, title: str, css: str) -> str:
    return (
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
    )
