"""The admin pages and the activation page, driven with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from modules import auth
from modules.store import default_store
from tests.conftest import PASSWORD, ROOT, VALID_NIP, sign_in_tab, use_database

SCRIPT = str(ROOT / "modules" / "navigation.py")
ADMIN_NIP = "197501012000031001"
BUDI = "199001012015011002"
ADMIN_PAGES = ("pages/admin_roster.py", "pages/admin_people.py", "pages/admin_audit.py")
ROSTER = (f"nip;nama;email;instansi;unit_kerja;kabupaten_kota;batch;peran\n"
          f"{VALID_NIP};Siti Rahmawati;;Diskominfo;;Kota Serang;Angkatan 1;\n"
          f"{BUDI};Budi Santoso;;BKD;;Kab. Lebak;Angkatan 1;pelatih\n").encode()


pytestmark = pytest.mark.both_engines  # the same pages and routes on SQLite and on PostgreSQL


@pytest.fixture
def db(database, monkeypatch):
    use_database(monkeypatch, database)
    return default_store()


def app_as(db, nip: str, role: str, page: str | None = None) -> AppTest:
    user = db.get_user_by_nip(nip) or db.get_user(db.create_user(
        nip=nip, nip_kind="pns", name=f"{role.title()} Uji", role=role, password_hash=auth.hash_password(PASSWORD)))
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    sign_in_tab(at, user["id"])
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title,
                               *at.caption)]
    # As the reader sees them: Markdown escapes of user text (modules/safetext.py) read as the characters.
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", "\n".join(str(p) for p in parts)).replace("\u200b", "")


def upload(at: AppTest, data: bytes, name: str = "roster.csv") -> None:
    at.file_uploader(key="roster_file_0").set_value((name, data, "text/csv"))
    at.run()


def button(at: AppTest, label_start: str):
    return next(b for b in at.button if b.label.startswith(label_start))


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_a_learner_who_types_an_admin_url_is_refused(db, page):
    at = app_as(db, VALID_NIP, "learner")
    at.switch_page(page).run()
    assert [e.value for e in at.error] == ["Halaman ini bukan untuk peran Anda. Jika Anda memerlukannya, hubungi admin."]
    assert not at.file_uploader and not at.dataframe
    assert not at.exception


def test_roster_upload_preview_import_and_one_time_codes(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, ROSTER)
    assert {m.label: m.value for m in at.metric} == {"Baru": "2", "Diubah": "0", "Tetap": "0", "Ditolak": "0",
                                                      "Batch baru": "1"}
    assert db.get_user_by_nip(VALID_NIP) is None  # the preview wrote nothing
    button(at, "Impor (2 baru, 0 diubah)").click()
    at.run()
    assert db.get_user_by_nip(VALID_NIP)["name"] == "Siti Rahmawati"
    assert "Impor selesai: 2 orang baru, 0 diperbarui, 1 batch baru." in texts(at)
    pending = at.session_state["admin_pending_codes"]
    lines = pending["csv"].decode("utf-8-sig").splitlines()
    assert lines[0].startswith("nip;nama;") and len(lines) == 3
    assert [b.label for b in at.download_button if b.label.startswith("Unduh 2 kode")]
    # The codes are the one thing on the page now: no preview below them, no uploader.
    assert not at.metric and not at.get("file_uploader")
    assert "Tidak ada yang perlu diimpor" not in texts(at)

    next(b for b in at.download_button if b.label.startswith("Unduh 2 kode")).click()
    at.run()
    assert "admin_pending_codes" not in at.session_state
    assert "2 kode aktivasi sudah diunduh" in texts(at)
    # The uploader is empty again; the roster named Budi as the batch's trainer, so nothing asks for one.
    assert not at.metric
    assert "Angkatan tanpa pelatih" not in texts(at)
    downloaded = db.audit_search(action="codes_downloaded")[0]
    assert downloaded["actor_nip"] == ADMIN_NIP and downloaded["detail"] == "2"
    assert not [b for b in at.download_button if b.label.startswith("Unduh 2 kode")]
    assert not at.exception


def test_a_batch_the_import_made_without_a_trainer_asks_for_one(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, ROSTER.replace(b";pelatih\n", b";\n"))  # Budi becomes a learner: nobody trains Angkatan 1
    button(at, "Impor (2 baru, 0 diubah)").click()
    at.run()
    next(b for b in at.download_button if b.label.startswith("Unduh 2 kode")).click()
    at.run()
    assert "Angkatan tanpa pelatih: Angkatan 1" in texts(at)
    assert any("Tetapkan pelatih" in str(link.proto) for link in at.get("page_link"))


def test_refused_rows_must_be_acknowledged_before_importing(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, ROSTER + b"1.98609E+17;Rudi;;;;;;\n")
    assert {m.label: m.value for m in at.metric}["Ditolak"] == "1"
    line = re.sub(r"\\(.)", r"\1", next(m.value for m in at.markdown if "**Baris 4**" in m.value))
    assert "NIP 1.98609E+17 · Rudi: NIP tertulis sebagai 1.98609E+17" in line and "Format kolom NIP sebagai Teks" in line
    assert [b for b in at.download_button if b.label == "Unduh daftar baris yang ditolak (CSV)"]
    assert button(at, "Impor").disabled
    at.checkbox(key="roster_accept").check()
    at.run()
    assert not button(at, "Impor").disabled
    button(at, "Impor").click()
    at.run()
    assert db.get_user_by_nip(BUDI)["role"] == "trainer"


def test_a_broken_file_shows_why_and_offers_no_import(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, b"nama;instansi\nSiti;Diskominfo\n")
    assert "Kolom wajib tidak ditemukan: nip." in texts(at)
    assert not [b for b in at.button if b.label.startswith("Impor")]
    assert db.find_people(role="learner") == []


def test_people_page_batches_trainers_deactivation_and_reset(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, ROSTER)
    button(at, "Impor").click()
    at.run()
    at.switch_page("pages/admin_people.py").run()
    assert not at.exception
    batches = at.dataframe[0].value
    assert list(batches["Batch"]) == ["Angkatan 1"] and list(batches["Pelatih"]) == ["Budi Santoso"]

    # A new batch with dates.
    at.text_input(key=next(w.key for w in at.text_input if w.label == "Batch")).input("Angkatan 2")
    at.date_input[0].set_value(dt.date(2026, 3, 2))
    at.date_input[1].set_value(dt.date(2026, 4, 24))
    next(b for b in at.button if b.label == "Simpan batch").click()
    at.run()
    assert "Batch Angkatan 2 disimpan." in texts(at)
    assert [(b["name"], b["starts_on"]) for b in db.batches()] == [("Angkatan 2", "2026-03-02"), ("Angkatan 1", None)]

    # Siti: deactivate, then a new activation code shown once.
    at.text_input(key="people_search").input("Siti")
    at.run()
    siti = db.get_user_by_nip(VALID_NIP)
    button(at, "Nonaktifkan").click()
    at.run()
    # Destructive actions ask first; "Batal" leaves everything as it was.
    assert "Nonaktifkan **Siti Rahmawati**?" in texts(at) and db.get_user(siti["id"])["active"] == 1
    button(at, "Batal").click()
    at.run()
    assert "Nonaktifkan **Siti Rahmawati**?" not in texts(at) and db.get_user(siti["id"])["active"] == 1
    button(at, "Nonaktifkan").click()
    at.run()
    button(at, "Ya, lanjutkan").click()
    at.run()
    assert "Siti Rahmawati dinonaktifkan." in texts(at) and db.get_user(siti["id"])["active"] == 0
    button(at, "Atur ulang akses").click()
    at.run()
    assert not at.code and db.audit_search(action="access_reset") == []
    button(at, "Ya, lanjutkan").click()
    at.run()
    assert at.code and len(at.code[0].value) == 12
    assert "Kode aktivasi baru untuk **Siti Rahmawati**" in texts(at)
    assert db.audit_search(action="access_reset")[0]["target"] == VALID_NIP


def test_people_page_changes_a_role_and_sets_a_manager_scope(db):
    db.create_user(nip=BUDI, nip_kind="pns", name="Budi Santoso", role="learner", region="Kab. Lebak")
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_people.py")
    at.text_input(key="people_search").input("Budi")
    at.run()
    budi = db.get_user_by_nip(BUDI)
    at.selectbox(key=f"role_{budi['id']}").set_value("manager")
    at.run()
    button(at, "Ubah peran").click()
    at.run()
    assert db.get_user(budi["id"])["role"] == "manager"
    at.radio(key=f"scope_kind_{budi['id']}").set_value("region")
    at.run()
    at.multiselect(key=f"scope_values_{budi['id']}_region").set_value(["Kab. Lebak"])
    button(at, "Simpan cakupan").click()
    at.run()
    assert db.manager_scopes(budi["id"]) == [("region", "Kab. Lebak")]
    assert not at.exception


def test_an_admin_cannot_act_on_their_own_account(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_people.py")
    assert "Ini akun Anda sendiri" in texts(at)
    assert button(at, "Nonaktifkan").disabled and button(at, "Atur ulang akses").disabled


def test_audit_page_shows_and_filters_the_log(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, ROSTER)
    button(at, "Impor").click()
    at.run()
    at.switch_page("pages/admin_audit.py").run()
    table = at.dataframe[0].value
    assert "impor peserta (roster_imported)" in list(table["Tindakan"])
    assert any("Admin Uji" in actor for actor in table["Pelaku"])
    at.selectbox(key="audit_action").set_value("roster_imported")
    at.run()
    table = at.dataframe[0].value
    assert list(table["Tindakan"]) == ["impor peserta (roster_imported)"] and list(table["Sasaran"]) == ["roster.csv"]
    at.date_input(key="audit_dates").set_value((dt.date(2020, 1, 1), dt.date(2020, 1, 2)))
    at.run()
    assert "Tidak ada catatan untuk saringan ini." in texts(at)
    assert not at.exception


def test_activation_page_is_reachable_signed_out_and_activates(db):
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.run()
    assert any(link.label.startswith("Didaftarkan oleh admin") for link in at.get("page_link"))
    from modules import admin

    result = admin.import_roster(db, admin.preview_roster(db, ROSTER, "t.csv"), actor_id=None)
    code = next(c.code for c in result.codes if c.nip == VALID_NIP)
    at.switch_page("pages/activate.py").run()
    at.text_input(key="activate_nip").input("19860926 201505 1 001")
    at.text_input(key="activate_code").input("AAAA-BBBB-CC")
    at.text_input(key="activate_password").input(PASSWORD)
    at.text_input(key="activate_password_again").input(PASSWORD)
    at.button[0].click()
    at.run()
    assert "NIP atau kode aktivasi salah" in texts(at)
    at.text_input(key="activate_code").input(code.lower())
    at.button[0].click()
    at.run()
    assert "Akun Siti Rahmawati sudah aktif." in texts(at)
    assert auth.verify_password(db.get_user_by_nip(VALID_NIP)["password_hash"], PASSWORD)
    assert not at.exception


def test_many_refusals_are_listed_in_full_for_the_first_twenty_and_tabled_for_all(db):
    at = app_as(db, ADMIN_NIP, "admin", "pages/admin_roster.py")
    upload(at, ROSTER + "".join(f"{i}.98609E+17;Orang {i};;;;;;\n" for i in range(1, 26)).encode())
    assert sum(m.value.startswith("- **Baris") for m in at.markdown) == 1
    assert at.markdown[[m.value.startswith("- **Baris") for m in at.markdown].index(True)].value.count("**Baris") == 20
    table = at.dataframe[0].value
    assert len(table) == 25 and list(table["Baris"])[:2] == [4, 5]
