"""Taking a quiz, apart from any screen: start or resume an attempt, submit it once, review it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from modules import quiz
from modules.course import PILLARS, Catalogue, Question
from modules.store import Store


@dataclass(frozen=True)
class ReviewItem:
    number: int
    question: Question
    order: list[int]  # option indexes in the order the learner saw them
    chosen: list[int]
    correct: bool


def quiz_kind(quiz_id: str) -> str:
    return "pillar" if quiz_id in PILLARS else quiz_id


def start_or_resume(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str, count: int,
                    now: dt.datetime) -> dict[str, Any]:
    """The learner's open attempt at this quiz, or a newly drawn one (stored before it is shown)."""
    attempt = store.open_attempt(user_id, quiz_id)
    if attempt is not None:
        return attempt
    seed = quiz.new_seed()
    draw = quiz.draw_attempt(catalogue.pillar_questions(quiz_id), count, seed)
    attempt_id = store.start_attempt(
        user_id=user_id, quiz_id=quiz_id, kind=quiz_kind(quiz_id),
        bank_version=catalogue.bank_versions.get(quiz_id, ""), seed=seed,
        question_ids=draw.question_ids, option_orders=draw.option_orders, now=now)
    return store.get_attempt(attempt_id, user_id)


def unanswered(question_ids: Sequence[str], chosen: Mapping[str, Sequence[int]]) -> list[int]:
    """Question numbers (1-based) with no option chosen."""
    return [n for n, qid in enumerate(question_ids, start=1) if not chosen.get(qid)]


def submit(store: Store, catalogue: Catalogue, attempt: Mapping[str, Any],
           chosen: Mapping[str, Sequence[int]], pass_mark: int, now: dt.datetime) -> bool:
    """Score the stored attempt on the server and save it with its answers.

    Returns False when it had been submitted already; then nothing changes.
    """
    graded = quiz.grade(attempt["question_ids"], catalogue.questions, chosen, pass_mark)
    return store.submit_attempt(attempt_id=attempt["id"], user_id=attempt["user_id"],
                                answers=graded.answers, score=graded.score,
                                max_score=graded.max_score, passed=graded.passed, now=now)


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
