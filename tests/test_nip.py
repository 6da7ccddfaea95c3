"""NIP rules: PNS and PPPK numbers accepted, each broken rule named in Indonesian."""

import datetime as dt

import pytest

from modules.auth import check_nip, clean_nip, mask_nip

TODAY = dt.date(2026, 11, 23)


def test_valid_pns_nip_written_with_spaces_and_dots():
    check = check_nip("19860926 201505.1.001", today=TODAY)
    assert check.ok, check.errors
    assert check.nip == "198609262015051001"
    assert check.kind == "pns"


def test_pppk_number_with_contract_code_above_twelve_is_accepted_and_recorded():
    check = check_nip("199009132025242014", today=TODAY)
    assert check.ok, check.errors
    assert check.kind == "pppk"


def test_declared_pppk_with_low_code_is_recorded_as_pppk():
    check = check_nip("199009132025052014", declared_kind="pppk", today=TODAY)
    assert check.ok and check.kind == "pppk"


def test_declared_pns_with_month_above_twelve_is_refused_with_a_hint_about_pppk():
    check = check_nip("199009132025242014", declared_kind="pns", today=TODAY)
    assert check.errors == [
        "Untuk PNS, angka ke-13 dan ke-14 NIP adalah bulan pengangkatan CPNS (01–12); 24 bukan bulan. "
        "Jika Anda PPPK, pilih jenis kepegawaian PPPK."]


@pytest.mark.parametrize(("nip", "fragment"), [
    ("", "wajib diisi"),
    ("19860926-2015051001", "hanya boleh berisi angka"),
    ("1986092620150510", "18 angka; yang Anda tulis 16 angka"),
    ("198602302015051001", "19860230 bukan tanggal yang ada"),
    ("202612012026051001", "belum lewat"),
    ("198609261980051001", "lebih awal dari tahun lahir"),
    ("198609262030051001", "belum tiba"),
    ("198609262015001001", "tidak boleh 00"),
    ("198609262015053001", "harus 1 (laki-laki) atau 2 (perempuan), bukan 3"),
    ("198609262015051000", "000 tidak sah"),
])
def test_each_broken_rule_has_its_own_message(nip, fragment):
    errors = check_nip(nip, today=TODAY).errors
    assert len(errors) == 1, errors
    assert fragment in errors[0]


def test_leap_day_birth_date_is_real_only_in_leap_years():
    assert check_nip("198802292010011001", today=TODAY).ok
    assert not check_nip("198702292010011001", today=TODAY).ok


def test_several_broken_rules_are_all_reported():
    errors = check_nip("198609262015003000", today=TODAY).errors
    assert len(errors) == 3


def test_clean_and_mask():
    assert clean_nip(" 19860926.201505 1 001 ") == "198609262015051001"
    assert mask_nip("198609262015051001") == "1986**********1001"
