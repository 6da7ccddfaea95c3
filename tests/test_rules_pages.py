"""The course rules on the learner's pages (AppTest): each option's `why` in the review, the
all-or-nothing note on "pilih semua" items."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from modules.course import load_catalogue
from modules.pages.common import catalogue as cached_catalogue
from modules.store import default_store
from tests.conftest import ROOT
from tests.shown import links
from tests.test_pages import answer_everything_right, sheet_shown, signed_in_app, texts

SCRIPT = str(ROOT / "modules" / "navigation.py")


def banks_with_why(folder):
    """The real banks, every option given a `why` naming its text."""
    folder.mkdir()
    for path in (ROOT / "quizzes").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for question in data["questions"]:
            for option in question["options"]:
                option["why"] = f"Alasan untuk «{option['text'][:20]}»."
        (folder / path.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "rules.db"))
    monkeypatch.setenv("KELAS_QUIZZES_DIR", str(banks_with_why(tmp_path / "quizzes")))
    cached_catalogue.clear()
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.run()
    yield at
    cached_catalogue.clear()


def test_review_shows_why_for_every_option_and_the_quiz_says_how_pilih_semua_is_scored(app, tmp_path):
    course = load_catalogue(ROOT / "content", tmp_path / "quizzes")
    at = signed_in_app(app)
    at.query_params["pilar"] = "digital-safety"
    at.switch_page("pages/quiz.py").run()
    next(b for b in at.button if b.label == "Mulai kuis").click()
    at.run()
    attempt = default_store().open_attempt(at.session_state["user_id"], "digital-safety")
    multiple = [qid for qid in attempt["question_ids"] if course.questions[qid].type == "multiple"]
    # The hint sits under each "pilih semua" question of the answer sheet, and only there.
    questions, _ = sheet_shown(at)
    assert [q["id"] for q in questions if "tanpa nilai sebagian" in q["hint"]] == multiple
    answer_everything_right(at, attempt)
    next(b for b in at.button if b.label == "Kirim jawaban").click()
    at.run()
    captions = [c.value for c in at.caption]
    options = sum(len(course.questions[qid].options) for qid in attempt["question_ids"])
    assert sum(c.startswith(("Mengapa benar:", "Mengapa kurang tepat:")) for c in captions) == options
    first = course.questions[attempt["question_ids"][0]]
    key = first.options[next(iter(first.correct_indexes))]
    assert f"Mengapa benar: {key.why}" in captions
    assert "Nilai Anda **100%**" in texts(at)


def page_links(at: AppTest) -> list[tuple[str, str]]:
    return [(label, query) for label, _, query in links(at)]


def test_after_a_failed_quiz_the_page_lists_the_lessons_to_reread_and_opens_once_they_are_read(app, tmp_path):
    from modules import attempts
    from modules.store import utcnow

    course = load_catalogue(ROOT / "content", tmp_path / "quizzes")
    at = signed_in_app(app)
    store, user_id = default_store(), at.session_state["user_id"]
    for lesson in course.pillar_lessons("digital-ethics"):  # read once before, so these are reopenings
        store.mark_lesson_opened(user_id, lesson.id, utcnow() - dt.timedelta(hours=1))
    attempt = attempts.start_or_resume(store, course, user_id, "digital-ethics", 10, utcnow())
    attempts.submit(store, course, attempt, {qid: [4] for qid in attempt["question_ids"]}, 70, utcnow())
    missed = list(dict.fromkeys(lesson.id for lesson in course.pillar_lessons("digital-ethics")
                                if lesson.id in {course.questions[q].lesson for q in attempt["question_ids"]}))
    at.query_params["percobaan"] = str(attempt["id"])
    at.switch_page("pages/quiz.py").run()
    assert "baca kembali pelajaran" in texts(at)
    at.query_params.clear()
    at.query_params["pilar"] = "digital-ethics"
    at.switch_page("pages/quiz.py").run()
    assert "baca kembali pelajaran" in texts(at) and "(0 dari" in texts(at)
    assert not [b for b in at.button if b.label == "Mulai kuis"]
    links = page_links(at)
    assert [q for _, q in links if q.startswith("id=")] == [f"id={lid}" for lid in missed]
    assert all(label.startswith("Baca lagi: ") for label, q in links if q.startswith("id="))
    for lesson_id in missed:  # the learner opens each lesson page again
        at.query_params.clear()
        at.query_params["id"] = lesson_id
        at.switch_page("pages/lesson.py").run()
        assert not at.exception
    at.query_params.clear()
    at.query_params["pilar"] = "digital-ethics"
    at.switch_page("pages/quiz.py").run()
    assert "baca kembali pelajaran" not in texts(at)
    next(b for b in at.button if b.label == "Mulai kuis").click()
    at.run()
    assert default_store().open_attempt(user_id, "digital-ethics") is not None


def test_posttest_and_certificate_wait_for_the_lessons_and_say_so(app, tmp_path):
    from modules import attempts
    from modules.store import utcnow

    course = load_catalogue(ROOT / "content", tmp_path / "quizzes")
    at = signed_in_app(app)
    store, user_id = default_store(), at.session_state["user_id"]
    for pillar in ("digital-skills", "digital-safety", "digital-culture", "digital-ethics"):
        attempt = attempts.start_or_resume(store, course, user_id, pillar, 10, utcnow())
        right = {qid: sorted(course.questions[qid].correct_indexes) for qid in attempt["question_ids"]}
        attempts.submit(store, course, attempt, right, 70, utcnow())
    at.query_params["pilar"] = "posttest"
    at.switch_page("pages/quiz.py").run()
    assert "terbuka setelah semua pelajaran ditandai selesai" in texts(at)
    assert not [b for b in at.button if b.label == "Mulai kuis"]
    at.query_params.clear()
    at.switch_page("pages/progress.py").run()
    assert f"menyelesaikan {len(course.lessons)} pelajaran lagi" in texts(at)
    assert store.certificate_for_user(user_id) is None
