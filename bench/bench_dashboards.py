"""Benchmark: trainer and manager dashboards on the demo cohort (18,000 and 200,000 learners).

    python bench/bench_dashboards.py                  # 18,000 then 200,000 learners
    python bench/bench_dashboards.py --learners 18000 --runs 7 --reuse

For each size it prints: how long the demo cohort took to generate; each dashboard's data, computed
cold (a new database connection, so an empty SQLite page cache, and no Streamlit cache), as the
median of several runs, per function and in total; the query plan of every statement, to show
which index each one uses; and the full AppTest run of each page (first run with no cache, then a
rerun). Targets: each dashboard's data under 300 ms, each page's AppTest rerun under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import analytics, demo  # noqa: E402
from modules.course import load_catalogue  # noqa: E402
from modules.store import Store  # noqa: E402

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
TARGET_MS = 300


def viewers(store: Store) -> dict[str, dict]:
    """The trainer of the running batch, the province's manager and one region's manager."""
    def one(sql: str) -> dict:
        return next(iter(store.db.query(sql)))
    return {
        "trainer": one("""SELECT u.* FROM users u JOIN batch_trainers bt ON bt.user_id = u.id
                          ORDER BY bt.batch_id DESC, u.id LIMIT 1"""),
        "manager (province)": one("""SELECT u.* FROM users u JOIN manager_scopes m ON m.user_id = u.id
                                     WHERE m.kind = 'all' LIMIT 1"""),
        "manager (one region)": one("""SELECT u.* FROM users u JOIN manager_scopes m ON m.user_id = u.id
                                       WHERE m.kind = 'region' ORDER BY m.value LIMIT 1"""),
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
        ("filter_options", lambda s, v: analytics.filter_options(s, v)),
        ("scope_description", lambda s, v: analytics.scope_description(s, v)),
    ]
    return {"trainer": trainer, "manager (province)": manager, "manager (one region)": manager}


def time_dashboard(path: Path, viewer: dict, parts: list, runs: int) -> tuple[dict[str, float], float]:
    """Median milliseconds per function and of the whole dashboard, each run on a new connection."""
    per: dict[str, list[float]] = {name: [] for name, _ in parts}
    totals = []
    for _ in range(runs):
        store = Store(path)  # a new Store: a new SQLite connection with a cold page cache
        began = time.perf_counter()
        for name, function in parts:
            start = time.perf_counter()
            function(store, viewer)
            per[name].append(1000 * (time.perf_counter() - start))
        totals.append(1000 * (time.perf_counter() - began))
        store.db.close()
    return {name: statistics.median(values) for name, values in per.items()}, statistics.median(totals)


def query_plans(path: Path, viewer: dict, parts: list) -> list[tuple[str, list[str]]]:
    """Every statement a dashboard runs, with SQLite's plan for it."""
    store = Store(path)
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    for _, function in parts:
        function(store, viewer)
    store.db.set_trace_callback(None)
    plans = []
    for sql in dict.fromkeys(statements):
        head = sql.lstrip().upper()
        if not head.startswith(("WITH", "SELECT")):
            continue
        plan = [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        plans.append((" ".join(sql.split())[:110], plan))
    return plans


def apptest_times(path: Path, viewer: dict, page: str, runs: int) -> tuple[float, float]:
    """Median seconds of the page's first full AppTest run (no cache) and of a rerun."""
    import streamlit as st
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest outside a server warns about the missing runtime on every run

    os.environ["KELAS_DB_PATH"] = str(path)
    firsts, reruns = [], []
    for _ in range(runs):
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "modules" / "navigation.py"), default_timeout=120)
        at.session_state["user_id"] = viewer["id"]
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


def prepare(path: Path, learners: int, reuse: bool) -> None:
    if reuse and path.exists():
        print(f"  reusing {path}")
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    result = demo.generate(Store(path), COURSE, learners=learners)
    print(f"  demo cohort generated in {result.seconds:.1f} s: {result.learners:,} learners, "
          f"{result.attempts:,} attempts, {result.answers:,} answers, {result.lessons:,} lesson rows, "
          f"{result.certificates:,} certificates; database {path.stat().st_size / 2**20:,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, nargs="+", default=[18_000, 200_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--reuse", action="store_true", help="reuse a database generated by an earlier run")
    parser.add_argument("--no-plans", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for learners in args.learners:
        print(f"\n=== {learners:,} learners ===")
        path = args.dir / f"bench-dashboards-{learners}.db"
        prepare(path, learners, args.reuse)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        people = viewers(Store(path))
        for role, parts in dashboards(now).items():
            viewer = people[role]
            per, total = time_dashboard(path, viewer, parts, args.runs)
            verdict = "ok" if total < TARGET_MS else f"over {TARGET_MS} ms"
            print(f"\n  {role} dashboard data, cold, median of {args.runs}: {total:.0f} ms ({verdict})")
            for name, ms in per.items():
                print(f"    {name:<24} {ms:8.1f} ms")
            if not args.no_plans and role != "manager (one region)":
                print("    query plans:")
                for sql, plan in query_plans(path, viewer, parts):
                    print(f"      {sql}")
                    for line in plan:
                        print(f"        {line}")
        for role, page in (("trainer", "pages/trainer.py"), ("manager (province)", "pages/manager.py")):
            first, rerun = apptest_times(path, people[role], page, max(3, args.runs // 2))
            print(f"\n  AppTest {page} as {role}: first run (no cache) {first:.2f} s, rerun {rerun:.2f} s "
                  f"({'ok' if rerun < 1 else 'over 1 s'})")


if __name__ == "__main__":
    main()
