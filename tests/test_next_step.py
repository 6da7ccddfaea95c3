"""Home's 'continue where you left off' and overall progress, from the learner's rows."""

from modules.course import PILLARS
from modules.progress import NextStep, next_step, overall_share, pillar_progress
from tests.cohort_builder import COURSE

FIRST = {p: [lesson.id for lesson in COURSE.pillar_lessons(p)] for p in PILLARS}


def done(*ids):
    return {i: {"opened_at": "2026-11-20T01:00:00+00:00", "completed_at": "2026-11-20T01:10:00+00:00"} for i in ids}


def passed(*pillars):
    return [{"quiz_id": p, "kind": "pillar", "passed": 1, "score": 9, "max_score": 10} for p in pillars]


def test_a_newcomer_starts_with_the_first_lesson_of_the_first_pillar():
    assert next_step(COURSE, {}, [], False) == NextStep("lesson", FIRST[PILLARS[0]][0])


def test_the_lesson_last_opened_and_not_finished_comes_first():
    lessons = done(FIRST[PILLARS[0]][0]) | {
        FIRST[PILLARS[2]][3]: {"opened_at": "2026-11-21T02:00:00+00:00", "completed_at": None},
        FIRST[PILLARS[1]][1]: {"opened_at": "2026-11-21T01:00:00+00:00", "completed_at": None}}
    assert next_step(COURSE, lessons, [], False) == NextStep("lesson", FIRST[PILLARS[2]][3])


def test_after_a_pillars_lessons_its_quiz_then_the_next_pillar_then_the_posttest():
    lessons = done(*FIRST[PILLARS[0]])
    assert next_step(COURSE, lessons, [], False) == NextStep("quiz", PILLARS[0])
    assert next_step(COURSE, lessons, passed(PILLARS[0]), False) == NextStep("lesson", FIRST[PILLARS[1]][0])
    everything = done(*(i for ids in FIRST.values() for i in ids))
    assert next_step(COURSE, everything, passed(*PILLARS), True) == NextStep("posttest")
    assert next_step(COURSE, everything, passed(*PILLARS), False) == NextStep("done")


def test_overall_share_counts_lessons_quizzes_and_the_posttest():
    lessons = done(*FIRST[PILLARS[0]])
    progress = pillar_progress(COURSE, lessons, passed(PILLARS[0]))
    total_lessons = sum(len(ids) for ids in FIRST.values())
    assert overall_share(progress, False) == (len(FIRST[PILLARS[0]]) + 1, total_lessons + 4 + 1)
