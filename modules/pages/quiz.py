"""Kuis: the list of quizzes, taking one (questions from the stored attempt), and its review."""

import streamlit as st

from modules import attempts
from modules.i18n import t
from modules.pages.common import PAGE_FILES, catalogue, pin_query_param, quiz_title, require_role, settings, store
from modules.progress import lessons_completed, pillar_progress
from modules.quiz import percent
from modules.store import utcnow

user = require_role()
course = catalogue()
db = store()
config = settings()


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
            (st.success if item.correct else st.error)(t("quiz.item_right" if item.correct else "quiz.item_wrong"))
            st.info(f"**{t('quiz.explanation')}** {item.question.explanation}")
    if attempt["kind"] == "pillar":
        st.page_link(PAGE_FILES["quiz"], query_params={"pilar": attempt["quiz_id"]},
                     label=t("quiz.retake"), icon=":material/replay:")
    if attempt["kind"] == "posttest":
        st.page_link(PAGE_FILES["evaluation"], label=t("eval.go"), icon=":material/rate_review:")
    st.page_link(PAGE_FILES["progress"], label=t("nav.progress"), icon=":material/insights:")


def show_quiz_list() -> None:
    st.title(t("quiz.list_title"))
    history = db.submitted_attempts(user["id"])
    lessons = db.lesson_progress(user["id"])
    progress = pillar_progress(course, lessons, history)
    done = lessons_completed(lessons)
    for test in attempts.TESTS:
        status = attempts.test_status(test, history, done)
        label = f"{quiz_title(test)} — {t(f'test.status.{test}.{status}')}"
        if status == "open":
            st.page_link(PAGE_FILES["quiz"], query_params={"pilar": test}, label=label, icon=":material/assignment:")
        else:
            st.markdown(f":material/assignment: {label}")
    for row in progress:
        status = (t("home.quiz_passed", best=row.best_percent) if row.passed
                  else t("home.quiz_best", best=row.best_percent) if row.best_percent is not None
                  else t("home.quiz_none"))
        st.page_link(PAGE_FILES["quiz"], query_params={"pilar": row.pillar},
                     label=f"{quiz_title(row.pillar)} — {status}", icon=":material/quiz:")


def collect_answers(attempt: dict) -> dict[str, list[int]]:
    """Draw every question of the attempt; widget keys hold the attempt and question id, so
    they stay put across reruns whatever the shuffled order (streamlit issue 6238)."""
    chosen: dict[str, list[int]] = {}
    for number, qid in enumerate(attempt["question_ids"], start=1):
        question = course.questions[qid]
        order = attempt["option_orders"][qid]
        key = f"a{attempt['id']}_{qid}"
        st.markdown(f"**{number}.** {question.prompt}")
        if question.type == "multiple":
            st.caption(t("quiz.pick_all"))
            chosen[qid] = [i for i in order
                           if st.checkbox(question.options[i].text, key=f"{key}_{i}")]
        else:
            picked = st.radio(t("quiz.answer_label", n=number), order, index=None, key=key,
                              format_func=lambda i, q=question: q.options[i].text,
                              label_visibility="collapsed")
            chosen[qid] = [] if picked is None else [picked]
        st.divider()
    return chosen


review_id = st.query_params.get("percobaan")
quiz_id = st.query_params.get("pilar")
if review_id:
    attempt = db.get_attempt(int(review_id), user["id"]) if review_id.isdigit() else None
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
if attempt is None and quiz_id in attempts.TESTS:
    lessons_done = lessons_completed(db.lesson_progress(user["id"]))
    status = attempts.test_status(quiz_id, db.submitted_attempts(user["id"]), lessons_done)
    if status != "open":
        st.info(t(f"test.status.{quiz_id}.{status}"))
        st.stop()
    st.markdown(t(f"test.{quiz_id}.intro", n=attempts.TEST_QUESTIONS_PER_PILLAR * 4))
if attempt is None:
    if quiz_id not in attempts.TESTS:
        st.markdown(t("quiz.intro", n=min(config.questions_per_quiz, len(course.pillar_questions(quiz_id))),
                      mark=config.pass_mark))
    if st.button(t("quiz.start"), type="primary", key=f"start_{quiz_id}"):
        attempts.start_or_resume(db, course, user["id"], quiz_id, config.questions_per_quiz, utcnow())
        st.rerun()
    st.stop()

with st.form(f"attempt_{attempt['id']}", enter_to_submit=False):
    chosen = collect_answers(attempt)
    submitted = st.form_submit_button(t("quiz.submit"), type="primary")
if submitted:
    missing = attempts.unanswered(attempt["question_ids"], chosen)
    if missing:
        st.error(t("quiz.unanswered", numbers=", ".join(map(str, missing))))
    else:
        attempts.submit(db, course, attempt, chosen, config.pass_mark, utcnow())
        # Whether this click stored it or an earlier one did, show the stored result.
        st.query_params.clear()
        st.query_params["percobaan"] = str(attempt["id"])
        st.rerun()
