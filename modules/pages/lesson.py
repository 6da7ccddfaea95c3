"""One lesson: objectives, text, sources, "Tandai selesai", previous and next."""

from urllib.parse import urlencode

import streamlit as st

from modules import attempts, completion
from modules.i18n import t
from modules.link_panel import Link
from modules.pages.common import (
    PAGE_FILES,
    PILLAR_PAGE_FILES,
    PageLink,
    catalogue,
    page_link,
    page_links,
    pin_query_param,
    require_role,
    settings,
    store,
)
from modules.store import parse_stamp, utcnow
from modules.web import LESSON_FILE_PATH

user = require_role()
course = catalogue()
lesson = course.lessons.get(st.query_params.get("id", ""))
if lesson is None:
    st.warning(t("lesson.not_found"))
    page_link(PAGE_FILES["home"], label=t("nav.home"), icon=":material/home:")
    st.stop()

pin_query_param("id", lesson.id)
db = store()
# The first opening, or a reopening a failed quiz sent the learner back for, is recorded; read on
# every rerun, so a change made in another tab shows at the next click.
state = attempts.open_lesson(db, course, user["id"], lesson.id, utcnow())

# The way back, and for slow or no connections the whole lesson as one small printable file
# (modules/web.py makes it when the link is followed).
page_links([PageLink(PILLAR_PAGE_FILES[lesson.pillar], t(f"pillar.{lesson.pillar}.title"), ":material/arrow_back:"),
            Link(f".{LESSON_FILE_PATH}?{urlencode({'id': lesson.id})}", t("lesson.download"), ":material/download:",
                 download=True)])
percent = settings().min_reading_percent
needed = completion.minutes_text(completion.reading_time_needed(lesson.minutes, percent))
# Counted on the server from the first opening the database recorded (read in this rerun).
opened = parse_stamp(state["opened_at"])
waiting = None if state["completed_at"] else completion.reading_time_left(opened, lesson.minutes, percent, utcnow())
# The title, the reading time with the objectives (set off as a quote), the text, its sources and
# how long it must stay open before it can be marked done, in one element: every element is a
# message on each rerun.
objectives = "\n".join(f"> - {objective}" for objective in lesson.objectives)
sources = "\n".join(f"- [{source.title}]({source.url})" for source in lesson.sources)
still_to_read = (f"\n\n*{t('lesson.min_reading', minutes=needed, left=completion.minutes_text(waiting))}*"
                 if waiting else "")
st.markdown(f"# {lesson.title}\n\n> :material/schedule: {t('lesson.minutes', n=lesson.minutes)}\n>\n"
            f"> **{t('lesson.objectives')}**\n>\n{objectives}\n\n{lesson.body}\n\n---\n\n"
            f"**{t('lesson.sources')}**\n\n{sources}{still_to_read}")

if state["completed_at"]:
    st.success(t("lesson.done"))
elif st.button(t("lesson.mark_done"), type="primary", key=f"done_{lesson.id}"):
    left = completion.reading_time_left(opened, lesson.minutes, percent, utcnow())
    if left:
        st.warning(t("lesson.too_soon", minutes=needed, left=completion.minutes_text(left)))
    else:
        db.mark_lesson_done(user["id"], lesson.id, utcnow())
        st.rerun()

before, after = course.neighbours(lesson.id)
onward = [PageLink(PAGE_FILES["lesson"], t("lesson.previous", title=before.title), ":material/arrow_back:",
                   {"id": before.id})] if before else []
onward.append(PageLink(PAGE_FILES["lesson"], t("lesson.next", title=after.title), ":material/arrow_forward:",
                       {"id": after.id}) if after
              else PageLink(PAGE_FILES["quiz"], t("pillar.take_quiz"), ":material/quiz:", {"pilar": lesson.pillar}))
page_links(onward)
