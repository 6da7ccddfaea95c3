"""Registration and sign-in rules: messages, duplicate NIP, five failures lock, audit log."""

import datetime as dt

import pytest

from modules.signin import register, sign_in
from tests.conftest import PASSWORD, VALID_NIP, make_learner

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


def form(**changes):
    values = {"nip": "19860926 201505 1 001", "kind": "pns", "name": "Siti  Rahmawati", "agency": "Diskominfo",
              "region": "Kota Serang", "password": PASSWORD, "password_again": PASSWORD}
    return values | changes


def test_register_creates_a_learner_with_a_clean_nip_and_a_hashed_password(store):
    outcome = register(store, **form())
    assert outcome.errors == []
    user = outcome.user
    assert (user["nip"], user["nip_kind"], user["role"], user["name"]) == (VALID_NIP, "pns", "learner", "Siti Rahmawati")
    assert user["password_hash"].startswith("$argon2id$")


def test_register_reports_every_problem_and_creates_nothing(store):
    outcome = register(store, **form(nip="123", name=" ", password="short", password_again="other"))
    assert len(outcome.errors) == 4
    assert store.db.execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_register_twice_changes_nothing_and_answers_like_a_success(store):
    first = register(store, **form())
    outcome = register(store, **form(name="Orang Lain"))
    # A stranger learns nothing about which NIPs exist: no error, the same screen as a success.
    assert outcome.errors == [] and outcome.user is None
    assert store.get_user_by_nip(VALID_NIP)["name"] == first.user["name"]
    assert store.audit_entries("register_refused_taken")[0]["target"] == VALID_NIP


def test_sign_in_with_nip_written_with_spaces(store, now):
    make_learner(store)
    outcome = sign_in(store, nip="19860926 201505 1 001", password=PASSWORD, now=now)
    assert outcome.errors == [] and outcome.user["nip"] == VALID_NIP
    assert store.audit_entries("signin")[0]["target"] == VALID_NIP


def test_wrong_password_and_unknown_nip_get_the_same_message(store, now):
    make_learner(store)
    wrong = sign_in(store, nip=VALID_NIP, password="bukan sandinya", now=now)
    unknown = sign_in(store, nip="199001012015011001", password="bukan sandinya", now=now)
    assert wrong.errors == unknown.errors
    assert "salah" in wrong.errors[0]


def test_five_wrong_passwords_lock_the_nip_for_fifteen_minutes(store, now):
    make_learner(store)
    for _ in range(4):
        assert "salah" in sign_in(store, nip=VALID_NIP, password="salah sandi", now=now).errors[0]
    fifth = sign_in(store, nip=VALID_NIP, password="salah sandi", now=now)
    assert "15 menit" in fifth.errors[0]
    still_locked = sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now + dt.timedelta(minutes=14))
    assert "1 menit" in still_locked.errors[0] and still_locked.user is None
    later = sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now + dt.timedelta(minutes=15, seconds=1))
    assert later.user is not None
    actions = [entry["action"] for entry in store.audit_entries()]
    assert actions.count("signin_failed") == 5 and "signin_refused_locked" in actions


def test_deactivated_account_cannot_sign_in(store, now):
    user_id = make_learner(store)
    store.db.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))
    assert "dinonaktifkan" in sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors[0]
