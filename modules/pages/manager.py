"""Dasbor Manajer: the cohort in the manager's scope — enrolment, completion, results, gain, activity."""

import datetime as dt
from functools import partial

import streamlit as st

from modules import analytics, charts, evaluation
from modules.batch_report import evaluation_table
from modules.exports import Column, display_table, display_value, to_csv, to_xlsx
from modules.i18n import t
from modules.pages.chart_table import show_chart_table
from modules.pages.common import catalogue, require_role, settings, store
from modules.store import utcnow

st.set_page_config(layout="wide")
user = require_role("manager", "admin")
db_key = str(settings().db_path)


# The database path is part of every cache key, so two databases never share results.
@st.cache_data(ttl=60, show_spinner=False)
def overview(db_path: str, viewer: dict, filters: analytics.Filters) -> dict:
    return analytics.cohort_overview(store(), viewer, catalogue(), utcnow(), filters)


@st.cache_data(ttl=60, show_spinner=False)
def groups(db_path: str, viewer: dict, filters: analytics.Filters) -> dict[str, list[dict]]:
    return analytics.group_results_all(store(), viewer, filters)


@st.cache_data(ttl=60, show_spinner=False)
def gains(db_path: str, viewer: dict, by: str, filters: analytics.Filters) -> list[dict]:
    return analytics.learning_gain(store(), viewer, by, filters)


@st.cache_data(ttl=60, show_spinner=False)
def activity(db_path: str, viewer: dict, filters: analytics.Filters) -> list[dict]:
    return analytics.activity_by_week(store(), viewer, filters)


def numeric(value: object) -> float | int | None:
    """What a chart can draw: numbers; "< 5" and missing values are left out."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


st.title(t("dash.manager.title"))
scopes = analytics.scope_description(store(), user)
if not scopes:
    st.info(t("dash.manager.no_scope"))
    st.stop()
st.caption(t("dash.manager.scope", scope=", ".join(t(f"dash.scope.{kind}", value=value) for kind, value in scopes)))
st.caption(t("dash.privacy"))

options = analytics.filter_options(store(), user)
with st.expander(t("dash.filter.title"), icon=":material/filter_list:"):
    batch_col, region_col, agency_col, date_col = st.columns(4)
    batch_names = {b["id"]: b["name"] for b in options["batches"]}
    chosen_batches = batch_col.multiselect(t("dash.filter.batch"), list(batch_names), format_func=batch_names.get,
                                           placeholder=t("dash.filter.any"), key="manager_batches")
    chosen_regions = region_col.multiselect(t("dash.filter.region"), options["regions"],
                                            placeholder=t("dash.filter.any"), key="manager_regions")
    chosen_agencies = agency_col.multiselect(t("dash.filter.agency"), options["agencies"],
                                             placeholder=t("dash.filter.any"), key="manager_agencies")
    dates = date_col.date_input(t("dash.filter.dates"), value=(), max_value=dt.date.today() + dt.timedelta(days=1),
                                format="DD/MM/YYYY", key="manager_dates")
    st.caption(t("dash.filter.dates_help"))
days = tuple(dates) if isinstance(dates, tuple | list) else (dates,)
filters = analytics.Filters(batch_ids=tuple(chosen_batches), regions=tuple(chosen_regions),
                            agencies=tuple(chosen_agencies), date_from=days[0] if days else None,
                            date_to=days[1] if len(days) > 1 else None)

head = overview(db_key, user, filters)
jp = head["jp"]
figures = [("enrolled", head["enrolled"], None), ("active", head["active_7d"], None),
           ("completed", head["completed"], None), ("certified", head["certified"], None),
           ("pass_rate", display_value(head["pass_rate"], "share"), t("dash.head.pass_help")),
           ("jp", f"{jp:,}".replace(",", ".") if isinstance(jp, int) else jp,
            t("dash.head.jp_help", jp=head["jp_per_learner"]))]
for column, (key, value, help_text) in zip(st.columns(3) + st.columns(3), figures, strict=True):
    column.metric(t(f"dash.head.{key}"), value, help=help_text, border=True)

st.subheader(t("dash.funnel.title"))
stages = [t(f"dash.funnel.{row['stage']}") for row in head["funnel"]]
st.plotly_chart(charts.funnel(stages, [numeric(row["learners"]) for row in head["funnel"]],
                              [f"{row['learners']:,}".replace(",", ".") if isinstance(row["learners"], int)
                               else str(row["learners"]) for row in head["funnel"]]),
                config={"displaylogo": False}, key="chart_funnel")
show_chart_table([{"stage": s, "learners": row["learners"]} for s, row in zip(stages, head["funnel"], strict=True)],
                 [Column("stage", t("dash.funnel.stage")), Column("learners", t("dash.col.enrolled"), "count")])

# Every table of the page, for the exports at the bottom: name → (rows, columns).
tables: dict[str, tuple[list[dict], list[Column]]] = {
    t("dash.sheet.headline"): ([{"figure": t(f"dash.head.{key}"), "value": value} for key, value, _ in figures],
                               [Column("figure", t("dash.col.figure")), Column("value", t("dash.col.value"))]),
    t("dash.sheet.funnel"): ([{"stage": s, "learners": row["learners"]} for s, row in zip(stages, head["funnel"],
                                                                                           strict=True)],
                             [Column("stage", t("dash.funnel.stage")), Column("learners", t("dash.col.enrolled"),
                                                                              "count")]),
}

st.subheader(t("dash.groups.title"))
st.caption(t("dash.groups.help"))
for tab, by in zip(st.tabs([t(f"dash.by.{by}") for by in analytics.GROUPS]), analytics.GROUPS, strict=True):
    with tab:
        rows = groups(db_key, user, filters)[by]
        for row in rows:
            row["label"] = t(f"pillar.{row['group']}.title") if by == "pillar" else (row["group"] or "–")
        columns = [Column("label", t(f"dash.col.group.{by}")), Column("enrolled", t("dash.col.enrolled"), "count"),
                   Column("learners", t("dash.col.took_quiz"), "count"),
                   Column("pass_rate", t("dash.col.pass_rate"), "share"),
                   Column("mean_score", t("dash.col.mean_score"), "score")]
        tables[t(f"dash.by.{by}")] = (rows, columns)
        if not rows:
            st.info(t("dash.empty"))
            continue
        st.plotly_chart(charts.group_results(
            [r["label"] for r in rows], [numeric(r["pass_rate"]) for r in rows],
            [numeric(r["mean_score"]) for r in rows],
            pass_label=t("dash.chart.pass_rate"), score_label=t("dash.chart.mean_score"),
            axis_label=t("dash.chart.percent")), config={"displaylogo": False}, key=f"chart_group_{by}")
        st.dataframe(display_table(rows, columns), hide_index=True, width="stretch")

st.subheader(t("dash.gain.title"))
st.caption(t("dash.gain.help"))
bands = {band: t(f"gain.{band}") for band in ("low", "medium", "high")}
for tab, by in zip(st.tabs([t("dash.by.pillar"), t("dash.by.region")]), ("pillar", "region"), strict=True):
    with tab:
        rows = gains(db_key, user, by, filters)
        for row in rows:
            row["label"] = t(f"pillar.{row['group']}.title") if by == "pillar" else row["group"]
            row["band_text"] = bands.get(row["band"], row["band"])
        columns = [Column("label", t(f"dash.col.group.{by}")), Column("learners", t("dash.col.learners_both"), "count"),
                   Column("pre", t("dash.col.pre"), "score"), Column("post", t("dash.col.post"), "score"),
                   Column("gain", t("dash.col.gain"), "gain"), Column("band_text", t("dash.col.band"))]
        tables[t(f"dash.sheet.gain_{by}")] = (rows, columns)
        if not rows:
            st.info(t("dash.empty"))
            continue
        st.plotly_chart(charts.learning_gain(
            [r["label"] for r in rows], [numeric(r["gain"]) for r in rows],
            [r["band"] if r["band"] in bands else None for r in rows], bands, axis_label=t("dash.gain.axis")),
            config={"displaylogo": False}, key=f"chart_gain_{by}")
        st.dataframe(display_table(rows, columns), hide_index=True, width="stretch")

st.subheader(t("dash.activity.title"))
weeks = activity(db_key, user, filters)
activity_columns = [Column("week", t("dash.activity.week")), Column("active", t("dash.activity.active"), "count"),
                    Column("lessons", t("dash.activity.lessons"), "count"),
                    Column("attempts", t("dash.activity.attempts"), "count")]
tables[t("dash.sheet.activity")] = (weeks, activity_columns)
if weeks:
    st.plotly_chart(charts.activity(
        [w["week"] for w in weeks],
        [(t(f"dash.activity.{key}"), [numeric(w[key]) for w in weeks]) for key in ("active", "lessons", "attempts")],
        axis_label=t("dash.activity.axis")), config={"displaylogo": False}, key="chart_activity")
    show_chart_table(weeks, activity_columns)
else:
    st.info(t("dash.empty"))

# Course evaluation (anonymous; groups under five responses hidden from everyone): tables only.
st.subheader(t("eval.dash.title"))
st.caption(t("eval.dash.help"))
evaluation_form = evaluation.load_form(settings().content_dir)[0]
for tab, by in zip(st.tabs([t(f"report.eval.by.{by}") for by in ("batch", "agency", "region")]),
                   ("batch", "agency", "region"), strict=True):
    with tab:
        found = analytics.evaluation_results(store(), user, by, filters,
                                             agree_from=evaluation_form.agree_from if evaluation_form else 4)
        table = evaluation_table(found, evaluation_form, by)
        tables[table.title] = (table.rows, table.columns)
        if found:
            st.dataframe(display_table(table.rows, table.columns), hide_index=True, width="stretch")
        else:
            st.info(t("dash.empty"))

st.subheader(t("dash.export.title"))
xlsx = ":material/table_view:"
st.download_button(t("dash.export.all"), partial(to_xlsx, tables), "dasbor-manajer.xlsx", icon=xlsx,
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   key="manager_xlsx", on_click="ignore", type="primary")
for column, (name, (rows, columns)) in zip(st.columns(4) * 3, tables.items(), strict=False):
    column.download_button(t("dash.export.csv", table=name), partial(to_csv, rows, columns),
                           f"{name.lower().replace(' ', '-').replace('/', '-')}.csv", "text/csv",
                           key=f"manager_csv_{name}", on_click="ignore", icon=":material/download:")
