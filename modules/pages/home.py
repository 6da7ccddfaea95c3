"""Beranda: the four pillars with the learner's progress in each."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import PILLAR_PAGE_FILES, catalogue, require_role, store
from modules.progress import pillar_progress

user = require_role()
course = catalogue()
db = store()
progress = pillar_progress(course, db.lesson_progress(user["id"]), db.submitted_attempts(user["id"]))

st.title(t("home.title", name=user["name"].split()[0]))
st.markdown(t("home.intro"))

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
