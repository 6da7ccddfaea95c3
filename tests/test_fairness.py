"""Proof that the question banks do not give their keys away.

A test-wise learner who reads nothing (modules/item_cues.py: length rank, justifying clauses,
absolute and hedging words, stem–option overlap, the "most complete" answer, the true/false prior
and the "pilih semua" key-count prior, all learned from the course's other items) plays many pillar
quizzes drawn exactly as the app draws them (modules/quiz.py) and is graded as the app grades.
It must not pass much more often than a blind guesser:

    pass rate ≤ blind guesser's pass rate + MARGIN, and below CEILING in absolute terms.

The same harness runs on a synthetic fair bank (must pass) and a synthetic cue-laden bank (must be
caught), so the test is shown to tell the two apart.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import pytest

from modules import item_cues, quiz
from modules.config import load_settings
from modules.course import PILLARS, Catalogue, Question, load_catalogue
from tests.conftest import ROOT
from tests.synthetic_banks import write_banks

MARGIN = 0.05  # percentage points above the blind guesser
CEILING = 0.05  # absolute pass rate
QUIZZES = 2000  # simulated quizzes per pillar and learner
SETTINGS = load_settings()


def blind_answer(question: Question, rng: random.Random) -> list[int]:
    """One option at random, or any non-empty set of options for "pilih semua"."""
    n = len(question.options)
    if question.type != "multiple":
        return [rng.randrange(n)]
    mask = rng.randrange(1, 2**n)
    return [i for i in range(n) if mask >> i & 1]


_CHOICES: dict[int, dict] = {}


def reads_nothing_learner(course: Catalogue):
    """The test-wise learner, having seen the course's items (cross-fitted: never trained on the one
    it answers)."""
    if id(course) not in _CHOICES:
        pool = [item_cues.item_from_question(q) for q in sorted(course.questions.values(), key=lambda q: q.id)]
        _CHOICES[id(course)] = item_cues.testwise_choices(pool, pool)
    choices = _CHOICES[id(course)]

    def answer(question: Question, rng: random.Random) -> list[int]:
        return sorted(rng.choice(choices[question.id]))  # it guesses among answers it likes equally
    return answer


def pass_rate(questions: Sequence[Question], answer, quizzes: int = QUIZZES, seed: int = 1) -> float:
    """Share of simulated quizzes passed: drawn by quiz.draw_attempt, graded by quiz.grade."""
    rng = random.Random(seed)
    by_id: Mapping[str, Question] = {q.id: q for q in questions}
    passed = 0
    for _ in range(quizzes):
        draw = quiz.draw_attempt(questions, SETTINGS.questions_per_quiz, rng.randrange(2**31))
        chosen = {qid: answer(by_id[qid], rng) for qid in draw.question_ids}
        passed += quiz.grade(draw.question_ids, by_id, chosen, SETTINGS.pass_mark).passed
    return passed / quizzes


def fairness(course: Catalogue, pillar: str) -> tuple[float, float]:
    questions = course.pillar_questions(pillar)
    return pass_rate(questions, reads_nothing_learner(course)), pass_rate(questions, blind_answer)


def is_fair(testwise: float, blind: float) -> bool:
    return testwise <= blind + MARGIN and testwise < CEILING


REAL = load_catalogue(ROOT / "content", ROOT / "quizzes")


@pytest.mark.parametrize("pillar", PILLARS)
def test_a_learner_who_reads_nothing_cannot_pass_a_real_pillar_quiz_on_surface_cues(pillar):
    testwise, blind = fairness(REAL, pillar)
    assert is_fair(testwise, blind), (f"{pillar}: the test-wise learner passes {testwise:.1%} of quizzes, "
                                      f"a blind guesser {blind:.1%}; see python -m modules cue-stats")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    return {name: load_catalogue(ROOT / "content", write_banks(root / name, cue_laden=(name == "laden"), items=60))
            for name in ("fair", "laden")}


def test_the_harness_passes_a_synthetic_fair_bank(synthetic):
    for pillar in PILLARS:
        testwise, blind = fairness(synthetic["fair"], pillar)
        assert is_fair(testwise, blind), (pillar, testwise, blind)


def test_the_harness_catches_a_synthetic_cue_laden_bank(synthetic):
    for pillar in PILLARS:
        testwise, blind = fairness(synthetic["laden"], pillar)
        assert not is_fair(testwise, blind) and testwise > 0.3, (pillar, testwise, blind)


def test_simulated_and_exact_pass_chances_agree(synthetic):
    course = synthetic["laden"]
    questions = course.pillar_questions("digital-safety")
    pool = [item_cues.item_from_question(q) for q in sorted(course.questions.values(), key=lambda q: q.id)]
    chances = item_cues.testwise_chances([item_cues.item_from_question(q) for q in questions], pool)
    exact = item_cues.pass_chance(list(chances.values()), SETTINGS.questions_per_quiz, SETTINGS.pass_mark)
    simulated = pass_rate(questions, reads_nothing_learner(course))
    assert abs(exact - simulated) < 0.04, (exact, simulated)
