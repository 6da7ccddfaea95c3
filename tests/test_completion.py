"""Completion means the course was done: the certificate needs every lesson (strict rule), the
post-test waits for lessons and quizzes, a lesson is done only after a minimum reading time, and
"certified" is one number everywhere."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from modules import analytics, attempts, certificates, completion
from modules.course import PILLARS
from tests.certificate_helpers import course_catalogue, submit_evaluation, take
from tests.cohort_builder import COURSE, finish_course, person

T0 = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------- pure rules

def test_reading_time_is_a_share_of_the_lessons_minutes_counted_from_the_first_opening():
    assert completion.reading_time_needed(7, 40) == dt.timedelta(seconds=168)
    assert completion.reading_time_left(T0, 7, 40, T0 + dt.timedelta(seconds=100)) == dt.timedelta(seconds=68)
    assert completion.reading_time_left(T0, 7, 40, T0 + dt.timedelta(minutes=3)) == dt.timedelta(0)
    assert completion.reading_time_left(None, 7, 40, T0) == dt.timedelta(seconds=168)  # never opened
    assert completion.reading_time_left(T0, 7, 0, T0) == dt.timedelta(0)  # minimum turned off
    assert completion.minutes_text(dt.timedelta(seconds=10)) == 1


@pytest.mark.parametrize(("text", "rule"), [("strict", "strict"), ("QUIZZES", "quizzes"), ("", "strict"),
                                            ("lenient", "strict")])
def test_completion_rule_defaults_to_strict(text, rule):
    assert completion.completion_rule(text) == rule


def test_completion_moment_includes_the_last_lesson():
    def attempt(quiz_id, kind, when):
        return {"quiz_id": quiz_id, "kind": kind, "passed": True, "submitted_at": when, "score": 8, "max_score": 10}
    history = [attempt(p, "pillar", f"2026-11-0{i + 1}T00:00:00+00:00") for i, p in enumerate(PILLARS)]
    history.append(attempt("posttest", "posttest", "2026-11-05T00:00:00+00:00"))
    lessons = {"a": {"completed_at": "2026-11-01T00:00:00+00:00"}, "b": {"completed_at": None}}
    assert certificates.requirements_met_at(history, lessons, ["a", "b"]) is None
    lessons["b"]["completed_at"] = "2026-11-06T00:00:00+00:00"  # marked done after the post-test
    assert certificates.requirements_met_at(history, lessons, ["a", "b"]) == "2026-11-06T00:00:00+00:00"
    assert certificates.requirements_met_at(history) == "2026-11-05T00:00:00+00:00"  # no lessons required


# ---------------------------------------------------------------- through the store

def course_with_lessons():
    course = course_catalogue()
    course.lessons.update({lesson.id: lesson for lesson in COURSE.lessons.values()
                           if lesson.id in ("aman-01", "cakap-01")})
    return course


def test_strict_rule_no_certificate_and_no_posttest_without_every_lesson(store, monkeypatch):
    monkeypatch.setenv("KELAS_COMPLETION_RULE", "strict")
    course = course_with_lessons()
    user_id = person(store, 40, "Peserta", "learner")["id"]
    for pillar in PILLARS:
        take(store, course, user_id, pillar, T0)
    history = store.submitted_attempts(user_id)
    assert attempts.lessons_missing(store, course, user_id) == ["cakap-01", "aman-01"]
    assert attempts.test_status("posttest", history, 0, 2) == "closed_lessons"
    take(store, course, user_id, "posttest", T0)  # taken anyway (the page would not offer it)
    submit_evaluation(store, user_id, T0, catalogue=course)
    assert store.certificate_for_user(user_id) is None
    store.mark_lesson_done(user_id, "aman-01", T0 + dt.timedelta(hours=1))
    store.mark_lesson_done(user_id, "cakap-01", T0 + dt.timedelta(hours=2))
    certificate = certificates.issue_if_earned(store, user_id, jp=5, now=T0 + dt.timedelta(hours=3), catalogue=course)
    assert certificate is not None
    assert certificate.snapshot["completed_at"] == "2026-11-23T05:00:00+00:00"  # the last lesson


def test_quizzes_rule_does_not_require_lessons(store, monkeypatch):
    monkeypatch.setenv("KELAS_COMPLETION_RULE", "quizzes")
    course = course_with_lessons()
    user_id = person(store, 41, "Peserta", "learner")["id"]
    assert attempts.lessons_missing(store, course, user_id) == []
    for pillar in PILLARS:
        take(store, course, user_id, pillar, T0)
    take(store, course, user_id, "posttest", T0)
    submit_evaluation(store, user_id, T0, catalogue=course)
    assert store.certificate_for_user(user_id) is not None


def test_certified_is_one_number_in_headline_funnel_and_trainer_table(store):
    admin = person(store, 1, "Admin", "admin")
    done = person(store, 42, "Peserta Lengkap", "learner")["id"]
    finish_course(store, COURSE, done, T0 - dt.timedelta(days=10))
    assert store.certificate_for_user(done) is not None
    # A certificate issued under the earlier rule, with no lesson done (it keeps its snapshot).
    early = person(store, 43, "Peserta Lama", "learner")["id"]
    for pillar in PILLARS:
        take(store, COURSE, early, pillar, T0)
    store.insert_certificate(code=certificates.new_code(), user_id=early, issued_at="2026-11-20T00:00:00+00:00",
                             snapshot=json.dumps({"name": "Peserta Lama", "nip": "x", "jp": 20}))
    head = analytics.cohort_overview(store, admin, COURSE, T0)
    funnel = {row["stage"]: row["learners"] for row in head["funnel"]}
    table = analytics.learners_table(store, admin, T0, status="certificate")
    assert head["certified"] == funnel["certified"] == len(table) == 2
    assert funnel["all_lessons"] >= funnel["all_passed"] >= funnel["posttest"] >= funnel["certified"]
