"""Settings of the organising agency (the BPSDM running the course), read from the environment.

SIASN identifiers belong to each agency and come from BKN's reference tables, so the product never
guesses them: an unset variable leaves its column empty for the operator to fill in. The same
settings name the organiser and the official who signs the batch report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _text(name: str) -> str:
    return " ".join(os.environ.get(name, "").split())


@dataclass(frozen=True)
class Organiser:
    name: str                     # KELAS_PENYELENGGARA: institusiPenyelenggara and the report's organiser
    instansi_id: str              # KELAS_SIASN_INSTANSI_ID
    jenis_diklat_id: str          # KELAS_SIASN_JENIS_DIKLAT_ID
    jenis_kursus: str             # KELAS_SIASN_JENIS_KURSUS
    jenis_kursus_sertipikat: str  # KELAS_SIASN_JENIS_KURSUS_SERTIPIKAT
    lokasi_id: str                # KELAS_SIASN_LOKASI_ID
    official_name: str            # KELAS_PEJABAT_NAMA: who signs the batch report
    official_nip: str             # KELAS_PEJABAT_NIP
    official_position: str        # KELAS_PEJABAT_JABATAN
    place: str                    # KELAS_TEMPAT_LAPORAN: the town printed before the report's date


def load_organiser() -> Organiser:
    return Organiser(
        name=_text("KELAS_PENYELENGGARA"),
        instansi_id=_text("KELAS_SIASN_INSTANSI_ID"),
        jenis_diklat_id=_text("KELAS_SIASN_JENIS_DIKLAT_ID"),
        jenis_kursus=_text("KELAS_SIASN_JENIS_KURSUS"),
        jenis_kursus_sertipikat=_text("KELAS_SIASN_JENIS_KURSUS_SERTIPIKAT"),
        lokasi_id=_text("KELAS_SIASN_LOKASI_ID"),
        official_name=_text("KELAS_PEJABAT_NAMA"),
        official_nip=_text("KELAS_PEJABAT_NIP"),
        official_position=_text("KELAS_PEJABAT_JABATAN"),
        place=_text("KELAS_TEMPAT_LAPORAN"),
    )
