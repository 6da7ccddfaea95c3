"""`make serve` on PostgreSQL: two app processes behind HAProxy on one database. Learners sign in and
submit their quiz through both over Streamlit's websocket protocol (the client of
bench/bench_batch_load.py); one process gets SIGKILL in the middle; supervisord restarts it, its
learners reconnect to the live one, and every acknowledged submission is in the database exactly once.
And processes that start together on an empty database apply each migration once."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time

from modules.db import connect
from modules.store import Store, migrations
from tests.browser import free_port
from tests.conftest import ROOT
from tests.serving import wait_healthy
from tests.test_serving import SERVE, app_pid, needs_haproxy

sys.path.insert(0, str(ROOT / "bench"))

LEARNERS = 16


def test_processes_starting_together_on_an_empty_database_apply_each_migration_once(pg_url):
    start_at = time.time() + 4  # every process imports first, then all open the store at this moment
    code = ("import sys, time; from modules.store import Store; "
            f"time.sleep(max(0, {start_at} - time.time())); Store(sys.argv[1]).close()")
    processes = [subprocess.Popen([sys.executable, "-c", code, pg_url], cwd=ROOT, stderr=subprocess.PIPE)
                 for _ in range(3)]
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read().decode()
    with connect(pg_url) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM schema_migrations ORDER BY id")]
    assert names == migrations.names  # each once, in order


@needs_haproxy
def test_two_processes_on_one_postgresql_database_lose_nothing_when_one_is_killed(tmp_path, pg_url):
    import bench_batch_load as bench

    unused_sqlite = tmp_path / "never.db"
    run_dir, port = tmp_path / "run", free_port()
    serve = subprocess.Popen(
        [sys.executable, str(SERVE), "--processes", "2", "--port", str(port), "--bind", "127.0.0.1",
         "--run-dir", str(run_dir), "--first-app-port", str(free_port())],
        cwd=ROOT, env=os.environ | {"KELAS_DATABASE_URL": pg_url, "KELAS_DB_PATH": str(unused_sqlite)},
        start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        store = Store(pg_url)
        nips = bench.make_learners(store, LEARNERS)
        wait_healthy(port, serve)
        wait_for_pids = time.monotonic() + 30
        while not (app_pid(run_dir, "app0") and app_pid(run_dir, "app1")) and time.monotonic() < wait_for_pids:
            time.sleep(0.25)
        victim = app_pid(run_dir, "app0")
        assert victim and app_pid(run_dir, "app1")

        result = bench.WorkerResult()
        still_to_submit: list[int] = []
        start = time.time() + 0.5
        plan = bench.Plan(port=port, nips=[(n, nip, n * 0.25) for n, nip in enumerate(nips)], start_at=start,
                          hold_until=start + 12, think=0.15, seed=3, grace=40, reconnects=8)

        async def burst() -> None:
            counter = {"open": 0}
            learners = [asyncio.create_task(bench.learner(plan, n, nip, offset, result, counter, random.Random(n)))
                        for n, nip, offset in plan.nips]
            # The kill falls in the middle: both processes have acknowledged submissions, others are on their way.
            while (len(result.sent) < LEARNERS // 3 or not {"p0", "p1"} <= set(result.submitted_on)) \
                    and time.time() < start + 30:
                await asyncio.sleep(0.05)
            os.kill(victim, signal.SIGKILL)
            still_to_submit.append(LEARNERS - len(result.submitted))
            _, late = await asyncio.wait(learners, timeout=plan.hold_until + plan.grace - time.time())
            assert not late, f"{len(late)} learners still on their way"

        asyncio.run(burst())
        assert result.errors == []
        assert still_to_submit[0] > 0, "everyone had submitted before the kill"
        assert result.reconnects > 0, "no learner was on the killed process"
        assert {"p0", "p1"} <= set(result.submitted_on)  # acknowledged by both processes
        deadline = time.monotonic() + 30
        while app_pid(run_dir, "app0") in (0, victim) and time.monotonic() < deadline:
            time.sleep(0.25)
        assert app_pid(run_dir, "app0") not in (0, victim), "supervisord did not restart app0"

        landed = bench.check_database(store, nips, result)
        assert landed.problems == [] and landed.lost == 0 and landed.duplicates == 0
        assert landed.acknowledged + len(result.landed_unacknowledged) == LEARNERS
        assert landed.stored_attempts == LEARNERS and result.unresolved == set()
        assert not unused_sqlite.exists()  # every process wrote to PostgreSQL
        store.close()
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
    for generated in ("supervisord.conf", "haproxy.cfg"):  # the URL (it may hold a password) stays in the environment
        assert pg_url not in (run_dir / generated).read_text()
