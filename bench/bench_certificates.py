"""Certificates and learning records: how long a certificate PDF takes to draw, a batch ZIP, a
verification look-up among a province's certificates, the issuing check added to each quiz
submission, and the xAPI export rate and memory. Prints figures; no pass/fail."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import certificate_pdf, certificates, xapi  # noqa: E402
from modules.certificates import Certificate  # noqa: E402
from modules.course import PILLARS  # noqa: E402
from modules.store import Store, stamp  # noqa: E402

CERTIFICATES = 18_000  # one province
LESSONS = 24
RENDERS = 40
ZIP_SIZE = 120
LOOKUPS = 2_000
START = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)


def median_ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p90 {p90 * 1000:.2f} ms"


def sample_certificate(n: int) -> Certificate:
    when = stamp(START + dt.timedelta(minutes=n))
    return Certificate(certificates.new_code(), n, when, {
        "version": 1, "course": certificates.COURSE_TITLE, "name": f"Peserta Nomor {n} Nur'aini",
        "nip": f"19860926201505{1 + n % 2}{n % 1000:03d}", "scores": dict.fromkeys(PILLARS, 80 + n % 21),
        "jp": 20, "completed_at": when}, None, None)


def bench_pdf() -> None:
    certificate_pdf.render(sample_certificate(0), "https://kelas.example.go.id")  # warm imports
    times = []
    for n in range(RENDERS):
        started = time.perf_counter()
        data = certificate_pdf.render(sample_certificate(n), "https://kelas.example.go.id")
        times.append(time.perf_counter() - started)
    print(f"certificate PDF ({RENDERS} renders, {len(data) / 1024:.0f} KiB each): {median_ms(times)}")
    entries = [(f"a/{n}.pdf", sample_certificate(n)) for n in range(ZIP_SIZE)]
    for workers in sorted({1, certificate_pdf.default_workers()}):
        started = time.perf_counter()
        archive = certificate_pdf.zip_certificates(entries, "https://kelas.example.go.id", workers=workers)
        seconds = time.perf_counter() - started
        print(f"batch ZIP of {ZIP_SIZE} certificates, {workers} process(es): {seconds:.1f} s "
              f"({seconds / ZIP_SIZE * 1000:.0f} ms each, {len(archive) / 1e6:.1f} MB); "
              f"3,000 would take about {seconds / ZIP_SIZE * 3000 / 60:.1f} min")


def load_cohort(store: Store) -> list[str]:
    """A province: 18,000 learners, each with lessons, five quiz attempts and a certificate."""
    codes, users, lessons, tries, certs = [], [], [], [], []
    for n in range(CERTIFICATES):
        users.append({"nip": f"{19700101 + n % 28:08d}{2000 + n % 20}0{1 + n % 9}{1 + n % 2}{n % 999 + 1:03d}",
                      "nip_kind": "pns", "name": f"Peserta {n}", "email": None, "role": "learner",
                      "agency": "Dinas", "unit": None, "region": "Kota Serang", "batch_id": None,
                      "password_hash": None, "created_at": stamp(START)})
    with store.demo_loader() as loader:
        ids = loader.insert_users(users)
        for n, user_id in enumerate(ids):
            when = START + dt.timedelta(seconds=n * 30)
            lessons += [(user_id, f"lesson-{k:02d}", stamp(when + dt.timedelta(minutes=k)),
                         stamp(when + dt.timedelta(minutes=k, seconds=40))) for k in range(LESSONS)]
            for k, quiz_id in enumerate((*PILLARS, "posttest")):
                at = stamp(when + dt.timedelta(hours=1, minutes=k))
                tries.append((user_id, quiz_id, "posttest" if k == 4 else "pillar", "b", 1, "[]", "{}",
                              at, at, 8, 10, 1))
            code = certificates.new_code()
            codes.append(code)
            snapshot = {"version": 1, "course": certificates.COURSE_TITLE, "name": f"Peserta {n}",
                        "nip": users[n]["nip"], "scores": dict.fromkeys(PILLARS, 80), "jp": 20,
                        "completed_at": stamp(when + dt.timedelta(hours=1, minutes=4))}
            certs.append((code, user_id, snapshot["completed_at"], json.dumps(snapshot)))
        loader.insert_lesson_progress(lessons)
        loader.insert_attempts(tries)
        loader.insert_certificates(certs)
    return codes


def bench_lookups(store: Store, codes: list[str]) -> None:
    now = START + dt.timedelta(days=30)
    valid, unknown = [], []
    for n in range(LOOKUPS):
        started = time.perf_counter()
        assert certificates.verify(store, codes[n * 7 % len(codes)], f"ip:{n}", now).status == "valid"
        valid.append(time.perf_counter() - started)
        started = time.perf_counter()
        certificates.verify(store, certificates.new_code(), f"ip:{n}", now)
        unknown.append(time.perf_counter() - started)
    print(f"verification among {len(codes):,} certificates ({LOOKUPS} look-ups): valid {median_ms(valid)}")
    print(f"  unknown code (look-up + counting the miss in a transaction): {median_ms(unknown)}")
    checks = []
    for user_id in range(1, 501):
        # The work of issue_if_earned when no certificate exists yet: its look-up, the history, the rule.
        started = time.perf_counter()
        store.certificate_for_user(user_id)
        certificates.requirements_met_at(store.submitted_attempts(user_id))
        checks.append(time.perf_counter() - started)
    print(f"issuing check added to a quiz submission (no certificate yet, 500 learners): {median_ms(checks)}")


def bench_xapi(store: Store) -> None:
    builder = xapi.StatementBuilder("https://kelas.example.go.id", "kunci")
    with open(os.devnull, "w", encoding="utf-8") as sink:
        started = time.perf_counter()
        count = xapi.write_jsonl(xapi.statements(store, builder), sink)
        seconds = time.perf_counter() - started
    print(f"xAPI export of {count:,} statements: {seconds:.1f} s ({count / seconds:,.0f} statements/s)")
    since = xapi.parse_since("2026-11-07")
    started = time.perf_counter()
    later = sum(1 for _ in xapi.statements(store, builder, since))
    print(f"  --since 2026-11-07: {later:,} statements in {time.perf_counter() - started:.1f} s")
    # Streaming: the memory held while exporting does not grow with the number of statements.
    for limit in (20_000, 200_000):
        tracemalloc.start()
        for n, _ in enumerate(xapi.statements(store, builder), start=1):
            if n == limit:
                break
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  peak memory held by the export after {limit:,} statements: {peak / 1024:.0f} KiB")


def main() -> None:
    bench_pdf()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        started = time.perf_counter()
        codes = load_cohort(store)
        print(f"(cohort of {CERTIFICATES:,} learners loaded in {time.perf_counter() - started:.1f} s; "
              f"database {os.path.getsize(store.path) / 1e6:.0f} MB)")
        bench_lookups(store, codes)
        bench_xapi(store)


if __name__ == "__main__":
    main()
