"""Honest JP: computed from the course's study time at 45 minutes a JP, rounded down;
KELAS_COURSE_JP may only lower it; issued certificates keep theirs."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

from modules import jp
from tests.certificate_helpers import complete_course, course_catalogue
from tests.cohort_builder import COURSE
from tests.conftest import ROOT, make_learner


def test_the_real_course_jp_follows_from_its_lessons_and_items():
    parts = {part.name: part.minutes for part in jp.breakdown(COURSE, 10).parts}
    assert parts["lessons"] == sum(lesson.minutes for lesson in COURSE.lessons.values())
    assert parts["pillar quizzes"] == 4 * 10 * 2 and parts["pre-test and post-test"] == 2 * 20 * 2
    total = sum(parts.values())
    assert jp.breakdown(COURSE, 10).jp == total // 45


def test_the_setting_may_lower_the_jp_but_never_raise_it():
    computed = jp.breakdown(COURSE, 10).computed
    assert jp.breakdown(COURSE, 10, cap=computed + 14).jp == computed
    assert jp.breakdown(COURSE, 10, cap=computed - 1).jp == computed - 1


def test_a_certificate_credits_the_computed_jp_and_keeps_it_when_the_course_grows(store, now, monkeypatch):
    monkeypatch.delenv("KELAS_COURSE_JP", raising=False)
    course = course_catalogue()  # 4 × 10 quiz items and 2 × 20 test items at 2 minutes: 160 min → 3 JP
    assert jp.course_jp(course) == 3
    certificate = complete_course(store, course, make_learner(store), now)
    assert certificate.snapshot["jp"] == 3
    lesson = dataclasses.replace(next(iter(COURSE.lessons.values())), minutes=600)
    course.lessons[lesson.id] = lesson
    assert jp.course_jp(course) > 3
    stored = json.loads(store.certificate_for_user(certificate.user_id)["snapshot"])
    assert stored["jp"] == 3  # the issued certificate keeps its snapshot


def test_validate_content_prints_the_jp_computation():
    result = subprocess.run([sys.executable, "-m", "modules", "validate-content"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    expected = jp.breakdown(COURSE, 10)
    assert f"→ {expected.computed} JP (rounded down)" in result.stderr
    assert f"lessons: {len(COURSE.lessons)} lessons' reading minutes" in result.stderr
