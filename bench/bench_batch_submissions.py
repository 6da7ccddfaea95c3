"""A whole batch at once: 3,000 learners submit a quiz through several processes × 8 threads sharing
one database (as several app processes would): a SQLite file by default, or PostgreSQL
(`--database-url postgresql://…`, or `--engine postgresql` for a throwaway cluster from
tests/pg_cluster.py; `--engine both` runs SQLite and then PostgreSQL and prints them side by side).
Prints throughput and latency percentiles, then checks in the database that every answer landed
exactly once: one submitted attempt per submit and none left open, questions × submits answers,
no learner with two submitted attempts, no answer stored twice.

    .venv/bin/python bench/bench_batch_submissions.py                          # SQLite, 4 processes
    .venv/bin/python bench/bench_batch_submissions.py --engine both --processes 2
    KELAS_DATABASE_URL=postgresql://… .venv/bin/python bench/bench_batch_submissions.py --database-url env
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import attempts  # noqa: E402
from modules.course import PILLARS, load_catalogue  # noqa: E402
from modules.db.dialect import shown_target  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

LEARNERS = 3000
PROCESSES = 4
THREADS = 8
QUESTIONS = 10


def nip_for(n: int) -> str:
    return f"19900101{2015 + n % 8}{1 + n % 12:02d}{1 + n % 2}{1 + n // 24:03d}"


def worker(target: str, user_ids: list[int], threads: int) -> list[float]:
    catalogue = load_catalogue(ROOT / "content", ROOT / "quizzes")
    store = Store(target)

    def one(user_id: int) -> float:
        pillar = PILLARS[user_id % 4]
        attempt = attempts.start_or_resume(store, catalogue, user_id, pillar, QUESTIONS, utcnow())
        chosen = {qid: sorted(catalogue.questions[qid].correct_indexes) for qid in attempt["question_ids"]}
        started = time.perf_counter()
        assert attempts.submit(store, catalogue, attempt, chosen, 70, utcnow())
        assert not attempts.submit(store, catalogue, attempt, chosen, 70, utcnow())  # the double click
        return time.perf_counter() - started

    try:
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(one, user_ids))
    finally:
        store.close()


def check_database(store: Store, submits: int) -> dict[str, int]:
    """What the database holds after `submits` submissions of QUESTIONS questions each."""
    conn = store.db

    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "submitted attempts": one("SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL"),
        "open attempts": one("SELECT count(*) FROM attempts WHERE submitted_at IS NULL"),
        "answers": one("SELECT count(*) FROM answers"),
        "learners with 2+ submitted": one(
            "SELECT count(*) FROM (SELECT user_id FROM attempts WHERE submitted_at IS NOT NULL "
            "GROUP BY user_id, quiz_id HAVING count(*) > 1) AS twice"),
        "answers stored twice": one(
            "SELECT count(*) FROM (SELECT attempt_id FROM answers GROUP BY attempt_id, question_id "
            "HAVING count(*) > 1) AS twice"),
        "attempts without all answers": one(
            "SELECT count(*) FROM attempts a WHERE a.submitted_at IS NOT NULL AND "
            f"(SELECT count(*) FROM answers s WHERE s.attempt_id = a.id) <> {QUESTIONS}"),
    }


def run(target: str, learners: int, processes: int, threads: int) -> dict[str, object]:
    store = Store(target)
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO users (nip, nip_kind, name, role, active, created_at) "
            "VALUES (?, 'pns', ?, 'learner', 1, ?)",
            [(nip_for(n), f"Peserta {n}", "2026-11-23T00:00:00+00:00") for n in range(learners)])
    user_ids = [row[0] for row in store.db.execute("SELECT id FROM users ORDER BY id")]
    chunks = [user_ids[i::processes] for i in range(processes)]
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(processes) as pool:
        latencies = [t for part in pool.starmap(worker, [(target, c, threads) for c in chunks]) for t in part]
    elapsed = time.perf_counter() - started
    stored = check_database(store, learners)
    store.close()
    latencies.sort()
    problems = []
    if stored["submitted attempts"] != learners:
        problems.append(f"{stored['submitted attempts']} submitted attempts for {learners} submits")
    if stored["answers"] != learners * QUESTIONS:
        problems.append(f"{stored['answers']} answers for {learners} x {QUESTIONS}")
    for name in ("open attempts", "learners with 2+ submitted", "answers stored twice", "attempts without all answers"):
        if stored[name]:
            problems.append(f"{name}: {stored[name]}")
    return {"learners": learners, "processes": processes, "threads": threads, "wall": elapsed,
            "rate": learners / elapsed, "p50": statistics.median(latencies) * 1000,
            "p95": latencies[int(len(latencies) * 0.95)] * 1000, "max": latencies[-1] * 1000,
            "stored": stored, "lost": max(0, learners - stored["submitted attempts"]),
            "duplicates": stored["learners with 2+ submitted"] + stored["answers stored twice"],
            "problems": problems}


# A throwaway cluster as a production one is set: every commit flushed (tests/pg_cluster.py turns
# that off for speed, which would flatter PostgreSQL beside SQLite's WAL).
DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


@contextlib.contextmanager
def database(engine: str, url: str | None, folder: Path | None = None,
             synchronous_commit: str = "on") -> Iterator[str]:
    """A fresh, empty database of the engine: a SQLite file (in `folder`, else a temporary one), the
    given PostgreSQL database (it must be empty: the checks count every row), or one in a throwaway
    cluster with durable settings (`synchronous_commit="off"`: a commit returns before its WAL is
    flushed, as SQLite's WAL with synchronous=NORMAL does; a server crash may lose the last commits,
    never consistency)."""
    if engine == "sqlite":
        if folder is not None:
            yield str(folder / "batch.db")
            return
        with tempfile.TemporaryDirectory() as name:
            yield str(Path(name) / "batch.db")
    elif url:
        yield url
    else:
        from tests import pg_cluster

        saved = dict(pg_cluster.SETTINGS)
        pg_cluster.SETTINGS.update(DURABLE, synchronous_commit=synchronous_commit)
        try:
            with pg_cluster.running_cluster() as cluster:
                yield cluster.new_database()
        finally:
            pg_cluster.SETTINGS.clear()
            pg_cluster.SETTINGS.update(saved)


def report(engine: str, target: str, figures: dict[str, object]) -> None:
    print(f"== {engine} ({shown_target(target)}): {figures['learners']} learners, {figures['processes']} processes "
          f"x {figures['threads']} threads: {figures['wall']:.1f} s wall, {figures['rate']:.0f} start+submit cycles/s")
    print(f"submit (score + transaction + double-click no-op): median {figures['p50']:.1f} ms, "
          f"p95 {figures['p95']:.1f} ms, max {figures['max']:.1f} ms")
    print("stored: " + ", ".join(f"{name} {value}" for name, value in figures["stored"].items())
          + f" (expected {figures['learners']} submitted, {figures['learners'] * QUESTIONS} answers, the rest 0)")
    for problem in figures["problems"]:
        print("  PROBLEM:", problem)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default=None,
                        help="sqlite (default), postgresql (a throwaway cluster unless --database-url), or both")
    parser.add_argument("--database-url", default=None,
                        help="an empty PostgreSQL database to use (postgresql://…; 'env' reads KELAS_DATABASE_URL)")
    parser.add_argument("--pg-synchronous-commit", choices=("on", "off"), default="on",
                        help="the throwaway cluster's synchronous_commit (fsync stays on)")
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--processes", type=int, default=PROCESSES)
    parser.add_argument("--threads", type=int, default=THREADS)
    args = parser.parse_args(argv)
    url = os.environ.get("KELAS_DATABASE_URL", "") if args.database_url == "env" else args.database_url
    if args.database_url and not url:
        raise SystemExit("--database-url env: KELAS_DATABASE_URL is not set")
    engine = args.engine or ("postgresql" if url else "sqlite")
    engines = ("sqlite", "postgresql") if engine == "both" else (engine,)
    results = {}
    for name in engines:
        with database(name, url, synchronous_commit=args.pg_synchronous_commit) as target:
            results[name] = run(target, args.learners, args.processes, args.threads)
            report(name, target, results[name])
    if len(results) > 1:
        print(f"\n{'engine':<11} {'submits/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'lost':>5} {'dupl.':>5}")
        for name, f in results.items():
            print(f"{name:<11} {f['rate']:>9.0f} {f['p50']:>7.1f} {f['p95']:>7.1f} {f['max']:>7.1f} "
                  f"{f['lost']:>5} {f['duplicates']:>5}")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores (shared), load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    return 1 if any(f["problems"] for f in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
