"""End to end in headless Chromium against a real `streamlit run`: register, sign in, study a
lesson, pass a quiz, refresh the browser and still be signed in."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from modules.course import load_catalogue
from modules.store import Store
from tests.conftest import PASSWORD, ROOT, VALID_NIP

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
SHOTS = ROOT / "artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    port = free_port()
    env = os.environ | {"KELAS_DB_PATH": str(db_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stdout.read().decode())
    yield url, db_path
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync",
                  "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def settle(page) -> None:
    """Wait as Streamlit's own e2e helpers do: connected, then the script has finished."""
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=30_000)
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=30_000)


def open_tab(page, name: str, shows) -> None:
    """Click a tab until its content shows: on a busy machine the first click can land before the
    page is interactive."""
    from playwright.sync_api import expect

    for _ in range(5):
        page.get_by_role("tab", name=name).click()
        try:
            expect(shows).to_be_visible(timeout=3_000)
            return
        except AssertionError:
            continue
    expect(shows).to_be_visible()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_learner_journey_survives_a_refresh(server, page):
    from playwright.sync_api import expect

    url, db_path = server
    page.goto(url)
    settle(page)
    expect(page.get_by_text("Cara masuk")).to_be_visible()

    form = page.get_by_test_id("stForm").nth(1)
    open_tab(page, "Daftar", form.get_by_label("Nama lengkap"))
    form.get_by_label("NIP").fill("19860926 201505 1 001")
    form.get_by_label("Nama lengkap").fill("Siti Rahmawati")
    form.get_by_label("Instansi").fill("Dinas Kominfo Provinsi Banten")
    form.get_by_label("Kabupaten/kota").fill("Kota Serang")
    form.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    form.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    form.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("sudah dibuat")).to_be_visible(timeout=15_000)

    form = page.get_by_test_id("stForm").nth(0)
    open_tab(page, "Masuk", form.get_by_label("NIP"))
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
    form = page.get_by_test_id("stForm")
    radios, boxes = form.get_by_test_id("stRadio"), form.get_by_test_id("stCheckbox")
    radio_index = 0
    for qid in attempt["question_ids"]:
        question = course.questions[qid]
        if question.type == "multiple":
            for index in question.correct_indexes:
                boxes.filter(has_text=question.options[index].text).first.click()
        else:
            index = next(iter(question.correct_indexes))
            radios.nth(radio_index).get_by_text(question.options[index].text, exact=True).click()
            radio_index += 1
    form.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Nilai Anda 100%")).to_be_visible(timeout=20_000)
    settle(page)
    shot(page, "e2e-03-review")

    page.reload()
    settle(page)
    expect(page.get_by_text("Nilai Anda 100%")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Cara masuk")).to_have_count(0)
    assert store.get_attempt(attempt["id"], user_id)["score"] == 10
