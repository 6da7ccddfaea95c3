"""Plotly figures built from plain data; labels come in already translated."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def scores_against_pass_mark(pillars: Sequence[str], best: Sequence[int | None], latest: Sequence[int | None],
                             pass_mark: int, *, best_label: str, latest_label: str, pass_label: str,
                             axis_label: str) -> go.Figure:
    """Best and latest quiz score per pillar as bars, with the pass mark as a dashed line."""
    figure = go.Figure()
    for name, values, colour in ((best_label, best, PALETTE[0]), (latest_label, latest, PALETTE[1])):
        figure.add_bar(x=list(pillars), y=[v if v is not None else 0 for v in values], name=name,
                       marker_color=colour,
                       text=[f"{v}%" if v is not None else "–" for v in values], textposition="outside")
    figure.add_hline(y=pass_mark, line_dash="dash", line_color="#444",
                     annotation_text=f"{pass_label} {pass_mark}%", annotation_position="top left")
    figure.update_layout(barmode="group", yaxis={"range": [0, 110], "title": axis_label},
                         legend={"orientation": "h", "y": -0.2}, margin={"t": 30, "l": 10, "r": 10},
                         height=380)
    return figure
