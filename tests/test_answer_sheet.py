"""The open quiz's answer sheet (modules/answer_sheet.py): what the browser is sent, and what is
kept of what it sends back — anything a stranger can put in a websocket message."""

from __future__ import annotations

import json

import pytest

from modules.answer_sheet import choices_from_state, sheet_data
from modules.course import load_catalogue
from modules.store import default_store
from tests.conftest import ROOT
from tests.test_pages import answer, app, sheet_shown, started_quiz, texts  # noqa: F401  (app: a fixture)

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
SINGLE = next(q for q in COURSE.questions.values() if q.type != "multiple" and q.pillar == "digital-safety")
MULTIPLE = next(q for q in COURSE.questions.values() if q.type == "multiple" and q.pillar == "digital-safety")
ATTEMPT = {"id": 7, "question_ids": [SINGLE.id, MULTIPLE.id],
           "option_orders": {SINGLE.id: list(range(len(SINGLE.options)))[::-1],
                             MULTIPLE.id: list(range(len(MULTIPLE.options)))}}


def test_the_sheet_carries_questions_in_the_attempts_order_and_no_answer_key():
    text = sheet_data(ATTEMPT, COURSE, lambda n: f"Soal {n}.", "Pilih semua.")
    data = json.loads(text)
    single, multiple = data["questions"]
    assert data["attempt"] == 7 and (single["id"], multiple["id"]) == (SINGLE.id, MULTIPLE.id)
    assert single["label"] == f"Soal 1. {SINGLE.prompt}" and not single["multiple"] and single["hint"] == ""
    assert [i for i, _ in single["options"]] == ATTEMPT["option_orders"][SINGLE.id]  # as shuffled
    assert [text for _, text in single["options"]] == [SINGLE.options[i].text for i in ATTEMPT["option_orders"][SINGLE.id]]
    assert multiple["multiple"] and multiple["hint"] == "Pilih semua."
    assert "correct" not in text and "why" not in text and SINGLE.explanation not in text


def test_real_choices_are_kept_sorted():
    state = {SINGLE.id: [1], MULTIPLE.id: [2, 0]}
    assert choices_from_state(state, ATTEMPT, COURSE) == {SINGLE.id: [1], MULTIPLE.id: [0, 2]}
    assert choices_from_state({SINGLE.id: [], MULTIPLE.id: []}, ATTEMPT, COURSE) == {SINGLE.id: [], MULTIPLE.id: []}


@pytest.mark.parametrize("state", [None, "x", 5, [1, 2], {"__proto__": [1]}, {"another-q": [0]}])
def test_a_state_that_is_not_a_map_of_this_attempts_questions_gives_nothing(state):
    assert choices_from_state(state, ATTEMPT, COURSE) == {}


@pytest.mark.parametrize("value", [[1, 2], [len(SINGLE.options)], [-1], [True], [1.0], ["1"], [None], 1, "1",
                                   {"0": 1}, [1, 1], list(range(10_000))])
def test_a_malformed_answer_to_a_question_counts_as_no_answer_to_it(value):
    # Two answers to a single-answer question, an index past its options, a boolean, a float, a
    # string, a repeated index, a list far longer than the options: none of it is kept.
    state = {SINGLE.id: value, MULTIPLE.id: [1]}
    assert choices_from_state(state, ATTEMPT, COURSE) == {MULTIPLE.id: [1]}


def test_the_page_stores_only_the_real_part_of_a_forged_state(app):  # noqa: F811
    at, attempt = started_quiz(app, "digital-safety")
    user_id = at.session_state["user_id"]
    first, second, *_ = attempt["question_ids"]
    forged = {first: [0], second: [99], "not-a-question": [0], "x" * 10_000: list(range(1000))}
    answer(at, attempt, forged)
    at.run()
    assert not at.exception
    assert default_store().drafts(attempt["id"], user_id) == {first: [0]}
    questions, chosen = sheet_shown(at)
    assert chosen == {first: [0]} and [q["id"] for q in questions] == attempt["question_ids"]
    assert "1 soal sudah terjawab" in " ".join(c.value for c in at.caption)
    assert "Kirim jawaban" in [b.label for b in at.button] and "Lulus" not in texts(at)


def test_choices_the_browser_saved_show_on_a_sheet_drawn_anew(app):  # noqa: F811
    """A choice travels by its own POST (modules/web.py) and reruns nothing, so the page learns of
    it from the database: a sheet drawn anew (here in the other language) shows it."""
    from modules import attempts
    from modules.store import utcnow

    at, attempt = started_quiz(app, "digital-safety")
    first = attempt["question_ids"][0]
    attempts.save_choices(default_store(), COURSE, attempt, {first: [1]}, utcnow())  # what the POST stores
    at.session_state["language"] = "en"
    at.run()
    questions, chosen = sheet_shown(at)
    assert chosen == {first: [1]} and questions[0]["label"].startswith("Question 1. ")
    assert "Submit answers" in [b.label for b in at.button]
