"""Progres Saya: lessons done and quiz scores per pillar, and every attempt with its review."""

import streamlit as st

from modules.exports import Column, display_table, markdown_table
from modules.i18n import decimal, t
from modules.pages.certificate_panel import show_certificate_panel
from modules.pages.common import PAGE_FILES, PageLink, catalogue, page_links, quiz_title, require_role, settings, store
from modules.progress import learning_gain, pillar_progress
from modules.quiz import percent
from modules.score_bars import score_bars
from modules.timefmt import local_time

user = require_role()
db = store()
history = db.submitted_attempts(user["id"])
lessons = db.lesson_progress(user["id"])
progress = pillar_progress(catalogue(), lessons, history)
pass_mark = settings().pass_mark


def shown_percent(value: int | None) -> str:
    return "–" if value is None else f"{value}%"


names = [t(f"pillar.{row.pillar}.short") for row in progress]
# The page's heading, one table (in course order on every screen width) for the lessons, the quiz
# and the figures the chart draws (its text equivalent), and the chart under its heading, in one
# element: each element is a message on every rerun. The chart is markup of our own with every text
# escaped (modules/score_bars.py; st.html would strip the SVG); the table holds only our own strings
# and figures, escaped as Markdown text.
table = markdown_table(display_table(
    [{"pillar": name, "lessons": f"{row.lessons_done}/{row.lessons_total}",
      "quiz": t("progress.passed") if row.passed else t("progress.not_passed"),
      "scores": f"{shown_percent(row.best_percent)} / {shown_percent(row.latest_percent)}"}
     for name, row in zip(names, progress, strict=True)],
    [Column("pillar", t("progress.gain_scope")), Column("lessons", t("progress.lessons_heading")),
     Column("quiz", t("progress.quiz_heading")), Column("scores", t("progress.scores_heading"))]))
chart = score_bars(tuple(names), tuple(row.best_percent for row in progress),
                   tuple(row.latest_percent for row in progress), pass_mark, best_label=t("progress.best"),
                   latest_label=t("progress.latest"), pass_label=t("progress.pass_mark"),
                   title=t("progress.chart_title"))
tests = {a["quiz_id"]: a for a in history if a["kind"] in ("pretest", "posttest")}
# Without the learning gain (until both tests are taken) the certificate's heading comes next: in
# the same element.
certificate_heading = "" if len(tests) == 2 else f"\n\n### {t('cert.panel.title')}"
st.markdown(f"# {t('progress.title')}\n\n{table}\n\n### {t('progress.chart_title')}\n\n{chart}{certificate_heading}",
            unsafe_allow_html=True)

if len(tests) == 2:
    st.subheader(t("progress.gain_title"))
    st.caption(t("progress.gain_help"))
    gains = learning_gain(catalogue(), db.attempt_answers(tests["pretest"]["id"]),
                          db.attempt_answers(tests["posttest"]["id"]))
    st.dataframe([{t("progress.gain_scope"): t("progress.overall") if g.scope == "overall"
                   else t(f"pillar.{g.scope}.short"),
                   t("progress.pre"): f"{g.pre_percent}%", t("progress.post"): f"{g.post_percent}%",
                   t("progress.gain"): t("progress.gain_full") if g.gain is None else decimal(g.gain),
                   t("progress.band"): "–" if g.gain is None else t("gain.drop") if g.gain < 0
                   else t(f"gain.{g.band}")} for g in gains],
                 hide_index=True, width="stretch")
    if any(g.gain is not None and g.gain < 0 for g in gains):
        st.caption(t("progress.gain_drop_help"))

show_certificate_panel(user, history, lessons, heading=not certificate_heading)

st.subheader(t("progress.history"))
if not history:
    st.info(t("progress.no_attempts"))
# The attempts as one element: each element is a message on every rerun.
links = []
for attempt in history:
    score = percent(attempt["score"], attempt["max_score"])
    verdict = t("quiz.passed") if attempt["passed"] else t("quiz.failed")
    links.append(PageLink(PAGE_FILES["quiz"], t("progress.attempt_line", when=local_time(attempt["submitted_at"]),
                                                 quiz=quiz_title(attempt["quiz_id"]), score=score,
                                                 verdict=verdict if attempt["kind"] == "pillar" else t("test.taken")),
                          ":material/fact_check:", {"percobaan": str(attempt["id"])}))
if links:
    page_links(links)
