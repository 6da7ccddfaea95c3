"""The certificate PDF: it opens, it is A4 landscape, its text has the name, NIP, scores and code,
its fonts are embedded, it is the same every time, and batches come as a ZIP of such PDFs."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from pypdf import PdfReader

from modules import certificate_pdf, certificates
from modules.certificates import Certificate
from modules.course import PILLARS

BASE_URL = "https://kelas.example.go.id"


def certificate(name: str = "Nur'aini Siregar", code: str | None = None) -> Certificate:
    return Certificate(code or certificates.new_code(), 7, "2026-11-23T03:04:00+00:00", {
        "version": 1, "course": "Kelas Literasi Digital ASN", "name": name, "nip": "198609262015051001",
        "scores": dict(zip(PILLARS, (90, 100, 80, 70), strict=True)), "jp": 20,
        "completed_at": "2026-11-23T03:04:00+00:00"}, None, None)


def text_of(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_is_one_a4_landscape_page_with_the_certificate_text():
    cert = certificate()
    reader, text = text_of(certificate_pdf.render(cert, BASE_URL))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape in points
    for expected in ("SERTIFIKAT", "Nur'aini Siregar", "NIP 19860926 201505 1 001", "KELAS LITERASI DIGITAL ASN",
                     "Cakap Bermedia Digital", "Etis Bermedia Digital", "100", "20 JP",
                     "Diselesaikan pada 23 November 2026", cert.code, f"{BASE_URL}/verifikasi"):
        assert expected in text, expected
    assert reader.metadata.title == "Sertifikat Kelas Literasi Digital ASN – Nur'aini Siregar"


@pytest.mark.parametrize("name", ["Théresia Ñoman Çelik-Ağaoğlu", "I Gusti Ayu Ngurah Dewi Ratnasari Putri, S.Kom."])
def test_names_print_as_written_with_embedded_fonts(name):
    reader, text = text_of(certificate_pdf.render(certificate(name), BASE_URL))
    assert name in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor, font  # the glyphs travel with the file


def test_a_very_long_name_still_fits_on_one_line():
    name = "Prof. Dr. Ir. Raden Ajeng Siti Nurhaliza Kusumawardhani Purbasari, S.T., M.Sc., Ph.D."
    _, text = text_of(certificate_pdf.render(certificate(name), BASE_URL))
    assert name in text.splitlines()


def test_same_certificate_gives_the_same_bytes():
    cert = certificate()
    assert certificate_pdf.render(cert, BASE_URL) == certificate_pdf.render(cert, BASE_URL)
    assert certificate_pdf.render(cert, BASE_URL) != certificate_pdf.render(certificate(code=cert.code, name="Lain"),
                                                                             BASE_URL)


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="poppler-utils and zbar-tools are not installed")
def test_qr_code_opens_the_verification_page(tmp_path):
    cert = certificate()
    (tmp_path / "c.pdf").write_bytes(certificate_pdf.render(cert, BASE_URL))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", tmp_path / "c.pdf", tmp_path / "c"], check=True)
    scanned = subprocess.run(["zbarimg", "-q", "--raw", tmp_path / "c.png"], capture_output=True, text=True)
    assert scanned.stdout.strip() == f"{BASE_URL}/verifikasi?kode={cert.code}"


def test_zip_holds_one_pdf_per_certificate_and_processes_draw_the_same(monkeypatch):
    entries = [(f"Angkatan-1/{certificates.file_name(c)}", c)
               for c in (certificate("Nur'aini Siregar"), certificate("Budi Santoso"), certificate("Putu Ayu"))]
    serial = certificate_pdf.zip_certificates(entries, BASE_URL, workers=1)
    archive = zipfile.ZipFile(io.BytesIO(serial))
    assert archive.namelist() == [path for path, _ in entries]
    for (path, cert), name in zip(entries, ("Nur'aini Siregar", "Budi Santoso", "Putu Ayu"), strict=True):
        _, text = text_of(archive.read(path))
        assert name in text and cert.code in text
    monkeypatch.setattr(certificate_pdf, "PARALLEL_FROM", 2)
    assert certificate_pdf.zip_certificates(entries, BASE_URL, workers=2) == serial


def test_zip_workers_do_not_rerun_the_page_script(monkeypatch, tmp_path):
    # Inside a Streamlit script run, __main__ is the page script; a spawned worker must not run it again.
    import sys
    import types

    ran = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"import pathlib\npathlib.Path({str(ran)!r}).write_text('ran')\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__, page.__spec__ = str(script), None
    monkeypatch.setitem(sys.modules, "__main__", page)
    monkeypatch.setattr(certificate_pdf, "PARALLEL_FROM", 2)
    entries = [(f"a/{certificates.file_name(c)}", c) for c in (certificate("Ani Lestari"), certificate("Budi"))]
    assert zipfile.ZipFile(io.BytesIO(certificate_pdf.zip_certificates(entries, BASE_URL, workers=2))).namelist()
    assert not ran.exists() and sys.modules["__main__"] is page
