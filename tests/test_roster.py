"""Roster import: files as Indonesian offices really send them, every way they go wrong (each with
its message, and the database unchanged), the preview, and the all-or-nothing import."""

from __future__ import annotations

import codecs
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from modules import admin, roster
from modules.cli import main
from modules.db import INTEGRITY_ERRORS
from modules.store import Store

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

HEADER = "nip;nama;email;instansi;unit_kerja;kabupaten_kota;batch;peran"
SITI = "198609262015051001"
BUDI = "199001012015011002"
RINA = "199203152019032001"


def nip(i: int) -> str:
    """The i-th of many valid, distinct NIPs."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=i // 999)
    return f"{birth:%Y%m%d}200501{1 + i % 2}{i % 999 + 1:03d}"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *rows]).encode(encoding)


def fingerprint(store: Store) -> dict[str, list]:
    """Everything an import could touch."""
    conn = store.db
    return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("users", "batches", "batch_trainers", "activation_codes", "audit_log")}


def preview(store: Store, data: bytes, name: str = "roster.csv") -> admin.Preview:
    return admin.preview_roster(store, data, name, today=dt.date(2026, 11, 23))


def refused_once(store: Store, data: bytes) -> str:
    """The reasons of the file's single refused row; asserts that trying to import changes nothing."""
    before = fingerprint(store)
    plan = preview(store, data).plan
    assert len(plan.refusals) == 1, plan.refusals
    result = admin.import_roster(store, preview(store, data), actor_id=None)
    assert result.errors and fingerprint(store) == before
    return " ".join(plan.refusals[0].reasons)


def file_error(store: Store, data: bytes) -> str:
    """The file-level error; asserts that importing is impossible and changes nothing."""
    before = fingerprint(store)
    result = preview(store, data)
    assert result.plan.errors and not result.plan.creates
    assert admin.import_roster(store, result, actor_id=None, accept_refusals=True).errors
    assert fingerprint(store) == before
    return " ".join(result.plan.errors)


def xlsx_bytes(rows: list[list], sheets: int = 1) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    for row in rows:
        sheet.append(row)
    for n in range(1, sheets):
        book.create_sheet(f"Lembar{n + 1}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- what offices send, accepted

def test_clean_roster_previews_then_imports_people_with_hashed_codes(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati;siti@kominfo.go.id;Diskominfo;Bidang TIK;Kota Serang;Angkatan 1;peserta",
                     f"{BUDI};Budi Santoso;;BKD;;Kab. Lebak;Angkatan 1;")
    result = preview(store, data)
    assert [p.person.nip for p in result.plan.creates] == [SITI, BUDI]
    assert result.plan.new_batches == ["Angkatan 1"]
    assert fingerprint(store)["users"] == []  # a preview writes nothing

    imported = admin.import_roster(store, result, actor_id=None)
    assert (imported.created, imported.updated, imported.batches, imported.errors) == (2, 0, 1, [])
    siti = store.get_user_by_nip(SITI)
    assert (siti["name"], siti["email"], siti["agency"], siti["unit"], siti["region"], siti["role"]) == (
        "Siti Rahmawati", "siti@kominfo.go.id", "Diskominfo", "Bidang TIK", "Kota Serang", "learner")
    assert siti["password_hash"] is None and siti["batch_id"] == store.get_user_by_nip(BUDI)["batch_id"]
    codes = {code.nip: code.code for code in imported.codes}
    stored = store.activation_code(siti["id"])
    assert stored["code_hash"] == admin.code_hash(admin.activation_key(store), SITI, codes[SITI])
    assert codes[SITI] not in str(fingerprint(store))


def test_bom_semicolons_and_headers_in_any_case_with_spaces(store):
    data = codecs.BOM_UTF8 + csv_bytes(f"{SITI} ; Siti Rahmawati ;  ; Diskominfo ;;;;",
                                       header=" NIP ;Nama ; EMAIL; Instansi ;Unit Kerja;Kabupaten/Kota;BATCH;Peran ")
    plan = preview(store, data).plan
    assert not plan.errors and not plan.refusals and not plan.notices
    assert plan.creates[0].person.name == "Siti Rahmawati" and plan.creates[0].person.agency == "Diskominfo"


def test_comma_delimited_file_with_quoted_values(store):
    data = csv_bytes(f'{SITI},"Rahmawati, Siti",,"Dinas Kominfo, Statistik dan Persandian",,,,',
                     header=HEADER.replace(";", ","))
    person = preview(store, data).plan.creates[0].person
    assert (person.name, person.agency) == ("Rahmawati, Siti", "Dinas Kominfo, Statistik dan Persandian")


@pytest.mark.parametrize("written", ["19860926 201505 1 001", "19860926.201505.1.001", "'198609262015051001",
                                     "’19860926 201505 1 001", " 1986 0926 2015 0510 01 "])
def test_nip_written_with_spaces_dots_or_a_leading_apostrophe(store, written):
    plan = preview(store, csv_bytes(f"{written};Siti Rahmawati;;;;;;")).plan
    assert [p.person.nip for p in plan.creates] == [SITI]


def test_blank_lines_are_skipped_and_line_numbers_still_match_the_file(store):
    data = csv_bytes("", f"{SITI};Siti Rahmawati;;;;;;", ";;;;;;;", "   ", f"{BUDI};;;;;;;")
    plan = preview(store, data).plan
    assert [p.person.line for p in plan.creates] == [3]
    assert [(r.line, r.reasons) for r in plan.refusals] == [(6, ("Nama kosong.",))]


def test_unknown_columns_are_ignored_with_a_notice_and_aliases_understood(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati;Analis;Kota Serang", header="NIP;Nama Lengkap;Jabatan;Kab/Kota")
    plan = preview(store, data).plan
    assert plan.notices == ["Kolom tidak dikenal diabaikan: Jabatan."]
    assert plan.creates[0].person.region == "Kota Serang"


def test_windows_1252_export_is_decoded_and_the_admin_is_told(store):
    data = csv_bytes(f"{SITI};José Müller;;Dinas Pendidikan – Bidang SD;;;;", encoding="cp1252")
    plan = preview(store, data).plan
    assert plan.creates[0].person.name == "José Müller"
    assert plan.creates[0].person.agency == "Dinas Pendidikan – Bidang SD"
    assert "tidak berformat UTF-8" in plan.notices[0] and "CSV UTF-8" in plan.notices[0]


def test_latin1_bytes_undefined_in_windows_1252_still_decode(store):
    data = csv_bytes(f"{SITI};Siti\x81 Rahmawati;;;;;;", encoding="latin-1")
    plan = preview(store, data).plan
    assert plan.creates[0].person.name == "Siti\x81 Rahmawati" and "UTF-8" in plan.notices[0]


def test_utf16_tab_separated_unicode_text_from_excel(store):
    data = csv_bytes(f"{SITI}\tSiti Rahmawati\t\t\t\t\t\t", header=HEADER.replace(";", "\t"), encoding="utf-16")
    assert [p.person.nip for p in preview(store, data).plan.creates] == [SITI]


def test_xlsx_with_text_nip_cells_and_numbers_elsewhere(store):
    data = xlsx_bytes([["NIP", "Nama", "Unit Kerja"], [SITI, "Siti Rahmawati", 101], ["'" + BUDI, "Budi Santoso", None]])
    plan = preview(store, data, "roster.xlsx").plan
    assert [(p.person.nip, p.person.unit) for p in plan.creates] == [(SITI, "101"), (BUDI, None)]
    assert plan.creates[0].person.line == 2


def test_a_numeric_nip_cell_holding_all_18_digits_exactly_is_accepted():
    # Excel cannot store this (it keeps 15 digits), but a program writing the workbook can.
    row = roster.RawRow(2, {"nip": BUDI, "nama": "Budi Santoso"}, nip_number=int(BUDI))
    person, reasons = roster.check_row(row, today=dt.date(2026, 11, 23))
    assert reasons == [] and person.nip == BUDI


def test_xlsx_numeric_nip_that_excel_rounded_is_called_out_with_the_fix(store):
    data = xlsx_bytes([["nip", "nama"], [1.98609262015051e17, "Siti Rahmawati"], [SITI, "Siti Lagi"]])
    reasons = refused_once(store, data)
    assert "1.98609E+17" in reasons and "Format kolom NIP sebagai Teks" in reasons


def test_xlsx_integer_nip_ending_000_is_treated_as_rounded(store):
    data = xlsx_bytes([["nip", "nama"], [198609262015051000, "Siti Rahmawati"]])
    assert "notasi ilmiah" in refused_once(store, data)


def test_xlsx_with_several_sheets_reads_the_first_and_says_so(store):
    data = xlsx_bytes([["nip", "nama"], [SITI, "Siti Rahmawati"]], sheets=3)
    plan = preview(store, data).plan
    assert len(plan.creates) == 1
    assert plan.notices == ['Berkas punya 3 lembar kerja; hanya lembar pertama ("Peserta") yang dibaca.']


# ---------------------------------------------------------------- rows that go wrong

@pytest.mark.parametrize("written", ["1.98609E+17", "1,98609E+17", "1.98609262015051E+17", "2E+17"])
def test_nip_in_scientific_notation_is_called_out_with_the_fix(store, written):
    reasons = refused_once(store, csv_bytes(f"{written};Siti Rahmawati;;;;;;"))
    assert f"NIP tertulis sebagai {written}" in reasons
    assert "Format kolom NIP sebagai Teks" in reasons


def test_nip_rounded_to_000_by_excel_gets_the_hint(store):
    reasons = refused_once(store, csv_bytes("198609262015051000;Siti Rahmawati;;;;;;"))
    assert "000 tidak sah" in reasons and "Excel membulatkannya" in reasons


def test_broken_nip_gets_every_rule_it_breaks(store):
    reasons = refused_once(store, csv_bytes("19861326 201505 3 001;Siti Rahmawati;;;;;;"))
    assert "bukan tanggal yang ada" in reasons and "harus 1 (laki-laki) atau 2 (perempuan)" in reasons


@pytest.mark.parametrize(("written", "message"), [("12345", "NIP harus 18 angka; yang Anda tulis 5 angka."),
                                                  ("", "NIP kosong."), ("NIP-ABC", "hanya boleh berisi angka")])
def test_short_empty_or_non_numeric_nip(store, written, message):
    assert message in refused_once(store, csv_bytes(f"{written};Siti Rahmawati;;;;;;"))


def test_duplicate_nip_in_one_file_is_refused_on_both_lines(store):
    before = fingerprint(store)
    data = csv_bytes(f"{SITI};Siti Rahmawati;;;;;;", f"{BUDI};Budi Santoso;;;;;;", f"{SITI.replace('2015', ' 2015 ')};Siti R.;;;;;;")
    plan = preview(store, data).plan
    assert [(r.line, r.reasons) for r in plan.refusals] == [
        (2, ("NIP ini juga ada di baris 4; setiap NIP hanya boleh muncul sekali.",)),
        (4, ("NIP ini juga ada di baris 2; setiap NIP hanya boleh muncul sekali.",))]
    assert [p.person.nip for p in plan.creates] == [BUDI]
    assert fingerprint(store) == before


def test_a_duplicate_of_a_row_refused_for_another_reason_is_refused_too(store):
    plan = preview(store, csv_bytes(f"{SITI};Siti;siti@;;;;;", f"{SITI};Siti Rahmawati;;;;;;")).plan
    assert not plan.creates
    assert plan.refusals[0].reasons == ('Email "siti@" tidak sah.', "NIP ini juga ada di baris 3; setiap NIP hanya boleh muncul sekali.")
    assert plan.refusals[1].reasons == ("NIP ini juga ada di baris 2; setiap NIP hanya boleh muncul sekali.",)


@pytest.mark.parametrize("peran", ["admin", "guru", "peserta didik"])
def test_unknown_peran(store, peran):
    reasons = refused_once(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;{peran}"))
    assert f'Peran "{peran}" tidak dikenal; gunakan peserta, pelatih, atau manajer (kosong = peserta).' == reasons


@pytest.mark.parametrize("peran", ["PESERTA", " Pelatih ", "manajer"])
def test_peran_in_any_case(store, peran):
    role = preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;{peran}")).plan.creates[0].person.role
    assert role == roster.ROLE_BY_PERAN[peran.strip().lower()]


@pytest.mark.parametrize("email", ["siti@", "siti.kominfo.go.id", "siti @kominfo.go.id", "siti@kominfo", "a@b@c.id"])
def test_bad_email(store, email):
    assert refused_once(store, csv_bytes(f"{SITI};Siti Rahmawati;{email};;;;;")) == f'Email "{email}" tidak sah.'


def test_email_is_stored_in_lower_case(store):
    person = preview(store, csv_bytes(f"{SITI};Siti Rahmawati;Siti@Kominfo.GO.ID;;;;;")).plan.creates[0].person
    assert person.email == "siti@kominfo.go.id"


@pytest.mark.parametrize(("column", "limit"), list(roster.MAX_LENGTH.items()))
def test_over_long_fields(store, column, limit):
    values = {"nip": SITI, "nama": "Siti Rahmawati"} | {column: "a" * (limit + 1)}
    if column == "email":
        values["email"] = "a" * (limit - 10) + "@kominfo.go.id"
    row = ";".join(values.get(c, "") for c in roster.COLUMNS)
    reasons = refused_once(store, csv_bytes(row))
    assert f"Isi kolom {column} terlalu panjang" in reasons and f"paling banyak {limit}" in reasons


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+62812", "@SUM(A1)", "12345", ""])
def test_names_that_are_not_names(store, name):
    reasons = refused_once(store, csv_bytes(f"{SITI};{name};;;;;;"))
    assert reasons == "Nama kosong." if not name else "tidak tampak seperti nama orang" in reasons


def test_a_delimiter_inside_an_unquoted_value_shows_as_extra_cells(store):
    reasons = refused_once(store, csv_bytes(f"{SITI};Siti Rahmawati;;Dinas A;B;;;;peserta;x"))
    assert "2 sel lebih banyak daripada judul kolom (8 kolom)" in reasons and "tanda kutip" in reasons


def test_every_reason_of_a_row_is_given_at_once(store):
    reasons = refused_once(store, csv_bytes("123;;bukan-email;;;;;boss"))
    for part in ("NIP harus 18 angka", "Nama kosong.", "tidak sah", "tidak dikenal"):
        assert part in reasons


# ---------------------------------------------------------------- files that go wrong

@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, b";;;;\n;;;\n"])
def test_empty_file(store, data):
    assert file_error(store, data) == "Berkas kosong."


def test_header_only(store):
    assert file_error(store, (HEADER + "\n\n").encode()) == "Berkas hanya berisi baris judul kolom, tanpa data peserta."


def test_missing_nip_column_names_what_was_found(store):
    message = file_error(store, csv_bytes("Siti Rahmawati;Diskominfo", header="nama;instansi"))
    assert message.startswith("Kolom wajib tidak ditemukan: nip. Judul yang ada: nama, instansi.")


def test_wrong_headers(store):
    message = file_error(store, csv_bytes(f"{SITI};Siti", header="Nomor Induk;Pegawai"))
    assert message.startswith("Kolom wajib tidak ditemukan: nip, nama. Judul yang ada: Nomor Induk, Pegawai.")


def test_title_lines_above_the_header_are_skipped_and_named(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati", header="DAFTAR PESERTA PELATIHAN;\nAngkatan 1 Tahun 2026;\n;\nNo. Induk Pegawai;Nama")
    assert file_error(store, data).startswith("Kolom wajib tidak ditemukan: nip. Judul yang ada: No. Induk Pegawai, Nama.")
    data = csv_bytes(f"{SITI};Siti Rahmawati", header="DAFTAR PESERTA PELATIHAN;\nAngkatan 1 Tahun 2026;\n;\nNIP;Nama")
    plan = preview(store, data).plan
    assert plan.notices == ["Baris 1–2 di atas judul kolom (misalnya judul dokumen) dilewati."]
    assert [(p.person.line, p.person.nip) for p in plan.creates] == [(5, SITI)]


def test_xlsx_with_a_title_row_and_a_numbering_column(store):
    data = xlsx_bytes([["Daftar peserta Dinas Kominfo"], [], ["No", "NIP", "Nama"], [1, SITI, "Siti Rahmawati"]])
    plan = preview(store, data).plan
    assert plan.notices == ["Kolom tidak dikenal diabaikan: No.", "Baris 1–1 di atas judul kolom (misalnya judul dokumen) dilewati."]
    assert [(p.person.line, p.person.nip) for p in plan.creates] == [(4, SITI)]


def test_a_file_of_text_lines_without_any_header(store):
    message = file_error(store, b"Daftar hadir\nrapat koordinasi\n")
    assert message.startswith("Kolom wajib tidak ditemukan: nip, nama. Judul yang ada: rapat koordinasi.")


def test_file_without_a_header_row(store):
    message = file_error(store, f"{SITI};Siti Rahmawati\n{BUDI};Budi Santoso\n".encode())
    assert message.startswith("Baris 1 berisi data, bukan judul kolom.")


def test_column_named_twice(store):
    assert file_error(store, csv_bytes(f"{SITI};Siti;Siti R.", header="nip;nama;Nama Lengkap")) == \
        "Kolom muncul lebih dari sekali: nama."


def test_old_excel_or_password_protected_workbook(store):
    assert ".xls" in file_error(store, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)


def test_damaged_xlsx(store):
    assert "rusak" in file_error(store, b"PK\x03\x04" + b"not really a zip" * 20)


def test_binary_file_that_is_not_a_roster(store):
    assert file_error(store, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == "Berkas ini bukan CSV atau XLSX yang bisa dibaca."


def test_unclosed_quote_in_a_csv(store):
    data = csv_bytes(f'{SITI};"Siti Rahmawati;;;;;;', f"{BUDI};Budi;;;;;;")
    # Python's csv reads an open quote on to the end of the file: that row swallows the next one,
    # which must not be imported as one person with a very odd name.
    reasons = refused_once(store, data)
    assert reasons.startswith("Baris 2 sampai 3 terbaca sebagai satu baris: ada tanda kutip")


# ---------------------------------------------------------------- the import against what is stored

def test_importing_the_same_file_twice_changes_nothing(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati;siti@kominfo.go.id;Diskominfo;TIK;Kota Serang;Angkatan 1;",
                     f"{RINA};Rina Wati;;BKD;;;Angkatan 1;pelatih")
    assert admin.import_roster(store, preview(store, data), actor_id=None).created == 2
    before = fingerprint(store)
    again = preview(store, data)
    assert (len(again.plan.unchanged), again.plan.creates, again.plan.updates, again.plan.new_batches) == (2, [], [], [])
    assert admin.import_roster(store, again, actor_id=None).errors == [
        "Tidak ada yang perlu diimpor: semua orang di berkas ini sudah tercatat sama persis."]
    assert fingerprint(store) == before


def test_a_changed_row_updates_that_person_and_is_audited(store):
    admin.import_roster(store, preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;Diskominfo;;;Angkatan 1;",
                                                        f"{BUDI};Budi Santoso;;BKD;;;Angkatan 1;")), actor_id=None)
    siti_before = store.get_user_by_nip(SITI)
    result = preview(store, csv_bytes(f"{SITI};Siti Rahmawati;siti@kominfo.go.id;Diskominfo;;;Angkatan 2;",
                                      f"{BUDI};Budi Santoso;;BKD;;;Angkatan 1;"))
    assert [admin.describe_changes(p.changes) for p in result.plan.updates] == [
        "email: – → siti@kominfo.go.id; batch: Angkatan 1 → Angkatan 2"]
    assert result.plan.new_batches == ["Angkatan 2"] and len(result.plan.unchanged) == 1
    done = admin.import_roster(store, result, actor_id=None)
    assert (done.created, done.updated, done.codes) == (0, 1, [])
    siti = store.get_user_by_nip(SITI)
    assert siti["email"] == "siti@kominfo.go.id" and siti["batch_id"] != siti_before["batch_id"]
    assert siti["password_hash"] == siti_before["password_hash"]
    entry = store.audit_search(action="user_updated")[0]
    assert (entry["target"], entry["detail"]) == (SITI, "email: – → siti@kominfo.go.id; batch: Angkatan 1 → Angkatan 2")


def test_empty_cells_never_erase_what_is_stored(store):
    admin.import_roster(store, preview(store, csv_bytes(f"{SITI};Siti Rahmawati;siti@x.go.id;Diskominfo;TIK;Kota Serang;A;pelatih")),
                        actor_id=None)
    plan = preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;")).plan
    assert len(plan.unchanged) == 1 and not plan.updates


def test_a_role_change_is_in_the_preview_and_an_admin_is_never_changed_by_a_roster(store):
    store.create_user(nip=BUDI, nip_kind="pns", name="Budi Admin", role="admin", password_hash="x")
    admin.import_roster(store, preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;")), actor_id=None)
    before = fingerprint(store)
    plan = preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;pelatih", f"{BUDI};Budi Admin;;;;;;peserta")).plan
    assert admin.describe_changes(plan.updates[0].changes) == "peran: peserta → pelatih"
    assert plan.refusals[0].line == 3 and "milik seorang admin" in plan.refusals[0].reasons[0]
    assert fingerprint(store) == before
    # An empty peran leaves the admin as they are, and may still correct their other data.
    plan = preview(store, csv_bytes(f"{BUDI};Budi Admin;budi@bkd.go.id;;;;;")).plan
    assert not plan.refusals and admin.describe_changes(plan.updates[0].changes) == "email: – → budi@bkd.go.id"


def test_a_trainer_row_makes_the_person_trainer_of_that_batch(store):
    result = admin.import_roster(store, preview(store, csv_bytes(f"{RINA};Rina Wati;;;;;Angkatan 1;pelatih")),
                                 actor_id=None)
    rina = store.get_user_by_nip(RINA)
    assert result.created == 1 and rina["role"] == "trainer" and rina["batch_id"] is None
    batch_id = store.batches()[0]["id"]
    assert store.batch_trainer_ids(batch_id) == [rina["id"]]
    plan = preview(store, csv_bytes(f"{RINA};Rina Wati;;;;;Angkatan 2;")).plan
    assert admin.describe_changes(plan.updates[0].changes) == "batch_dilatih: Angkatan 1 → Angkatan 1, Angkatan 2"


def test_batch_names_match_whatever_their_case(store):
    admin.import_roster(store, preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;Angkatan 1;")), actor_id=None)
    plan = preview(store, csv_bytes(f"{BUDI};Budi Santoso;;;;;ANGKATAN  1;", f"{RINA};Rina;;;;;angkatan 3;",
                                    f"{nip(5)};Dewi;;;;;Angkatan 3;")).plan
    assert plan.new_batches == ["angkatan 3"]
    assert [p.person.batch for p in plan.creates] == ["Angkatan 1", "angkatan 3", "angkatan 3"]


def test_refused_rows_block_the_import_until_the_admin_accepts_them(store):
    data = csv_bytes(f"{SITI};Siti Rahmawati;;;;;;", "1.98609E+17;Budi;;;;;;")
    before = fingerprint(store)
    result = admin.import_roster(store, preview(store, data), actor_id=None)
    assert result.errors == ["1 baris ditolak. Nyatakan bahwa baris-baris itu dilewati, atau perbaiki berkasnya dulu."]
    assert fingerprint(store) == before
    accepted = admin.import_roster(store, preview(store, data), actor_id=None, accept_refusals=True)
    assert accepted.created == 1 and store.get_user_by_nip(SITI)


def test_an_import_that_fails_half_way_leaves_nothing_behind(store):
    if store.is_postgres:  # the same failure, as each engine raises it from a trigger
        store.db.execute("""CREATE FUNCTION fail_half_way() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                            IF (SELECT count(*) FROM users) >= 50 THEN RAISE EXCEPTION 'disk penuh'; END IF;
                            RETURN NEW; END $$""")
        store.db.execute("CREATE TRIGGER fail_half_way BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION fail_half_way()")
    else:
        store.db.execute("""CREATE TRIGGER fail_half_way BEFORE INSERT ON users
                            WHEN (SELECT count(*) FROM users) >= 50 BEGIN SELECT RAISE(ABORT, 'disk penuh'); END""")
    data = csv_bytes(*(f"{nip(i)};Peserta {i};;Dinas {i % 3};;;Angkatan {i % 4};" for i in range(100)))
    before = fingerprint(store)
    result = admin.import_roster(store, preview(store, data), actor_id=None)
    assert result.errors[0].startswith("Impor gagal dan dibatalkan seluruhnya; tidak ada yang berubah.")
    assert "disk penuh" in result.errors[0] and result.codes == []
    assert fingerprint(store) == before


def test_a_change_between_preview_and_import_imports_nothing(store):
    admin.import_roster(store, preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;")), actor_id=None)
    stale = preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;Diskominfo;;;;", f"{BUDI};Budi Santoso;;;;;;"))
    store.create_user(nip=BUDI, nip_kind="pns", name="Budi (mendaftar sendiri)", password_hash="x")
    before = fingerprint(store)
    result = admin.import_roster(store, stale, actor_id=None)
    assert "Data berubah sejak pratinjau dibuat" in result.errors[0]
    assert fingerprint(store) == before
    with pytest.raises(INTEGRITY_ERRORS):  # the same guarantee at the store level, for a raw insert
        store.db.execute("INSERT INTO users (nip, nip_kind, name, role, created_at) VALUES (?, 'pns', 'x', 'learner', 'x')",
                         (BUDI,))


def test_codes_csv_keeps_nips_as_text_and_defuses_formulas():
    expires = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)
    codes = [admin.IssuedCode(SITI, "Siti", "=cmd|' /C calc'!A0", None, "Angkatan 1", "learner", "ABCD-EFGH-JK", expires,
                              "siti@bantenprov.go.id")]
    text = admin.codes_csv(codes).decode("utf-8-sig")
    assert text.splitlines() == [
        "nip;nama;email;instansi;unit_kerja;batch;peran;kode_aktivasi;berlaku_sampai",
        "19860926 201505 1 001;Siti;siti@bantenprov.go.id;'=cmd|' /C calc'!A0;;Angkatan 1;peserta;ABCD-EFGH-JK;"
        "07-12-2026 10:00 WIB"]


def test_activation_codes_are_typeable_and_unambiguous():
    codes = {admin.new_activation_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 12 and code[4] == code[9] == "-"
        assert not set(code.replace("-", "")) - set(admin.CODE_ALPHABET)
        assert not set(code) & set("ILOU")
    assert admin.normalise_code(" abcd efgh-jk ") == "ABCDEFGHJK"
    assert admin.normalise_code("OIL0") == "0110"


# ---------------------------------------------------------------- the command line

@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "cli.db"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_dry_run_prints_the_preview_and_writes_nothing(cli_db, capsys):
    (cli_db / "roster.csv").write_bytes(csv_bytes(f"{SITI};Siti Rahmawati;;;;;;", "1.98609E+17;Budi;;;;;;"))
    assert main(["import-roster", "roster.csv", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Pratinjau: 1 baru, 0 diubah, 0 tetap, 1 ditolak, 0 batch baru." in out
    assert "baris 3, NIP 1.98609E+17: NIP tertulis sebagai 1.98609E+17" in out and "--dry-run" in out
    assert Store(cli_db / "cli.db").get_user_by_nip(SITI) is None


def test_cli_refuses_to_import_with_refused_rows_unless_told(cli_db, capsys):
    (cli_db / "roster.csv").write_bytes(csv_bytes(f"{SITI};Siti Rahmawati;;;;;;", "1.98609E+17;Budi;;;;;;"))
    assert main(["import-roster", "roster.csv"]) == 2
    assert "--skip-refused" in capsys.readouterr().err
    assert Store(cli_db / "cli.db").get_user_by_nip(SITI) is None
    assert list(cli_db.glob("kode-aktivasi-*.csv")) == []
    assert main(["import-roster", "roster.csv", "--skip-refused", "--codes", "kode.csv"]) == 0
    out = capsys.readouterr().out
    assert "Impor selesai: 1 orang baru, 0 diperbarui, 0 batch baru." in out and "kode.csv" in out
    lines = (cli_db / "kode.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("19860926 201505 1 001;Siti Rahmawati;")
    assert (cli_db / "kode.csv").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_cli_never_overwrites_a_codes_file_and_then_imports_nothing(cli_db, capsys):
    (cli_db / "roster.csv").write_bytes(csv_bytes(f"{SITI};Siti Rahmawati;;;;;;"))
    (cli_db / "kode.csv").write_text("kode lama")
    assert main(["import-roster", "roster.csv", "--codes", "kode.csv"]) == 2
    assert "Tidak ada yang diimpor" in capsys.readouterr().err
    assert (cli_db / "kode.csv").read_text() == "kode lama"
    assert Store(cli_db / "cli.db").get_user_by_nip(SITI) is None


def test_cli_reports_a_broken_file_and_a_missing_one(cli_db, capsys):
    (cli_db / "roster.csv").write_bytes(b"nama;instansi\nSiti;Diskominfo\n")
    assert main(["import-roster", "roster.csv"]) == 2
    assert "Kolom wajib tidak ditemukan: nip." in capsys.readouterr().out
    assert main(["import-roster", "tidak-ada.csv"]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
