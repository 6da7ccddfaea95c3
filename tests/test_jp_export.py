"""JP records for SIASN: who is in them (valid certificates only), their columns, dates and files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from modules import analytics, certificates, jp_export
from modules.cli import main
from modules.jp import course_jp
from modules.organiser import load_organiser
from modules.store import Store
from tests.certificate_helpers import complete_course, course_catalogue, take

BASE_URL = "https://kelas.example.go.id"
# 23 November 2026 03:00 UTC is 10:00 WIB: the completion day is the 23rd in both zones.
SIASN_COLUMNS = ["nip", "nama", "instansiId", "institusiPenyelenggara", "jenisDiklatId", "jenisKursus",
                 "jenisKursusSertipikat", "jumlahJam", "lokasiId", "namaKursus", "nomorSertipikat", "pnsOrangId",
                 "tahunKursus", "tanggalKursus", "tanggalSelesaiKursus", "urlVerifikasi"]


def _user(store: Store, nip: str, name: str, role: str = "learner", batch_id: int | None = None) -> dict:
    return store.get_user(store.create_user(nip=nip, nip_kind="pns", name=name, role=role, batch_id=batch_id))


@pytest.fixture
def batch(store, now):
    """Batch 1 (trainer A): two graduates, one revoked, one still studying; batch 2: one graduate."""
    course = course_catalogue()
    admin = _user(store, "197001012000031002", "Admin", "admin")
    first = store.save_batch(batch_id=None, name="Angkatan 1", starts_on="2026-11-02", ends_on="2026-11-27",
                             actor_id=admin["id"])
    second = store.save_batch(batch_id=None, name="Angkatan 2", starts_on=None, ends_on=None, actor_id=admin["id"])
    trainer = _user(store, "197501012000031003", "Pelatih A", "trainer")
    store.set_batch_trainers(first, [trainer["id"]], admin["id"])
    ani = _user(store, "199001012020012001", "Ani Suryani", batch_id=first)
    budi = _user(store, "199001012020011002", "=Budi", batch_id=first)  # a name that looks like a formula
    cici = _user(store, "199001012020012003", "Cici Revoked", batch_id=first)
    dedi = _user(store, "199001012020011004", "Dedi Studying", batch_id=first)
    eka = _user(store, "199001012020012005", "Eka Lain", batch_id=second)
    codes = {u["id"]: complete_course(store, course, u["id"], now).code for u in (ani, budi, cici, eka)}
    take(store, course, dedi["id"], "digital-skills", now)
    certificates.revoke(store, codes[cici["id"]], "dicabut untuk pengujian", admin["id"], now)
    return {"admin": admin, "trainer": trainer, "first": first, "second": second, "codes": codes,
            "ani": ani, "budi": budi, "cici": cici, "eka": eka}


def test_one_row_per_valid_certificate_with_siasn_fields(store, batch, monkeypatch):
    monkeypatch.setenv("KELAS_PENYELENGGARA", "BPSDM Provinsi Banten")
    monkeypatch.setenv("KELAS_SIASN_INSTANSI_ID", "A5EB03E23BF9F6A0E040640A040252AD")
    monkeypatch.delenv("KELAS_SIASN_JENIS_DIKLAT_ID", raising=False)
    rows = jp_export.jp_rows(store, batch["trainer"], [batch["first"]], load_organiser(), BASE_URL)

    assert [r["nip"] for r in rows] == ["199001012020011002", "199001012020012001"]  # by NIP; revoked left out
    assert all(list(r) == SIASN_COLUMNS for r in rows)
    ani = rows[1]
    assert ani["nama"] == "Ani Suryani"
    assert ani["nomorSertipikat"] == batch["codes"][batch["ani"]["id"]]
    assert ani["urlVerifikasi"] == f"{BASE_URL}/verifikasi?kode={ani['nomorSertipikat']}"
    assert ani["jumlahJam"] == course_jp(course_catalogue()) and ani["namaKursus"] == "Kelas Literasi Digital ASN"
    assert (ani["tanggalKursus"], ani["tanggalSelesaiKursus"], ani["tahunKursus"]) == ("02-11-2026", "23-11-2026", 2026)
    assert ani["institusiPenyelenggara"] == "BPSDM Provinsi Banten"
    assert ani["instansiId"] == "A5EB03E23BF9F6A0E040640A040252AD"
    # What only SIASN or the agency knows stays empty rather than guessed.
    assert ani["jenisDiklatId"] == "" and ani["pnsOrangId"] == "" and ani["lokasiId"] == ""


def test_batches_outside_the_viewers_reach_are_refused(store, batch):
    with pytest.raises(PermissionError):
        jp_export.jp_rows(store, batch["trainer"], [batch["first"], batch["second"]], load_organiser(), BASE_URL)
    manager = _user(store, "197801012000031004", "Manajer", "manager")
    store.set_manager_scopes(manager["id"], [("all", "")], batch["admin"]["id"])
    with pytest.raises(PermissionError):  # managers see aggregates only, never a list of names
        jp_export.jp_rows(store, manager, [batch["first"]], load_organiser(), BASE_URL)
    assert analytics.graduates(store, manager) == []
    both = jp_export.jp_rows(store, batch["admin"], [batch["first"], batch["second"]], load_organiser(), BASE_URL)
    assert len(both) == 3
    assert [r["tanggalKursus"] for r in both if r["nama"] == "Eka Lain"] == [""]  # batch without a start date


def test_csv_uses_semicolons_a_bom_and_inert_formulas(store, batch):
    rows = jp_export.jp_rows(store, batch["admin"], [batch["first"]], load_organiser(), BASE_URL)
    data = jp_export.render(rows, "csv")
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == SIASN_COLUMNS
    assert [line[1] for line in table[1:]] == ["'=Budi", "Ani Suryani"]
    assert table[2][0] == "199001012020012001"  # all 18 digits, as text
    assert jp_export._cell(20.5) == "20,5"  # decimals with a comma, as Indonesian Excel reads them


def test_xlsx_and_json_hold_the_same_rows(store, batch):
    rows = jp_export.jp_rows(store, batch["admin"], [batch["first"]], load_organiser(), BASE_URL)
    sheet = load_workbook(io.BytesIO(jp_export.render(rows, "xlsx"))).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == SIASN_COLUMNS
    assert values[2][0] == "199001012020012001" and sheet.cell(3, 1).data_type == "s"
    assert sheet.cell(2, 2).value == "=Budi" and sheet.cell(2, 2).data_type == "s"  # stored as text, never run
    assert json.loads(jp_export.render(rows, "json")) == rows


def test_command_writes_a_file_once_and_names_unknown_batches(store, batch, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KELAS_DB_PATH", str(store.path))
    monkeypatch.setenv("KELAS_BASE_URL", BASE_URL)
    out = tmp_path / "jp.csv"
    assert main(["export-jp", "--batch", "Angkatan 1", "--output", str(out)]) == 0
    assert "2 baris JP ditulis" in capsys.readouterr().err
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 3 and lines[0].startswith("nip;nama;instansiId;")
    assert main(["export-jp", "--batch", "Angkatan 1", "--output", str(out)]) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert main(["export-jp", "--batch", "Angkatan 9"]) == 2
    assert "Angkatan tidak dikenal: Angkatan 9" in capsys.readouterr().err
    assert main(["export-jp", "--batch", str(batch["second"]), "--format", "json"]) == 0
    assert [r["nama"] for r in json.loads(capsys.readouterr().out)] == ["Eka Lain"]


def test_siasn_dates_are_day_month_year():
    assert jp_export.siasn_date(dt.date(2026, 1, 5)) == "05-01-2026"
    assert jp_export.siasn_date(None) == ""
