"""The batch report (laporan rekapitulasi): a batch's — or a date range's, an agency's, a region's —
figures, gathered from the dashboard functions of modules/analytics.py (never queried again here),
as tables for the XLSX and the printable PDF (modules/batch_report_pdf.py).

Small groups are suppressed exactly as on the dashboards, because the figures are theirs; the list
of graduates (named people) is for trainers and admins only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from modules import analytics
from modules.auth import spaced_nip
from modules.certificates import Certificate, indonesian_date
from modules.course import Catalogue
from modules.evaluation import EvaluationForm
from modules.exports import Column, display_value, to_xlsx
from modules.i18n import t
from modules.store import Store


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[dict[str, Any]]
    columns: list[Column]
    note: str | None = None


@dataclass(frozen=True)
class Chart:
    """A bar chart: one bar per label; None is a suppressed or missing value, drawn as text."""

    title: str
    labels: list[str]
    values: list[float | None]
    shown: list[str]  # the value as printed beside its bar ("< 5" for a suppressed one)
    top: float        # the axis maximum


@dataclass
class Report:
    title: str
    scope: list[str]
    made_on: dt.date
    headline: dict[str, Any]
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    graduates_shown: bool = True

    def sheets(self) -> dict[str, tuple[list[dict[str, Any]], list[Column]]]:
        return {table.title: (table.rows, table.columns) for table in self.tables}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _shown(value: Any, kind: str) -> str:
    """A value as the report prints it: Indonesian style, "< 5" and "–" as they are."""
    if kind == "rating" and isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    shown = display_value(value, kind)
    return f"{shown:,}".replace(",", ".") if isinstance(shown, int) else str(shown)


def describe_filters(store: Store, filters: analytics.Filters) -> list[str]:
    """What the report covers, in words: batches, regions, agencies, dates."""
    names = {b["id"]: b["name"] for b in store.batches()}
    lines = []
    if filters.batch_ids:
        lines.append(t("report.scope.batches", value=", ".join(names.get(i, str(i)) for i in filters.batch_ids)))
    if filters.regions:
        lines.append(t("report.scope.regions", value=", ".join(filters.regions)))
    if filters.agencies:
        lines.append(t("report.scope.agencies", value=", ".join(filters.agencies)))
    if filters.dated:
        start = indonesian_date(filters.date_from) if filters.date_from else "…"
        end = indonesian_date(filters.date_to) if filters.date_to else "…"
        lines.append(t("report.scope.dates", start=start, end=end))
    return lines or [t("report.scope.everything")]


def evaluation_table(rows: Sequence[dict[str, Any]], form: EvaluationForm | None, by: str) -> Table:
    """Evaluation results (analytics.evaluation_results) as a table: a column per aspect of the form."""
    aspects = [(a.id, a.title) for a in form.aspects] if form else []
    flat = []
    for row in rows:
        label = t("report.all") if by == "all" else (row["group"] or "–")
        flat.append({"label": label, "responses": row["responses"], "overall": row["overall"],
                     "agree": row["agree"], **{f"aspect_{key}": row["aspects"].get(key) for key, _ in aspects}})
    columns = [Column("label", t(f"report.eval.by.{by}")), Column("responses", t("report.eval.responses"), "count"),
               *[Column(f"aspect_{key}", title, "rating") for key, title in aspects],
               Column("overall", t("report.eval.overall"), "rating"), Column("agree", t("report.eval.agree"), "share")]
    return Table(t(f"report.sheet.eval_{by}"), flat, columns, t("report.eval.note", n=len(form.scale) if form else 5))


def build(store: Store, viewer: dict[str, Any], catalogue: Catalogue, form: EvaluationForm | None,
          now: dt.datetime, filters: analytics.Filters = analytics.NO_FILTERS) -> Report:
    """The report for what `viewer` may see, narrowed by `filters`."""
    head = analytics.cohort_overview(store, viewer, catalogue, now, filters)
    stages = {row["stage"]: row["learners"] for row in head["funnel"]}
    figures = [("enrolled", head["enrolled"], "count"), ("started", stages["started"], "count"),
               ("completed", head["completed"], "count"), ("certified", head["certified"], "count"),
               ("pass_rate", head["pass_rate"], "share"), ("jp", head["jp"], "count")]
    report = Report(t("report.title"), describe_filters(store, filters), now.date(), head)
    report.tables.append(Table(
        t("report.sheet.headline"),
        [{"figure": t(f"report.head.{key}"), "value": _shown(value, kind)} for key, value, kind in figures],
        [Column("figure", t("dash.col.figure")), Column("value", t("dash.col.value"))],
        t("report.head.note", jp=head["jp_per_learner"])))
    funnel = [{"stage": t(f"dash.funnel.{row['stage']}"), "learners": row["learners"]} for row in head["funnel"]]
    report.tables.append(Table(t("dash.sheet.funnel"), funnel, [Column("stage", t("dash.funnel.stage")),
                                                                Column("learners", t("dash.col.enrolled"), "count")]))
    top = _number(head["enrolled"]) or 1.0
    report.charts.append(Chart(t("dash.funnel.title"), [r["stage"] for r in funnel],
                               [_number(r["learners"]) for r in funnel],
                               [_shown(r["learners"], "count") for r in funnel], top))

    pillars = analytics.group_results(store, viewer, "pillar", filters)
    for row in pillars:
        row["label"] = t(f"pillar.{row['group']}.title")
    report.tables.append(Table(t("report.sheet.pillars"), pillars, [
        Column("label", t("dash.col.group.pillar")), Column("learners", t("dash.col.took_quiz"), "count"),
        Column("pass_rate", t("dash.col.pass_rate"), "share"),
        Column("mean_score", t("dash.col.mean_score"), "score")]))
    report.charts.append(Chart(t("report.chart.pass_rate"), [t(f"pillar.{r['group']}.short") for r in pillars],
                               [None if _number(r["pass_rate"]) is None else 100 * r["pass_rate"] for r in pillars],
                               [_shown(r["pass_rate"], "share") for r in pillars], 100.0))

    gains = analytics.learning_gain(store, viewer, "pillar", filters)
    for row in gains:
        row["label"] = t(f"pillar.{row['group']}.title")
        row["band_text"] = t(f"gain.{row['band']}") if row["band"] in ("low", "medium", "high") else row["band"]
    report.tables.append(Table(t("dash.sheet.gain_pillar"), gains, [
        Column("label", t("dash.col.group.pillar")), Column("learners", t("dash.col.learners_both"), "count"),
        Column("pre", t("dash.col.pre"), "score"), Column("post", t("dash.col.post"), "score"),
        Column("gain", t("dash.col.gain"), "gain"), Column("band_text", t("dash.col.band"))], t("dash.gain.help")))
    if gains:
        labels = [t(f"pillar.{r['group']}.short") for r in gains]
        report.charts.append(Chart(t("report.chart.pre"), labels, [_number(r["pre"]) for r in gains],
                                   [_shown(r["pre"], "score") for r in gains], 100.0))
        report.charts.append(Chart(t("report.chart.post"), labels, [_number(r["post"]) for r in gains],
                                   [_shown(r["post"], "score") for r in gains], 100.0))

    evaluation = analytics.evaluation_results(store, viewer, "all", filters,
                                              agree_from=form.agree_from if form else 4)
    report.tables.append(evaluation_table(evaluation, form, "all"))
    by_batch = analytics.evaluation_results(store, viewer, "batch", filters, agree_from=form.agree_from if form else 4)
    report.tables.append(evaluation_table(by_batch, form, "batch"))
    if form and evaluation:
        aspects = evaluation[0]["aspects"]
        report.charts.append(Chart(t("report.chart.evaluation", n=len(form.scale)), [a.title for a in form.aspects],
                                   [_number(aspects.get(a.id)) for a in form.aspects],
                                   [_shown(aspects.get(a.id), "rating") for a in form.aspects], float(len(form.scale))))

    scope = analytics.viewer_scope(store, viewer)
    report.graduates_shown = not scope.aggregates_only
    people = []
    for row in analytics.graduates(store, viewer, filters):
        certificate = Certificate.from_row({**row, "revoked_at": None, "revoked_reason": None,
                                            "holder": row["name"], "holder_nip": row["nip"]})
        people.append({"number": len(people) + 1, "name": certificate.snapshot["name"],
                       "nip": spaced_nip(certificate.snapshot["nip"]), "batch": row["batch"] or "–",
                       "code": certificate.code, "completed": indonesian_date(certificate.completed_on),
                       "jp": certificate.snapshot["jp"]})
    report.tables.append(Table(t("report.sheet.graduates"), people, [
        Column("number", t("report.grad.number"), "count"), Column("name", t("report.grad.name")),
        Column("nip", t("report.grad.nip")), Column("batch", t("report.grad.batch")),
        Column("code", t("report.grad.code")), Column("completed", t("report.grad.completed")),
        Column("jp", t("report.grad.jp"), "count")],
        None if report.graduates_shown else t("report.grad.hidden")))
    return report


def report_xlsx(report: Report) -> bytes:
    """One sheet per table (openpyxl, through modules/exports.py: formula-like text stays text)."""
    return to_xlsx(report.sheets())

