"""Greeting a person by name: titles, initials and degrees are skipped."""

import pytest

from modules.names import first_name


@pytest.mark.parametrize("full, expected", [
    ("Siti Rahmawati", "Siti"),
    ("Hj. Siti Aminah", "Siti"),
    ("Dr. Ir. H. M. Yusuf, M.T.", "Yusuf"),
    ("Drs. Ahmad Fauzi, M.Si.", "Ahmad"),
    ("dr. Rina Kartika, Sp.A.", "Rina"),
    ("Prof Dr Bambang Hartono", "Bambang"),
    ("Hajjah Nur Aini", "Nur"),
    ("Budi Santoso, S.Kom., M.T.", "Budi"),
    ("R. Ayu Lestari", "Ayu"),
    ("Hj.", "Hj."),
    ("Sukarno", "Sukarno"),
    ("[DEMO] Hendra Jaenudin", "Hendra"),
])
def test_a_person_is_greeted_by_their_first_name(full, expected):
    assert first_name(full) == expected
