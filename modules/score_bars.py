"""A learner's best and latest quiz score per pillar, with the pass mark, as one small SVG.

Progres Saya draws it on every rerun: as a Plotly chart it cost the server a figure copy and its
JSON each time (about a sixth of the page's CPU) and the browser Plotly's script; the same four
pairs of bars as SVG are a few kilobytes of text, made once per set of figures. Every text in it is
escaped; the table above it on the page holds the same figures (its text equivalent)."""

from __future__ import annotations

import functools
from html import escape

from modules.charts import PALETTE

BEST, LATEST, LINE = PALETTE[0], PALETTE[1], "#444444"  # colour-blind safe, as every chart
# Narrow on purpose: a phone shows it at about nine tenths of its size, so its text stays readable.
WIDTH, HEIGHT = 420, 300
TOP, BOTTOM, LEFT, RIGHT = 24, 250, 34, 414  # the plot area; the legend sits under the pillar names


def _y(value: int) -> float:
    return BOTTOM - (BOTTOM - TOP) * max(0, min(value, 110)) / 110


@functools.lru_cache(maxsize=256)
def score_bars(pillars: tuple[str, ...], best: tuple[int | None, ...], latest: tuple[int | None, ...],
               pass_mark: int, *, best_label: str, latest_label: str, pass_label: str, title: str) -> str:
    """The chart as SVG markup on one line (Markdown takes it as one HTML block); `title` names it
    for screen readers."""
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{escape(title)}" '
             'xmlns="http://www.w3.org/2000/svg" style="font-size: 13px; font-family: inherit; max-width: 560px">']
    for tick in (0, 20, 40, 60, 80, 100):
        parts.append(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{_y(tick):.1f}" y2="{_y(tick):.1f}" stroke="#e6e6e6"/>'
                     f'<text x="{LEFT - 6}" y="{_y(tick) + 4:.1f}" text-anchor="end" fill="#555">{tick}</text>')
    slot = (RIGHT - LEFT) / max(len(pillars), 1)
    bar = min(36.0, slot / 3)
    for index, name in enumerate(pillars):
        middle = LEFT + slot * (index + 0.5)
        for offset, value, colour in ((-bar, best[index], BEST), (0, latest[index], LATEST)):
            x = middle + offset
            shown = "–" if value is None else f"{value}%"
            if value:
                parts.append(f'<rect x="{x:.1f}" y="{_y(value):.1f}" width="{bar:.1f}" '
                             f'height="{BOTTOM - _y(value):.1f}" fill="{colour}"/>')
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{_y(value or 0) - 5:.1f}" text-anchor="middle" '
                         f'fill="#111" font-size="11">{shown}</text>')
        parts.append(f'<text x="{middle:.1f}" y="{BOTTOM + 18}" text-anchor="middle" fill="#111">{escape(name)}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{_y(pass_mark):.1f}" y2="{_y(pass_mark):.1f}" '
                 f'stroke="{LINE}" stroke-width="1.5" stroke-dasharray="6 4"/>')
    legend_y = HEIGHT - 12
    items = ((BEST, best_label, "rect"), (LATEST, latest_label, "rect"), (LINE, f"{pass_label} {pass_mark}%", "line"))
    x = LEFT
    for colour, label, kind in items:
        mark = (f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>' if kind == "rect" else
                f'<line x1="{x}" x2="{x + 18}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{colour}" '
                'stroke-width="1.5" stroke-dasharray="6 4"/>')
        parts.append(f'{mark}<text x="{x + 24}" y="{legend_y}" fill="#111">{escape(label)}</text>')
        x += 32 + 7 * len(label)
    parts.append("</svg>")
    return "".join(parts)
