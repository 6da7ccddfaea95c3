"""Pre-test and post-test: when each opens, no shared question, and Hake's gain per pillar."""

import pytest

from modules import attempts, quiz
from modules.course import PILLARS, load_catalogue
from modules.progress import learning_gain
from tests.conftest import ROOT, make_learner, make_question

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")


def submitted(quiz_id, passed=False):
    return {"quiz_id": quiz_id, "kind": attempts.quiz_kind(quiz_id), "passed": passed}


def test_pretest_is_open_only_before_any_study():
    assert attempts.test_status("pretest", [], lessons_done=0) == "open"
    assert attempts.test_status("pretest", [], lessons_done=1) == "closed"
    assert attempts.test_status("pretest", [submitted("digital-safety")], lessons_done=0) == "closed"
    assert attempts.test_status("pretest", [submitted("pretest")], lessons_done=0) == "done"


def test_posttest_opens_when_all_four_pillar_quizzes_are_passed_and_is_taken_once():
    three = [submitted(p, passed=True) for p in PILLARS[:3]] + [submitted(PILLARS[3], passed=False)]
    assert attempts.test_status("posttest", three, lessons_done=24) == "closed"
    four = [*three, submitted(PILLARS[3], passed=True)]
    assert attempts.test_status("posttest", four, lessons_done=24) == "open"
    assert attempts.test_status("posttest", [*four, submitted("posttest")], lessons_done=24) == "done"


def test_test_draw_takes_five_per_pillar_and_honours_the_exclusions():
    by_pillar = {p: [make_question(f"{p}-q{i}", pillar=p) for i in range(8)] for p in PILLARS}
    excluded = {f"{p}-q{i}" for p in PILLARS for i in range(3)}
    draw = quiz.draw_test(by_pillar, 5, seed=11, exclude=excluded)
    assert len(draw.question_ids) == 20 and not excluded & set(draw.question_ids)
    for pillar in PILLARS:
        assert sum(qid.startswith(pillar) for qid in draw.question_ids) == 5
    assert draw == quiz.draw_test(by_pillar, 5, seed=11, exclude=excluded)


@pytest.mark.parametrize("seed_round", range(5))
def test_a_learner_never_meets_a_pretest_question_in_the_posttest(store, now, seed_round):
    user_id = make_learner(store, nip=f"19860926201505100{seed_round + 1}")
    pre = attempts.start_or_resume(store, COURSE, user_id, "pretest", 10, now)
    attempts.submit(store, COURSE, pre, {qid: [0] for qid in pre["question_ids"]}, 70, now)
    post = attempts.start_or_resume(store, COURSE, user_id, "posttest", 10, now)
    assert len(pre["question_ids"]) == len(post["question_ids"]) == 20
    assert not set(pre["question_ids"]) & set(post["question_ids"])
    stored = store.get_attempt(pre["id"], user_id)
    assert stored["kind"] == "pretest" and "+" in stored["bank_version"]


def test_learning_gain_per_pillar_and_overall():
    pre = {"cakap-q01": {"correct": True}, "cakap-q02": {"correct": False},
           "aman-q01": {"correct": False}, "aman-q02": {"correct": False}}
    post = {"cakap-q03": {"correct": True}, "cakap-q04": {"correct": True},
            "aman-q05": {"correct": True}, "aman-q04": {"correct": False}}
    gains = {g.scope: g for g in learning_gain(COURSE, pre, post)}
    assert (gains["digital-skills"].pre_percent, gains["digital-skills"].post_percent) == (50, 100)
    assert gains["digital-skills"].gain == pytest.approx(1.0) and gains["digital-skills"].band == "high"
    assert gains["digital-safety"].gain == pytest.approx(0.5) and gains["digital-safety"].band == "medium"
    assert gains["overall"].gain == pytest.approx((75 - 25) / 75)
    assert "digital-ethics" not in gains  # not asked in either test here
