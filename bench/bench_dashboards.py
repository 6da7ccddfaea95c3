"""Benchmark: trainer and manager dashboards on the demo cohort (18,000 and 200,000 learners), on
SQLite and on PostgreSQL, side by side.

    python bench/bench_dashboards.py                            # both engines, 18,000 then 200,000
    python bench/bench_dashboards.py --learners 18000 --runs 7 --reuse --engine sqlite
    python bench/bench_dashboards.py --engine postgresql --no-apptest

For each size the demo cohort is generated once into a SQLite file (`demo.generate`, as
`python -m modules demo-data` does; `--reuse` keeps the file of an earlier run). For PostgreSQL the
bench starts a throwaway PostgreSQL cluster (tests/pg_cluster.py: initdb and pg_ctl in a temporary
directory, deleted at the end) and copies that same file into an empty database with
`modules/db/move.copy_database` — the path a real site takes with `copy-database` — so both engines
hold exactly the same rows.

It prints, per dashboard and per function, the median of several runs, one column per engine
(runs alternate between the engines, so a busy machine slows both alike), as wall-clock time and,
in brackets, CPU time: this process's (all of SQLite's work, and the Python on both engines) plus
the PostgreSQL backend's (read from /proc/PID/schedstat; 0 for a server on another machine; the
parallel workers PostgreSQL starts for a large scan are not counted, so a parallel plan's CPU
figure is too low — its plan says "Workers Launched"). On a
machine shared with other work the wall-clock figure includes the time spent waiting for a CPU,
and the CPU figure is what the same run costs on an idle machine. Then the statements that
took longest, with their query plans (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE with
buffers); and, unless `--no-apptest`, the full AppTest run of each page (first run with no cache,
then a rerun).

What "cold" means differs per engine, and the figures say no more than this:
- every run uses a new connection and no Streamlit cache;
- SQLite: a new connection starts with an empty page cache, so every page is read again — from the
  operating system's file cache, which stays warm (the file is not evicted between runs);
- PostgreSQL: a new connection (a new server backend: no plan or catalogue cache), but the server's
  shared buffers (64 MB in the throwaway cluster) and the file cache stay warm. The connection is
  opened before the clock starts (the app keeps its connections in a pool) and its cost is shown
  on its own line.
Targets: each dashboard's data under 300 ms at 18,000 learners and under 1 s at 200,000; the
trainer's under 300 ms at both sizes (a trainer sees one batch, whatever the site's size); each
page's AppTest rerun under 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import analytics, demo  # noqa: E402
from modules.course import load_catalogue  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
ENGINES = ("sqlite", "postgresql")
SLOWEST = 3  # statements per dashboard and engine whose plans are printed
CLASS_SIZE = 3_000  # learners in a real batch (issue 10): what one trainer sees
CLASS_SUFFIX = " (kelas 3.000)"


def target_ms(role: str, learners: int) -> int:
    return 300 if learners <= 18_000 or role == "trainer" else 1000


def viewers(store: Store) -> dict[str, dict]:
    """The trainer of the running batch (3,000 learners), the trainer of the largest batch when it is
    larger (the demo's batch at 200,000), the province's manager and one region's manager."""
    def one(sql: str) -> dict:
        return next(iter(store.db.query(sql)))
    largest = one("""SELECT batch_id, count(*) AS n FROM users WHERE role = 'learner' AND batch_id IS NOT NULL
                     GROUP BY batch_id ORDER BY n DESC, batch_id LIMIT 1""")
    large = {} if largest["n"] <= CLASS_SIZE else {
        f"trainer (batch of {largest['n']:,})": one(f"""SELECT u.* FROM users u JOIN batch_trainers bt
            ON bt.user_id = u.id WHERE bt.batch_id = {int(largest['batch_id'])} ORDER BY u.id LIMIT 1""")}
    return {
        "trainer": one("""SELECT u.* FROM users u JOIN batch_trainers bt ON bt.user_id = u.id
                          ORDER BY bt.batch_id DESC, u.id LIMIT 1"""),
        **large,
        "manager (province)": one("""SELECT u.* FROM users u JOIN manager_scopes m ON m.user_id = u.id
                                     WHERE m.kind = 'all' ORDER BY u.id LIMIT 1"""),
        "manager (one region)": one("""SELECT u.* FROM users u JOIN manager_scopes m ON m.user_id = u.id
                                       WHERE m.kind = 'region' ORDER BY m.value, u.id LIMIT 1"""),
    }


def dashboards(now: dt.datetime) -> dict[str, list[tuple[str, Callable[[Store, dict], object]]]]:
    trainer = [
        ("learners_table", lambda s, v: analytics.learners_table(s, v, now)),
        ("quiz_summary", lambda s, v: analytics.quiz_summary(s, v)),
        ("score_histogram", lambda s, v: analytics.score_histogram(s, v, "digital-safety")),
        ("item_analysis", lambda s, v: analytics.item_analysis(s, v, COURSE, "digital-safety")),
        ("filter_options", lambda s, v: analytics.filter_options(s, v)),
    ]
    manager = [
        ("cohort_overview", lambda s, v: analytics.cohort_overview(s, v, COURSE, now)),
        ("group_results_all", lambda s, v: analytics.group_results_all(s, v)),
        *[(f"learning_gain[{by}]", lambda s, v, by=by: analytics.learning_gain(s, v, by))
          for by in ("pillar", "region")],
        ("activity_by_week", lambda s, v: analytics.activity_by_week(s, v)),
        ("group_completion", lambda s, v: analytics.group_completion(s, v, COURSE)),
        ("filter_options", lambda s, v: analytics.filter_options(s, v)),
        ("scope_description", lambda s, v: analytics.scope_description(s, v)),
    ]
    return {"trainer": trainer, "manager (province)": manager, "manager (one region)": manager}


# ---------------------------------------------------------------- recording statements

Statement = tuple[str, tuple[Any, ...]]


class Recorder:
    """Times every statement analytics runs (they all go through `analytics._rows`)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Statement, float]] | None = None

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        original = analytics._rows

        def timed(store: Store, sql: str, params: Any = ()) -> list[dict[str, Any]]:
            start = time.perf_counter()
            rows = original(store, sql, params)
            if self.calls is not None:
                self.calls.append(((sql, tuple(params)), 1000 * (time.perf_counter() - start)))
            return rows

        analytics._rows = timed
        try:
            yield
        finally:
            analytics._rows = original


RECORDER = Recorder()


class Clock:
    """Wall-clock and CPU milliseconds of a stretch of work. CPU is this process's (all of SQLite's
    work, and the Python on both engines) plus, on PostgreSQL, the server backend's time on a CPU
    (/proc/PID/schedstat, when the server runs on this machine): on a machine shared with other
    work, wall-clock time includes waiting for a CPU and CPU time does not."""

    def __init__(self, backend: int | None) -> None:
        self.schedstat = Path(f"/proc/{backend}/schedstat") if backend else None

    def _backend_ns(self) -> int:
        try:
            return int(self.schedstat.read_text().split()[0]) if self.schedstat else 0
        except OSError:
            return 0

    def start(self) -> tuple[float, int]:
        return time.perf_counter(), time.process_time_ns() + self._backend_ns()

    def since(self, mark: tuple[float, int]) -> tuple[float, float]:
        wall, cpu = mark
        return 1000 * (time.perf_counter() - wall), (time.process_time_ns() + self._backend_ns() - cpu) / 1e6


Times = tuple[float, float]  # (wall ms, cpu ms)


def run_once(target: str, viewer: dict, parts: list) -> tuple[float, dict[str, Times], Times,
                                                               list[tuple[Statement, float]]]:
    """One cold run of a dashboard: (connect ms, (wall, cpu) ms per function and in total, statements)."""
    store = Store(target)  # a new Store: a new connection (SQLite: an empty page cache)
    start = time.perf_counter()
    backend = None
    if store.is_postgres:
        backend = store.db.execute("SELECT pg_backend_pid()").fetchone()[0]
    else:
        store.db.execute("SELECT 1").fetchone()
    connect_ms = 1000 * (time.perf_counter() - start)
    clock = Clock(backend)
    per: dict[str, Times] = {}
    RECORDER.calls = []
    began = clock.start()
    for name, function in parts:
        mark = clock.start()
        function(store, viewer)
        wall, cpu = clock.since(mark)
        before = per.get(name, (0.0, 0.0))
        per[name] = (before[0] + wall, before[1] + cpu)
    total = clock.since(began)
    calls, RECORDER.calls = RECORDER.calls, None
    store.close()
    return connect_ms, per, total, calls


def plan(target: str, statement: Statement) -> list[str]:
    """The engine's plan for one statement: EXPLAIN QUERY PLAN (SQLite), EXPLAIN ANALYZE (PostgreSQL)."""
    sql, params = statement
    store = Store(target)
    try:
        if store.is_postgres:
            rows = store.db.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params).fetchall()
            return [row[0] for row in rows]
        rows = store.db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        depth: dict[int, int] = {0: -1}
        lines = []
        for node, parent, _, detail in rows:
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return lines
    finally:
        store.close()


# ---------------------------------------------------------------- preparing the databases

def prepare(path: Path, learners: int, reuse: bool) -> None:
    if reuse and path.exists():
        print(f"  sqlite: reusing {path} ({path.stat().st_size / 2**20:,.0f} MiB)")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        result = demo.generate(Store(path), COURSE, learners=learners)
        print(f"  sqlite: demo cohort generated in {result.seconds:.1f} s: {result.learners:,} learners, "
              f"{result.attempts:,} attempts, {result.answers:,} answers, {result.lessons:,} lesson rows, "
              f"{result.certificates:,} certificates; database {path.stat().st_size / 2**20:,.0f} MiB")
    split_running_batch(Store(path))


def split_running_batch(store: Store) -> None:
    """Give one trainer a batch of CLASS_SIZE learners, whatever the cohort's size.

    The demo spreads any cohort over six batches, so at 200,000 learners a batch holds 33,334 —
    a real batch holds about 3,000 (issue 10). The last CLASS_SIZE learners of the running batch
    move into a batch of their own with the second of its two trainers (users are updated, so the
    summary triggers keep learner_status right); the first trainer keeps the rest of the batch.
    Done once per file, before it is copied to PostgreSQL; a cohort whose batches already hold no
    more than CLASS_SIZE is left as it is.
    """
    db = store.db
    running = next(iter(db.query("SELECT id, name, starts_on, ends_on FROM batches ORDER BY id DESC LIMIT 1")))
    if running["name"].endswith(CLASS_SUFFIX):
        return
    size = db.execute("SELECT count(*) FROM users WHERE batch_id = ? AND role = 'learner'",
                      (running["id"],)).fetchone()[0]
    if size <= CLASS_SIZE:
        return
    with store.write() as conn:
        class_id = conn.execute("INSERT INTO batches (name, starts_on, ends_on) VALUES (?, ?, ?) RETURNING id",
                                (running["name"] + CLASS_SUFFIX, running["starts_on"],
                                 running["ends_on"])).fetchone()[0]
        conn.execute("""UPDATE users SET batch_id = ? WHERE id IN (
                            SELECT id FROM users WHERE batch_id = ? AND role = 'learner' ORDER BY id DESC LIMIT ?)""",
                     (class_id, running["id"], CLASS_SIZE))
        conn.execute("""UPDATE batch_trainers SET batch_id = ? WHERE batch_id = ? AND user_id =
                            (SELECT max(user_id) FROM batch_trainers WHERE batch_id = ?)""",
                     (class_id, running["id"], running["id"]))
    print(f"  moved {CLASS_SIZE:,} of the running batch's {size:,} learners into a batch of their own "
          f"with one of its trainers")


def load_postgres(server_url: str, major: int | str, path: Path, learners: int, reuse: bool) -> str:
    """A database on the server holding a copy of the SQLite file, made with copy-database.

    With `reuse`, a database of that name left by an earlier run (on a server given with
    `--postgres-url`) is used as it is; else it is dropped and copied anew.
    """
    import psycopg
    from psycopg import sql

    from modules.db.move import copy_database

    name = f"bench_dashboards_{learners}"
    url = server_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(server_url, autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and reuse:
            print(f"  postgresql {major}: reusing database {name}")
            return url
        if exists:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    source = Store(path)
    began = time.perf_counter()
    result = copy_database(source.db, url)
    source.close()
    if not result.ok:
        raise RuntimeError(f"copy-database into PostgreSQL differs: {[c for c in result.tables if not c.ok]}")
    store = Store(url)
    size = store.db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    store.close()
    print(f"  postgresql {major}: copied with copy-database in {time.perf_counter() - began:.1f} s "
          f"({sum(c.target_rows for c in result.tables):,} rows, every table checked); "
          f"database {size / 2**20:,.0f} MiB")
    return url


# ---------------------------------------------------------------- measuring and printing

def measure(targets: dict[str, str], now: dt.datetime, runs: int, plans: bool, learners: int) -> None:
    people = {engine: viewers(Store(target)) for engine, target in targets.items()}
    kinds = dashboards(now)
    for role in people[next(iter(targets))]:
        parts = kinds["trainer" if role.startswith("trainer") else role]
        connects: dict[str, list[float]] = defaultdict(list)
        per: dict[str, dict[str, list[Times]]] = {e: defaultdict(list) for e in targets}
        totals: dict[str, list[Times]] = defaultdict(list)
        statements: dict[str, dict[Statement, list[float]]] = {e: defaultdict(list) for e in targets}
        for _ in range(runs):
            for engine, target in targets.items():  # alternate: a load spike hits both engines
                connect_ms, functions, total, calls = run_once(target, people[engine][role], parts)
                connects[engine].append(connect_ms)
                totals[engine].append(total)
                for name, times in functions.items():
                    per[engine][name].append(times)
                for statement, ms in calls:
                    statements[engine][statement].append(ms)
        limit = target_ms(role, learners)
        engines = list(targets)
        print(f"\n  {role} dashboard data, cold, median of {runs} runs, wall-clock ms (CPU ms), "
              f"target < {limit} ms")
        print("    " + f"{'':<26}" + "".join(f"{e:>20}" for e in engines))
        for name in dict.fromkeys(name for name, _ in parts):
            print("    " + f"{name:<26}" + "".join(_cell(per[e][name]) for e in engines))
        print("    " + f"{'TOTAL':<26}" + "".join(_cell(totals[e]) for e in engines) + "   " + ", ".join(
            f"{e}: {_verdict(statistics.median(t[0] for t in totals[e]), limit)} wall-clock, "
            f"{_verdict(statistics.median(t[1] for t in totals[e]), limit)} CPU" for e in engines))
        print("    " + f"{'(connect, not in total)':<26}"
              + "".join(f"{statistics.median(connects[e]):11.1f}         " for e in engines))
        if not plans:
            continue
        for engine in engines:
            slowest = sorted(statements[engine].items(), key=lambda item: -statistics.median(item[1]))[:SLOWEST]
            print(f"    slowest statements on {engine}, with plans:")
            for statement, times in slowest:
                print(f"      {statistics.median(times):.1f} ms  {' '.join(statement[0].split())[:150]}")
                for line in plan(targets[engine], statement):
                    print(f"          {line}")


def _cell(values: list[Times]) -> str:
    return f"{statistics.median(v[0] for v in values):11.1f} ({statistics.median(v[1] for v in values):6.1f})"


def _verdict(ms: float, limit: int) -> str:
    return "ok" if ms < limit else "OVER"


def apptest_times(target: str, viewer: dict, page: str, runs: int) -> tuple[float, float]:
    """Median seconds of the page's first full AppTest run (no cache) and of a rerun."""
    import streamlit as st
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest outside a server warns about the missing runtime on every run

    if target.startswith("postgresql://"):
        os.environ["KELAS_DATABASE_URL"] = target
    else:
        os.environ.pop("KELAS_DATABASE_URL", None)
        os.environ["KELAS_DB_PATH"] = target
    firsts, reruns = [], []
    for _ in range(runs):
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "modules" / "navigation.py"), default_timeout=120)
        # Signed in as the app does it: a session row whose token the tab keeps.
        at.session_state["session_token"] = Store(target).create_session(viewer["id"], utcnow(), 8)
        at.run()
        at.switch_page(page)
        start = time.perf_counter()
        at.run()
        firsts.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        start = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - start)
    return statistics.median(firsts), statistics.median(reruns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, nargs="+", default=[18_000, 200_000])
    parser.add_argument("--engine", choices=(*ENGINES, "both"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp"), help="where the SQLite files are kept")
    parser.add_argument("--reuse", action="store_true", help="reuse a SQLite file generated by an earlier run")
    parser.add_argument("--no-plans", action="store_true")
    parser.add_argument("--no-apptest", action="store_true")
    parser.add_argument("--postgres-url", default=None,
                        help="a PostgreSQL server (its maintenance database's URL, a superuser) to use instead of "
                             "a throwaway cluster; with --reuse, its bench_dashboards_N databases are reused")
    args = parser.parse_args()
    engines = ENGINES if args.engine == "both" else (args.engine,)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with contextlib.ExitStack() as stack:
        server: tuple[str, int | str] | None = None
        if "postgresql" in engines and args.postgres_url:
            server = (args.postgres_url, "server")
        elif "postgresql" in engines:
            sys.path.insert(0, str(ROOT / "tests"))
            from pg_cluster import running_cluster

            cluster = stack.enter_context(running_cluster())
            server = (cluster.url, cluster.major)
            print(f"throwaway PostgreSQL {cluster.major} cluster started in {cluster.startup_seconds:.1f} s")
        with RECORDER.installed():
            for learners in args.learners:
                print(f"\n=== {learners:,} learners ===")
                path = args.dir / f"bench-dashboards-{learners}.db"
                prepare(path, learners, args.reuse)
                targets = {}
                if "sqlite" in engines:
                    targets["sqlite"] = str(path)
                if server is not None:
                    targets["postgresql"] = load_postgres(*server, path, learners, args.reuse)
                    split_running_batch(Store(targets["postgresql"]))  # a database reused from before the split
                now = dt.datetime.now(dt.UTC).replace(microsecond=0)
                measure(targets, now, args.runs, not args.no_plans, learners)
                if args.no_apptest:
                    continue
                for engine, target in targets.items():
                    people = viewers(Store(target))
                    for role, page in (("trainer", "pages/trainer.py"), ("manager (province)", "pages/manager.py")):
                        first, rerun = apptest_times(target, people[role], page, max(3, args.runs // 2))
                        print(f"\n  AppTest {page} as {role} on {engine}: first run (no cache) {first:.2f} s, "
                              f"rerun {rerun:.2f} s ({'ok' if rerun < 1 else 'over 1 s'})")


if __name__ == "__main__":
    main()
