"""The course's shape: enough lessons and questions per pillar, reading time that matches the text,
every lesson structured, sourced and tested, a fair mix of questions."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from modules.course import PILLARS, WORDS_PER_MINUTE, body_words, load_catalogue
from tests.conftest import ROOT

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
LESSONS = list(COURSE.lessons.values())
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")


def test_the_course_loads_without_problems_or_warnings():
    assert [str(p) for p in COURSE.problems] == []
    assert [str(w) for w in COURSE.warnings] == []  # our own course meets the conventions the validator warns on


@pytest.mark.parametrize("pillar", PILLARS)
def test_each_pillar_has_at_least_eight_lessons_and_sixty_questions(pillar):
    assert len(COURSE.pillar_lessons(pillar)) >= 8
    assert len(COURSE.pillar_questions(pillar)) >= 60


@pytest.mark.parametrize("pillar", PILLARS)
def test_most_questions_are_scenarios_and_every_question_says_its_style(pillar):
    styles = Counter(q.style for q in COURSE.pillar_questions(pillar))
    assert set(styles) <= {"scenario", "recall"}, styles
    assert styles["scenario"] / sum(styles.values()) >= 0.70, styles


@pytest.mark.parametrize("pillar", PILLARS)
def test_true_false_items_are_few_and_balanced(pillar):
    questions = COURSE.pillar_questions(pillar)
    keys = Counter(q.options[next(iter(q.correct_indexes))].text for q in questions if q.type == "true_false")
    assert sum(keys.values()) <= 0.10 * len(questions), keys
    assert abs(keys["Benar"] - keys["Salah"]) <= 1, keys


@pytest.mark.parametrize("pillar", PILLARS)
def test_pilih_semua_items_have_five_options_and_varying_numbers_of_keys(pillar):
    multiple = [q for q in COURSE.pillar_questions(pillar) if q.type == "multiple"]
    assert all(len(q.options) == 5 and 1 <= len(q.correct_indexes) <= 4 for q in multiple), \
        [q.id for q in multiple if len(q.options) != 5 or not 1 <= len(q.correct_indexes) <= 4]
    counts = Counter(len(q.correct_indexes) for q in multiple)
    assert len(counts) >= 3 and max(counts.values()) <= 0.6 * len(multiple), counts


def test_every_option_says_why_it_is_right_or_wrong():
    assert [q.id for q in COURSE.questions.values() if not all(o.why for o in q.options)] == []


def test_every_lesson_says_when_its_facts_were_reviewed():
    assert [lesson.id for lesson in LESSONS if lesson.reviewed is None] == []


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_minutes_match_the_text_at_200_words_a_minute(lesson):
    words = body_words(lesson.body)
    assert 5 <= lesson.minutes <= 12
    assert abs(words / WORDS_PER_MINUTE - lesson.minutes) <= 1, f"{lesson.path}: {words} words"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_has_objectives_a_scenario_a_summary_and_linked_sources(lesson):
    headings = re.findall(r"^## (.+)$", lesson.body, re.M)
    assert len(lesson.objectives) >= 2
    assert sum(h.startswith("Skenario") for h in headings) == 1, headings
    assert headings[-1] == "Yang perlu diingat", headings
    summary = lesson.body.split("## Yang perlu diingat", 1)[1]
    assert len(re.findall(r"^- ", summary, re.M)) >= 3
    assert not re.search(r"^# ", lesson.body, re.M), "the page shows the title; no H1 in the body"
    assert lesson.sources and all(URL.match(source.url) for source in lesson.sources)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_link_in_the_text_is_well_formed(lesson):
    for url in re.findall(r"\]\(([^)\s]+)\)", lesson.body):
        assert URL.match(url), f"{lesson.path}: {url}"


def test_lesson_ids_follow_the_pillar_prefix_and_file_number():
    prefixes = {"digital-skills": "cakap", "digital-safety": "aman", "digital-culture": "budaya",
                "digital-ethics": "etis"}
    for lesson in LESSONS:
        number = re.search(r"/(\d+)-", lesson.path).group(1)
        assert lesson.id == f"{prefixes[lesson.pillar]}-{number}", lesson.path


def test_every_lesson_is_tested_by_at_least_three_questions():
    tested = Counter(q.lesson for q in COURSE.questions.values())
    assert {lesson.id: tested[lesson.id] for lesson in LESSONS if tested[lesson.id] < 3} == {}


@pytest.mark.parametrize("pillar", PILLARS)
def test_difficulty_is_roughly_a_third_each_and_all_question_types_appear(pillar):
    questions = COURSE.pillar_questions(pillar)
    difficulty = Counter(q.difficulty for q in questions)
    for level in ("easy", "medium", "hard"):
        assert 0.25 <= difficulty[level] / len(questions) <= 0.42, difficulty
    assert set(Counter(q.type for q in questions)) == {"single", "multiple", "true_false"}


def test_no_two_questions_share_a_prompt():
    prompts = Counter(" ".join(q.prompt.lower().split()) for q in COURSE.questions.values())
    assert [p for p, n in prompts.items() if n > 1] == []


def test_no_catch_all_options_and_four_options_for_choice_questions():
    banned = re.compile(r"semua (jawaban|pilihan|di atas)|tidak ada (jawaban )?yang benar", re.I)
    for question in COURSE.questions.values():
        assert not any(banned.search(option.text) for option in question.options), question.id
        if question.type != "true_false":
            assert len(question.options) >= 4, question.id


def test_explanations_teach_more_than_the_answer():
    short = [q.id for q in COURSE.questions.values() if len(q.explanation.split()) < 15]
    assert short == []


def test_glossary_covers_every_pillar():
    assert len(COURSE.glossary) >= 40
    assert len({entry["term"].lower() for entry in COURSE.glossary}) == len(COURSE.glossary)
