"""Taking a quiz, apart from any screen: start or resume an attempt, submit it once, review it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from modules import certificates, quiz
from modules.config import load_settings
from modules.course import PILLARS, Catalogue, Question
from modules.store import Store


@dataclass(frozen=True)
class ReviewItem:
    number: int
    question: Question
    order: list[int]  # option indexes in the order the learner saw them
    chosen: list[int]
    correct: bool


TESTS = ("pretest", "posttest")
QUIZ_IDS = (*PILLARS, *TESTS)
TEST_QUESTIONS_PER_PILLAR = 5


def quiz_kind(quiz_id: str) -> str:
    return "pillar" if quiz_id in PILLARS else quiz_id


def test_status(test: str, history: Sequence[Mapping[str, Any]], lessons_done: int) -> str:
    """Whether the pre- or post-test can be taken: "open", "done" or "closed".

    The pre-test is a baseline: open until the learner has finished a lesson or a quiz.
    The post-test opens when all four pillar quizzes are passed. Each is taken once.
    """
    if any(a["quiz_id"] == test for a in history):
        return "done"
    if test == "pretest":
        started = lessons_done > 0 or any(a["kind"] == "pillar" for a in history)
        return "closed" if started else "open"
    passed = {a["quiz_id"] for a in history if a["kind"] == "pillar" and a["passed"]}
    return "open" if passed >= set(PILLARS) else "closed"


def open_attempt(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str) -> dict[str, Any] | None:
    """The learner's unsubmitted attempt, unless a question of it has been withdrawn from the bank
    since it was drawn; such an attempt (never answered) is dropped so a fresh one can be drawn."""
    attempt = store.open_attempt(user_id, quiz_id)
    if attempt is None or all(qid in catalogue.questions for qid in attempt["question_ids"]):
        return attempt
    store.discard_open_attempt(attempt["id"], user_id)
    return None


def start_or_resume(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str, count: int,
                    now: dt.datetime) -> dict[str, Any]:
    """The learner's open attempt at this quiz, or a newly drawn one (stored before it is shown)."""
    attempt = open_attempt(store, catalogue, user_id, quiz_id)
    if attempt is not None:
        return attempt
    seed = quiz.new_seed()
    if quiz_id in TESTS:
        seen = store.question_ids_seen(user_id, "pretest") if quiz_id == "posttest" else set()
        by_pillar = {pillar: catalogue.pillar_questions(pillar) for pillar in PILLARS}
        draw = quiz.draw_test(by_pillar, TEST_QUESTIONS_PER_PILLAR, seed, exclude=seen)
    else:
        draw = quiz.draw_attempt(catalogue.pillar_questions(quiz_id), count, seed)
    if not draw.question_ids:  # an empty bank: nothing to ask, so nothing is stored
        raise ValueError(f"no questions to draw for {quiz_id}")
    attempt_id = store.start_attempt(
        user_id=user_id, quiz_id=quiz_id, kind=quiz_kind(quiz_id),
        bank_version=bank_version(catalogue, quiz_id), seed=seed,
        question_ids=draw.question_ids, option_orders=draw.option_orders, now=now)
    return store.get_attempt(attempt_id, user_id)


def bank_version(catalogue: Catalogue, quiz_id: str) -> str:
    """The version of the bank(s) an attempt draws from; tests draw from all four."""
    if quiz_id in PILLARS:
        return catalogue.bank_versions.get(quiz_id, "")
    return "+".join(catalogue.bank_versions.get(pillar, "") for pillar in PILLARS)


def unanswered(question_ids: Sequence[str], chosen: Mapping[str, Sequence[int]]) -> list[int]:
    """Question numbers (1-based) with no option chosen."""
    return [n for n, qid in enumerate(question_ids, start=1) if not chosen.get(qid)]


def submit(store: Store, catalogue: Catalogue, attempt: Mapping[str, Any],
           chosen: Mapping[str, Sequence[int]], pass_mark: int, now: dt.datetime) -> bool:
    """Score the stored attempt on the server and save it with its answers.

    Returns False when it had been submitted already; then nothing changes.
    """
    if not attempt["question_ids"] or any(qid not in catalogue.questions for qid in attempt["question_ids"]):
        return False  # a question of it left the bank (or it has none): never stored as a 0/0 "fail"
    graded = quiz.grade(attempt["question_ids"], catalogue.questions, chosen, pass_mark)
    for answer in graded.answers:
        answer["pillar"] = catalogue.questions[answer["question_id"]].pillar
    stored = store.submit_attempt(attempt_id=attempt["id"], user_id=attempt["user_id"],
                                  answers=graded.answers, score=graded.score,
                                  max_score=graded.max_score, passed=graded.passed, now=now)
    if stored:
        # The submission that completes the course issues the certificate straight away.
        certificates.issue_if_earned(store, attempt["user_id"], jp=load_settings().course_jp, now=now)
    return stored


def review(store: Store, catalogue: Catalogue, attempt: Mapping[str, Any]) -> list[ReviewItem]:
    """Each question as the learner saw it, with what they chose and whether it was right."""
    answers = store.attempt_answers(attempt["id"])
    items = []
    for number, qid in enumerate(attempt["question_ids"], start=1):
        question = catalogue.questions.get(qid)
        if question is None:  # withdrawn from the bank since; its stored answer still counts
            continue
        answer = answers.get(qid, {"chosen": [], "correct": False})
        items.append(ReviewItem(number, question, attempt["option_orders"][qid],
                                answer["chosen"], answer["correct"]))
    return items
