"""Choices are kept as they are made: only in the learner's own open attempt, only real options,
brought back on the next visit, gone once the attempt is submitted."""

from __future__ import annotations

import pytest

from modules import attempts
from tests.conftest import make_learner, write_lock_held

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


@pytest.fixture
def attempt(store, small_catalogue, now):
    user_id = make_learner(store)
    return attempts.start_or_resume(store, small_catalogue, user_id, "digital-safety", 10, now)


def test_a_choice_is_kept_and_comes_back(store, small_catalogue, attempt, now):
    multiple = "aman-q03"  # the small catalogue's one "pilih semua" item
    first = next(q for q in attempt["question_ids"] if q != multiple)
    assert attempts.save_choice(store, small_catalogue, attempt, first, [2], now)
    assert attempts.save_choice(store, small_catalogue, attempt, first, [1], now)  # a changed mind replaces it
    if multiple in attempt["question_ids"]:
        assert attempts.save_choice(store, small_catalogue, attempt, multiple, [2, 0, 0], now)
    drafts = store.drafts(attempt["id"], attempt["user_id"])
    assert drafts[first] == [1]
    if multiple in attempt["question_ids"]:
        assert drafts[multiple] == [0, 2]


def test_only_real_options_of_questions_in_the_attempt(store, small_catalogue, attempt, now):
    first = attempt["question_ids"][0]
    outside = next(q for q in small_catalogue.questions if q not in attempt["question_ids"]) \
        if len(small_catalogue.questions) > len(attempt["question_ids"]) else "aman-q99"
    assert not attempts.save_choice(store, small_catalogue, attempt, outside, [0], now)
    assert not attempts.save_choice(store, small_catalogue, attempt, "nope", [0], now)
    single = next(q for q in attempt["question_ids"] if small_catalogue.questions[q].type == "single")
    assert not attempts.save_choice(store, small_catalogue, attempt, single, [0, 1], now)
    attempts.save_choice(store, small_catalogue, attempt, first, [0, 17, -1], now)
    assert store.drafts(attempt["id"], attempt["user_id"]).get(first) in ([0], None)


def test_nobody_else_can_write_or_read_a_draft(store, small_catalogue, attempt, now):
    other = make_learner(store, nip="199001012020121002", name="Budi")
    forged = {**attempt, "user_id": other}
    assert not attempts.save_choice(store, small_catalogue, forged, attempt["question_ids"][0], [0], now)
    attempts.save_choice(store, small_catalogue, attempt, attempt["question_ids"][0], [0], now)
    assert store.drafts(attempt["id"], other) == {}


def test_submitting_turns_drafts_into_answers_and_closes_them(store, small_catalogue, attempt, now):
    for qid in attempt["question_ids"]:
        attempts.save_choice(store, small_catalogue, attempt, qid, [0], now)
    chosen = store.drafts(attempt["id"], attempt["user_id"])
    assert attempts.submit(store, small_catalogue, attempt, chosen, 70, now)
    assert store.drafts(attempt["id"], attempt["user_id"]) == {}
    assert store.db.execute("SELECT count(*) FROM attempt_drafts").fetchone()[0] == 0
    assert not attempts.save_choice(store, small_catalogue, attempt, attempt["question_ids"][0], [1], now)


def test_a_choice_the_busy_database_cannot_take_now_is_kept_at_the_next_try(store, small_catalogue, attempt, now,
                                                                             monkeypatch):
    """While a whole batch writes, a draft save may wait past the lock timeout: it is handed back to be
    tried again (the page then says so), not lost and not shown as an error."""
    import time

    from modules.db import connection
    from modules.store import Store

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 1000)  # SQLite's busy wait
    monkeypatch.setattr(connection, "LOCK_TIMEOUT_SECONDS", 1)  # PostgreSQL's lock_timeout
    impatient = Store(store.target)
    first, second = attempt["question_ids"][:2]
    started = time.monotonic()
    with write_lock_held(store):  # e.g. a roster import on another connection
        waiting, refused = attempts.save_choices(impatient, small_catalogue, attempt, {first: [1], second: [0]}, now)
    assert waiting == {first: [1], second: [0]} and not refused
    assert store.drafts(attempt["id"], attempt["user_id"]) == {}
    assert time.monotonic() - started < 1.9  # one wait of 1 s: the second choice did not wait again
    waiting, refused = attempts.save_choices(impatient, small_catalogue, attempt, waiting, now)
    assert waiting == {} and not refused
    assert store.drafts(attempt["id"], attempt["user_id"]) == {first: [1], second: [0]}
    _, refused = attempts.save_choices(impatient, small_catalogue, attempt, {"nope": [0]}, now)
    assert refused
