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
    PageLink,
    catalogue,
    page_links,
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

# The headline a learner comes back for: how far they are, and one link to carry on; the offers of
# the tests; the pillars with their progress. Each is one element (each element is a message on
# every rerun).
posttest = test_status("posttest", history, lessons_done, missing)
steps_done, steps_total = overall_share(progress, posttest == "done")
step = next_step(course, lessons, history, posttest == "open")
if step.kind == "lesson":
    lesson = course.lessons[step.target]
    carry_on = PageLink(PAGE_FILES["lesson"], t("home.continue_lesson", title=lesson.title,
                                                 pillar=t(f"pillar.{lesson.pillar}.short")),
                        ":material/play_arrow:", {"id": lesson.id})
elif step.kind == "quiz":
    carry_on = PageLink(PAGE_FILES["quiz"], t("home.continue_quiz", pillar=t(f"pillar.{step.target}.title")),
                        ":material/play_arrow:", {"pilar": step.target})
elif step.kind == "posttest":
    carry_on = PageLink(PAGE_FILES["quiz"], t("home.continue_posttest"), ":material/play_arrow:",
                        {"pilar": "posttest"})
else:
    carry_on = PageLink(PAGE_FILES["progress"], t("home.continue_done"), ":material/workspace_premium:")
page_links([carry_on], card=True, meter=(steps_done, steps_total),
           lead=t("home.overall", done=steps_done, total=steps_total))
for test in TESTS:
    if test_status(test, history, lessons_done, missing) == "open":
        page_links([PageLink(PAGE_FILES["quiz"], t(f"home.{test}_start"), ":material/assignment:", {"pilar": test})],
                   card=True, lead=t(f"home.{test}_offer"))

pillars = []
for row in progress:
    quiz_text = (t("home.quiz_passed", best=row.best_percent) if row.passed
                 else t("home.quiz_best", best=row.best_percent) if row.best_percent is not None
                 else t("home.quiz_none"))
    pillars.append(PageLink(PILLAR_PAGE_FILES[row.pillar], t(
        "home.pillar_line", title=t(f"pillar.{row.pillar}.title"), quiz=quiz_text,
        lessons=t("home.lessons_done", done=row.lessons_done, total=row.lessons_total)), PILLAR_ICONS[row.pillar]))
page_links(pillars, card=True)
