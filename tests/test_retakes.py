"""Retakes teach: unseen questions first, and after a failure the lessons of the missed questions
(or a waiting time) before the next attempt. Pure rules, then through the store (real SQLite)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from modules import attempts, quiz, retakes
from modules.course import Catalogue, Lesson, Source
from modules.retakes import RetakeRule
from tests.conftest import make_learner, make_question

T0 = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------- pure rules

@pytest.mark.parametrize(("text", "rule"), [("lessons", RetakeRule("lessons")), ("", RetakeRule("lessons")),
                                            (" Wait:30 ", RetakeRule("wait", 30)), ("none", RetakeRule("none")),
                                            ("wait:", None), ("later", None), ("wait:-5", None)])
def test_retake_rule_is_read_from_its_setting(text, rule):
    assert retakes.parse_rule(text) == rule


def test_lessons_rule_waits_for_every_missed_lesson_to_be_opened_after_the_failure():
    rule = RetakeRule("lessons")
    opened = {"aman-01": T0 - dt.timedelta(hours=1), "aman-02": T0 + dt.timedelta(minutes=5)}
    gate = retakes.retake_gate(rule, T0, ["aman-01", "aman-02", "aman-01"], opened, T0 + dt.timedelta(minutes=6))
    assert (gate.open, gate.lessons, gate.to_reopen) == (False, ("aman-01", "aman-02"), ("aman-01",))
    opened["aman-01"] = T0 + dt.timedelta(minutes=7)
    assert retakes.retake_gate(rule, T0, ["aman-01", "aman-02"], opened, T0 + dt.timedelta(minutes=8)).open


def test_wait_rule_opens_after_its_minutes_and_none_at_once():
    gate = retakes.retake_gate(RetakeRule("wait", 30), T0, ["aman-01"], {}, T0 + dt.timedelta(minutes=29))
    assert not gate.open and gate.wait_until == T0 + dt.timedelta(minutes=30)
    assert retakes.retake_gate(RetakeRule("wait", 30), T0, ["aman-01"], {}, T0 + dt.timedelta(minutes=30)).open
    assert retakes.retake_gate(RetakeRule("none"), T0, ["aman-01"], {}, T0).open
    assert retakes.retake_gate(RetakeRule("lessons"), None, [], {}, T0).open  # nothing failed


def test_a_retake_draws_the_questions_seen_least_often_first():
    bank = [make_question(f"aman-q{i:02d}") for i in range(1, 26)]
    seen = {f"aman-q{i:02d}": 1 for i in range(1, 11)}
    draw = quiz.draw_attempt(bank, 10, seed=3, times_seen=seen)
    assert not set(draw.question_ids) & set(seen) and len(set(draw.question_ids)) == 10
    assert draw == quiz.draw_attempt(bank, 10, seed=3, times_seen=dict(seen))  # still reproducible
    seen |= {qid: 1 for qid in draw.question_ids}  # 20 seen once: the 5 unseen come first, then 5 seen
    unseen = {q.id for q in bank} - set(seen)
    third = quiz.draw_attempt(bank, 10, seed=4, times_seen=seen)
    assert len(unseen) == 5 and unseen <= set(third.question_ids)


def test_the_posttest_prefers_questions_the_learner_never_met_in_a_quiz():
    banks = {p: [make_question(f"{p}-q{i:02d}", p) for i in range(12)] for p in ("digital-safety", "digital-skills")}
    seen = {q.id: 1 for qs in banks.values() for q in qs[:6]}
    draw = quiz.draw_test(banks, 5, seed=9, exclude={"digital-safety-q11"}, times_seen=seen)
    assert len(draw.question_ids) == 10 and not set(draw.question_ids) & set(seen)
    assert "digital-safety-q11" not in draw.question_ids


# ---------------------------------------------------------------- through the store

def two_lesson_course() -> Catalogue:
    course = Catalogue()
    for n in (1, 2):
        course.lessons[f"aman-0{n}"] = Lesson(f"aman-0{n}", "digital-safety", f"Pelajaran {n}", 5, ("Tujuan",),
                                              (Source("NIST", "https://pages.nist.gov/800-63-4/"),), "Teks",
                                              f"content/digital-safety/0{n}-x.md")
    for i in range(1, 25):
        question = make_question(f"aman-q{i:02d}")
        course.questions[question.id] = dataclasses.replace(question, lesson="aman-01" if i <= 12 else "aman-02")
    course.bank_versions["digital-safety"] = "test"
    return course


def take(store, course, user_id, now, wrong=()):
    attempt = attempts.start_or_resume(store, course, user_id, "digital-safety", 10, now)
    chosen = {qid: [1] if qid in wrong else [0] for qid in attempt["question_ids"]}
    attempts.submit(store, course, attempt, chosen, 70, now)
    return attempt


def test_after_a_failure_the_retake_opens_once_the_missed_lessons_are_reopened(store, monkeypatch):
    monkeypatch.setenv("KELAS_RETAKE_RULE", "lessons")
    course, user_id = two_lesson_course(), make_learner(store)
    for lesson_id in course.lessons:
        store.mark_lesson_opened(user_id, lesson_id, T0 - dt.timedelta(hours=1))
    first = take(store, course, user_id, T0, wrong={f"aman-q{i:02d}" for i in range(1, 25)})
    missed = {course.questions[q].lesson for q in first["question_ids"]}
    with pytest.raises(attempts.RetakeLocked) as locked:
        attempts.start_or_resume(store, course, user_id, "digital-safety", 10, T0 + dt.timedelta(minutes=1))
    assert set(locked.value.gate.to_reopen) == missed
    for n, lesson_id in enumerate(sorted(missed)):
        attempts.note_lesson_visit(store, course, user_id, lesson_id, T0 + dt.timedelta(minutes=2 + n))
    second = attempts.start_or_resume(store, course, user_id, "digital-safety", 10, T0 + dt.timedelta(minutes=5))
    assert not set(second["question_ids"]) & set(first["question_ids"])  # 24 in the bank: all new


def test_a_reopening_is_recorded_only_while_a_failed_quiz_waits_for_it(store, monkeypatch):
    monkeypatch.setenv("KELAS_RETAKE_RULE", "lessons")
    course, user_id = two_lesson_course(), make_learner(store)
    store.mark_lesson_opened(user_id, "aman-01", T0 - dt.timedelta(hours=1))
    attempts.note_lesson_visit(store, course, user_id, "aman-01", T0)
    assert store.db.execute("SELECT count(*) FROM lesson_visits").fetchone()[0] == 0


def test_opening_a_lesson_records_the_first_opening_then_a_revisit_after_a_failure(store, monkeypatch):
    monkeypatch.setenv("KELAS_RETAKE_RULE", "lessons")
    course, user_id = two_lesson_course(), make_learner(store)
    first = attempts.open_lesson(store, course, user_id, "aman-01", T0 - dt.timedelta(hours=1))
    assert (first["opened_at"], first["completed_at"]) == (store.lesson_progress(user_id)["aman-01"]["opened_at"], None)
    assert attempts.open_lesson(store, course, user_id, "aman-01", T0)["opened_at"] == first["opened_at"]
    assert store.lesson_last_opened(user_id)["aman-01"] == T0 - dt.timedelta(hours=1)  # no failure: no visit
    attempts.open_lesson(store, course, user_id, "aman-02", T0 - dt.timedelta(hours=1))
    take(store, course, user_id, T0 + dt.timedelta(minutes=1), wrong=set(course.questions))
    assert store.lesson_view(user_id, "aman-01", "digital-safety")["latest_failed"]
    for lesson_id in ("aman-01", "aman-02"):
        attempts.open_lesson(store, course, user_id, lesson_id, T0 + dt.timedelta(minutes=2))
        assert store.lesson_last_opened(user_id)[lesson_id] == T0 + dt.timedelta(minutes=2)
    take(store, course, user_id, T0 + dt.timedelta(hours=1))  # the retake opened; passed: nothing waits
    assert not store.lesson_view(user_id, "aman-02", "digital-safety")["latest_failed"]


def test_wait_rule_through_the_store(store, monkeypatch):
    monkeypatch.setenv("KELAS_RETAKE_RULE", "wait:30")
    course, user_id = two_lesson_course(), make_learner(store)
    take(store, course, user_id, T0, wrong=set(course.questions))
    with pytest.raises(attempts.RetakeLocked):
        attempts.start_or_resume(store, course, user_id, "digital-safety", 10, T0 + dt.timedelta(minutes=29))
    assert attempts.start_or_resume(store, course, user_id, "digital-safety", 10, T0 + dt.timedelta(minutes=31))


def test_a_passed_quiz_can_be_retaken_at_once(store, monkeypatch):
    monkeypatch.setenv("KELAS_RETAKE_RULE", "lessons")
    course, user_id = two_lesson_course(), make_learner(store)
    take(store, course, user_id, T0)
    assert attempts.start_or_resume(store, course, user_id, "digital-safety", 10, T0)
