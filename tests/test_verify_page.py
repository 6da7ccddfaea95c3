"""The certificate pages: verification open to anyone (AppTest and a real browser from the QR
link), the download on Progres Saya, revocation by admins and the ZIP page for trainers."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from modules import certificates
from modules.store import Store, default_store, utcnow
from tests.browser import browser_page, needs_chromium, running_app, shot
from tests.certificate_helpers import complete_course, course_catalogue
from tests.conftest import ROOT, make_learner, sign_in_tab, use_database

SCRIPT = str(ROOT / "modules" / "navigation.py")


pytestmark = pytest.mark.both_engines  # the same pages and routes on SQLite and on PostgreSQL


@pytest.fixture
def db(database, monkeypatch) -> Store:
    use_database(monkeypatch, database)
    return default_store()


@pytest.fixture
def issued(db, now):
    return complete_course(db, course_catalogue(), make_learner(db, name="Nur'aini Siregar"), now)


def page_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title)]
    # As the reader sees them: Markdown escapes of user text (modules/safetext.py) read as the characters.
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", "\n".join(str(p) for p in parts)).replace("\u200b", "")


def open_page(page: str, user_id: int | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    if user_id is not None:  # signed in: the navigation registers the role's pages on this run
        at.run()
        sign_in_tab(at, user_id)
        at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_signed_out_visitor_checks_a_code_from_the_qr_link(issued):
    at = open_page("pages/verify.py", kode=issued.code)
    text = page_text(at)
    assert "Sertifikat SAH" in text
    assert "Nur'aini Siregar" in text and "23 November 2026" in text and "1986**********1001" in text
    assert "198609262015051001" not in text and "Diskominfo" not in text


def test_typed_codes_unknown_and_mistyped_get_clear_answers(db, issued):
    at = open_page("pages/verify.py")
    at.text_input(key="verify_code").input(certificates.new_code())
    at.button[0].click().run()
    assert "Kode tidak dikenal" in page_text(at)
    at.text_input(key="verify_code").input(issued.code[:-1] + ("A" if issued.code[-1] != "A" else "B"))
    at.button[0].click().run()
    assert "salah ketik" in page_text(at)
    at.text_input(key="verify_code").input(issued.code.lower().replace("-", " "))
    at.button[0].click().run()
    assert "Sertifikat SAH" in page_text(at)
    assert issued.code in at.query_params["kode"]  # the address bar now holds the tidy code


def test_a_garbled_link_gets_a_message_not_an_error(db):
    at = open_page("pages/verify.py", kode="X" * 500)
    assert "Itu bukan kode sertifikat" in page_text(at)


def test_revoked_certificate_says_so(db, issued):
    admin = make_learner(db, nip="197001012000031002", name="Admin")
    certificates.revoke(db, issued.code, "nilai terbukti tidak sah", admin, utcnow())
    text = page_text(open_page("pages/verify.py", kode=issued.code))
    assert "DICABUT" in text and "nilai terbukti" not in text


def test_too_many_misses_ask_the_visitor_to_wait(db, issued):
    # AppTest has no client address, so it counts in the shared anonymous bucket.
    for _ in range(certificates.MAX_ANONYMOUS_MISSES):
        certificates.verify(db, certificates.new_code(), certificates.ANONYMOUS_CLIENT, utcnow())
    text = page_text(open_page("pages/verify.py", kode=issued.code))
    assert "Mohon tunggu 15 menit" in text and "Nur'aini" not in text


def test_progress_page_offers_the_download_or_says_what_is_missing(db, issued):
    at = open_page("pages/progress.py", user_id=issued.user_id)
    assert issued.code in page_text(at)
    assert [b.label for b in at.get("download_button")] == ["Unduh sertifikat (PDF)"]
    newcomer = make_learner(db, nip="199203152019032002", name="Dewi Lestari")
    at = open_page("pages/progress.py", user_id=newcomer)
    assert "setelah semua pelajaran ditandai selesai" in page_text(at)
    assert "pelajaran lagi; lulus kuis Cakap dan Aman dan Budaya dan Etis; mengerjakan post-test" in page_text(at)
    assert not at.get("download_button")


def test_progress_page_issues_an_earned_but_missing_certificate_and_shows_a_revocation(db, issued, now):
    from modules import jp

    course = certificates.configured_catalogue()  # the course the page reads
    for lesson_id in course.lessons:
        db.mark_lesson_done(issued.user_id, lesson_id, now)
    with db.write() as conn:  # earned before issuing existed: no certificate row yet
        conn.execute("DELETE FROM certificates WHERE user_id = ?", (issued.user_id,))
    at = open_page("pages/progress.py", user_id=issued.user_id)
    certificate = certificates.Certificate.from_row(db.certificate_for_user(issued.user_id))
    assert certificate.code in page_text(at) and certificate.snapshot["jp"] == jp.course_jp(course)
    admin = db.create_user(nip="197001012000031002", nip_kind="pns", name="Admin", role="admin")
    assert certificates.revoke(db, certificate.code, "Kuis terbukti dikerjakan orang lain", admin, now) is None
    at.run()  # the next rerun of the same tab
    assert "dicabut" in page_text(at) and not at.get("download_button")


def test_admin_revokes_with_a_reason_and_learners_are_refused(db, issued):
    admin = db.create_user(nip="197001012000031002", nip_kind="pns", name="Admin", role="admin")
    at = open_page("pages/admin_certificates.py", user_id=admin)
    assert issued.code in str(at.dataframe[0].value)
    at.text_input(key="revoke_code").input(issued.code)
    at.text_area(key="revoke_reason").input("pendek")
    at.checkbox(key="revoke_sure").check()
    at.button[0].click().run()
    assert "minimal 10 karakter" in page_text(at)
    assert db.certificate_by_code(issued.code)["revoked_at"] is None
    at.text_area(key="revoke_reason").input("Kuis terbukti dikerjakan orang lain")
    at.button[0].click().run()
    assert "telah dicabut" in page_text(at)
    assert db.audit_entries("certificate_revoked")[0]["actor_id"] == admin

    refused = open_page("pages/admin_certificates.py", user_id=issued.user_id)
    assert "Halaman ini bukan untuk peran Anda" in page_text(refused)
    assert not refused.get("dataframe")


def test_trainer_page_lists_only_the_trainers_batches(db, issued):
    with db.write() as conn:
        mine = conn.execute("INSERT INTO batches (name) VALUES ('Angkatan Serang') RETURNING id").fetchone()[0]
        conn.execute("INSERT INTO batches (name) VALUES ('Angkatan Lain')")
        conn.execute("UPDATE users SET batch_id = ? WHERE id = ?", (mine, issued.user_id))
    trainer = db.create_user(nip="197501012000031003", nip_kind="pns", name="Pelatih", role="trainer")
    with db.write() as conn:
        conn.execute("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?)", (mine, trainer))
    at = open_page("pages/trainer_certificates.py", user_id=trainer)
    options = at.selectbox(key="cert_batch").options
    assert options == ["Semua angkatan saya (1 sertifikat)", "Angkatan Serang (1 sertifikat)"]
    assert [b.label for b in at.get("download_button")] == ["Unduh JP (CSV)", "Unduh JP (XLSX)"]
    # The ZIP is prepared first, with a progress bar that counts the certificates, then downloaded.
    next(b for b in at.button if b.label == "Siapkan ZIP (1 sertifikat)").click().run()
    assert "1 sertifikat siap" in str(at.get("progress")[0].proto)
    assert next(b.label for b in at.get("download_button")) == "Unduh ZIP"
    archive = zipfile.ZipFile(io.BytesIO(at.session_state["certificates_zip"][1]))
    assert len(archive.namelist()) == 1 and archive.namelist()[0].endswith(".pdf")
    refused = open_page("pages/trainer_certificates.py", user_id=issued.user_id)
    assert "Halaman ini bukan untuk peran Anda" in page_text(refused)
    assert not refused.get("download_button") and "cert_batch" not in [s.key for s in refused.selectbox]


# ---------------------------------------------------------------- a real browser, signed out

@needs_chromium
def test_qr_link_opens_the_verification_without_signing_in(tmp_path):
    from playwright.sync_api import expect

    db_path = tmp_path / "browser.db"
    store = Store(db_path)
    issued = complete_course(store, course_catalogue(), make_learner(store, name="Nur'aini Siregar"),
                             dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC))
    with running_app(db_path) as url, browser_page(viewport={"width": 1100, "height": 900}) as page:
        page.goto(f"{url}/verifikasi?kode={issued.code}")
        expect(page.get_by_text("Sertifikat SAH")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("1986**********1001")).to_be_visible()
        expect(page.get_by_text("Cara masuk")).to_have_count(0)  # not sent to the sign-in screen
        # The first visitor after a server start deep-links without a false "Page not found".
        expect(page.get_by_text("Page not found")).to_have_count(0)
        shot(page, "verify-valid")
