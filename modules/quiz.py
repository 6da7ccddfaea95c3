"""Quiz rules, pure: drawing an attempt, scoring it, pass or fail, learning gain."""

from __future__ import annotations

import random
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from modules.course import Question


@dataclass(frozen=True)
class Draw:
    """What a learner sees: which questions, in which order, each with its options' order."""

    question_ids: list[str]
    option_orders: dict[str, list[int]]


@dataclass(frozen=True)
class Graded:
    answers: list[dict]  # question_id, chosen (original option indexes), correct
    score: int
    max_score: int
    passed: bool

    @property
    def percent(self) -> int:
        return percent(self.score, self.max_score)


def new_seed() -> int:
    return secrets.randbelow(2**31)


def draw_attempt(questions: Sequence[Question], count: int, seed: int,
                 times_seen: Mapping[str, int] | None = None) -> Draw:
    """Draw `count` questions and shuffle their options; the same seed gives the same draw.

    With `times_seen` (question id → how often this learner has been shown it) the questions shown
    least often come first, at random among equals, as Moodle's random question loader does: a
    retake draws questions the learner has not seen while the bank has them. Benar/Salah keep their
    order: shuffling them only confuses.
    """
    rng = random.Random(seed)
    pool = sorted(questions, key=lambda q: q.id)
    if times_seen:
        ranked = sorted(pool, key=lambda q: (times_seen.get(q.id, 0), rng.random()))
        chosen = ranked[:min(count, len(pool))]
        rng.shuffle(chosen)  # unseen questions are not always the first ones
    else:
        chosen = rng.sample(pool, min(count, len(pool)))
    orders: dict[str, list[int]] = {}
    for question in chosen:
        order = list(range(len(question.options)))
        if question.type != "true_false":
            rng.shuffle(order)
        orders[question.id] = order
    return Draw([q.id for q in chosen], orders)


def draw_test(questions_by_pillar: Mapping[str, Sequence[Question]], per_pillar: int, seed: int,
              exclude: Collection[str] = (), times_seen: Mapping[str, int] | None = None) -> Draw:
    """A pre- or post-test: `per_pillar` questions from every pillar, pillar by pillar, never one
    of `exclude` (the questions of the learner's pre-test, so the post-test is all new to them),
    and with `times_seen` the questions the learner met least often (e.g. in pillar quizzes) first."""
    rng = random.Random(seed)
    question_ids: list[str] = []
    orders: dict[str, list[int]] = {}
    for pillar in sorted(questions_by_pillar):
        pool = [q for q in sorted(questions_by_pillar[pillar], key=lambda q: q.id) if q.id not in exclude]
        part = draw_attempt(pool, per_pillar, rng.randrange(2**31), times_seen)
        question_ids += part.question_ids
        orders |= part.option_orders
    return Draw(question_ids, orders)


def percent(score: int, max_score: int) -> int:
    """Score as a whole percentage, rounded down so 69.9 % never shows as 70 %."""
    return (100 * score) // max_score if max_score else 0


def is_pass(score: int, max_score: int, pass_mark: int) -> bool:
    """Pass when score / max_score reaches the pass mark (exact integer arithmetic)."""
    return max_score > 0 and 100 * score >= pass_mark * max_score


def grade(question_ids: Sequence[str], questions: Mapping[str, Question],
          chosen: Mapping[str, Sequence[int]], pass_mark: int) -> Graded:
    """Score an attempt from its stored question list; one point per question.

    A multiple-answer question counts only when exactly the correct set is chosen; an
    unanswered question counts as wrong. Choices outside a question's options are ignored.
    """
    answers = []
    for qid in question_ids:
        question = questions[qid]
        picked = sorted({i for i in chosen.get(qid, ()) if 0 <= i < len(question.options)})
        answers.append({"question_id": qid, "chosen": picked,
                        "correct": bool(picked) and set(picked) == question.correct_indexes})
    score = sum(1 for a in answers if a["correct"])
    return Graded(answers, score, len(answers), is_pass(score, len(answers), pass_mark))


def hake_gain(pre_percent: float, post_percent: float) -> float | None:
    """Hake's normalised gain (post − pre) / (100 − pre); None when the pre-test was already 100 %."""
    if pre_percent >= 100:
        return None
    return (post_percent - pre_percent) / (100 - pre_percent)


def gain_band(gain: float) -> str:
    """Hake's bands: high ≥ 0.7, medium ≥ 0.3, otherwise low."""
    return "high" if gain >= 0.7 else "medium" if gain >= 0.3 else "low"
