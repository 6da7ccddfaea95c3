"""End to end in headless Chromium against a real `streamlit run`: an admin uploads a roster, sees
the preview, imports it and downloads the activation codes; one imported learner then activates
their account with NIP + code, chooses a password and signs in."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from modules import auth
from modules.store import Store
from tests.conftest import PASSWORD, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
SHOTS = ROOT / "artifacts" / "screenshots"
ADMIN_NIP = "197501012000031001"
SITI = "198609262015051001"
LEARNER_PASSWORD = "teh manis di teras rumah"
ROSTER = ("\ufeffNIP;Nama;Email;Instansi;Unit Kerja;Kabupaten/Kota;Batch;Peran\r\n"
          "'19860926 201505 1 001;Siti Rahmawati;siti@kominfo.bantenprov.go.id;Dinas Kominfo;Bidang TIK;"
          "Kota Serang;Angkatan 1;peserta\r\n"
          "19900101 201501 1 002;Budi Santoso;;BKD;;Kab. Lebak;Angkatan 1;pelatih\r\n"
          "1.98609E+17;Rudi Hartono;;Bappeda;;Kota Cilegon;Angkatan 1;\r\n")


def free_port() -> int:
    """A free port, from the range set aside for these tests when one is free."""
    for port in [*range(8621, 8630), 0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("admin_e2e")
    db_path = folder / "admin.db"
    Store(db_path).create_user(nip=ADMIN_NIP, nip_kind="pns", name="Admin Provinsi", role="admin",
                               password_hash=auth.hash_password(PASSWORD))
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
    yield url, folder
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
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        yield context.new_page()
        browser.close()


def settle(page) -> None:
    """Wait as Streamlit's own e2e helpers do: connected, then the script has finished."""
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=30_000)
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=30_000)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page, nip: str, password: str) -> None:
    form = page.get_by_test_id("stForm").nth(0)
    form.get_by_label("NIP").fill(nip)
    form.get_by_label("Kata sandi").fill(password)
    form.get_by_role("button", name="Masuk").click()


def test_admin_imports_a_roster_and_a_learner_activates_and_signs_in(server, page):
    from playwright.sync_api import expect

    url, folder = server
    page.goto(url)
    settle(page)
    sign_in(page, ADMIN_NIP, PASSWORD)
    expect(page.get_by_text("Selamat belajar, Admin")).to_be_visible(timeout=20_000)
    settle(page)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Impor peserta").click()
    settle(page)
    roster_file = folder / "roster-angkatan-1.csv"
    roster_file.write_bytes(ROSTER.encode("utf-8"))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(roster_file))
    expect(page.get_by_text("Pratinjau", exact=True)).to_be_visible(timeout=20_000)
    settle(page)
    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Baru").first).to_contain_text("2")
    expect(metrics.filter(has_text="Ditolak")).to_contain_text("1")
    shot(page, "admin-01-preview")

    page.get_by_text("Saya mengerti: 1 baris yang ditolak").click()
    settle(page)
    page.get_by_role("button", name="Impor (2 baru, 0 diubah)").click()
    expect(page.get_by_text("Impor selesai: 2 orang baru")).to_be_visible(timeout=20_000)
    settle(page)
    shot(page, "admin-02-imported")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh 2 kode aktivasi (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("kode-aktivasi-")
    codes_text = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(codes_text), delimiter=";"))
    assert [row["nama"] for row in rows] == ["Siti Rahmawati", "Budi Santoso"]
    code = next(row["kode_aktivasi"] for row in rows if row["nip"] == "19860926 201505 1 001")
    expect(page.get_by_text("2 kode aktivasi sudah diunduh")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("button", name="Unduh 2 kode aktivasi (CSV)")).to_have_count(0)
    shot(page, "admin-03-codes-downloaded")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Keluar").click()
    expect(page.get_by_text("Cara masuk")).to_be_visible(timeout=20_000)
    settle(page)

    page.get_by_role("link", name="Aktifkan akun Anda di sini").click()
    settle(page)
    expect(page.get_by_role("heading", name="Aktivasi akun")).to_be_visible()
    form = page.get_by_test_id("stForm")
    form.get_by_label("NIP").fill("19860926 201505 1 001")
    form.get_by_label("Kode aktivasi", exact=True).fill(code.lower())
    form.get_by_label("Kata sandi", exact=True).fill(LEARNER_PASSWORD)
    form.get_by_label("Ulangi kata sandi").fill(LEARNER_PASSWORD)
    form.get_by_role("button", name="Aktifkan akun").click()
    expect(page.get_by_text("Akun Siti Rahmawati sudah aktif")).to_be_visible(timeout=20_000)
    settle(page)
    shot(page, "admin-04-activated")

    page.get_by_role("link", name="Ke halaman masuk").click()
    settle(page)
    sign_in(page, SITI, LEARNER_PASSWORD)
    expect(page.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=20_000)
    settle(page)
    shot(page, "admin-05-learner-home")
    assert "kode=" not in page.url
    store = Store(folder / "admin.db")
    assert store.activation_code(store.get_user_by_nip(SITI)["id"]) is None
    assert store.audit_search(action="account_activated")[0]["target"] == SITI
