"""Beranda: the four pillars with the learner's progress in each."""

import streamlit as st

from modules import certificates, completion
from modules.attempts import TESTS, test_status
from modules.i18n import t
from modules.names import first_name
from modules.pages.common import (
    PAGE_FILES,
    PILLAR_ICONS,
    PILLAR_PAGE_FILES,
    catalogue,
    page_link,
    require_role,
    store,
)
from modules.progress import lessons_completed, next_step, overall_share, pillar_progress
from modules.safetext import t_plain

user = require_role()
course = catalogue()
db = store()
history = db.submitted_attempts(user["id"])
lessons = db.lesson_progress(user["id"])
progress = pillar_progress(course, lessons, history)
lessons_done = lessons_completed(lessons)
missing = len(completion.lessons_missing(certificates.required_lessons(course), lessons))

# The greeting and the introduction in one element: each element is a message on every rerun.
st.markdown(f"# {t_plain('home.title', name=first_name(user['name']))}\n\n{t('home.intro')}")

# The headline a learner comes back for: how far they are, and one link to carry on.
posttest = test_status("posttest", history, lessons_done, missing)
steps_done, steps_total = overall_share(progress, posttest == "done")
with st.container(border=True):
    st.progress(steps_done / steps_total, text=t("home.overall", done=steps_done, total=steps_total))
    step = next_step(course, lessons, history, posttest == "open")
    if step.kind == "lesson":
        lesson = course.lessons[step.target]
        page_link(PAGE_FILES["lesson"], query_params={"id": lesson.id}, icon=":material/play_arrow:",
                  label=t("home.continue_lesson", title=lesson.title, pillar=t(f"pillar.{lesson.pillar}.short")))
    elif step.kind == "quiz":
        page_link(PAGE_FILES["quiz"], query_params={"pilar": step.target}, icon=":material/play_arrow:",
                  label=t("home.continue_quiz", pillar=t(f"pillar.{step.target}.title")))
    elif step.kind == "posttest":
        page_link(PAGE_FILES["quiz"], query_params={"pilar": "posttest"}, icon=":material/play_arrow:",
                  label=t("home.continue_posttest"))
    else:
        page_link(PAGE_FILES["progress"], icon=":material/workspace_premium:", label=t("home.continue_done"))
for test in TESTS:
    if test_status(test, history, lessons_done, missing) == "open":
        with st.container(border=True):
            st.markdown(t(f"home.{test}_offer"))
            page_link(PAGE_FILES["quiz"], query_params={"pilar": test}, label=t(f"home.{test}_start"),
                      icon=":material/assignment:")

# One link per pillar that carries its progress: each element is a message on every rerun.
with st.container(border=True):
    for row in progress:
        quiz_text = (t("home.quiz_passed", best=row.best_percent) if row.passed
                     else t("home.quiz_best", best=row.best_percent) if row.best_percent is not None
                     else t("home.quiz_none"))
        page_link(PILLAR_PAGE_FILES[row.pillar], icon=PILLAR_ICONS[row.pillar], label=t(
            "home.pillar_line", title=t(f"pillar.{row.pillar}.title"), quiz=quiz_text,
            lessons=t("home.lessons_done", done=row.lessons_done, total=row.lessons_total)))
