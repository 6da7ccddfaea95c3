"""Nothing a learner has chosen is lost: choices survive a refresh and a restart of the server,
in headless Chromium against a real server (at 1280 and 390 px)."""

from __future__ import annotations

import pytest

from modules import auth
from modules.course import load_catalogue
from modules.store import Store
from tests.browser import browser_page, needs_chromium, running_app, settle, shot, submit_sign_in
from tests.conftest import PASSWORD, ROOT, VALID_NIP, write_lock_held

pytestmark = needs_chromium
COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")


def sign_in(page, url):
    submit_sign_in(page, url, VALID_NIP, PASSWORD)
    page.get_by_text("Selamat belajar, Siti").wait_for(timeout=20_000)
    settle(page)


def open_quiz(page, url):
    page.goto(url + "/kuis?pilar=digital-ethics")
    settle(page)


def learner_database(db_path):
    """A database with the one learner these tests sign in as; (store, their id)."""
    store = Store(db_path)
    return store, store.create_user(nip=VALID_NIP, nip_kind="pns", name="Siti Rahmawati",
                                    password_hash=auth.hash_password(PASSWORD))


def start_quiz(page, url):
    """Sign in, open the quiz and press "Mulai kuis", as the learner does."""
    from playwright.sync_api import expect

    sign_in(page, url)
    open_quiz(page, url)
    page.get_by_role("button", name="Mulai kuis").click()
    expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible(timeout=20_000)


def single_questions(store, user_id):
    attempt = store.open_attempt(user_id, "digital-ethics")
    return attempt, [q for q in attempt["question_ids"] if COURSE.questions[q].type != "multiple"]


def option(page, qid, text):
    """The radio button of the option `text` in question qid's group of the answer sheet: options
    such as "Benar"/"Salah" recur across questions."""
    return page.locator(f'fieldset[data-question="{qid}"]').get_by_role("radio", name=text, exact=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_choices_survive_a_refresh_and_a_server_restart(tmp_path, width):
    from playwright.sync_api import expect

    db_path = tmp_path / "drafts.db"
    store, user_id = learner_database(db_path)
    with browser_page(viewport={"width": width, "height": 900}) as page:
        with running_app(db_path) as url:
            start_quiz(page, url)
            attempt, singles = single_questions(store, user_id)
            picks = {}
            for qid in singles[:3]:
                question = COURSE.questions[qid]
                index = attempt["option_orders"][qid][1]  # the second option shown, right or wrong
                option(page, qid, question.options[index].text).click()
                picks[qid] = index
                page.wait_for_timeout(600)
            settle(page)
            assert store.drafts(attempt["id"], user_id) == {qid: [i] for qid, i in picks.items()}

            page.reload()
            settle(page)
            expect(page.get_by_text("Pilihan Anda tersimpan")).to_be_visible(timeout=20_000)
            checked = page.get_by_test_id("stMain").locator("input[type=radio]:checked")
            expect(checked).to_have_count(3)
            shot(page, f"drafts-01-after-refresh-{width}")

        # The server process ends and a new one starts on the same database; the browser's session
        # cookie still holds (its row is in the database), so the learner goes straight back to the quiz.
        with running_app(db_path) as url:
            open_quiz(page, url)
            expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible(timeout=20_000)
            checked = page.get_by_test_id("stMain").locator("input[type=radio]:checked")
            expect(checked).to_have_count(3)
            for qid, index in picks.items():
                assert option(page, qid, COURSE.questions[qid].options[index].text).is_checked()
            shot(page, f"drafts-02-after-restart-{width}")


def test_a_submit_the_busy_database_refuses_says_so_and_the_next_one_stores_it(tmp_path):
    """The submit reruns the page, whose own error handling catches the refused write:
    a write that waited out the lock still gets the plain message, nothing is half-stored, and the
    learner's next press stores every answer."""
    from playwright.sync_api import expect

    db_path = tmp_path / "busy.db"
    store, user_id = learner_database(db_path)
    with browser_page(viewport={"width": 1280, "height": 900}) as page, running_app(db_path) as url:
        start_quiz(page, url)
        attempt = store.open_attempt(user_id, "digital-ethics")
        for qid in attempt["question_ids"]:
            question = COURSE.questions[qid]
            role = "checkbox" if question.type == "multiple" else "radio"
            for index in sorted(question.correct_indexes):
                group = page.locator(f'fieldset[data-question="{qid}"]')
                group.get_by_role(role, name=question.options[index].text, exact=True).click()
        settle(page)
        with write_lock_held(store):  # e.g. a roster import holding the write lock past the timeout
            page.get_by_role("button", name="Kirim jawaban").click()
            expect(page.get_by_text("Server sedang sibuk")).to_be_visible(timeout=40_000)
        assert store.get_attempt(attempt["id"], user_id)["submitted_at"] is None
        expect(page.get_by_role("alert").filter(has_text="Traceback")).to_have_count(0)
        shot(page, "drafts-03-busy-submit")
        page.get_by_role("button", name="Kirim jawaban").click()
        expect(page.get_by_text("Nilai Anda 100%")).to_be_visible(timeout=30_000)
        stored = store.get_attempt(attempt["id"], user_id)
        assert (stored["score"], stored["max_score"]) == (10, 10)


def test_a_choice_made_while_the_database_is_busy_is_saved_once_it_is_free(tmp_path):
    """A choice is a small POST of its own (the sheet sits in a form, so nothing reruns): while
    the write lock is held past its timeout the sheet says the choice is not saved yet, keeps
    trying, and stores it once the database is free."""
    from playwright.sync_api import expect

    db_path = tmp_path / "busy-choice.db"
    store, user_id = learner_database(db_path)
    with browser_page(viewport={"width": 390, "height": 844}) as page, running_app(db_path) as url:
        start_quiz(page, url)
        attempt, singles = single_questions(store, user_id)
        qid = singles[0]
        index = attempt["option_orders"][qid][0]
        with write_lock_held(store):  # e.g. a roster import holding the write lock past the timeout
            option(page, qid, COURSE.questions[qid].options[index].text).click()
            expect(page.get_by_role("status").filter(has_text="belum sampai ke server")).to_be_visible(
                timeout=30_000)
            shot(page, "drafts-04-busy-choice-390")
            assert store.drafts(attempt["id"], user_id) == {}
        expect(page.get_by_role("status").filter(has_text="belum sampai")).to_have_count(0, timeout=60_000)
        assert store.drafts(attempt["id"], user_id) == {qid: [index]}
