"""Dasbor Manajer: the cohort in the manager's scope — enrolment, completion, results, gain, activity."""

import datetime as dt
from collections.abc import Sequence
from functools import partial

import streamlit as st

from modules import analytics, charts, evaluation
from modules.batch_report import evaluation_table
from modules.exports import Column, display_table, display_value, to_csv, to_xlsx
from modules.i18n import long_date, t
from modules.pages.chart_table import show_chart_table
from modules.pages.common import catalogue, require_role, settings, store
from modules.pages.guard import guarded
from modules.safetext import t_plain
from modules.store import utcnow
from modules.timefmt import local_time

st.set_page_config(layout="wide")
user = require_role("manager", "admin")
db_key = settings().database


# The database path is part of every cache key, so two databases never share results, and so is
# the data version (analytics.data_version), so a submission, a completed lesson or a new certificate
# shows at the next click; edits the version does not see (a person moved, a certificate revoked)
# show within the TTL. Every new version makes new entries: max_entries bounds the memory they take
# while the old ones wait for their TTL.
@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def overview(db_path: str, version: tuple, viewer: dict, filters: analytics.Filters) -> dict:
    return analytics.cohort_overview(store(), viewer, catalogue(), utcnow(), filters)


@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def groups(db_path: str, version: tuple, viewer: dict, filters: analytics.Filters) -> dict[str, list[dict]]:
    return analytics.group_results_all(store(), viewer, filters)


@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def completion(db_path: str, version: tuple, viewer: dict, filters: analytics.Filters) -> dict[str, list[dict]]:
    return analytics.group_completion(store(), viewer, catalogue(), filters)


@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def gains(db_path: str, version: tuple, viewer: dict, by: str, filters: analytics.Filters) -> list[dict]:
    return analytics.learning_gain(store(), viewer, by, filters)


@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def activity(db_path: str, version: tuple, viewer: dict, filters: analytics.Filters) -> list[dict]:
    return analytics.activity_by_week(store(), viewer, filters)


@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def evaluations(db_path: str, version: tuple, viewer: dict, by: str, filters: analytics.Filters,
                agree_from: int) -> list[dict]:
    return analytics.evaluation_results(store(), viewer, by, filters, agree_from=agree_from)


@st.cache_data(ttl=60, max_entries=100, show_spinner=False)
def options_for(db_path: str, version: tuple, viewer: dict) -> dict[str, list]:
    return analytics.filter_options(store(), viewer)


@st.cache_resource
def evaluation_form() -> evaluation.EvaluationForm | None:
    """The evaluation form, read once per process (validate-content reports its problems)."""
    return evaluation.load_form(settings().content_dir)[0]


def numeric(value: object) -> float | int | None:
    """What a chart can draw: numbers; "< 5" and missing values are left out."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


st.title(t("dash.manager.title"))
scopes = analytics.scope_description(store(), user)  # never cached: a scope taken away is gone at once
# What every cached figure below is keyed on, besides the viewer and the filters.
version = (analytics.data_version(store()), tuple(scopes))
if not scopes:
    st.info(t("dash.manager.no_scope"))
    st.stop()
st.caption(t("dash.manager.scope", scope=", ".join(t_plain(f"dash.scope.{kind}", value=value)
                                                   for kind, value in scopes)))
st.caption(t("dash.privacy"))

options = options_for(db_key, version, user)
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

head = overview(db_key, version, user, filters)
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

# ---- Every figure below, as data first: the tabs draw only the open one, the exports take them all.
lagging = completion(db_key, version, user, filters)
for by in analytics.COMPLETION_GROUPS:
    for row in lagging[by]:
        row["label"] = row["group"] or "–"
# Groupings with more than one group first: a region manager's first view is not a single bar.
lag_order = sorted(analytics.COMPLETION_GROUPS, key=lambda by: len(lagging[by]) < 2)
lag_columns = {by: [Column("label", t(f"dash.col.group.{by}")), Column("enrolled", t("dash.col.enrolled"), "count"),
                    Column("completed", t("dash.col.completed"), "count"),
                    Column("completion_rate", t("dash.col.completion_rate"), "share"),
                    Column("certified", t("dash.col.certified"), "count"),
                    Column("certified_rate", t("dash.col.certified_rate"), "share")]
               for by in analytics.COMPLETION_GROUPS}

results = groups(db_key, version, user, filters)
for by in analytics.GROUPS:
    for row in results[by]:
        row["label"] = t(f"pillar.{row['group']}.title") if by == "pillar" else (row["group"] or "–")
group_order = sorted(analytics.GROUPS, key=lambda by: len(results[by]) < 2)
group_columns = {by: [Column("label", t(f"dash.col.group.{by}")), Column("enrolled", t("dash.col.enrolled"), "count"),
                      Column("learners", t("dash.col.took_quiz"), "count"),
                      Column("pass_rate", t("dash.col.pass_rate"), "share"),
                      Column("mean_score", t("dash.col.mean_score"), "score")]
                 for by in analytics.GROUPS}

GAIN_GROUPS = ("pillar", "region")
bands = {band: t(f"gain.{band}") for band in ("low", "medium", "high")}
gained = {by: gains(db_key, version, user, by, filters) for by in GAIN_GROUPS}
for by, rows in gained.items():
    for row in rows:
        row["label"] = t(f"pillar.{row['group']}.title") if by == "pillar" else row["group"]
        row["band_text"] = bands.get(row["band"], row["band"])
gain_columns = {by: [Column("label", t(f"dash.col.group.{by}")),
                     Column("learners", t("dash.col.learners_both"), "count"),
                     Column("pre", t("dash.col.pre"), "score"), Column("post", t("dash.col.post"), "score"),
                     Column("gain", t("dash.col.gain"), "gain"), Column("band_text", t("dash.col.band"))]
                for by in GAIN_GROUPS}

weeks = activity(db_key, version, user, filters)
activity_columns = [Column("week", t("dash.activity.week")), Column("active", t("dash.activity.active"), "count"),
                    Column("lessons", t("dash.activity.lessons"), "count"),
                    Column("attempts", t("dash.activity.attempts"), "count")]

# Course evaluation (anonymous; groups under five responses hidden from everyone): tables only.
EVALUATION_GROUPS = ("batch", "agency", "region")
form = evaluation_form()
agree_from = form.agree_from if form else 4
evaluated = {by: evaluations(db_key, version, user, by, filters, agree_from) for by in EVALUATION_GROUPS}
evaluation_tables = {by: evaluation_table(found, form, by) for by, found in evaluated.items()}

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
    **{t("dash.sheet.lag", group=t(f"dash.by.{by}")): (lagging[by], lag_columns[by]) for by in lag_order},
    **{t(f"dash.by.{by}"): (results[by], group_columns[by]) for by in group_order},
    **{t(f"dash.sheet.gain_{by}"): (gained[by], gain_columns[by]) for by in GAIN_GROUPS},
    t("dash.sheet.activity"): (weeks, activity_columns),
    **{table.title: (table.rows, table.columns) for table in evaluation_tables.values()},
}


def open_tab(labels: list[str], key: str) -> int:
    """Tabs of which only the open one is drawn (each chart costs the browser time to draw); the
    index of the open one. Called in a fragment, so that switching tabs redraws only its section."""
    tabs = st.tabs(labels, key=key, on_change="rerun")
    return next((index for index, tab in enumerate(tabs) if tab.open), 0)


def section_head(texts: str, groups: Sequence[str], group_labels: str, key: str) -> str:
    """A section's title and help (`{texts}.title`, `{texts}.help`) over its group tabs; the open group."""
    st.subheader(t(f"{texts}.title"))
    st.caption(t(f"{texts}.help"))
    return groups[open_tab([t(f"{group_labels}.{by}") for by in groups], key)]


def show_table(rows: list[dict], columns: list[Column]) -> None:
    st.dataframe(display_table(rows, columns), hide_index=True, width="stretch")


@st.fragment
@guarded
def lag_section() -> None:
    by = section_head("dash.lag", lag_order, "dash.by", "manager_tab_lag")
    rows = lagging[by]
    if not rows:
        st.info(t("dash.empty"))
        return
    hidden = f" ({analytics.SUPPRESSED})"
    st.plotly_chart(charts.group_results(
        [r["label"] + (hidden if r["enrolled"] == analytics.SUPPRESSED else "") for r in rows],
        [numeric(r["completion_rate"]) for r in rows],
        [numeric(r["certified_rate"]) * 100 if numeric(r["certified_rate"]) is not None else None for r in rows],
        pass_label=t("dash.col.completion_rate"), score_label=t("dash.col.certified_rate"),
        axis_label=t("dash.chart.percent")), config={"displaylogo": False}, key=f"chart_lag_{by}")
    show_table(rows, lag_columns[by])


@st.fragment
@guarded
def groups_section() -> None:
    by = section_head("dash.groups", group_order, "dash.by", "manager_tab_groups")
    rows = results[by]
    if not rows:
        st.info(t("dash.empty"))
        return
    # A table only: pass rates and mean scores sit close together (85–93 %), bars of them look
    # alike, and each chart costs the browser about a tenth of a second to draw; who lags is charted
    # above.
    show_table(rows, group_columns[by])


@st.fragment
@guarded
def gain_section() -> None:
    by = section_head("dash.gain", GAIN_GROUPS, "dash.by", "manager_tab_gain")
    rows = gained[by]
    if not rows:
        st.info(t("dash.empty"))
        return
    st.plotly_chart(charts.learning_gain(
        [r["label"] for r in rows], [numeric(r["gain"]) for r in rows],
        [r["band"] if r["band"] in bands else None for r in rows], bands, axis_label=t("dash.gain.axis")),
        config={"displaylogo": False}, key=f"chart_gain_{by}")
    show_table(rows, gain_columns[by])


@st.fragment
@guarded
def evaluation_section() -> None:
    by = section_head("eval.dash", EVALUATION_GROUPS, "report.eval.by", "manager_tab_eval")
    if evaluated[by]:
        show_table(evaluation_tables[by].rows, evaluation_tables[by].columns)
    else:
        st.info(t("dash.empty"))


lag_section()
groups_section()
gain_section()

st.subheader(t("dash.activity.title"))
if weeks:
    st.plotly_chart(charts.activity(
        [w["week"] for w in weeks],
        [(t(f"dash.activity.{key}"), [numeric(w[key]) for w in weeks]) for key in ("active", "lessons", "attempts")],
        axis_label=t("dash.activity.axis")), config={"displaylogo": False}, key="chart_activity")
    show_chart_table(weeks, activity_columns)
else:
    st.info(t("dash.empty"))

evaluation_section()

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
