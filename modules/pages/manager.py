"""Dasbor Manajer: the cohort in the manager's scope — enrolment, completion, results, gain, activity."""

import datetime as dt
from functools import partial

import streamlit as st

from modules import analytics, charts, evaluation
from modules.batch_report import evaluation_table
from modules.exports import Column, display_table, display_value, to_csv, to_xlsx
from modules.i18n import long_date, t
from modules.pages.chart_table import show_chart_table
from modules.pages.common import catalogue, require_role, settings, store
from modules.safetext import t_plain
from modules.store import utcnow
from modules.timefmt import local_time

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
def completion(db_path: str, viewer: dict, filters: analytics.Filters) -> dict[str, list[dict]]:
    return analytics.group_completion(store(), viewer, catalogue(), filters)


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
st.caption(t("dash.manager.scope", scope=", ".join(t_plain(f"dash.scope.{kind}", value=value)
                                                   for kind, value in scopes)))
st.caption(t("dash.privacy"))

options = analytics.filter_options(store(), user)
active_filters = sum(bool(st.session_state.get(key)) for key in
                     ("manager_batches", "manager_regions", "manager_agencies", "manager_dates"))
with st.expander(t("dash.filter.title_active", n=active_filters) if active_filters else t("dash.filter.title"),
                 icon=":material/filter_list:"):
    # Two fields a row: names of batches and agencies are long, and a narrow field cuts them short.
    batch_col, region_col = st.columns(2)
    agency_col, date_col = st.columns(2)
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
# What produced every figure below, in words: shown under the panel and written into the exports.
filter_lines = [(t("dash.filter.batch"), ", ".join(batch_names[b] for b in chosen_batches)),
                (t("dash.filter.region"), ", ".join(chosen_regions)),
                (t("dash.filter.agency"), ", ".join(chosen_agencies)),
                (t("dash.filter.dates"), " – ".join(long_date(day) for day in days))]
filter_lines = [(name, value) for name, value in filter_lines if value]
if filter_lines:
    st.info(t("dash.filter.active", filters="; ".join(f"{name}: {value}" for name, value in filter_lines)),
            icon=":material/filter_alt:")

head = overview(db_key, user, filters)
jp = head["jp"]
figures = [("enrolled", head["enrolled"], None), ("active", head["active_7d"], None),
           ("completed", head["completed"], None), ("certified", head["certified"], None),
           ("pass_rate", display_value(head["pass_rate"], "share"), t("dash.head.pass_help")),
           ("jp", f"{jp:,}".replace(",", ".") if isinstance(jp, int) else jp,
            t("dash.head.jp_help_certified", jp=head["jp_per_learner"]))]
for column, (key, value, help_text) in zip(st.columns(3) + st.columns(3), figures, strict=True):
    column.metric(t(f"dash.head.{key}"), value, help=help_text, border=True)

st.subheader(t("dash.funnel.title"))
stages = [t(f"dash.funnel.{row['stage']}") for row in head["funnel"]]
enrolled_count = numeric(head["funnel"][0]["learners"]) if head["funnel"] else None


def stage_text(learners: object) -> str:
    """A stage's count and its share of everyone enrolled: `1.234 (45,6%)`, or "< 5"."""
    if not isinstance(learners, int):
        return str(learners)
    count = f"{learners:,}".replace(",", ".")
    return f"{count} ({display_value(learners / enrolled_count, 'share')})" if enrolled_count else count


st.plotly_chart(charts.funnel(stages, [numeric(row["learners"]) for row in head["funnel"]],
                              [stage_text(row["learners"]) for row in head["funnel"]]),
                config={"displaylogo": False}, key="chart_funnel")
show_chart_table([{"stage": s, "learners": row["learners"]} for s, row in zip(stages, head["funnel"], strict=True)],
                 [Column("stage", t("dash.funnel.stage")), Column("learners", t("dash.col.enrolled"), "count")])

# Every table of the page, for the exports at the bottom: name → (rows, columns).
tables: dict[str, tuple[list[dict], list[Column]]] = {
    t("dash.sheet.headline"): ([{"figure": t(f"dash.head.{key}"), "value": value} for key, value, _ in figures],
                               [Column("figure", t("dash.col.figure")), Column("value", t("dash.col.value"))]),
    t("dash.sheet.funnel"): ([{"stage": s, "learners": row["learners"],
                               "share": row["learners"] / enrolled_count
                               if isinstance(row["learners"], int) and enrolled_count else None}
                              for s, row in zip(stages, head["funnel"], strict=True)],
                             [Column("stage", t("dash.funnel.stage")), Column("learners", t("dash.col.enrolled"),
                                                                              "count"),
                              Column("share", t("dash.col.share_enrolled"), "share")]),
}

st.subheader(t("dash.lag.title"))
st.caption(t("dash.lag.help"))
lagging = completion(db_key, user, filters)
# Groupings with more than one group first: a region manager's first view is not a single bar.
lag_order = sorted(analytics.COMPLETION_GROUPS, key=lambda by: len(lagging[by]) < 2)
lag_columns_for = {by: [Column("label", t(f"dash.col.group.{by}")), Column("enrolled", t("dash.col.enrolled"), "count"),
                        Column("completed", t("dash.col.completed"), "count"),
                        Column("completion_rate", t("dash.col.completion_rate"), "share"),
                        Column("certified", t("dash.col.certified"), "count"),
                        Column("certified_rate", t("dash.col.certified_rate"), "share")]
                   for by in analytics.COMPLETION_GROUPS}
for tab, by in zip(st.tabs([t(f"dash.by.{by}") for by in lag_order]), lag_order, strict=True):
    with tab:
        rows = lagging[by]
        for row in rows:
            row["label"] = row["group"] or "–"
        tables[t("dash.sheet.lag", group=t(f"dash.by.{by}"))] = (rows, lag_columns_for[by])
        if not rows:
            st.info(t("dash.empty"))
            continue
        hidden = f" ({analytics.SUPPRESSED})"
        st.plotly_chart(charts.group_results(
            [r["label"] + (hidden if r["enrolled"] == analytics.SUPPRESSED else "") for r in rows],
            [numeric(r["completion_rate"]) for r in rows],
            [numeric(r["certified_rate"]) * 100 if numeric(r["certified_rate"]) is not None else None for r in rows],
            pass_label=t("dash.col.completion_rate"), score_label=t("dash.col.certified_rate"),
            axis_label=t("dash.chart.percent")), config={"displaylogo": False}, key=f"chart_lag_{by}")
        st.dataframe(display_table(rows, lag_columns_for[by]), hide_index=True, width="stretch")

st.subheader(t("dash.groups.title"))
st.caption(t("dash.groups.help"))
group_order = sorted(analytics.GROUPS, key=lambda by: len(groups(db_key, user, filters)[by]) < 2)
for tab, by in zip(st.tabs([t(f"dash.by.{by}") for by in group_order]), group_order, strict=True):
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
described = filter_lines or [(t("dash.filter.title"), t("dash.filter.none"))]
tables[t("dash.sheet.filter")] = (
    [{"name": name, "value": value} for name, value in described]
    + [{"name": t("dash.filter.made"), "value": local_time(utcnow().isoformat())}],
    [Column("name", t("dash.col.figure")), Column("value", t("dash.col.value"))])
st.caption(t("dash.export.filter_note"))
xlsx = ":material/table_view:"
st.download_button(t("dash.export.all"), partial(to_xlsx, tables), "dasbor-manajer.xlsx", icon=xlsx,
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   key="manager_xlsx", on_click="ignore", type="primary")
suffix = "-tersaring" if filter_lines else ""
button_cells = [cell for _ in range(0, len(tables), 4) for cell in st.columns(4)]
for column, (name, (rows, columns)) in zip(button_cells, tables.items(), strict=False):
    column.download_button(t("dash.export.csv", table=name), partial(to_csv, rows, columns),
                           f"{name.lower().replace(' ', '-').replace('/', '-')}{suffix}.csv", "text/csv",
                           key=f"manager_csv_{name}", on_click="ignore", icon=":material/download:")
