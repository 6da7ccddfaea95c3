"""Progres Saya: lessons done and quiz scores per pillar, and every attempt with its review."""

import streamlit as st

from modules import charts
from modules.i18n import t
from modules.pages.common import PAGE_FILES, catalogue, require_role, settings, store
from modules.progress import pillar_progress
from modules.quiz import percent
from modules.timefmt import local_time

user = require_role()
db = store()
history = db.submitted_attempts(user["id"])
progress = pillar_progress(catalogue(), db.lesson_progress(user["id"]), history)
pass_mark = settings().pass_mark

st.title(t("progress.title"))
names = [t(f"pillar.{row.pillar}.short") for row in progress]
columns = st.columns(2)
for column, row, name in zip(columns * 2, progress, names, strict=False):
    column.metric(name, t("progress.lessons", done=row.lessons_done, total=row.lessons_total),
                  t("progress.passed") if row.passed else None, delta_color="normal", border=True)

st.subheader(t("progress.chart_title"))
st.plotly_chart(charts.scores_against_pass_mark(
    names, [row.best_percent for row in progress], [row.latest_percent for row in progress], pass_mark,
    best_label=t("progress.best"), latest_label=t("progress.latest"), pass_label=t("progress.pass_mark"),
    axis_label=t("progress.score_axis")), config={"displaylogo": False})

st.subheader(t("progress.history"))
if not history:
    st.info(t("progress.no_attempts"))
for attempt in history:
    score = percent(attempt["score"], attempt["max_score"])
    verdict = t("quiz.passed") if attempt["passed"] else t("quiz.failed")
    st.page_link(PAGE_FILES["quiz"], query_params={"percobaan": str(attempt["id"])},
                 label=t("progress.attempt_line", when=local_time(attempt["submitted_at"]),
                         quiz=t(f"pillar.{attempt['quiz_id']}.short"), score=score, verdict=verdict),
                 icon=":material/fact_check:")
