"""Roster import at the province's scale: 18,000 rows (target: under 10 s from file to committed
import). Times the preview (read + check + compare), the import (one transaction with activation
codes), a second preview of the same file (all unchanged), and the same roster as XLSX.
Then hostile files (a cell at XFD1048576, zip bombs, a 40,000-column CSV): each one's preview time
and the memory it added to the process, measured in a fresh child process per file."""

from __future__ import annotations

import datetime as dt
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import admin  # noqa: E402
from modules.store import Store  # noqa: E402

ROWS = 18_000
TARGET_SECONDS = 10.0
REGIONS = ("Kab. Lebak", "Kab. Pandeglang", "Kab. Serang", "Kab. Tangerang", "Kota Cilegon", "Kota Serang",
           "Kota Tangerang", "Kota Tangerang Selatan")
AGENCIES = ("Dinas Kominfo", "BKD", "Dinas Pendidikan", "Dinas Kesehatan", "Bappeda", "Inspektorat", "DPMPTSP")


def nip(i: int) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=i // 999)
    return f"{birth:%Y%m%d} {2000 + i % 20}{1 + i % 12:02d} {1 + i % 2} {i % 999 + 1:03d}"


def roster_rows() -> list[list[str]]:
    return [[nip(i), f"Peserta Uji {i}", f"peserta{i}@banten.go.id", AGENCIES[i % len(AGENCIES)], f"Bidang {i % 9}",
             REGIONS[i % len(REGIONS)], f"Angkatan {1 + i // 3000}", "pelatih" if i % 600 == 0 else ""]
            for i in range(ROWS)]


def as_csv(rows: list[list[str]]) -> bytes:
    header = "nip;nama;email;instansi;unit_kerja;kabupaten_kota;batch;peran"
    return ("\ufeff" + "\r\n".join([header, *(";".join(row) for row in rows)])).encode()


def as_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Peserta")
    sheet.append(["nip", "nama", "email", "instansi", "unit_kerja", "kabupaten_kota", "batch", "peran"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    print(f"{label:<52} {seconds:6.2f} s")
    return result, seconds


def main() -> None:
    rows = roster_rows()
    csv_data, xlsx_data = as_csv(rows), as_xlsx(rows)
    print(f"roster: {ROWS:,} rows; CSV {len(csv_data) / 1e6:.1f} MB, XLSX {len(xlsx_data) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        preview, preview_s = timed("preview (read CSV, check, compare with database)",
                                   lambda: admin.preview_roster(store, csv_data, "bench.csv"))
        plan = preview.plan
        assert (len(plan.creates), len(plan.refusals)) == (ROWS, 0), (len(plan.creates), plan.refusals[:3])
        result, import_s = timed("import (one transaction, 18,000 codes)",
                                 lambda: admin.import_roster(store, preview, actor_id=None))
        assert result.created == ROWS and not result.errors
        _, csv_s = timed("codes CSV for download", lambda: admin.codes_csv(result.codes))
        total = preview_s + import_s + csv_s
        print(f"{'total, file to committed import and codes file':<52} {total:6.2f} s "
              f"(target < {TARGET_SECONDS:.0f} s: {'met' if total < TARGET_SECONDS else 'MISSED'})")
        again, _ = timed("preview of the same file again (all unchanged)",
                         lambda: admin.preview_roster(store, csv_data, "bench.csv"))
        assert len(again.plan.unchanged) == ROWS and not again.plan.has_work
        xlsx_preview, _ = timed("preview of the same roster as XLSX",
                                lambda: admin.preview_roster(store, xlsx_data, "bench.xlsx"))
        assert len(xlsx_preview.plan.unchanged) == ROWS
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of the process (RSS)':<52} {peak_mb:6.0f} MB")
    hostile_files()


def hostile(kind: str) -> bytes:
    """A file built to exhaust a naive reader."""
    import zipfile

    from openpyxl import Workbook

    if kind == "csv-40000-columns":
        header = ";".join(f"kolom{i}" for i in range(40_000)) + ";nip;nama"
        return (header + "\r\n198609262015051001;Siti Rahmawati\r\n").encode()
    if kind == "csv-20mb-of-delimiters":
        return b"nip;nama\r\n" + b";" * (19 * 1024 * 1024)
    book = Workbook()
    book.active.append(["nip", "nama"])
    book.active.append(["198609262015051001", "Siti Rahmawati"])
    if kind == "xlsx-cell-at-XFD1048576":
        book.active["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    if kind == "xlsx-cell-at-XFD1048576":
        return out.getvalue()
    padding = {"xlsx-zip-bomb-1-GiB": 1024, "xlsx-zip-bomb-60-MiB": 60}[kind] * 1024 * 1024
    source, bomb = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<sheetData>", b"<sheetData>" + b" " * padding)
            copy.writestr(member.filename, content)
    return bomb.getvalue()


def _one_hostile(kind: str, path: str) -> None:
    """Child process: read one hostile file, print seconds, memory added and the answer."""
    data = Path(path).read_bytes()
    before = _own_peak_mb()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        started = time.perf_counter()
        plan = admin.preview_roster(store, data, kind).plan
        seconds = time.perf_counter() - started
    added = _own_peak_mb() - before
    answer = (plan.errors or ["(read)"])[0]
    print(f"{kind:<26} {len(data) / 1024:8.0f} KB  {seconds:6.2f} s  +{added:5.0f} MB  {answer[:70]}")


def _own_peak_mb() -> float:
    """This process's own peak RSS (VmHWM); ru_maxrss would carry the parent's peak across fork and exec."""
    import re

    return int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024


def hostile_files() -> None:
    import subprocess

    print("hostile files (each in a fresh process): size, preview time, peak memory added, answer")
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("xlsx-cell-at-XFD1048576", "xlsx-zip-bomb-1-GiB", "xlsx-zip-bomb-60-MiB", "csv-40000-columns",
                     "csv-20mb-of-delimiters"):
            path = Path(folder) / kind
            path.write_bytes(hostile(kind))
            subprocess.run([sys.executable, __file__, "--hostile", kind, str(path)], check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--hostile"]:
        _one_hostile(sys.argv[2], sys.argv[3])
    else:
        main()
