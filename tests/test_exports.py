"""Exports: spreadsheet formulas never run, numbers stay numbers, tables read the same on screen and in files."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from modules.analytics import SUPPRESSED
from modules.exports import Column, csv_safe, display_table, to_csv, to_xlsx

COLUMNS = [Column("name", "Nama"), Column("agency", "Instansi"), Column("score", "Nilai", "count"),
           Column("rate", "Tingkat lulus", "share")]
DANGEROUS = ["=HYPERLINK(\"http://x\",\"klik\")", "+62 812", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_a_formula_is_made_inert(text):
    assert csv_safe(text) == "'" + text


def test_ordinary_values_are_untouched():
    assert csv_safe("Siti Rahmawati") == "Siti Rahmawati"
    assert csv_safe(-5) == -5 and csv_safe(0.25) == 0.25 and csv_safe(None) is None


def test_csv_writes_formulas_as_text_and_keeps_numbers():
    rows = [{"name": text, "agency": "=cmd|' /C calc'!A0", "score": -3, "rate": 0.725} for text in DANGEROUS]
    data = to_csv(rows, COLUMNS)
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == ["Nama", "Instansi", "Nilai", "Tingkat lulus"]
    for line, text in zip(table[1:], DANGEROUS, strict=True):
        assert line[0] == "'" + text and line[1].startswith("'=")
        assert line[2] == "-3" and line[3] == "72,5"  # a decimal comma, as Excel in Indonesian reads it


def test_every_csv_the_product_writes_has_one_convention():
    import datetime as dt

    from modules import admin

    issued = admin.IssuedCode("198609262015051001", "Siti", "Dinas; Kesehatan", None, "Angkatan 1", "learner",
                              "ABCD-EFGH-JK", dt.datetime(2026, 12, 7, tzinfo=dt.UTC), "siti@bantenprov.go.id")
    files = {"dashboard": to_csv([{"name": "Siti", "agency": "Dinkes", "score": 81.5, "rate": 0.5}], COLUMNS),
             "codes": admin.codes_csv([issued]),
             "table": admin.table_csv([{"nip": "1986", "alasan": "NIP salah; 17 angka"}])}
    for name, data in files.items():
        text = data.decode("utf-8")
        assert text.startswith("\ufeff") and "\r\n" in text, name
        dialect = csv.Sniffer().sniff(text.lstrip("\ufeff").splitlines()[0] + "\n")
        assert dialect.delimiter == ";", name
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
        assert len({len(row) for row in rows}) == 1, name  # a ';' inside a value stays inside its cell
    assert list(csv.reader(io.StringIO(files["dashboard"].decode("utf-8-sig")), delimiter=";"))[1][2] == "81,5"


def test_xlsx_stores_formula_text_as_string_cells():
    rows = [{"name": "=1+1", "agency": "@Dinas", "score": 7, "rate": SUPPRESSED}]
    workbook = load_workbook(io.BytesIO(to_xlsx({"Peserta": (rows, COLUMNS)})))
    sheet = workbook["Peserta"]
    name, agency, score, rate = sheet[2]
    assert (name.value, name.data_type) == ("=1+1", "s")
    assert (agency.value, agency.data_type) == ("@Dinas", "s")
    assert (score.value, score.data_type) == (7, "n")
    assert rate.value == SUPPRESSED


def test_xlsx_sheet_names_are_valid_and_unique():
    long = "Per kabupaten/kota: hasil kuis [semua angkatan]"
    workbook = load_workbook(io.BytesIO(to_xlsx({long: ([], COLUMNS), long + " ": ([], COLUMNS)})))
    names = workbook.sheetnames
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_display_table_formats_indonesian_and_never_mixes_types_in_a_column():
    rows = [{"name": "A", "agency": None, "score": 12, "rate": 0.5},
            {"name": "B", "agency": "Dinas", "score": SUPPRESSED, "rate": SUPPRESSED}]
    shown = display_table(rows, COLUMNS)
    assert shown[0] == {"Nama": "A", "Instansi": "–", "Nilai": "12", "Tingkat lulus": "50,0%"}
    assert shown[1]["Nilai"] == SUPPRESSED and shown[1]["Tingkat lulus"] == SUPPRESSED
    numbers = display_table([{"score": 3}, {"score": 4}], [Column("score", "Nilai", "count")])
    assert [row["Nilai"] for row in numbers] == [3, 4]


def test_tab_carriage_return_and_full_width_formula_starts_are_made_text_in_every_export():
    from modules import admin

    for value in ("\t=1+1", "\r=1+1", "＝HYPERLINK(\"https://evil.test\")", "＋1", "－1", "＠SUM(A1)"):
        assert csv_safe(value) == "'" + value
        written = admin.table_csv([{"nama": value}]).decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(written, newline=""), delimiter=";"))[1] == ["'" + value]
