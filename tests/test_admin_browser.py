"""End to end in headless Chromium against a real `streamlit run`: an admin uploads a roster, sees
the preview, imports it and downloads the activation codes; one imported learner then activates
their account with NIP + code, chooses a password and signs in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from modules import auth
from modules.store import Store
from tests.browser import browser_page, fill_sign_in, needs_chromium, running_app, settle, shot
from tests.conftest import PASSWORD

pytestmark = needs_chromium
ADMIN_NIP = "197501012000031001"
SITI = "198609262015051001"
LEARNER_PASSWORD = "teh manis di teras rumah"
ROSTER = ("\ufeffNIP;Nama;Email;Instansi;Unit Kerja;Kabupaten/Kota;Batch;Peran\r\n"
          "'19860926 201505 1 001;Siti Rahmawati;siti@kominfo.bantenprov.go.id;Dinas Kominfo;Bidang TIK;"
          "Kota Serang;Angkatan 1;peserta\r\n"
          "19900101 201501 1 002;Budi Santoso;;BKD;;Kab. Lebak;Angkatan 1;pelatih\r\n"
          "1.98609E+17;Rudi Hartono;;Bappeda;;Kota Cilegon;Angkatan 1;\r\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("admin_e2e")
    db_path = folder / "admin.db"
    Store(db_path).create_user(nip=ADMIN_NIP, nip_kind="pns", name="Admin Provinsi", role="admin",
                               password_hash=auth.hash_password(PASSWORD))
    with running_app(db_path) as url:
        yield url, folder


@pytest.fixture
def page(server):
    with browser_page(accept_downloads=True) as page:
        yield page


def sign_in(page, nip: str, password: str) -> None:
    fill_sign_in(page, nip, password)


def test_admin_imports_a_roster_and_a_learner_activates_and_signs_in(server, page):
    from playwright.sync_api import expect

    url, folder = server
    page.goto(url)
    settle(page)
    sign_in(page, ADMIN_NIP, PASSWORD)
    expect(page.get_by_role("heading", name="Orang & batch")).to_be_visible(timeout=20_000)  # an admin's own work
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
    settle(page)
    page.get_by_test_id("stMain").get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Cara masuk").first).to_be_visible(timeout=20_000)
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
