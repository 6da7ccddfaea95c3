"""Plotly figures built from plain data; labels come in already translated."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


# ---------------------------------------------------------------- trainer and manager dashboards
# Values that are hidden for small groups ("< 5") or missing arrive as None and are not drawn.
# Every figure is made in one constructor call, its lines as layout shapes: `add_bar`, `add_hline`
# and `update_layout` validate the whole figure again on each call (about 5x the CPU of one call, on
# every rerun of a dashboard).

_DOTTED = {"dash": "dot", "color": "#888"}


def _figure(traces: Sequence[dict], height: int = 360, **layout: object) -> go.Figure:
    # separators: Indonesian numbers, decimal comma and thousands dot (0,45; 18.000).
    return go.Figure(data=list(traces), layout={
        "margin": {"t": 30, "l": 10, "r": 10, "b": 10}, "height": height, "separators": ",.",
        "legend": {"orientation": "h", "y": -0.18}, **layout})


def _hline(y: float, line: dict) -> dict:
    return {"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": line}


def _vline(x: float, line: dict) -> dict:
    return {"type": "line", "xref": "x", "yref": "y domain", "x0": x, "x1": x, "y0": 0, "y1": 1, "line": line}


def _text(labels: Sequence[str]) -> list[str]:
    """Labels drawn as text: plotly reads `<a href>`, `<b>` and entities in labels, and group names
    (agencies, regions) come from what people typed."""
    return [str(label).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for label in labels]


def _percent(values: Sequence[float | None]) -> list[float | None]:
    return [None if v is None else round(100 * v, 1) for v in values]


def pass_rates(quizzes: Sequence[str], first: Sequence[float | None], ever: Sequence[float | None], *,
               first_label: str, ever_label: str, axis_label: str) -> go.Figure:
    """Pass rate per quiz on the first attempt and ever, as grouped bars (shares 0–1 in, % shown)."""
    traces = []
    for name, values, colour in ((first_label, first, PALETTE[1]), (ever_label, ever, PALETTE[0])):
        shown = _percent(values)
        traces.append({"type": "bar", "x": list(quizzes), "y": shown, "name": name, "marker": {"color": colour},
                       "text": [f"{v:.0f}%" if v is not None else "" for v in shown], "textposition": "outside"})
    return _figure(traces, barmode="group", yaxis={"range": [0, 110], "title": {"text": axis_label}})


def attempts_until_pass(quizzes: Sequence[str], series: Sequence[tuple[str, Sequence[int | None]]], *,
                        axis_label: str) -> go.Figure:
    """Learners per quiz by the attempt on which they passed, stacked (series: label → count per quiz)."""
    colours = (PALETTE[2], PALETTE[4], PALETTE[1], PALETTE[5], "#BBBBBB")
    return _figure([{"type": "bar", "x": list(quizzes), "y": list(counts), "name": name, "marker": {"color": colour}}
                    for (name, counts), colour in zip(series, colours, strict=False)],
                   barmode="stack", yaxis={"title": {"text": axis_label}})


def score_histogram(percents: Sequence[int], counts: Sequence[int | None], pass_mark: int, *,
                    x_label: str, y_label: str, pass_label: str) -> go.Figure:
    """How many attempts reached each score, with the pass mark as a dashed line."""
    colours = [PALETTE[0] if p >= pass_mark else PALETTE[5] for p in percents]
    mark = pass_mark - 2.5
    return _figure([{"type": "bar", "x": list(percents), "y": list(counts), "marker": {"color": colours},
                     "showlegend": False}],
                   shapes=[_vline(mark, {"dash": "dash", "color": "#444"})],
                   annotations=[{"x": mark, "xref": "x", "y": 1, "yref": "y domain", "showarrow": False,
                                 "text": f"{pass_label} {pass_mark}%", "xanchor": "right", "yanchor": "top"}],
                   xaxis={"title": {"text": x_label}, "dtick": 10, "range": [-5, 105]},
                   yaxis={"title": {"text": y_label}})


def item_map(ids: Sequence[str], difficulty: Sequence[float], discrimination: Sequence[float | None],
             flagged: Sequence[bool], *, x_label: str, y_label: str, flagged_label: str, fine_label: str,
             limits: tuple[float, float, float]) -> go.Figure:
    """Each question as a point: share right (x) against item–rest discrimination (y); flagged in orange.

    `limits` are (too hard below, too easy above, weak discrimination below), drawn as dotted lines.
    """
    traces = []
    for name, wanted, colour, symbol in ((fine_label, False, PALETTE[0], "circle"),
                                         (flagged_label, True, PALETTE[5], "diamond")):
        points = [(i, x, y) for i, x, y, f in zip(ids, difficulty, discrimination, flagged, strict=True)
                  if f == wanted and y is not None]
        traces.append({"type": "scatter", "x": [p[1] for p in points], "y": [p[2] for p in points],
                       "text": [p[0] for p in points], "mode": "markers", "name": name,
                       "marker": {"color": colour, "size": 10, "symbol": symbol},
                       "hovertemplate": "%{text}<br>%{x:.2f} · %{y:.2f}<extra></extra>"})
    hard, easy, weak = limits
    return _figure(traces, height=380, shapes=[_vline(hard, _DOTTED), _vline(easy, _DOTTED), _hline(weak, _DOTTED)],
                   xaxis={"title": {"text": x_label}, "range": [0, 1.02]}, yaxis={"title": {"text": y_label}})


def funnel(stages: Sequence[str], counts: Sequence[int | None], shown: Sequence[str]) -> go.Figure:
    """The completion funnel; `shown` is the text on each stage (a count, or "< 5")."""
    return _figure([{"type": "funnel", "y": list(stages), "x": [c or 0 for c in counts], "text": list(shown),
                     "textinfo": "text", "marker": {"color": PALETTE[0]},
                     "connector": {"line": {"color": "#BBBBBB"}}}], height=340)


def group_results(groups: Sequence[str], pass_rate: Sequence[float | None], mean_score: Sequence[float | None], *,
                  pass_label: str, score_label: str, axis_label: str) -> go.Figure:
    """Pass rate (share) and mean best score (%) per group as horizontal bars."""
    labels = _text(groups)
    return _figure([{"type": "bar", "y": labels, "x": _percent(pass_rate), "name": pass_label, "orientation": "h",
                     "marker": {"color": PALETTE[0]}},
                    {"type": "bar", "y": labels, "x": list(mean_score), "name": score_label, "orientation": "h",
                     "marker": {"color": PALETTE[1]}}],
                   height=max(260, 60 + 38 * len(groups)), barmode="group",
                   xaxis={"range": [0, 100], "title": {"text": axis_label}}, yaxis={"autorange": "reversed"})


def learning_gain(groups: Sequence[str], gains: Sequence[float | None], bands: Sequence[str | None],
                  band_labels: dict[str, str], *, axis_label: str) -> go.Figure:
    """Hake's gain per group, each bar coloured by its band, with the 0.3 and 0.7 band limits."""
    colours = {"low": PALETTE[5], "medium": PALETTE[1], "high": PALETTE[2]}
    traces = []
    for band in ("low", "medium", "high"):
        points = [(g, v) for g, v, b in zip(groups, gains, bands, strict=True) if b == band and v is not None]
        traces.append({"type": "bar", "x": _text([p[0] for p in points]), "y": [p[1] for p in points],
                       "name": band_labels[band], "marker": {"color": colours[band]},
                       "text": [f"{p[1]:.2f}" for p in points], "textposition": "outside"})
    return _figure(traces, shapes=[_hline(limit, _DOTTED) for limit in (0.3, 0.7)],
                   yaxis={"range": [0, 1], "title": {"text": axis_label}})


def activity(weeks: Sequence[str], series: Sequence[tuple[str, Sequence[int | None]]], *,
             axis_label: str) -> go.Figure:
    """Weekly activity lines (series: label → value per week)."""
    # Day-month numbers: plotly's own date labels would be English month names.
    return _figure([{"type": "scatter", "x": list(weeks), "y": list(values), "name": name, "mode": "lines+markers",
                     "line": {"color": colour, "dash": dash}}
                    for (name, values), colour, dash in zip(series, (PALETTE[0], PALETTE[1], PALETTE[2]),
                                                            ("solid", "dash", "dot"), strict=False)],
                   yaxis={"title": {"text": axis_label}}, xaxis={"tickformat": "%d/%m/%Y"})
