"""Progres Saya's chart as SVG: every text escaped, a missing score drawn as "–" with no bar, the
pass mark as a dashed line named in the legend."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from modules.score_bars import score_bars

NS = "{http://www.w3.org/2000/svg}"


def draw(**changes):
    options = {"pillars": ("Cakap", "<b>Aman</b> & co"), "best": (80, None), "latest": (60, None), "pass_mark": 70,
               "best_label": "Nilai terbaik", "latest_label": "Nilai terakhir", "pass_label": "Batas lulus",
               "title": "Nilai kuis per pilar"}
    options.update(changes)
    return score_bars(**options)


def test_the_chart_is_well_formed_svg_with_its_texts_escaped():
    svg = ET.fromstring(draw())  # parses: every text was escaped
    texts = [element.text for element in svg.iter(f"{NS}text")]
    assert "<b>Aman</b> & co" in texts and "Batas lulus 70%" in texts
    assert svg.get("role") == "img" and svg.get("aria-label") == "Nilai kuis per pilar"


def test_a_missing_score_has_no_bar_and_shows_a_dash():
    svg = ET.fromstring(draw())
    bars = svg.findall(f"{NS}rect")
    legend_marks = 2
    assert len(bars) == 2 + legend_marks  # Cakap's two bars; Aman has none
    assert [element.text for element in svg.iter(f"{NS}text")].count("–") == 2
    assert {"80%", "60%"} <= {element.text for element in svg.iter(f"{NS}text")}


def test_taller_scores_draw_taller_bars_and_the_pass_mark_line_sits_between():
    svg = ET.fromstring(draw(best=(100, 40), latest=(70, 0)))
    heights = [float(rect.get("height")) for rect in svg.findall(f"{NS}rect")[:3]]
    assert heights[0] > heights[1] > heights[2]  # 100 > 70 > 40; a 0 has no bar
    dashed = [line for line in svg.findall(f"{NS}line") if line.get("stroke-dasharray")]
    pass_y = float(dashed[0].get("y1"))
    tops = [float(rect.get("y")) for rect in svg.findall(f"{NS}rect")[:3]]
    assert tops[0] < pass_y < tops[2]
