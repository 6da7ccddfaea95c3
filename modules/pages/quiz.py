"""Kuis: the list of quizzes, taking one (questions from the stored attempt), and its review."""

from collections.abc import Mapping

import streamlit as st

from modules import answer_sheet as answer_sheet_component
from modules import attempts
from modules.i18n import t
from modules.pages.common import (
    PAGE_FILES,
    PageLink,
    catalogue,
    page_link,
    page_links,
    pin_query_param,
    quiz_title,
    require_role,
    settings,
    store,
)
from modules.progress import lessons_completed, pillar_progress
from modules.quiz import percent
from modules.quiz_gate import quiz_refusal
from modules.retakes import RetakeGate
from modules.store import utcnow
from modules.timefmt import local_time

user = require_role()
course = catalogue()
db = store()
config = settings()


def show_retake_gate(gate: RetakeGate) -> None:
    """What stands between the learner and a retake, with a link to each lesson to reread."""
    if gate.wait_until is not None:
        minutes = max(1, -(-int((gate.wait_until - utcnow()).total_seconds()) // 60))
        st.warning(t("retake.wait", when=local_time(gate.wait_until.isoformat()), minutes=minutes))
        return
    st.warning(t("retake.reread", done=len(gate.lessons) - len(gate.to_reopen), total=len(gate.lessons)))
    links = []
    for lesson_id in gate.lessons:
        done = lesson_id not in gate.to_reopen
        links.append(PageLink(PAGE_FILES["lesson"], t("retake.lesson_done" if done else "retake.lesson_todo",
                                                       title=course.lessons[lesson_id].title),
                              ":material/check_circle:" if done else ":material/menu_book:", {"id": lesson_id}))
    page_links(links)


def show_review(attempt: dict) -> None:
    score = percent(attempt["score"], attempt["max_score"])
    st.title(t("quiz.review_title", quiz=quiz_title(attempt["quiz_id"])))
    if attempt["kind"] == "pillar":
        verdict = t("quiz.passed") if attempt["passed"] else t("quiz.failed")
        (st.success if attempt["passed"] else st.warning)(
            t("quiz.result", score=score, right=attempt["score"], total=attempt["max_score"],
              verdict=verdict, mark=config.pass_mark))
    else:
        st.info(t("test.result", score=score, right=attempt["score"], total=attempt["max_score"]))
    for item in attempts.review(db, course, attempt):
        with st.container(border=True):
            st.markdown(f"**{item.number}.** {item.question.prompt}")
            for index in item.order:
                option = item.question.options[index]
                picked = index in item.chosen
                mark = (":green[:material/check_circle:]" if option.correct
                        else ":red[:material/cancel:]" if picked else ":gray[:material/radio_button_unchecked:]")
                suffix = f" — *{t('quiz.your_answer')}*" if picked else ""
                st.markdown(f"{mark} {option.text}{suffix}")
                if option.why:
                    st.caption(t("quiz.why_right" if option.correct else "quiz.why_wrong", why=option.why))
            (st.success if item.correct else st.error)(t("quiz.item_right" if item.correct else "quiz.item_wrong"))
            st.info(f"**{t('quiz.explanation')}** {item.question.explanation}")
    if attempt["kind"] == "pillar":
        gate = attempts.retake_gate(db, course, user["id"], attempt["quiz_id"], utcnow())
        if not gate.open:
            show_retake_gate(gate)
        page_link(PAGE_FILES["quiz"], query_params={"pilar": attempt["quiz_id"]},
                  label=t("quiz.retake"), icon=":material/replay:")
    if attempt["kind"] == "posttest":
        page_link(PAGE_FILES["evaluation"], label=t("eval.go"), icon=":material/rate_review:")
    page_link(PAGE_FILES["progress"], label=t("nav.progress"), icon=":material/insights:")


def show_quiz_list() -> None:
    st.title(t("quiz.list_title"))
    history = db.submitted_attempts(user["id"])
    lessons = db.lesson_progress(user["id"])
    progress = pillar_progress(course, lessons, history)
    done = lessons_completed(lessons)
    missing = len(attempts.lessons_missing(db, course, user["id"]))
    # One element for the list: each element is a message on every rerun. A test that is not open
    # is a line without a link.
    links = []
    for test in attempts.TESTS:
        status = attempts.test_status(test, history, done, missing)
        label = f"{quiz_title(test)} — {t(f'test.status.{test}.{status}')}"
        links.append(PageLink(PAGE_FILES["quiz"] if status == "open" else "", label, ":material/assignment:",
                              {"pilar": test}))
    for row in progress:
        status = (t("home.quiz_passed", best=row.best_percent) if row.passed
                  else t("home.quiz_best", best=row.best_percent) if row.best_percent is not None
                  else t("home.quiz_none"))
        links.append(PageLink(PAGE_FILES["quiz"], f"{quiz_title(row.pillar)} — {status}", ":material/quiz:",
                              {"pilar": row.pillar}))
    page_links(links)


def pending_key(attempt: dict) -> str:
    return f"pending_choices_{attempt['id']}"


def store_pending(attempt: dict, chosen_now: dict[str, list[int]]) -> None:
    """Store the choices this tab holds that the database has not taken yet (modules/attempts.py):
    what a busy moment left unstored is tried again with the new ones, once per run."""
    pending = {**st.session_state.get(pending_key(attempt), {}), **chosen_now}
    if not pending:
        return
    waiting, refused = attempts.save_choices(db, course, attempt, pending, utcnow())
    st.session_state[pending_key(attempt)] = waiting
    if refused:
        st.session_state["draft_not_saved"] = True


def known_choices(attempt: dict, reported: object) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The choices of this attempt, and those the sheet reported that the database does not hold.

    The database is read on every run of the page: the browser saves each choice as it is made,
    without a rerun, so this tab cannot know them otherwise (a sheet drawn anew, in the other
    language say, shows them all). What this tab still has to store, and what the sheet reported
    with this run, go on top."""
    known = db.drafts(attempt["id"], user["id"])
    known.update(st.session_state.get(pending_key(attempt), {}))
    choices = answer_sheet_component.choices_from_state(reported, attempt, course)
    changed = {qid: chosen for qid, chosen in choices.items() if known.get(qid, []) != chosen}
    known.update(changed)
    return known, changed


def sheet_key(attempt: dict) -> str:
    return f"sheet_{attempt['id']}"


def answer_sheet(attempt: dict) -> None:
    """The questions and the submit button in one form: a choice reruns nothing (the browser saves
    it as it is made, modules/answer_sheet.py) and goes with the submit, which reruns the page to
    show the result."""
    # What the browser reported (with a submit, or before a refresh) is in the session state before
    # the sheet is drawn (whatever a stranger put there: choices_from_state keeps only real choices).
    reported = st.session_state.get(sheet_key(attempt))
    known, changed = known_choices(attempt, reported.get("choices") if isinstance(reported, Mapping) else None)
    submit_key = f"submit_{attempt['id']}"
    if not st.session_state.get(submit_key):  # a submit stores every answer at once: no drafts first
        store_pending(attempt, changed)
    if st.session_state.get(pending_key(attempt)):
        st.warning(t("quiz.draft_waiting"))
    elif any(known.values()):
        st.caption(t("quiz.draft_kept", n=sum(1 for chosen in known.values() if chosen)))
    with st.form(f"answers_{attempt['id']}", border=False, enter_to_submit=False):
        answer_sheet_component.show(attempt["id"], st.session_state.get("language", "id"), known,
                                    key=sheet_key(attempt),
                                    notes={"unsaved": t("quiz.choice_unsaved"), "loading": t("quiz.sheet_loading")})
        submitted = st.form_submit_button(t("quiz.submit"), type="primary", key=submit_key)
    if st.session_state.pop("draft_not_saved", False):
        st.error(t("quiz.draft_not_saved"))
    if submitted:
        missing = attempts.unanswered(attempt["question_ids"], known)
        if missing:
            store_pending(attempt, changed)
            st.error(t("quiz.unanswered", numbers=", ".join(map(str, missing))))
            return
        attempts.submit(db, course, attempt, known, config.pass_mark, utcnow())
        # Whether this click stored it or an earlier one did, show the stored result.
        st.query_params.clear()
        st.query_params["percobaan"] = str(attempt["id"])
        st.rerun()


review_id = st.query_params.get("percobaan")
quiz_id = st.query_params.get("pilar")
if review_id:
    # Only plain ASCII digits of a sane length are an attempt id ("²" and 5,000 digits are not).
    valid_id = review_id.isascii() and review_id.isdigit() and len(review_id) <= 12
    attempt = db.get_attempt(int(review_id), user["id"]) if valid_id else None
    if attempt is None or attempt["submitted_at"] is None:
        st.warning(t("quiz.review_missing"))
    else:
        pin_query_param("percobaan", review_id)
        show_review(attempt)
    st.stop()
if quiz_id not in attempts.QUIZ_IDS:
    show_quiz_list()
    st.stop()

pin_query_param("pilar", quiz_id)
st.title(t("quiz.title", quiz=quiz_title(quiz_id)))
attempt = attempts.open_attempt(db, course, user["id"], quiz_id)
broken = quiz_refusal(course, quiz_id, config.questions_per_quiz, attempts.TEST_QUESTIONS_PER_PILLAR)
if attempt is None and broken:
    st.error(t("quiz.bank_broken"))
    st.code("\n".join(broken), language=None)
    st.stop()
if attempt is None and quiz_id in attempts.TESTS:
    lessons_done = lessons_completed(db.lesson_progress(user["id"]))
    status = attempts.test_status(quiz_id, db.submitted_attempts(user["id"]), lessons_done,
                                  len(attempts.lessons_missing(db, course, user["id"])))
    if status != "open":
        st.info(t(f"test.status.{quiz_id}.{status}"))
        st.stop()
    st.markdown(t(f"test.{quiz_id}.intro", n=attempts.TEST_QUESTIONS_PER_PILLAR * 4))
if attempt is None:
    if quiz_id not in attempts.TESTS:
        st.markdown(t("quiz.intro", n=min(config.questions_per_quiz, len(course.pillar_questions(quiz_id))),
                      mark=config.pass_mark))
        gate = attempts.retake_gate(db, course, user["id"], quiz_id, utcnow())
        if not gate.open:
            show_retake_gate(gate)
            st.stop()
    if st.button(t("quiz.start"), type="primary", key=f"start_{quiz_id}"):
        try:
            attempts.start_or_resume(db, course, user["id"], quiz_id, config.questions_per_quiz, utcnow())
        except attempts.RetakeLocked as locked:  # the rule closed it since the page was drawn
            show_retake_gate(locked.gate)
            st.stop()
        st.rerun()
    st.stop()

answer_sheet(attempt)
