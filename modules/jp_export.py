"""Training hours (JP) of a batch's graduates in the shape of SIASN's "riwayat kursus" record.

BKN's SIASN web service records a course with the fields in SIASN_FIELDS (dates `dd-mm-yyyy`).
Its credentials belong to each agency, so the product does not send anything: it writes one row
per learner with a valid certificate, for the agency's operator to upload or send. Fields the
product knows are filled in; agency-specific ids come from settings (modules/organiser.py) or stay
empty — never invented. README, "Jam pelajaran ke SIASN", explains every column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from modules import analytics
from modules.certificates import Certificate, allowed_batches, verification_url
from modules.exports import Column, csv_safe, to_xlsx
from modules.organiser import Organiser
from modules.store import Store

SIASN_FIELDS = ("instansiId", "institusiPenyelenggara", "jenisDiklatId", "jenisKursus", "jenisKursusSertipikat",
                "jumlahJam", "lokasiId", "namaKursus", "nomorSertipikat", "pnsOrangId", "tahunKursus",
                "tanggalKursus", "tanggalSelesaiKursus")
COLUMNS = ("nip", "nama", *SIASN_FIELDS, "urlVerifikasi")
FORMATS = ("csv", "xlsx", "json")
CSV_DELIMITER = ";"  # as the activation-codes CSV: Indonesian Excel splits on `;`


def siasn_date(day: dt.date | None) -> str:
    """A date as SIASN takes it: `dd-mm-yyyy` (empty when unknown)."""
    return day.strftime("%d-%m-%Y") if day else ""


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def row_for(graduate: Mapping[str, Any], organiser: Organiser, base_url: str) -> dict[str, Any]:
    """One SIASN record for a graduate row of `analytics.graduates`."""
    certificate = Certificate.from_row({**graduate, "user_id": graduate["user_id"], "revoked_at": None,
                                        "revoked_reason": None, "holder": graduate["name"],
                                        "holder_nip": graduate["nip"]})
    snapshot = certificate.snapshot
    finished = certificate.completed_on
    return {
        "nip": snapshot["nip"], "nama": snapshot["name"],
        "instansiId": organiser.instansi_id,
        "institusiPenyelenggara": organiser.name,
        "jenisDiklatId": organiser.jenis_diklat_id,
        "jenisKursus": organiser.jenis_kursus,
        "jenisKursusSertipikat": organiser.jenis_kursus_sertipikat,
        "jumlahJam": snapshot["jp"],
        "lokasiId": organiser.lokasi_id,
        "namaKursus": snapshot["course"],
        "nomorSertipikat": certificate.code,
        "pnsOrangId": "",  # SIASN's own id of the person: only SIASN knows it (looked up by NIP)
        "tahunKursus": finished.year,
        "tanggalKursus": siasn_date(_day(graduate.get("batch_starts_on"))),
        "tanggalSelesaiKursus": siasn_date(finished),
        "urlVerifikasi": verification_url(base_url, certificate.code),
    }


def jp_rows(store: Store, viewer: dict[str, Any], batch_ids: Sequence[int], organiser: Organiser,
            base_url: str) -> list[dict[str, Any]]:
    """One record per learner of these batches with a valid certificate, in the viewer's scope.

    Raises PermissionError for a batch the viewer may not see (a trainer's batches, or all for admins).
    """
    batches = store.certificate_batches(None) if viewer is analytics.COMMAND_LINE else allowed_batches(store, viewer)
    allowed = {batch["id"] for batch in batches}
    if not batch_ids or not set(batch_ids) <= allowed:
        raise PermissionError("batch not assigned to this viewer")
    graduates = analytics.graduates(store, viewer, analytics.Filters(batch_ids=tuple(batch_ids)))
    return [row_for(graduate, organiser, base_url) for graduate in graduates]


def _cell(value: Any) -> str:
    """A value as the CSV writes it: decimals with a comma, text made inert for spreadsheets."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(csv_safe(value)) if value is not None else ""


def to_siasn_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """`;`-separated UTF-8 with a byte-order mark, so Indonesian Excel opens it in columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_siasn_xlsx(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """One sheet "riwayat kursus"; NIPs stay text (a number would lose its last digits)."""
    return to_xlsx({"riwayat kursus": (rows, [Column(column, column) for column in COLUMNS])})


def to_siasn_json(rows: Sequence[Mapping[str, Any]]) -> bytes:
    return json.dumps(list(rows), ensure_ascii=False, indent=2).encode("utf-8")


def render(rows: Sequence[Mapping[str, Any]], file_format: str) -> bytes:
    if file_format not in FORMATS:
        raise ValueError(file_format)
    return {"csv": to_siasn_csv, "xlsx": to_siasn_xlsx, "json": to_siasn_json}[file_format](rows)


def file_name(batch_names: Sequence[str], file_format: str) -> str:
    label = "-".join(re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") for name in batch_names)[:60] or "angkatan"
    return f"jp-siasn-{label}.{file_format}"
