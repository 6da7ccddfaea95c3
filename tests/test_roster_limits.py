"""Roster files built to exhaust the server are refused before they are read, with a clear message:
a sheet reaching `XFD1048576`, zip bombs, and CSV files of tens of thousands of columns."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from modules import roster, xlsx_guard
from tests.test_roster import HEADER, SITI, csv_bytes, file_error, preview, xlsx_bytes


def with_member(data: bytes, name: str, content: bytes, level: int = 9) -> bytes:
    """The workbook `data` with member `name` replaced by `content`, deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as copy:
        for member in source.infolist():
            copy.writestr(member.filename, content if member.filename == name else source.read(member))
    return out.getvalue()


def sheet_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def test_a_cell_at_xfd1048576_is_refused_before_reading(store):
    book = Workbook()
    book.active.append(["nip", "nama"])
    book.active.append([SITI, "Siti Rahmawati"])
    book.active["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    assert len(out.getvalue()) < 10_000
    message = file_error(store, out.getvalue())
    assert "baris 1.048.576" in message and "paling banyak" in message


def test_a_far_cell_without_a_declared_dimension_is_found_too(store):
    data = xlsx_bytes([["nip", "nama"], [SITI, "Siti Rahmawati"]])
    xml = sheet_xml(data)
    xml = xml.replace(b'<dimension ref="A1:B2" />', b"")
    xml = xml.replace(b"</sheetData>", b'<row r="2000000"><c r="C2000000" t="inlineStr"><is><t>x</t></is></c></row>'
                                      b"</sheetData>")
    assert b"dimension" not in xml
    assert "baris 2.000.000" in file_error(store, with_member(data, "xl/worksheets/sheet1.xml", xml))


def test_a_declared_dimension_far_to_the_right_is_refused(store):
    data = xlsx_bytes([["nip", "nama"], [SITI, "Siti Rahmawati"]])
    xml = sheet_xml(data).replace(b'<dimension ref="A1:B2" />', b'<dimension ref="A1:XFD2"/>')
    message = file_error(store, with_member(data, "xl/worksheets/sheet1.xml", xml))
    assert "kolom ke-16.384" in message


def test_cells_without_references_are_counted_where_readers_put_them():
    row = b"<row>" + b"<c><v>1</v></c>" * 70 + b"</row>"
    assert xlsx_guard.sheet_extent(b"<sheetData>" + row * 3 + b"</sheetData>") == xlsx_guard.Extent(3, 70)
    assert xlsx_guard.sheet_extent(b'<x:row r="9"><x:c r="AB9"/></x:row>') == xlsx_guard.Extent(9, 28)
    assert xlsx_guard.sheet_extent(b'<row r="1"><c r="A' + b"9" * 5000 + b'"/></row>').rows >= 10**9


def test_a_zip_bomb_is_refused_by_its_declared_size(store):
    data = xlsx_bytes([["nip", "nama"], [SITI, "Siti Rahmawati"]])
    xml = sheet_xml(data)
    bomb = xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (100 * 1024 * 1024))
    data = with_member(data, "xl/worksheets/sheet1.xml", bomb, level=1)
    assert len(data) < 2 * 1024 * 1024
    assert "lebih dari 80 MB" in file_error(store, data)


def test_a_zip_bomb_under_the_size_limit_is_refused_by_its_ratio(store):
    data = xlsx_bytes([["nip", "nama"], [SITI, "Siti Rahmawati"]])
    bomb = sheet_xml(data).replace(b"<sheetData>", b"<sheetData>" + b" " * (30 * 1024 * 1024))
    assert "mengembang" in file_error(store, with_member(data, "xl/worksheets/sheet1.xml", bomb))


def test_a_member_that_inflates_past_its_declared_size_is_never_read_in_full(store):
    data = xlsx_bytes([["nip", "nama"], [SITI, "Siti Rahmawati"]])
    honest = with_member(data, "xl/worksheets/sheet1.xml",
                         sheet_xml(data).replace(b"<sheetData>", b"<sheetData>" + b" " * 500_000))
    archive = zipfile.ZipFile(io.BytesIO(honest))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Lie in both headers: the member claims to inflate to 1,000 bytes.
    lying = bytearray(honest)
    lying[info.header_offset + 22:info.header_offset + 26] = (1000).to_bytes(4, "little")
    central = honest.find(b"PK\x01\x02")
    while central != -1:
        name_length = int.from_bytes(honest[central + 28:central + 30], "little")
        if honest[central + 46:central + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            lying[central + 24:central + 28] = (1000).to_bytes(4, "little")
        central = honest.find(b"PK\x01\x02", central + 4)
    assert zipfile.ZipFile(io.BytesIO(bytes(lying))).getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    assert "XLSX" in file_error(store, bytes(lying))


def test_a_csv_header_of_40000_columns_is_refused_at_once(store):
    header = ";".join(f"kolom{i}" for i in range(40_000)) + ";nip;nama"
    data = csv_bytes(f"{SITI};Siti Rahmawati", header=header)
    assert len(data) > 250_000
    assert file_error(store, data).startswith("Baris 1 panjangnya 428.898 karakter; paling banyak 20.000.")


def test_a_short_header_of_too_many_columns_is_refused(store):
    header = "nip;nama;" + ";".join("k" for _ in range(100))
    assert file_error(store, csv_bytes(f"{SITI};Siti Rahmawati", header=header)).startswith(
        "Baris 1 berisi 102 kolom; roster paling banyak 60 kolom.")


def test_40000_distinct_header_names_without_a_line_limit_are_counted_in_linear_time():
    # The header check itself, past the line-length guard: a Counter, not list.count per column.
    cells = [roster.Cell(f"kolom{i}") for i in range(40_000)] + [roster.Cell("nip"), roster.Cell("nama")]
    sheet = roster.Sheet()
    roster._header(cells, 1, sheet)
    assert sheet.errors and "40002 kolom" in sheet.errors[0]


def test_a_data_row_with_thousands_of_cells_is_refused_naming_its_line(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati", f"{SITI[:-1]}2;Budi" + ";x" * 5_000)
    message = file_error(store, data)
    assert "Baris 3" in message and "5002 kolom" in message


def test_trailing_empty_cells_of_a_wide_export_are_harmless(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati" + ";" * 200, header=HEADER + ";" * 200)
    assert [p.person.nip for p in preview(store, data).plan.creates] == [SITI]


def test_one_very_long_line_is_refused_before_parsing(store):
    data = csv_bytes(f"{SITI};" + "A" * 30_000)
    assert "Baris 2 panjangnya 30.019 karakter" in file_error(store, data)


def test_a_normal_xlsx_still_reads_after_the_checks(store):
    data = xlsx_bytes([["Daftar peserta"], [], ["No", "NIP", "Nama"], [1, SITI, "Siti Rahmawati"]])
    plan = preview(store, data, "roster.xlsx").plan
    assert [p.person.nip for p in plan.creates] == [SITI] and plan.creates[0].person.line == 4
