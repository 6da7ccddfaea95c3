"""Drawing attempts, scoring, pass mark and learning gain — the pure quiz rules."""

import pytest

from modules import quiz
from tests.conftest import make_question


def bank(n=12):
    return [make_question(f"aman-q{i:02d}") for i in range(1, n + 1)]


def test_same_seed_gives_the_same_attempt_and_another_seed_another():
    first = quiz.draw_attempt(bank(), 10, seed=42)
    assert first == quiz.draw_attempt(bank(), 10, seed=42)
    assert first != quiz.draw_attempt(bank(), 10, seed=43)


def test_draw_takes_distinct_questions_and_shuffles_every_option_list_completely():
    draw = quiz.draw_attempt(bank(), 10, seed=7)
    assert len(draw.question_ids) == 10 == len(set(draw.question_ids))
    assert all(sorted(order) == [0, 1, 2, 3] for order in draw.option_orders.values())
    assert any(order != [0, 1, 2, 3] for order in draw.option_orders.values())


def test_draw_does_not_depend_on_the_bank_order():
    questions = bank()
    assert quiz.draw_attempt(questions, 10, 5) == quiz.draw_attempt(list(reversed(questions)), 10, 5)


def test_true_false_keeps_benar_before_salah():
    questions = [make_question(f"q{i}", qtype="true_false") for i in range(20)]
    draw = quiz.draw_attempt(questions, 10, seed=1)
    assert all(order == [0, 1] for order in draw.option_orders.values())


def test_small_bank_draws_all_it_has():
    assert len(quiz.draw_attempt(bank(4), 10, 1).question_ids) == 4


def test_grade_counts_exact_sets_and_treats_unanswered_and_bogus_choices_as_wrong():
    questions = {q.id: q for q in [make_question("a", correct=(1,)),
                                   make_question("b", qtype="multiple", correct=(0, 2)),
                                   make_question("c", qtype="multiple", correct=(0, 2)),
                                   make_question("d", correct=(3,)),
                                   make_question("e", correct=(0,))]}
    chosen = {"a": [1], "b": [2, 0], "c": [0], "e": [9]}
    graded = quiz.grade(["a", "b", "c", "d", "e"], questions, chosen, pass_mark=70)
    assert [a["correct"] for a in graded.answers] == [True, True, False, False, False]
    assert graded.answers[4]["chosen"] == []
    assert (graded.score, graded.max_score, graded.passed, graded.percent) == (2, 5, False, 40)


@pytest.mark.parametrize(("score", "total", "mark", "passed"), [
    (7, 10, 70, True), (6, 10, 70, False), (10, 10, 100, True), (2, 3, 67, False), (2, 3, 66, True), (0, 0, 70, False),
])
def test_pass_mark_is_exact(score, total, mark, passed):
    assert quiz.is_pass(score, total, mark) is passed


def test_percent_rounds_down():
    assert quiz.percent(2, 3) == 66


def test_hake_gain_and_bands():
    assert quiz.hake_gain(40, 70) == pytest.approx(0.5)
    assert quiz.hake_gain(100, 100) is None
    assert quiz.hake_gain(60, 50) == pytest.approx(-0.25)
    assert [quiz.gain_band(g) for g in (0.75, 0.5, 0.1)] == ["high", "medium", "low"]
