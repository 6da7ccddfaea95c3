"""Beranda: the four pillars with the learner's progress in each."""

import streamlit as st

from modules.attempts import TESTS, test_status
from modules.i18n import t
from modules.pages.common import PAGE_FILES, PILLAR_PAGE_FILES, catalogue, require_role, store
from modules.progress import lessons_completed, pillar_progress
from modules.safetext import t_plain

user = require_role()
course = catalogue()
db = store()
history = db.submitted_attempts(user["id"])
lessons = db.lesson_progress(user["id"])
progress = pillar_progress(course, lessons, history)
lessons_done = lessons_completed(lessons)

st.title(t_plain("home.title", name=(user["name"].split() or [""])[0]))
st.markdown(t("home.intro"))
for test in TESTS:
    if test_status(test, history, lessons_done) == "open":
        with st.container(border=True):
            st.markdown(t(f"home.{test}_offer"))
            st.page_link(PAGE_FILES["quiz"], query_params={"pilar": test}, label=t(f"home.{test}_start"),
                         icon=":material/assignment:")

for row in progress:
    with st.container(border=True):
        st.subheader(t(f"pillar.{row.pillar}.title"))
        st.caption(t(f"pillar.{row.pillar}.tagline"))
        st.progress(row.lesson_share, text=t("home.lessons_done", done=row.lessons_done,
                                              total=row.lessons_total))
        quiz_text = (t("home.quiz_passed", best=row.best_percent) if row.passed
                     else t("home.quiz_best", best=row.best_percent) if row.best_percent is not None
                     else t("home.quiz_none"))
        st.markdown(quiz_text)
        st.page_link(PILLAR_PAGE_FILES[row.pillar], label=t("home.open_pillar"), icon=":material/arrow_forward:")
