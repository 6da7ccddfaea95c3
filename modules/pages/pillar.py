"""A pillar's lesson list and the way to its quiz (drawn by the four pillar_*.py pages)."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import PAGE_FILES, PageLink, catalogue, page_links, require_role, store

LESSON_ICONS = {"done": ":material/check_circle:", "opened": ":material/auto_stories:",
                "new": ":material/radio_button_unchecked:"}


def show_pillar(pillar: str) -> None:
    user = require_role()
    course = catalogue()
    done = store().lesson_progress(user["id"])
    # Heading and tagline in one element: each element is a message on every rerun.
    st.markdown(f"# {t(f'pillar.{pillar}.title')}\n\n{t(f'pillar.{pillar}.tagline')}")
    links = []
    for number, lesson in enumerate(course.pillar_lessons(pillar), start=1):
        state = done.get(lesson.id) or {}
        status = "done" if state.get("completed_at") else "opened" if state.get("opened_at") else "new"
        label = f"{number}. {lesson.title} · {t('lesson.minutes', n=lesson.minutes)}"
        links.append(PageLink(PAGE_FILES["lesson"], label, LESSON_ICONS[status], {"id": lesson.id},
                              t(f"pillar.lesson_{status}")))
    links.append(PageLink(PAGE_FILES["quiz"], t("pillar.take_quiz"), ":material/quiz:", {"pilar": pillar}))
    # One element for the lesson list and the quiz: each element is a message on every rerun.
    page_links(links)
