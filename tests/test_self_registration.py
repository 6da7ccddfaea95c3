"""A self-registered NIP that a roster later names: the account goes to the roster's person.

The squatter's password and sessions stop working, a certificate issued to the account is revoked
with the reason in the audit log, the real person gets an activation code, and the preview says so."""

from __future__ import annotations

import datetime as dt

import pytest

from modules import admin, auth
from modules.signin import register, sign_in
from modules.store import Store, utcnow
from tests.test_roster import HEADER, SITI, csv_bytes, preview

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

SQUATTER_PASSWORD = "kopi susu gula aren"
REAL_PASSWORD = "nasi uduk pagi hari"


def squat(store: Store) -> int:
    outcome = register(store, nip=SITI, kind="pns", name="Penyerobot", agency="x", region="y",
                       password=SQUATTER_PASSWORD, password_again=SQUATTER_PASSWORD)
    assert outcome.user and outcome.user["self_registered"] == 1
    return outcome.user["id"]


def test_a_roster_row_takes_a_self_registered_account_from_whoever_registered_it(store):
    user_id = squat(store)
    token = store.create_session(user_id, utcnow(), 8)
    store.create_signin_code(user_id, utcnow())
    assert store.insert_certificate(code="AAAA-BBBB", user_id=user_id, issued_at="2026-11-20T00:00:00+00:00",
                                    snapshot="{}")
    now = dt.datetime.now(dt.UTC)
    assert sign_in(store, nip=SITI, password=SQUATTER_PASSWORD, now=now).user

    roster = csv_bytes(f"{SITI};Siti Rahmawati;siti@kominfo.go.id;Dinas Kominfo;;Kota Serang;Angkatan 1;")
    plan = preview(store, roster).plan
    assert [p.person.nip for p in plan.claims] == [SITI] and not plan.updates and plan.has_work
    report = "\n".join(admin.preview_report(plan))
    assert "Akun daftar mandiri — perlu aktivasi" in report and "nama: Penyerobot → Siti Rahmawati" in report

    result = admin.import_roster(store, preview(store, roster), actor_id=None, now=now)
    assert not result.errors and result.claimed == 1 and result.updated == 0
    assert [(c.nip, c.name) for c in result.codes] == [(SITI, "Siti Rahmawati")]

    user = store.get_user(user_id)
    assert user["name"] == "Siti Rahmawati" and user["password_hash"] is None and user["self_registered"] == 0
    assert sign_in(store, nip=SITI, password=SQUATTER_PASSWORD, now=now).errors
    assert store.user_for_session(token, utcnow()) is None
    assert store.db.execute("SELECT count(*) FROM signin_codes WHERE user_id = ?", (user_id,)).fetchone()[0] == 0
    certificate = store.certificate_for_user(user_id)
    assert certificate["revoked_at"] and "didaftarkan sendiri" in certificate["revoked_reason"]
    assert store.audit_entries("certificate_revoked")[0]["target"] == "AAAA-BBBB"
    assert store.audit_entries("self_registration_claimed")[0]["target"] == SITI

    # The real person activates with the code the admin hands out, and signs in.
    done = admin.activate(store, nip=SITI, code=result.codes[0].code, password=REAL_PASSWORD,
                          password_again=REAL_PASSWORD, now=now)
    assert done.user and sign_in(store, nip=SITI, password=REAL_PASSWORD, now=now).user


def test_the_same_roster_again_is_then_an_ordinary_unchanged_row(store):
    squat(store)
    roster = csv_bytes(f"{SITI};Siti Rahmawati;;;;;;")
    admin.import_roster(store, preview(store, roster), actor_id=None)
    plan = preview(store, roster).plan
    assert not plan.claims and len(plan.unchanged) == 1 and not plan.has_work


def test_an_account_made_from_a_roster_is_updated_as_before(store):
    admin.import_roster(store, preview(store, csv_bytes(f"{SITI};Siti Rahmawati;;;;;;")), actor_id=None)
    plan = preview(store, csv_bytes(f"{SITI};Siti R.;;;;;;")).plan
    assert not plan.claims and len(plan.updates) == 1


def test_a_claim_with_no_changed_field_still_hands_the_account_over(store):
    user_id = squat(store)
    store.db.execute("UPDATE users SET name = 'Siti Rahmawati' WHERE id = ?", (user_id,))
    roster = csv_bytes(f"{SITI};Siti Rahmawati;;;;;;", header=HEADER)
    result = admin.import_roster(store, preview(store, roster), actor_id=None)
    assert result.claimed == 1 and store.get_user(user_id)["password_hash"] is None


def test_accounts_made_by_the_admin_on_the_command_line_are_not_self_registered(store):
    user_id = store.create_user(nip=SITI, nip_kind="pns", name="Admin", role="admin",
                                password_hash=auth.hash_password(REAL_PASSWORD))
    assert store.get_user(user_id)["self_registered"] == 0


def test_accounts_that_existed_before_the_rule_are_marked_by_how_they_were_made(store):
    from modules.store import SELF_REGISTERED_BACKFILL

    squatter = squat(store)
    admin.import_roster(store, preview(store, csv_bytes(f"{nip_of(1)};Budi Santoso;;;;;;")), actor_id=None)
    enrolled = store.get_user_by_nip(nip_of(1))["id"]
    made_by_admin = store.create_user(nip=nip_of(2), nip_kind="pns", name="Pelatih", role="trainer",
                                      password_hash=auth.hash_password(REAL_PASSWORD))
    with store.write() as conn:  # as a database from before the rule: nobody marked
        conn.execute("UPDATE users SET self_registered = 0")
        conn.execute(SELF_REGISTERED_BACKFILL)
    marked = {row[0] for row in store.db.execute("SELECT id FROM users WHERE self_registered = 1")}
    assert marked == {squatter} and enrolled not in marked and made_by_admin not in marked


def nip_of(i: int) -> str:
    from tests.test_roster import nip

    return nip(i)
