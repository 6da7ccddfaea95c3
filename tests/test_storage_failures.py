"""A full disk or a read-only database: said plainly at start and on every page, a failed write
tells the person their answer was NOT saved, and nothing half-written remains."""

from __future__ import annotations

import json
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from modules.hardening import storage_problem
from tests.conftest import make_learner, write_lock_held


def fill_the_disk(store) -> None:
    """The database may not grow by a single page any more: SQLite answers SQLITE_FULL."""
    conn = store.db
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_read_only_database_is_found_by_the_write_check(store, now):
    assert store.can_write(now) is None
    store.db.execute("PRAGMA query_only = ON")
    problem = store.can_write(now)
    assert problem and "readonly" in problem


def test_a_submission_on_a_full_disk_leaves_nothing_half_written(store, now):
    user_id = make_learner(store)
    ids = [f"q{i:04d}" for i in range(600)]
    attempt_id = store.start_attempt(user_id=user_id, quiz_id="digital-safety", kind="pillar", bank_version="x",
                                     seed=1, question_ids=ids, option_orders={q: [0, 1, 2, 3] for q in ids}, now=now)
    fill_the_disk(store)
    answers = [{"question_id": q, "chosen": list(range(40)), "correct": True, "pillar": "digital-safety"} for q in ids]
    with pytest.raises(sqlite3.OperationalError) as raised:
        store.submit_attempt(attempt_id=attempt_id, user_id=user_id, answers=answers, score=600, max_score=600,
                             passed=True, now=now)
    assert storage_problem(raised.value) and "full" in str(raised.value)
    assert store.get_attempt(attempt_id, user_id)["submitted_at"] is None
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    assert store.can_write(now) is None or "full" in store.can_write(now)


def test_errors_that_are_not_about_storage_are_told_apart():
    assert storage_problem(sqlite3.OperationalError("attempt to write a readonly database"))
    assert storage_problem(sqlite3.OperationalError("database or disk is full"))
    assert not storage_problem(sqlite3.IntegrityError("UNIQUE constraint failed: users.nip"))
    assert not storage_problem(ValueError("disk is full"))


def page_that_fails(kind: str) -> None:
    import sqlite3

    from modules.pages.guard import run_page

    class Failing:
        def run(self) -> None:
            if kind == "full":
                raise sqlite3.OperationalError("database or disk is full")
            raise KeyError("something unexpected")

    run_page(Failing())


@pytest.mark.parametrize(("kind", "shown"), [("full", "BELUM tersimpan"), ("other", "Terjadi kesalahan di server")])
def test_a_failing_page_shows_a_plain_message_and_no_stack_trace(kind, shown):
    at = AppTest.from_function(page_that_fails, args=(kind,), default_timeout=30)
    at.run()
    assert not at.exception
    assert shown in at.error[0].value and "kode" in at.error[0].value
    assert "Traceback" not in json.dumps([e.value for e in at.error])


@pytest.mark.both_engines
def test_a_write_that_waited_out_the_lock_is_told_as_busy_not_as_full(store, monkeypatch, capsys):
    """A whole batch writing at once: a write that gave up waiting for the lock says the server is
    busy and nothing was saved (try again), not that the storage is full."""
    from modules.db import connection
    from modules.hardening import busy_problem, logged_failure
    from modules.store import Store, utcnow

    user_id = make_learner(store)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 500)
    monkeypatch.setattr(connection, "LOCK_TIMEOUT_SECONDS", 0.5)
    impatient = Store(store.target)
    with write_lock_held(store), pytest.raises(Exception) as raised:
        impatient.mark_lesson_opened(user_id, "aman-01", utcnow())
    assert busy_problem(raised.value) and not storage_problem(raised.value)
    assert logged_failure(raised.value, "in a test")[0] == "storage.busy"
    assert "in a test" in capsys.readouterr().err
    impatient.mark_lesson_opened(user_id, "aman-01", utcnow())  # the same step a moment later: stored
    assert "aman-01" in store.lesson_progress(user_id)
