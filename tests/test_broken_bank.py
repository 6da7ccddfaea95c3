"""A malformed question bank: its quiz is refused naming file and line, the other quizzes still
run, and no attempt without questions is ever stored."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from modules import attempts
from modules.course import Catalogue, load_catalogue
from modules.quiz_gate import quiz_refusal
from modules.store import default_store
from tests.conftest import ROOT, make_learner, sign_in_tab

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def broken_course(tmp_path, monkeypatch):
    content, quizzes = tmp_path / "content", tmp_path / "quizzes"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "quizzes", quizzes)
    bank = quizzes / "digital-safety.yaml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines) if line.lstrip().startswith("- id:"))
    lines[first] = lines[first] + " [tidak: tertutup"  # one broken line makes the whole file unreadable YAML
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("KELAS_CONTENT_DIR", str(content))
    monkeypatch.setenv("KELAS_QUIZZES_DIR", str(quizzes))
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "broken.db"))
    st.cache_resource.clear()  # the catalogue is read once per process
    yield load_catalogue(content, quizzes)
    st.cache_resource.clear()


def quiz_page(quiz_id: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "modules" / "navigation.py"), default_timeout=30)
    sign_in_tab(at, make_learner(default_store()))
    at.run()
    at.query_params["pilar"] = quiz_id
    at.switch_page("pages/quiz.py").run()
    assert not at.exception, at.exception
    return at


def test_the_broken_pillar_quiz_is_refused_naming_the_file_and_line(broken_course):
    refusal = quiz_refusal(broken_course, "digital-safety", 10, attempts.TEST_QUESTIONS_PER_PILLAR)
    assert refusal and refusal[0].startswith("quizzes/digital-safety.yaml:") and "not valid YAML" in refusal[0]
    at = quiz_page("digital-safety")
    assert "bank soalnya rusak" in at.error[0].value
    assert "quizzes/digital-safety.yaml:" in at.code[0].value
    assert not [b for b in at.button if b.label == "Mulai kuis"]
    assert default_store().db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0


def test_the_other_pillars_and_the_tests_follow_their_own_banks(broken_course):
    assert quiz_refusal(broken_course, "digital-ethics", 10, attempts.TEST_QUESTIONS_PER_PILLAR) == []
    assert quiz_refusal(broken_course, "pretest", 10, attempts.TEST_QUESTIONS_PER_PILLAR)  # needs every bank
    at = quiz_page("digital-ethics")
    assert [b for b in at.button if b.label == "Mulai kuis"] and not at.error


def test_no_attempt_without_questions_is_ever_stored(store):
    empty = Catalogue()
    user_id = make_learner(store)
    with pytest.raises(ValueError):
        attempts.start_or_resume(store, empty, user_id, "digital-safety", 10, NOW)
    assert store.db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0
    # An attempt whose questions are all gone from the bank is never stored as 0/0.
    attempt_id = store.start_attempt(user_id=user_id, quiz_id="digital-safety", kind="pillar", bank_version="x",
                                     seed=1, question_ids=["hilang"], option_orders={"hilang": [0, 1]}, now=NOW)
    attempt = store.get_attempt(attempt_id, user_id)
    assert attempts.submit(store, empty, attempt, {"hilang": [0]}, 70, NOW) is False
    assert store.get_attempt(attempt_id, user_id)["submitted_at"] is None


@pytest.mark.parametrize("odd", ["²", "9" * 5000, "1e3"])
def test_an_odd_attempt_number_in_the_address_is_answered_not_raised(tmp_path, monkeypatch, odd):
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "odd.db"))
    at = AppTest.from_file(str(ROOT / "modules" / "navigation.py"), default_timeout=30)
    sign_in_tab(at, make_learner(default_store()))
    at.run()
    at.query_params["percobaan"] = odd
    at.switch_page("pages/quiz.py").run()
    assert not at.exception
    assert at.warning[0].value == "Hasil kuis ini tidak ditemukan."
