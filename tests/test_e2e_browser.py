"""End to end in headless Chromium against a real `streamlit run`: register, sign in, study a
lesson, pass a quiz, refresh the browser and still be signed in."""

from __future__ import annotations

from modules.course import load_catalogue
from modules.store import Store
from tests.browser import needs_chromium, open_tab, settle, shot
from tests.conftest import PASSWORD, ROOT, VALID_NIP

pytestmark = needs_chromium


def test_learner_journey_survives_a_refresh(served_app, page):
    from playwright.sync_api import expect

    url, db_path = served_app
    page.goto(url)
    settle(page)
    expect(page.get_by_text("Cara masuk").first).to_be_visible()

    form = page.get_by_test_id("stForm").nth(0)
    open_tab(page, "Daftar", form.get_by_label("Nama lengkap"), role="radio")
    form.get_by_label("NIP").fill("19860926 201505 1 001")
    form.get_by_label("Nama lengkap").fill("Siti Rahmawati")
    form.get_by_label("Instansi").fill("Dinas Kominfo Provinsi Banten")
    form.get_by_label("Kabupaten/kota").fill("Kota Serang")
    form.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    form.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    form.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("sudah dibuat")).to_be_visible(timeout=15_000)

    form = page.get_by_test_id("stForm").nth(0)
    open_tab(page, "Masuk", form.get_by_label("Kata sandi"), role="radio")
    form.get_by_label("NIP").fill(VALID_NIP)
    form.get_by_label("Kata sandi").fill(PASSWORD)
    form.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=20_000)
    settle(page)
    cookie = next(c for c in page.context.cookies() if c["name"] == "kelas_sesi")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert "kode=" not in page.url
    shot(page, "e2e-01-home")

    course = load_catalogue(ROOT / "content", ROOT / "quizzes")
    lesson = course.pillar_lessons("digital-safety")[0]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Aman Bermedia Digital").click()
    settle(page)
    page.get_by_test_id("stMain").get_by_role("link", name=lesson.title).click()
    settle(page)
    expect(page.get_by_role("heading", name=lesson.title)).to_be_visible()
    page.get_by_role("button", name="Tandai selesai").click()  # at once: too soon, the server says how long
    expect(page.get_by_text("Belum bisa ditandai selesai")).to_be_visible(timeout=15_000)
    with Store(db_path).write() as conn:  # as if the lesson had been opened a while ago
        conn.execute("UPDATE lesson_progress SET opened_at = '2026-01-01T00:00:00+00:00'")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_text("sudah Anda tandai selesai")).to_be_visible(timeout=15_000)
    shot(page, "e2e-02-lesson")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Kuis").click()
    settle(page)
    page.get_by_test_id("stMain").get_by_role("link", name="Aman Bermedia Digital").click()
    settle(page)
    page.get_by_role("button", name="Mulai kuis").click()
    settle(page)
    expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible(timeout=15_000)

    store = Store(db_path)
    user_id = store.get_user_by_nip(VALID_NIP)["id"]
    attempt = store.open_attempt(user_id, "digital-safety")
    form = page.get_by_test_id("stMain")
    for qid in attempt["question_ids"]:
        question = course.questions[qid]
        group = form.locator(f'fieldset[data-question="{qid}"]')
        role = "checkbox" if question.type == "multiple" else "radio"
        for index in sorted(question.correct_indexes):
            group.get_by_role(role, name=question.options[index].text, exact=True).click()
    form.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Nilai Anda 100%")).to_be_visible(timeout=20_000)
    settle(page)
    shot(page, "e2e-03-review")

    page.reload()
    settle(page)
    expect(page.get_by_text("Nilai Anda 100%")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Cara masuk")).to_have_count(0)
    assert store.get_attempt(attempt["id"], user_id)["score"] == 10
