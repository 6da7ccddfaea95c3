"""Kuis: the list of quizzes, taking one (questions from the stored attempt), and its review."""

import streamlit as st

from modules import attempts
from modules.i18n import t
from modules.pages.common import (
    PAGE_FILES,
    catalogue,
    page_link,
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
    for lesson_id in gate.lessons:
        lesson = course.lessons[lesson_id]
        done = lesson_id not in gate.to_reopen
        page_link(PAGE_FILES["lesson"], query_params={"id": lesson_id},
                  label=t("retake.lesson_done" if done else "retake.lesson_todo", title=lesson.title),
                  icon=":material/check_circle:" if done else ":material/menu_book:")


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
    for test in attempts.TESTS:
        status = attempts.test_status(test, history, done, missing)
        label = f"{quiz_title(test)} — {t(f'test.status.{test}.{status}')}"
        if status == "open":
            page_link(PAGE_FILES["quiz"], query_params={"pilar": test}, label=label, icon=":material/assignment:")
        else:
            st.markdown(f":material/assignment: {label}")
    for row in progress:
        status = (t("home.quiz_passed", best=row.best_percent) if row.passed
                  else t("home.quiz_best", best=row.best_percent) if row.best_percent is not None
                  else t("home.quiz_none"))
        page_link(PAGE_FILES["quiz"], query_params={"pilar": row.pillar},
                  label=f"{quiz_title(row.pillar)} — {status}", icon=":material/quiz:")


ANSWER_SHEET = "answer_sheet"  # the container's key: modules/accessibility.py styles its questions


def pending_key(attempt: dict) -> str:
    return f"pending_choices_{attempt['id']}"


BUSY_THIS_RUN = "choices_busy_this_run"  # a save in this run waited out the lock: the rest only wait


def store_pending(attempt: dict, chosen_now: dict[str, list[int]]) -> None:
    """Store the choices this tab holds that the database has not taken yet (modules/attempts.py).
    Once a save has waited out the busy lock in a run, the later ones of the same run (a submit
    carries every changed choice, each with its callback) join the waiting without trying."""
    pending = {**st.session_state.get(pending_key(attempt), {}), **chosen_now}
    if not pending:
        return
    if st.session_state.get(BUSY_THIS_RUN):
        st.session_state[pending_key(attempt)] = pending
        return
    waiting, refused = attempts.save_choices(db, course, attempt, pending, utcnow())
    st.session_state[pending_key(attempt)] = waiting
    st.session_state[BUSY_THIS_RUN] = bool(waiting)
    if refused:
        st.session_state["draft_not_saved"] = True


def keep_choice(attempt: dict, qid: str, key: str, multiple_keys: list[tuple[int, str]] | None) -> None:
    """A widget's on_change: store the choice at once, so a refresh or a restart loses nothing."""
    if multiple_keys is None:
        value = st.session_state.get(key)
        chosen = [] if value is None else [value]
    else:
        chosen = [index for index, box in multiple_keys if st.session_state.get(box)]
    store_pending(attempt, {qid: chosen})


def collect_answers(attempt: dict, saved: dict[str, list[int]]) -> dict[str, list[int]]:
    """Draw every question of the attempt with the choices already kept; widget keys hold the attempt
    and question id, so they stay put across reruns whatever the shuffled order (streamlit issue 6238).

    A question's number and prompt (and the pick-all hint) are one Markdown element, or the label
    of its radio group: every element is a message on each rerun, and each choice reruns the sheet
    (the page's CSS draws a radio group's rule above it and its label at text size,
    modules/accessibility.py)."""
    chosen: dict[str, list[int]] = {}
    for number, qid in enumerate(attempt["question_ids"], start=1):
        question = course.questions[qid]
        order = attempt["option_orders"][qid]
        key = f"a{attempt['id']}_{qid}"
        before = saved.get(qid, [])
        if question.type == "multiple":
            rule = "---\n\n" if number > 1 else ""
            st.markdown(f"{rule}**{t('quiz.question', n=number)}** {question.prompt}\n\n"
                        f":small[{t('quiz.pick_all_scoring')}]")
            boxes = [(i, f"{key}_{i}") for i in order]
            chosen[qid] = [i for i, box in boxes
                           if st.checkbox(question.options[i].text, value=i in before, key=box,
                                          on_change=keep_choice, args=(attempt, qid, key, boxes))]
        else:
            # Plain text: a screen reader reads the group's label as it is written, asterisks too.
            picked = st.radio(f"{t('quiz.question', n=number)} {question.prompt}", order,
                              index=order.index(before[0]) if before and before[0] in order else None, key=key,
                              format_func=lambda i, q=question: q.options[i].text,
                              on_change=keep_choice, args=(attempt, qid, key, None))
            chosen[qid] = [] if picked is None else [picked]
    return chosen


@st.fragment
def answer_sheet(attempt: dict) -> None:
    """The questions and the submit button. A choice reruns only this part of the page (it is saved
    as it is made); submitting reruns the whole page to show the result."""
    store_pending(attempt, {})  # what a busy moment left unstored, tried again (once per run)
    st.session_state.pop(BUSY_THIS_RUN, None)
    saved = db.drafts(attempt["id"], user["id"])
    if st.session_state.get(pending_key(attempt)):
        st.warning(t("quiz.draft_waiting"))
    elif saved:
        st.caption(t("quiz.draft_kept", n=len(saved)))
    with st.container(key=ANSWER_SHEET):
        chosen = collect_answers(attempt, saved)
    if st.session_state.pop("draft_not_saved", False):
        st.error(t("quiz.draft_not_saved"))
    if st.button(t("quiz.submit"), type="primary", key=f"submit_{attempt['id']}"):
        missing = attempts.unanswered(attempt["question_ids"], chosen)
        if missing:
            st.error(t("quiz.unanswered", numbers=", ".join(map(str, missing))))
            return
        attempts.submit(db, course, attempt, chosen, config.pass_mark, utcnow())
        # Whether this click stored it or an earlier one did, show the stored result.
        st.query_params.clear()
        st.query_params["percobaan"] = str(attempt["id"])
        st.rerun(scope="app")


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
