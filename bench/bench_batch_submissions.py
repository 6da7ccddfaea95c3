"""A whole batch at once: 3,000 learners submit a quiz through 4 processes × 8 threads sharing one
SQLite file (as several app processes on one machine would). Prints throughput, latency percentiles,
and checks that every attempt and every answer landed exactly once."""

from __future__ import annotations

import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import attempts  # noqa: E402
from modules.course import PILLARS, load_catalogue  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

LEARNERS = 3000
PROCESSES = 4
THREADS = 8


def nip_for(n: int) -> str:
    return f"19900101{2015 + n % 8}{1 + n % 12:02d}{1 + n % 2}{1 + n // 24:03d}"


def worker(db_path: str, user_ids: list[int]) -> list[float]:
    catalogue = load_catalogue(ROOT / "content", ROOT / "quizzes")
    store = Store(db_path)

    def one(user_id: int) -> float:
        pillar = PILLARS[user_id % 4]
        attempt = attempts.start_or_resume(store, catalogue, user_id, pillar, 10, utcnow())
        chosen = {qid: sorted(catalogue.questions[qid].correct_indexes) for qid in attempt["question_ids"]}
        started = time.perf_counter()
        assert attempts.submit(store, catalogue, attempt, chosen, 70, utcnow())
        assert not attempts.submit(store, catalogue, attempt, chosen, 70, utcnow())  # the double click
        return time.perf_counter() - started

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, user_ids))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = str(Path(folder) / "batch.db")
        store = Store(db_path)
        with store.write() as conn:
            conn.executemany(
                "INSERT INTO users (nip, nip_kind, name, role, active, created_at) "
                "VALUES (?, 'pns', ?, 'learner', 1, ?)",
                [(nip_for(n), f"Peserta {n}", "2026-11-23T00:00:00+00:00") for n in range(LEARNERS)])
        user_ids = [row[0] for row in store.db.execute("SELECT id FROM users ORDER BY id")]
        chunks = [user_ids[i::PROCESSES] for i in range(PROCESSES)]
        started = time.perf_counter()
        with mp.get_context("spawn").Pool(PROCESSES) as pool:
            latencies = [t for part in pool.starmap(worker, [(db_path, c) for c in chunks]) for t in part]
        elapsed = time.perf_counter() - started
        attempts_count = store.db.execute("SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL").fetchone()[0]
        answers_count = store.db.execute("SELECT count(*) FROM answers").fetchone()[0]
        latencies.sort()
        print(f"{LEARNERS} learners, {PROCESSES} processes x {THREADS} threads: {elapsed:.1f} s wall, "
              f"{LEARNERS / elapsed:.0f} start+submit cycles/s")
        print("submit (score + transaction + double-click no-op): "
              f"median {statistics.median(latencies) * 1000:.1f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
        print(f"stored: {attempts_count} submitted attempts (expected {LEARNERS}), "
              f"{answers_count} answers (expected {LEARNERS * 10})")
        assert attempts_count == LEARNERS and answers_count == LEARNERS * 10


if __name__ == "__main__":
    main()
