"""The store on a temporary database: migrations, transactions, double submits, concurrency."""

import threading

import pytest

from modules import attempts
from modules.db import INTEGRITY_ERRORS
from modules.store import DuplicateNip, Store, migrations
from tests.conftest import VALID_NIP, make_learner

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


def test_migrations_apply_once_and_set_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "m.db"
    store = Store(path)
    applied = migrations.applied(store.db)
    assert applied[0] == "m001_initial" and migrations.pending(store.db) == []
    migrations.apply(store.db)  # a second application changes nothing
    assert migrations.applied(store.db) == applied == migrations.names
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_duplicate_nip_is_refused_and_the_first_account_stays(store):
    first = make_learner(store)
    with pytest.raises(DuplicateNip):
        make_learner(store, name="Someone Else")
    assert store.get_user_by_nip(VALID_NIP)["id"] == first
    assert store.db.execute("SELECT count(*) FROM users").fetchone()[0] == 1


def test_sessions_expire_and_are_revoked_by_deleting_the_row(store, now):
    import datetime as dt

    user_id = make_learner(store)
    token = store.create_session(user_id, now, hours=8)
    assert store.user_for_session(token, now)["id"] == user_id
    assert store.user_for_session(token, now + dt.timedelta(hours=8, seconds=1)) is None
    assert store.user_for_session("forged", now) is None
    stored = store.db.execute("SELECT token_hash FROM sessions").fetchone()[0]
    assert token not in stored  # only the hash is kept
    store.delete_session(token)
    assert store.user_for_session(token, now) is None


def test_signin_code_is_single_use_and_short_lived(store, now):
    import datetime as dt

    user_id = make_learner(store)
    code = store.create_signin_code(user_id, now)
    assert store.redeem_signin_code(code, now) == user_id
    assert store.redeem_signin_code(code, now) is None
    late = store.create_signin_code(user_id, now)
    assert store.redeem_signin_code(late, now + dt.timedelta(minutes=3)) is None


def test_lesson_opened_keeps_first_time_and_done_is_recorded_once(store, now):
    import datetime as dt

    user_id = make_learner(store)
    store.mark_lesson_opened(user_id, "aman-01", now)
    store.mark_lesson_opened(user_id, "aman-01", now + dt.timedelta(hours=1))
    store.mark_lesson_done(user_id, "aman-01", now + dt.timedelta(hours=2))
    store.mark_lesson_done(user_id, "aman-01", now + dt.timedelta(hours=3))
    row = store.lesson_progress(user_id)["aman-01"]
    assert row["opened_at"].startswith("2026-11-23T03:00")
    assert row["completed_at"].startswith("2026-11-23T05:00")


def start(store, catalogue, user_id, now):
    return attempts.start_or_resume(store, catalogue, user_id, "digital-safety", 10, now)


def all_right(catalogue, attempt):
    return {qid: sorted(catalogue.questions[qid].correct_indexes) for qid in attempt["question_ids"]}


def test_attempt_is_resumed_until_submitted_then_a_retake_draws_a_new_one(store, small_catalogue, now):
    user_id = make_learner(store)
    first = start(store, small_catalogue, user_id, now)
    assert start(store, small_catalogue, user_id, now)["id"] == first["id"]
    assert attempts.submit(store, small_catalogue, first, all_right(small_catalogue, first), 70, now)
    second = start(store, small_catalogue, user_id, now)
    assert second["id"] != first["id"]


def test_submission_stores_score_and_every_answer(store, small_catalogue, now):
    user_id = make_learner(store)
    attempt = start(store, small_catalogue, user_id, now)
    chosen = all_right(small_catalogue, attempt)
    chosen[attempt["question_ids"][0]] = [99]  # one wrong
    assert attempts.submit(store, small_catalogue, attempt, chosen, 70, now)
    row = store.get_attempt(attempt["id"], user_id)
    assert (row["score"], row["max_score"], row["passed"]) == (9, 10, 1)
    assert len(store.attempt_answers(attempt["id"])) == 10


def test_double_submit_changes_nothing(store, small_catalogue, now):
    user_id = make_learner(store)
    attempt = start(store, small_catalogue, user_id, now)
    assert attempts.submit(store, small_catalogue, attempt, all_right(small_catalogue, attempt), 70, now)
    assert not attempts.submit(store, small_catalogue, attempt, {}, 70, now)  # a second, all-wrong click
    row = store.get_attempt(attempt["id"], user_id)
    assert row["score"] == 10
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 10


def test_a_submission_is_all_or_nothing(store, small_catalogue, now):
    user_id = make_learner(store)
    attempt = start(store, small_catalogue, user_id, now)
    broken = [{"question_id": "x", "chosen": [0], "correct": True}] * 2  # duplicate key fails half-way
    with pytest.raises(INTEGRITY_ERRORS):
        store.submit_attempt(attempt_id=attempt["id"], user_id=user_id, answers=broken, score=1,
                             max_score=10, passed=False, now=now)
    assert store.get_attempt(attempt["id"], user_id)["submitted_at"] is None
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0


def test_someone_else_cannot_submit_or_read_my_attempt(store, small_catalogue, now):
    mine = make_learner(store)
    other = make_learner(store, nip="199009132015052014", name="Budi")
    attempt = start(store, small_catalogue, mine, now)
    assert store.get_attempt(attempt["id"], other) is None
    assert not store.submit_attempt(attempt_id=attempt["id"], user_id=other, answers=[], score=0,
                                    max_score=10, passed=False, now=now)


def test_two_threads_submitting_at_once_both_land(database, small_catalogue, now):
    store = Store(database)
    users = [make_learner(store, nip=f"1986092620150510{n:02d}", name=f"P{n}") for n in (1, 2)]
    started = [start(store, small_catalogue, u, now) for u in users]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit(attempt):
        try:
            barrier.wait()
            results.append(attempts.submit(store, small_catalogue, attempt,
                                           all_right(small_catalogue, attempt), 70, now))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(a,)) for a in started]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [True, True]
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 20


def test_same_attempt_submitted_by_two_threads_lands_once(database, small_catalogue, now):
    store = Store(database)
    user_id = make_learner(store)
    attempt = start(store, small_catalogue, user_id, now)
    barrier = threading.Barrier(4)
    results = []

    def submit():
        barrier.wait()
        results.append(attempts.submit(store, small_catalogue, attempt, all_right(small_catalogue, attempt), 70, now))

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 10


def test_an_open_attempt_whose_question_was_withdrawn_is_redrawn(store, small_catalogue, now):
    user_id = make_learner(store)
    first = start(store, small_catalogue, user_id, now)
    withdrawn = first["question_ids"][0]
    del small_catalogue.questions[withdrawn]
    second = start(store, small_catalogue, user_id, now)
    assert withdrawn not in second["question_ids"]
    assert all(qid in small_catalogue.questions for qid in second["question_ids"])
    assert store.db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1
