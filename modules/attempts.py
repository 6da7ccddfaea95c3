"""Taking a quiz, apart from any screen: start or resume an attempt, submit it once, review it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from modules import certificates, completion, jp, quiz, retakes
from modules.config import current_settings
from modules.course import PILLARS, Catalogue, Question
from modules.store import Store, parse_stamp


@dataclass(frozen=True)
class ReviewItem:
    number: int
    question: Question
    order: list[int]  # option indexes in the order the learner saw them
    chosen: list[int]
    correct: bool


class RetakeLocked(Exception):
    """A failed pillar quiz may not be started again yet (see modules/retakes.py)."""

    def __init__(self, gate: retakes.RetakeGate) -> None:
        super().__init__("retake not open yet")
        self.gate = gate


TESTS = ("pretest", "posttest")
QUIZ_IDS = (*PILLARS, *TESTS)
TEST_QUESTIONS_PER_PILLAR = 5


def quiz_kind(quiz_id: str) -> str:
    return "pillar" if quiz_id in PILLARS else quiz_id


def test_status(test: str, history: Sequence[Mapping[str, Any]], lessons_done: int,
                lessons_missing: int = 0) -> str:
    """Whether the pre- or post-test can be taken: "open", "done", "closed" or "closed_lessons".

    The pre-test is a baseline: open until the learner has finished a lesson or a quiz.
    The post-test opens when all four pillar quizzes are passed and no lesson the completion rule
    requires is missing (`lessons_missing`; "closed_lessons" while some are). Each is taken once.
    """
    if any(a["quiz_id"] == test for a in history):
        return "done"
    if test == "pretest":
        started = lessons_done > 0 or any(a["kind"] == "pillar" for a in history)
        return "closed" if started else "open"
    if lessons_missing:
        return "closed_lessons"
    passed = {a["quiz_id"] for a in history if a["kind"] == "pillar" and a["passed"]}
    return "open" if passed >= set(PILLARS) else "closed"


def lessons_missing(store: Store, catalogue: Catalogue, user_id: int) -> list[str]:
    """The lessons the completion rule requires that this learner has not marked done yet."""
    return completion.lessons_missing(certificates.required_lessons(catalogue), store.lesson_progress(user_id))


def open_attempt(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str) -> dict[str, Any] | None:
    """The learner's unsubmitted attempt, unless a question of it has been withdrawn from the bank
    since it was drawn; such an attempt (never answered) is dropped so a fresh one can be drawn."""
    attempt = store.open_attempt(user_id, quiz_id)
    if attempt is None or all(qid in catalogue.questions for qid in attempt["question_ids"]):
        return attempt
    store.discard_open_attempt(attempt["id"], user_id)
    return None


def retake_rule() -> retakes.RetakeRule:
    """KELAS_RETAKE_RULE; a value that is none of the rules falls back to the default ("lessons")."""
    return retakes.parse_rule(current_settings().retake_rule) or retakes.DEFAULT_RULE


def retake_gate(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str, now: dt.datetime,
                rule: retakes.RetakeRule | None = None) -> retakes.RetakeGate:
    """Whether this learner may start this pillar quiz now (tests and first attempts always may)."""
    if quiz_id not in PILLARS:
        return retakes.RetakeGate(True)
    latest = next((a for a in store.submitted_attempts(user_id) if a["quiz_id"] == quiz_id), None)
    if latest is None or latest["passed"]:
        return retakes.RetakeGate(True)
    missed = {qid for qid, answer in store.attempt_answers(latest["id"]).items() if not answer["correct"]}
    order = {lesson.id: n for n, lesson in enumerate(catalogue.pillar_lessons(quiz_id))}
    lessons = sorted({catalogue.questions[qid].lesson for qid in missed if qid in catalogue.questions} & order.keys(),
                     key=order.__getitem__)
    return retakes.retake_gate(rule or retake_rule(), parse_stamp(latest["submitted_at"]), lessons,
                               store.lesson_last_opened(user_id), now)


def open_lesson(store: Store, catalogue: Catalogue, user_id: int, lesson_id: str,
                now: dt.datetime) -> dict[str, Any]:
    """Record an opening of the lesson: the first one, or a revisit a failed quiz is waiting for;
    then this lesson's `opened_at` and `completed_at` (see Store.lesson_view). One query when there
    is nothing to record, as on every rerun of the page."""
    pillar = catalogue.lessons[lesson_id].pillar
    view = store.lesson_view(user_id, lesson_id, pillar)
    if view["opened_at"] is None:  # only the first opening is written; later views only read
        store.mark_lesson_opened(user_id, lesson_id, now)
        view = store.lesson_view(user_id, lesson_id, pillar)  # the time the database kept
    elif view["latest_failed"]:  # only a failed latest attempt has lessons to reopen (retake_gate)
        note_lesson_visit(store, catalogue, user_id, lesson_id, now)
    return view


def note_lesson_visit(store: Store, catalogue: Catalogue, user_id: int, lesson_id: str, now: dt.datetime) -> None:
    """Record that the learner opened this lesson again, when a failed quiz is waiting for it."""
    lesson = catalogue.lessons.get(lesson_id)
    if lesson is not None and lesson_id in retake_gate(store, catalogue, user_id, lesson.pillar, now).to_reopen:
        store.record_lesson_visit(user_id, lesson_id, now)


def start_or_resume(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str, count: int,
                    now: dt.datetime) -> dict[str, Any]:
    """The learner's open attempt at this quiz, or a newly drawn one (stored before it is shown).

    Raises RetakeLocked when the latest attempt failed and the retake rule does not allow a new
    one yet. A retake draws the questions this learner has been shown least often first.
    """
    attempt = open_attempt(store, catalogue, user_id, quiz_id)
    if attempt is not None:
        return attempt
    gate = retake_gate(store, catalogue, user_id, quiz_id, now)
    if not gate.open:
        raise RetakeLocked(gate)
    seed = quiz.new_seed()
    if quiz_id in TESTS:
        seen = store.question_ids_seen(user_id, "pretest") if quiz_id == "posttest" else set()
        by_pillar = {pillar: catalogue.pillar_questions(pillar) for pillar in PILLARS}
        draw = quiz.draw_test(by_pillar, TEST_QUESTIONS_PER_PILLAR, seed, exclude=seen,
                              times_seen=store.question_use_counts(user_id) if quiz_id == "posttest" else None)
    else:
        draw = quiz.draw_attempt(catalogue.pillar_questions(quiz_id), count, seed,
                                 times_seen=store.question_use_counts(user_id))
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


def save_choice(store: Store, catalogue: Catalogue, attempt: Mapping[str, Any], question_id: str,
                chosen: Sequence[int], now: dt.datetime) -> bool:
    """Keep a choice the moment it is made; only real options of a question of this open attempt."""
    question = catalogue.questions.get(question_id)
    if question is None or question_id not in attempt["question_ids"]:
        return False
    picked = sorted({int(i) for i in chosen if 0 <= int(i) < len(question.options)})
    if question.type != "multiple" and len(picked) > 1:
        return False
    return store.save_draft(attempt_id=attempt["id"], user_id=attempt["user_id"], question_id=question_id,
                            chosen=picked, now=now)


def save_choices(store: Store, catalogue: Catalogue, attempt: Mapping[str, Any],
                 pending: Mapping[str, Sequence[int]], now: dt.datetime) -> tuple[dict[str, list[int]], bool]:
    """Keep the choices not yet stored. Returns the ones the database could not take now (its write
    lock stayed busy past the timeout while a whole batch was writing), to be tried again at the
    next rerun — the widgets still hold them and a submit sends them all — and whether any choice was
    refused for good (not an option of the question, or the attempt is closed)."""
    from modules.db import DATABASE_ERRORS

    waiting: dict[str, list[int]] = {}
    refused = False
    for question_id, chosen in pending.items():
        if waiting:  # the lock is busy: the rest wait too, rather than each waiting out the timeout
            waiting[question_id] = list(chosen)
            continue
        try:
            refused |= not save_choice(store, catalogue, attempt, question_id, chosen, now)
        except DATABASE_ERRORS:
            waiting[question_id] = list(chosen)
    return waiting, refused


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
        certificates.issue_if_earned(store, attempt["user_id"], jp=jp.course_jp(catalogue), now=now,
                                     catalogue=catalogue)
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
