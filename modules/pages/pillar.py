"""A pillar's lesson list and the way to its quiz (drawn by the four pillar_*.py pages)."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import PAGE_FILES, catalogue, page_link, require_role, store


def show_pillar(pillar: str) -> None:
    user = require_role()
    course = catalogue()
    done = store().lesson_progress(user["id"])
    # Heading and tagline in one element: each element is a message on every rerun.
    st.markdown(f"# {t(f'pillar.{pillar}.title')}\n\n{t(f'pillar.{pillar}.tagline')}")
    for number, lesson in enumerate(course.pillar_lessons(pillar), start=1):
        state = done.get(lesson.id) or {}
        icon = (":material/check_circle:" if state.get("completed_at")
                else ":material/auto_stories:" if state.get("opened_at") else ":material/radio_button_unchecked:")
        page_link(PAGE_FILES["lesson"], query_params={"id": lesson.id}, icon=icon,
                  label=f"{number}. {lesson.title} · {t('lesson.minutes', n=lesson.minutes)}")
    page_link(PAGE_FILES["quiz"], query_params={"pilar": pillar}, label=t("pillar.take_quiz"),
              icon=":material/quiz:")
