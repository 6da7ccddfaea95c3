"""Certificates an institution can stand behind: a revoked one can be issued again once the mistake
is fixed (the old code stays revoked), none is issued in production with a loopback QR address, and
the issuer and signatory configured at issue are printed."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from modules import certificate_pdf, certificates
from modules.certificates import Certificate, loopback_address, verify
from tests.certificate_helpers import complete_course, course_catalogue
from tests.conftest import make_learner

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


@pytest.fixture
def course():
    return course_catalogue()


@pytest.fixture
def revoked(store, course, now):
    user_id = make_learner(store, name="Siti Rahmawaty")  # a typo in the name, found after issue
    certificate = complete_course(store, course, user_id, now)
    assert certificates.revoke(store, certificate.code, "Nama salah tulis di data peserta", 1, now) is None
    return user_id, certificate


def test_a_revoked_certificate_is_issued_again_with_a_new_code(store, course, now, revoked):
    user_id, old = revoked
    store.db.execute("UPDATE users SET name = 'Siti Rahmawati' WHERE id = ?", (user_id,))
    assert certificates.reissue(store, old.code, 1, now + dt.timedelta(days=1), course) is None
    new = Certificate.from_row(store.certificate_for_user(user_id))
    assert new.code != old.code and not new.revoked and new.snapshot["name"] == "Siti Rahmawati"
    assert verify(store, old.code, "client", now).status == "revoked"  # the old code still says so
    assert verify(store, new.code, "client", now).status == "valid"
    assert store.db.execute("SELECT count(*) FROM certificates WHERE user_id = ?", (user_id,)).fetchone()[0] == 1
    assert "certificate_reissued" in {e["action"] for e in store.audit_entries(limit=20)}


def test_only_a_revoked_certificate_not_yet_replaced_can_be_issued_again(store, course, now, revoked):
    user_id, old = revoked
    assert certificates.reissue(store, old.code, 1, now, course) is None
    assert certificates.reissue(store, old.code, 1, now, course) == "cert.reissue.not_revoked"
    current = store.certificate_for_user(user_id)["code"]
    assert certificates.reissue(store, current, 1, now, course) == "cert.reissue.not_revoked"  # valid: no


def test_production_holds_certificates_while_the_address_is_loopback(store, course, now, monkeypatch):
    monkeypatch.setenv("KELAS_PRODUCTION", "1")
    monkeypatch.setenv("KELAS_BASE_URL", "http://127.0.0.1:8501")
    user_id = make_learner(store)
    with pytest.raises(TypeError):  # the helper finds no certificate to read
        complete_course(store, course, user_id, now)
    assert store.certificate_for_user(user_id) is None
    monkeypatch.setenv("KELAS_BASE_URL", "https://kelas.bpsdm.bantenprov.go.id")
    history = store.submitted_attempts(user_id)
    issued = certificates.issue_if_earned(store, user_id, jp=5, now=now, history=history, catalogue=course)
    assert issued is not None  # earned all along: issued as soon as the address is real


@pytest.mark.parametrize("url, loopback", [("http://localhost:8501", True), ("http://127.0.0.1", True),
                                           ("http://[::1]:8501", True), ("http://0.0.0.0:8501", True),
                                           ("https://kelas.bantenprov.go.id", False), ("http://10.1.2.3", False)])
def test_loopback_addresses_are_recognised(url, loopback):
    assert loopback_address(url) is loopback


def test_the_issuer_and_signatory_are_printed_and_kept_in_the_snapshot(store, course, now, monkeypatch):
    monkeypatch.setenv("KELAS_PENYELENGGARA", "BPSDM Provinsi Banten")
    monkeypatch.setenv("KELAS_PEJABAT_NAMA", "Dr. Hj. Nurul Aini, M.Si.")
    monkeypatch.setenv("KELAS_PEJABAT_NIP", "197001012000032001")
    monkeypatch.setenv("KELAS_PEJABAT_JABATAN", "Kepala BPSDM Provinsi Banten")
    monkeypatch.setenv("KELAS_TEMPAT_LAPORAN", "Serang")
    certificate = complete_course(store, course, make_learner(store), now)
    assert certificate.snapshot["issuer"]["official_name"] == "Dr. Hj. Nurul Aini, M.Si."
    monkeypatch.setenv("KELAS_PEJABAT_NAMA", "Someone Else")  # a later change does not alter an issued one
    pdf = certificate_pdf.render(Certificate.from_row(store.certificate_by_code(certificate.code)),
                                 "https://kelas.test")
    import io

    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("Diselenggarakan oleh BPSDM Provinsi Banten", "Dr. Hj. Nurul Aini, M.Si.",
                     "NIP 19700101 200003 2 001", "Kepala BPSDM Provinsi Banten", "Serang,", "TTE"):
        assert expected in text, expected
    assert "Someone Else" not in text
