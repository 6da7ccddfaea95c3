"""The learner's pages driven with Streamlit's AppTest: register, sign in, lesson done, quiz and review."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from modules import attempts
from modules.course import load_catalogue
from modules.store import default_store, utcnow
from tests.conftest import PASSWORD, ROOT, VALID_NIP, use_database, write_lock_held
from tests.shown import html_text

SCRIPT = str(ROOT / "modules" / "navigation.py")
COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")


pytestmark = pytest.mark.both_engines  # the learner's pages on SQLite and on PostgreSQL


@pytest.fixture
def app(database, monkeypatch) -> AppTest:
    use_database(monkeypatch, database)
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.run()
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title)]
    parts += html_text(at)
    # As the reader sees them: Markdown escapes of user text (modules/safetext.py) read as the characters.
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", "\n".join(str(p) for p in parts)).replace("\u200b", "")


def choose(at: AppTest, mode: str) -> None:
    """Open the sign-in or the registration form (the first screen draws one at a time)."""
    at.segmented_control(key="signin_mode").set_value(mode)
    at.run()


def register(at: AppTest, nip: str = "19860926 201505 1 001", password: str = PASSWORD) -> None:
    choose(at, "register")
    at.text_input(key="register_nip").input(nip)
    at.text_input(key="register_name").input("Siti Rahmawati")
    at.text_input(key="register_agency").input("Dinas Kominfo Provinsi Banten")
    at.text_input(key="register_region").input("Kota Serang")
    at.text_input(key="register_password").input(password)
    at.text_input(key="register_password_again").input(password)
    next(b for b in at.button if b.label == "Daftar").click()
    at.run()


def sign_in(at: AppTest, password: str = PASSWORD) -> None:
    if at.session_state["signin_mode"] != "signin":
        choose(at, "signin")
    at.text_input(key="signin_nip").input(VALID_NIP)
    at.text_input(key="signin_password").input(password)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()


def signed_in_app(at: AppTest) -> AppTest:
    register(at)
    sign_in(at)
    at.run()
    return at


def test_first_screen_explains_how_to_get_in(app):
    assert "Cara masuk" in texts(app)
    assert not app.exception


def test_first_screen_draws_the_sign_in_form_and_the_registration_form_when_asked(app):
    assert [f.key for f in app.text_input] == ["signin_nip", "signin_password"]
    choose(app, "register")
    keys = [f.key for f in app.text_input]
    assert "register_nip" in keys and "signin_nip" not in keys
    choose(app, "signin")
    assert [f.key for f in app.text_input] == ["signin_nip", "signin_password"]
    assert not app.exception


def test_register_shows_each_problem_and_creates_nothing(app):
    register(app, nip="1986 0926", password="123")
    assert "NIP harus 18 angka" in texts(app)
    assert "minimal 8 karakter" in texts(app)
    assert default_store().get_user_by_nip(VALID_NIP) is None


def test_register_then_sign_in_opens_home(app):
    register(app)
    assert "sudah dibuat" in texts(app)
    sign_in(app)
    assert app.session_state["user_id"] == default_store().get_user_by_nip(VALID_NIP)["id"]
    app.run()
    assert "Selamat belajar, Siti" in texts(app)
    assert not app.exception


def test_sign_in_opens_home_in_the_same_tab_and_posts_the_cookie_code_once(app):
    register(app)
    sign_in(app)
    # No page reload: the run after the form already draws home, and its sidebar POSTs the code.
    assert "Selamat belajar, Siti" in texts(app)
    posting = [h.proto.body for h in app.get("html") if "/auth/masuk" in h.proto.body]
    assert len(posting) == 1 and "kode=" in posting[0] and "location" not in posting[0]
    app.run()
    assert not [h for h in app.get("html") if "/auth/masuk" in h.proto.body]


def test_wrong_password_is_refused_in_indonesian(app):
    register(app)
    sign_in(app, password="bukan kata sandi saya")
    assert "NIP atau kata sandi salah" in texts(app)
    assert "user_id" not in app.session_state


def test_lesson_is_recorded_as_opened_then_done(app):
    at = signed_in_app(app)
    lesson = COURSE.pillar_lessons("digital-safety")[0]
    at.query_params["id"] = lesson.id
    at.switch_page("pages/lesson.py").run()
    assert lesson.title in texts(at)
    user_id = at.session_state["user_id"]
    assert default_store().lesson_progress(user_id)[lesson.id]["completed_at"] is None
    next(b for b in at.button if b.label == "Tandai selesai").click()
    at.run()  # straight after opening: refused, with the time still to read
    assert "menit lagi" in texts(at)
    assert default_store().lesson_progress(user_id)[lesson.id]["completed_at"] is None
    assert "Belum bisa ditandai selesai" in texts(at)
    with default_store().write() as conn:  # as if it had been opened a while ago
        conn.execute("UPDATE lesson_progress SET opened_at = '2026-01-01T00:00:00+00:00' WHERE user_id = ?",
                     (user_id,))
    next(b for b in at.button if b.label == "Tandai selesai").click()
    at.run()
    assert default_store().lesson_progress(user_id)[lesson.id]["completed_at"] is not None
    assert "sudah Anda tandai selesai" in texts(at)


def sheet_proto(at: AppTest):
    """The open quiz's answer sheet as the browser receives it (modules/answer_sheet.py)."""
    (sheet,) = at.get("bidi_component")
    return sheet.proto


def sheet_shown(at: AppTest) -> tuple[list[dict], dict[str, list[int]]]:
    """The sheet's questions, as its address serves them to the tab's learner (modules/web.py;
    AppTest has no HTTP), and the choices it is drawn with."""
    from urllib.parse import parse_qsl, urlsplit

    from modules.answer_sheet import SHEET_PATH, sent_sheet

    data = json.loads(sheet_proto(at).json)
    address = urlsplit(data["src"])
    assert address.path == f".{SHEET_PATH}"
    sheet = sent_sheet(default_store(), COURSE, at.session_state["user_id"], dict(parse_qsl(address.query)))
    return json.loads(sheet)["questions"], data["chosen"]


def answer(at: AppTest, attempt: dict, choices: dict[str, list[int]]) -> None:
    """Choose as a browser does: the sheet's state, {question id: [option indexes]}, for the next run."""
    at.session_state[f"sheet_{attempt['id']}"] = {"choices": choices}


def answer_everything_right(at: AppTest, attempt: dict) -> None:
    answer(at, attempt, {qid: sorted(COURSE.questions[qid].correct_indexes) for qid in attempt["question_ids"]})


def started_quiz(app: AppTest, pillar: str) -> tuple[AppTest, dict]:
    """A signed-in learner who opened the pillar's quiz and pressed "Mulai kuis"; the open attempt."""
    at = signed_in_app(app)
    at.query_params["pilar"] = pillar
    at.switch_page("pages/quiz.py").run()
    next(b for b in at.button if b.label == "Mulai kuis").click()
    at.run()
    return at, default_store().open_attempt(at.session_state["user_id"], pillar)


def test_quiz_submit_scores_on_the_server_and_shows_the_review(app):
    at, attempt = started_quiz(app, "digital-safety")
    user_id = at.session_state["user_id"]
    assert len(attempt["question_ids"]) == 10
    # No correct answer reaches the page before submission: options carry indexes and texts only.
    questions, chosen = sheet_shown(at)
    assert [q["id"] for q in questions] == attempt["question_ids"] and chosen == {}
    assert "correct" not in str(sheet_proto(at)).lower()
    answer_everything_right(at, attempt)
    next(b for b in at.button if b.label == "Kirim jawaban").click()
    at.run()
    stored = default_store().get_attempt(attempt["id"], user_id)
    assert (stored["score"], stored["passed"]) == (10, 1)
    page = texts(at)
    assert "Nilai Anda **100%**" in page and "Lulus" in page
    assert page.count("Pembahasan:") == 10


def test_a_batch_holding_the_write_lock_delays_the_drafts_but_the_submit_stores_every_answer(app, monkeypatch):
    """Choices made while the database's write lock is busy past its timeout: no error on the page,
    a plain note that they wait, and the submit (once the lock is free) stores every answer."""
    from modules.db import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 1000)
    monkeypatch.setattr(connection, "LOCK_TIMEOUT_SECONDS", 1)
    at, attempt = started_quiz(app, "digital-safety")
    user_id = at.session_state["user_id"]
    with write_lock_held(default_store()):  # e.g. a roster import on another connection
        answer_everything_right(at, attempt)
        at.run()
        assert not at.exception
        assert "Server sedang sibuk" in texts(at)
        assert default_store().drafts(attempt["id"], user_id) == {}
    next(b for b in at.button if b.label == "Kirim jawaban").click()
    at.run()
    stored = default_store().get_attempt(attempt["id"], user_id)
    assert (stored["score"], stored["passed"]) == (10, 1) and not at.exception


def test_unanswered_quiz_is_not_submitted(app):
    at = signed_in_app(app)
    at.query_params["pilar"] = "digital-ethics"
    at.switch_page("pages/quiz.py").run()
    next(b for b in at.button if b.label == "Mulai kuis").click()
    at.run()
    next(b for b in at.button if b.label == "Kirim jawaban").click()
    at.run()
    assert "belum dijawab" in texts(at)
    attempt = default_store().open_attempt(at.session_state["user_id"], "digital-ethics")
    assert attempt is not None and attempt["submitted_at"] is None


def test_progress_page_shows_chart_and_history(app):
    at = signed_in_app(app)
    at.switch_page("pages/progress.py").run()
    assert "Progres Saya" in texts(at)
    chart = next(element.value for element in at.markdown if "<svg" in element.value)
    assert 'aria-label="Nilai kuis per pilar"' in chart and "Batas lulus 70%" in chart
    assert not at.exception


@pytest.mark.parametrize("page", ["pages/trainer.py", "pages/manager.py", "pages/admin_roster.py",
                                  "pages/admin_people.py", "pages/admin_audit.py",
                                  "pages/admin_certificates.py", "pages/trainer_certificates.py"])
def test_learner_typing_a_staff_page_url_is_refused_and_sees_no_data(app, page):
    at = signed_in_app(app)
    at.switch_page(page).run()
    assert "bukan untuk peran Anda" in texts(at)
    assert not at.dataframe and not at.get("plotly_chart") and not at.get("download_button")
    assert not at.exception



def test_home_offers_the_pretest_until_the_first_lesson_is_done(app):
    at = signed_in_app(app)
    assert "Sebelum mulai" in texts(at)
    lesson = COURSE.pillar_lessons("digital-skills")[0]
    default_store().mark_lesson_done(at.session_state["user_id"], lesson.id, utcnow())
    at.run()
    assert "Sebelum mulai" not in texts(at)


def test_progress_page_shows_learning_gain_once_both_tests_are_taken(app):
    at = signed_in_app(app)
    store, user_id = default_store(), at.session_state["user_id"]
    for test in ("pretest", "posttest"):
        attempt = attempts.start_or_resume(store, COURSE, user_id, test, 10, utcnow())
        right = {qid: sorted(COURSE.questions[qid].correct_indexes) for qid in attempt["question_ids"]}
        chosen = right if test == "posttest" else {qid: [] for qid in attempt["question_ids"]}
        attempts.submit(store, COURSE, attempt, chosen, 70, utcnow())
    at.switch_page("pages/progress.py").run()
    table = next(frame.value for frame in at.dataframe if "Gain" in frame.value.columns)
    overall = table[table["Pilar"] == "Keseluruhan"].iloc[0]
    assert (overall["Pre-test"], overall["Post-test"], overall["Gain"], overall["Kategori"]) == ("0%", "100%", "1,00", "tinggi")


def test_glossary_search_filters_terms(app):
    at = signed_in_app(app)
    at.switch_page("pages/glossary.py").run()

    def terms() -> list[str]:  # the list is one markdown element, a paragraph per term
        return [part for m in at.markdown if m.value.startswith("**") for part in m.value.split("\n\n")]

    everything = len(terms())
    at.text_input(key="glossary_search").input("phishing").run()
    shown = terms()
    assert shown and len(shown) < everything
    assert all("phishing" in m.lower() for m in shown)
