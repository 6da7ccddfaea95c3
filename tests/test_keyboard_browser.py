"""The course with the keyboard alone, in headless Chromium: sign in, study a lesson, take and
submit a quiz, download the certificate — Tab, Shift+Tab, arrows, Space and Enter only (the page
is read, never clicked)."""

from __future__ import annotations

import datetime as dt

from modules import attempts, auth
from modules.course import PILLARS, load_catalogue
from modules.store import Store
from tests.browser import browser_page, needs_chromium, running_app, settle, shot
from tests.certificate_helpers import submit_evaluation
from tests.conftest import PASSWORD, ROOT, VALID_NIP

pytestmark = needs_chromium
COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
LAST = "digital-ethics"
FOCUS = """() => {
  const e = document.activeElement;
  const group = e && e.closest('[role="radiogroup"]');
  const label = e && (e.closest('label') || e);
  const labelledBy = group && document.getElementById(group.getAttribute('aria-labelledby') || '');
  const groupName = group ? (group.getAttribute('aria-label') || (labelledBy ? labelledBy.innerText : '')) : '';
  return {tag: e ? e.tagName.toLowerCase() : '', type: e && e.type || '', group: groupName,
          text: (e && (e.getAttribute('aria-label') || (e.labels && e.labels.length && e.labels[0].innerText)
                       || e.innerText || label.innerText) || '').trim(),
          label: label ? label.innerText.trim() : '', checked: !!(e && e.checked)};
}"""


def _answer_right(store: Store, user_id: int, quiz_id: str, now: dt.datetime) -> None:
    attempt = attempts.start_or_resume(store, COURSE, user_id, quiz_id, 10, now)
    chosen = {qid: sorted(COURSE.questions[qid].correct_indexes) for qid in attempt["question_ids"]}
    assert attempts.submit(store, COURSE, attempt, chosen, 70, now)


def _learner_one_quiz_from_the_certificate(db_path) -> int:
    """Three pillar quizzes passed, the post-test and the evaluation done: passing the last pillar
    quiz completes the course (the order is the store's, not the app's; the rules only count)."""
    store = Store(db_path)
    user_id = store.create_user(nip=VALID_NIP, nip_kind="pns", name="Siti Rahmawati", agency="Diskominfo",
                                region="Kota Serang", password_hash=auth.hash_password(PASSWORD))
    now = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    studied = COURSE.pillar_lessons(LAST)[0].id  # the one the keyboard marks done, opened an hour ago
    for lesson in COURSE.lessons.values():  # the completion rule asks for every lesson
        store.mark_lesson_opened(user_id, lesson.id, now - dt.timedelta(hours=1))
        if lesson.id != studied:
            store.mark_lesson_done(user_id, lesson.id, now)
    for pillar in PILLARS:
        if pillar != LAST:
            _answer_right(store, user_id, pillar, now)
    _answer_right(store, user_id, "posttest", now)
    submit_evaluation(store, user_id, now, catalogue=COURSE)
    assert store.certificate_for_user(user_id) is None
    return user_id


def _focus(page) -> dict:
    """The focused element; `name` is its visible text without a leading icon's ligature name."""
    focus = page.evaluate(FOCUS)
    focus["name"] = ([line for line in focus["text"].splitlines() if line.strip()] or [""])[-1].strip()
    return focus


def _tab_to(page, wanted, presses: int = 150) -> dict:
    """Press Tab until the focused element is the one wanted (a predicate on its description)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focus = _focus(page)
        if wanted(focus):
            return focus
    raise AssertionError(f"never reached by Tab; last focus {focus}")


def _named(text: str):
    return lambda focus: focus["name"].startswith(text) or focus["label"].startswith(text)


def test_learner_studies_takes_a_quiz_and_downloads_the_certificate(tmp_path):
    from playwright.sync_api import expect

    db_path = tmp_path / "keyboard.db"
    user_id = _learner_one_quiz_from_the_certificate(db_path)
    store = Store(db_path)
    with running_app(db_path) as url, browser_page() as page:
        page.goto(url)
        settle(page)
        _tab_to(page, lambda f: f["tag"] == "input" and f["text"] == "NIP")
        page.keyboard.type(VALID_NIP)
        page.keyboard.press("Tab")
        assert _focus(page)["type"] == "password"
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        expect(page.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=30_000)
        settle(page)

        # Study: the pillar's page from the menu, its first lesson, "Tandai selesai".
        lesson = COURSE.pillar_lessons(LAST)[0]
        _tab_to(page, _named("Etis Bermedia Digital"))
        page.keyboard.press("Enter")
        settle(page)
        _tab_to(page, lambda f: f["tag"] == "a" and lesson.title in f["text"])
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=lesson.title)).to_be_visible(timeout=20_000)
        settle(page)
        _tab_to(page, _named("Tandai selesai"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("sudah Anda tandai selesai")).to_be_visible(timeout=20_000)
        settle(page)
        assert store.lesson_progress(user_id)[lesson.id]["completed_at"]

        # The quiz: from the menu, the pillar's quiz, "Mulai kuis", every question, "Kirim jawaban".
        _tab_to(page, lambda f: f["tag"] == "a" and f["name"] == "Kuis")
        page.keyboard.press("Enter")
        settle(page)
        _tab_to(page, lambda f: f["tag"] == "a" and "Etis Bermedia Digital" in f["text"]
                and "kuis" in page.url)
        page.keyboard.press("Enter")
        settle(page)
        _tab_to(page, _named("Mulai kuis"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible(timeout=20_000)
        settle(page)
        attempt = store.open_attempt(user_id, LAST)
        answered: set[str] = set()
        for number, qid in enumerate(attempt["question_ids"], start=1):
            question = COURSE.questions[qid]
            order = attempt["option_orders"][qid]
            if question.type == "multiple":
                for index in order:
                    text = question.options[index].text
                    _tab_to(page, lambda f, text=text: f["type"] == "checkbox" and f["label"] == text)
                    if question.options[index].correct:
                        page.keyboard.press("Space")
            else:
                _tab_to(page, lambda f, n=number: f["type"] == "radio" and f["group"].startswith(f"Soal {n}. "))
                page.keyboard.press("Space")  # the first option, then arrows to the right one
                for _ in range(order.index(next(iter(question.correct_indexes)))):
                    page.keyboard.press("ArrowDown")
                assert _focus(page)["checked"]
            answered.add(qid)
        assert answered == set(attempt["question_ids"])
        shot(page, "keyboard-01-quiz")
        _tab_to(page, _named("Kirim jawaban"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("Nilai Anda 100%")).to_be_visible(timeout=30_000)
        settle(page)
        assert store.certificate_for_user(user_id) is not None

        # The certificate: Progres Saya from the menu, then its download button.
        _tab_to(page, lambda f: f["tag"] == "a" and f["name"] == "Progres Saya")
        page.keyboard.press("Enter")
        settle(page)
        _tab_to(page, _named("Unduh sertifikat"))
        with page.expect_download(timeout=60_000) as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.startswith(f"sertifikat-{VALID_NIP}")
        assert download.value.path().read_bytes().startswith(b"%PDF")
        shot(page, "keyboard-02-certificate")
