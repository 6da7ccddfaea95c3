"""Dasbor Pelatih: the trainer's batches — learners at risk, quiz pass rates, item analysis."""

from functools import partial

import streamlit as st

from modules import analytics, charts, item_verdicts
from modules.course import PILLARS
from modules.exports import Column, display_table, to_csv, to_xlsx
from modules.i18n import t
from modules.pages.chart_table import show_chart_table
from modules.pages.common import catalogue, quiz_title, require_role, settings, store
from modules.pages.remind_form import reminder_form
from modules.safetext import t_plain
from modules.store import utcnow
from modules.timefmt import local_time

st.set_page_config(layout="wide")
user = require_role("trainer", "admin")
db_key = settings().database
QUIZZES = (*PILLARS, "pretest", "posttest")


# The database path is part of every cache key, so two databases never share results.
@st.cache_data(ttl=60, show_spinner=False)
def learners(db_path: str, viewer: dict) -> list[dict]:
    return analytics.learners_table(store(), viewer, utcnow())


@st.cache_data(ttl=60, show_spinner=False)
def quizzes(db_path: str, viewer: dict) -> list[dict]:
    return analytics.quiz_summary(store(), viewer)


@st.cache_data(ttl=60, show_spinner=False)
def histogram(db_path: str, viewer: dict, quiz_id: str) -> list[dict]:
    return analytics.score_histogram(store(), viewer, quiz_id)


@st.cache_data(ttl=60, show_spinner=False)
def items(db_path: str, viewer: dict, quiz_id: str) -> dict:
    return analytics.item_analysis(store(), viewer, catalogue(), quiz_id)


st.title(t("dash.trainer.title"))
batches = analytics.filter_options(store(), user)["batches"]
if user["role"] == "admin":
    st.caption(t("dash.trainer.all_batches"))
elif not batches:
    st.info(t("dash.trainer.no_batches"))
    st.stop()
else:
    st.caption(t_plain("dash.trainer.scope", batches=", ".join(b["name"] for b in batches)))

tab_learners, tab_quizzes, tab_items = st.tabs([t("dash.tab.learners"), t("dash.tab.quizzes"), t("dash.tab.items")])


def risk_text(row: dict) -> str:
    return "; ".join(t(f"dash.risk.{reason}", quiz=quiz_title(row["stuck_quiz"]) if row["stuck_quiz"] else "")
                     for reason in row["risk"])


with tab_learners:
    everyone = learners(db_key, user)
    search_col, status_col, risk_col = st.columns([3, 2, 2], vertical_alignment="bottom")
    search = search_col.text_input(t("dash.search"), key="trainer_search")
    status = status_col.selectbox(t("dash.status_filter"), (None, *analytics.STATUSES), key="trainer_status",
                                  format_func=lambda s: t("dash.status.all") if s is None else t(f"dash.status.{s}"))
    at_risk_only = risk_col.toggle(t("dash.at_risk_only"), key="trainer_at_risk")
    rows = (analytics.learners_table(store(), user, utcnow(), search=search, status=status,
                                     at_risk_only=at_risk_only) if search.strip() or status or at_risk_only
            else everyone)
    first, second = st.columns(2)
    first.metric(t("dash.metric.learners"), len(everyone), border=True)
    second.metric(t("dash.metric.at_risk"), sum(r["at_risk"] for r in everyone), border=True)
    for row in rows:
        row["status_text"] = t(f"dash.status.{row['status']}")
        row["last_text"] = local_time(row["last_activity"])
        row["risk_text"] = risk_text(row)
        row["at_risk_text"] = t("dash.yes") if row["at_risk"] else ""
    # What a trainer acts on first (status, risk) comes first; where people work comes last.
    columns = [Column("nip", t("dash.col.nip")), Column("name", t("dash.col.name")),
               Column("email", t("dash.col.email")), Column("status_text", t("dash.col.status")),
               Column("at_risk_text", t("dash.col.at_risk")),
               Column("risk_text", t("dash.col.risk")), Column("last_text", t("dash.col.last_activity")),
               Column("lessons_done", t("dash.col.lessons"), "count"),
               *[Column(col, t("dash.col.best", pillar=t(f"pillar.{p}.short")), "count")
                 for p, col in analytics.BEST_COLUMNS.items()],
               Column("batch", t("dash.col.batch")), Column("agency", t("dash.col.agency")),
               Column("region", t("dash.col.region"))]
    st.caption(t("dash.shown", shown=len(rows), total=len(everyone)))
    if rows:
        st.dataframe(display_table(rows, columns), hide_index=True, width="stretch", height=420)
        csv_col, xlsx_col, _ = st.columns([1, 1, 4])
        csv_col.download_button(t("dash.download_csv"), partial(to_csv, rows, columns), "peserta.csv", "text/csv",
                                icon=":material/download:", key="learners_csv", on_click="ignore")
        xlsx_col.download_button(t("dash.download_xlsx"), partial(to_xlsx, {t("dash.tab.learners"): (rows, columns)}),
                                 "peserta.xlsx", icon=":material/download:", key="learners_xlsx", on_click="ignore",
                                 mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        reminder_form(user, rows)
    else:
        st.info(t("dash.no_match"))

with tab_quizzes:
    summary = quizzes(db_key, user)
    if not summary:
        st.info(t("dash.empty"))
    else:
        graded = [q for q in summary if q["quiz_id"] in PILLARS]
        st.subheader(t("dash.quiz.pass_title"))
        numeric = lambda v: v if isinstance(v, int | float) else None  # noqa: E731 — "< 5" is not drawn
        st.plotly_chart(charts.pass_rates(
            [quiz_title(q["quiz_id"]) for q in graded], [numeric(q["first_pass_rate"]) for q in graded],
            [numeric(q["ever_pass_rate"]) for q in graded],
            first_label=t("dash.quiz.first"), ever_label=t("dash.quiz.ever"), axis_label=t("dash.quiz.pass_axis")),
            config={"displaylogo": False}, key="chart_pass_rates")
        for q in summary:
            q["title"] = quiz_title(q["quiz_id"])
        quiz_columns = [Column("title", t("dash.col.quiz")), Column("learners", t("dash.col.took"), "count"),
                        Column("first_pass_rate", t("dash.col.first_pass"), "share"),
                        Column("ever_pass_rate", t("dash.col.ever_pass"), "share"),
                        Column("first_mean_score", t("dash.col.first_mean"), "score")]
        st.dataframe(display_table(summary, quiz_columns), hide_index=True, width="stretch")
        st.subheader(t("dash.quiz.until_title"))
        pillar_rows = [q for q in summary if q["quiz_id"] in PILLARS]

        def until(q: dict, keys: tuple) -> int:
            return sum(v for k, v in q["until_pass"].items() if k in keys and isinstance(v, int))

        buckets = [(t("dash.quiz.until_n", n=n), (n,)) for n in (1, 2, 3)]
        buckets += [(t("dash.quiz.until_more"), tuple(range(4, 100))), (t("dash.quiz.until_not_yet"), ("not_passed",))]
        st.plotly_chart(charts.attempts_until_pass(
            [quiz_title(q["quiz_id"]) for q in pillar_rows],
            [(label, [until(q, keys) for q in pillar_rows]) for label, keys in buckets],
            axis_label=t("dash.quiz.learners_axis")), config={"displaylogo": False}, key="chart_until")
        show_chart_table([{"quiz": quiz_title(q["quiz_id"]), **{label: until(q, keys) for label, keys in buckets}}
                          for q in pillar_rows],
                         [Column("quiz", t("dash.col.quiz")), *[Column(label, label, "count") for label, _ in buckets]])
        st.subheader(t("dash.quiz.hist_title"))
        chosen = st.selectbox(t("dash.quiz.hist_quiz"), [q["quiz_id"] for q in summary], format_func=quiz_title,
                              key="hist_quiz")
        bars = histogram(db_key, user, chosen)
        st.plotly_chart(charts.score_histogram(
            [b["percent"] for b in bars], [numeric(b["attempts"]) for b in bars], settings().pass_mark,
            x_label=t("dash.quiz.hist_x"), y_label=t("dash.quiz.hist_y"), pass_label=t("dash.quiz.pass_mark")),
            config={"displaylogo": False}, key="chart_histogram")
        show_chart_table(bars, [Column("percent", t("dash.quiz.hist_x"), "count"),
                                Column("attempts", t("dash.quiz.hist_y"), "count")])

with tab_items:
    st.caption(t("dash.items.help"))
    quiz_id = st.selectbox(t("dash.items.quiz"), QUIZZES, format_func=quiz_title, key="items_quiz")
    analysis = items(db_key, user, quiz_id)
    if not analysis["items"]:
        st.info(t("dash.items.none"))
        st.stop()
    letters = "ABCDEFGH"

    def flag_text(flags: list) -> str:
        # Three decimals, so that 0.198 flagged as below 0.20 never reads "0,20".
        return "; ".join(t(f"dash.flag.{code}", value=letters[value] if code == "unused_distractor"
                           else f"{value:.3f}".replace(".", ",")) for code, value in flags)

    # The questions to act on first: most serious verdict first, then by id.
    order = {code: n for n, code in enumerate((*item_verdicts.SEVERITY, "fine"))}
    rows = sorted(analysis["items"], key=lambda i: (order[item_verdicts.item_verdict(i["flags"])], i["question_id"]))
    for item in rows:
        question = catalogue().questions.get(item["question_id"])
        item["prompt_text"] = item_verdicts.short_prompt(question.prompt) if question else item["question_id"]
        item["verdict_text"] = t(f"dash.verdict.{item_verdicts.item_verdict(item['flags'])}")
        item["flag_text"] = flag_text(item["flags"])
        item["options_text"] = " · ".join(f"{letters[i]}{'*' if i in item['correct'] else ''} "
                                          f"{100 * share:.0f}%" for i, share in enumerate(item["option_shares"]))
    flagged = [i for i in rows if i["flags"]]
    a, b, c = st.columns(3)
    band = item_verdicts.reliability(analysis["alpha"])
    a.metric(t("dash.items.alpha"), "–" if analysis["alpha"] is None else f"{analysis['alpha']:.2f}".replace(".", ","),
             t(f"dash.items.reliability.{band}") if band else None, delta_arrow="off",
             delta_color="normal" if band == "reliable" else "off", help=t("dash.items.alpha_help"), border=True)
    b.metric(t("dash.items.attempts"), analysis["attempts"], border=True)
    c.metric(t("dash.items.flagged_count"), len(flagged), border=True)
    st.plotly_chart(charts.item_map(
        [i["question_id"] for i in rows], [i["difficulty"] for i in rows], [i["discrimination"] for i in rows],
        [bool(i["flags"]) for i in rows], x_label=t("dash.items.x"), y_label=t("dash.items.y"),
        flagged_label=t("dash.items.flagged"), fine_label=t("dash.items.fine"),
        limits=(analytics.TOO_HARD, analytics.TOO_EASY, analytics.WEAK_DISCRIMINATION)),
        config={"displaylogo": False}, key="chart_items")
    item_columns = [Column("verdict_text", t("dash.col.verdict")), Column("prompt_text", t("dash.col.question_text")),
                    Column("question_id", t("dash.col.question")), Column("lesson", t("dash.col.lesson")),
                    Column("answers", t("dash.col.answers"), "count"),
                    Column("difficulty", t("dash.col.difficulty"), "gain"),
                    Column("discrimination", t("dash.col.discrimination"), "gain"),
                    Column("options_text", t("dash.col.options")), Column("flag_text", t("dash.col.flags"))]
    table = st.dataframe(display_table(rows, item_columns), hide_index=True, width="stretch", height=360,
                         on_select="rerun", selection_mode="single-row", key=f"items_table_{quiz_id}")
    st.download_button(t("dash.download_xlsx"), partial(to_xlsx, {quiz_title(quiz_id): (rows, item_columns)}),
                       f"analisis-butir-{quiz_id}.xlsx", icon=":material/download:", key="items_xlsx",
                       on_click="ignore", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    ids = [i["question_id"] for i in rows]
    clicked = [ids[n] for n in table.selection.rows if n < len(ids)]
    if clicked and st.session_state.get("items_clicked") != clicked[0]:
        # A click on a table row shows that item (once; the selectbox below can move on from it).
        st.session_state["items_clicked"] = st.session_state["items_pick"] = clicked[0]
    if st.session_state.get("items_pick") not in ids:
        st.session_state.pop("items_pick", None)  # an item of the quiz shown before
    picked = st.selectbox(t("dash.items.pick"), ids, help=t("dash.items.pick_help"), key="items_pick")
    item = next(i for i in rows if i["question_id"] == picked)
    question = catalogue().questions.get(picked)
    with st.container(border=True):
        if question is None:
            st.markdown(f"**{picked}**")
        else:
            st.markdown(f"**{picked}** · {question.lesson}\n\n{question.prompt}")
            for index, option in enumerate(question.options):
                share = item["option_shares"][index] if index < len(item["option_shares"]) else 0.0
                mark = (":green[:material/check_circle:]" if option.correct
                        else ":gray[:material/radio_button_unchecked:]")
                key_text = f" — *{t('dash.items.key')}*" if option.correct else ""
                st.markdown(f"{mark} **{letters[index]}.** {option.text}{key_text} · "
                            f"{t('dash.items.share', share=f'{100 * share:.0f}%')}")
        if item["flags"]:
            st.warning(f"**{item['verdict_text']}** ({item['flag_text']})\n\n" + "\n".join(
                f"- {t(f'dash.action.{code}')}" for code in item_verdicts.item_actions(item["flags"])))
        else:
            st.success(t("dash.action.fine"))
