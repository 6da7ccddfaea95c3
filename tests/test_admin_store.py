"""Accounts after import: activation (once, throttled, expiring), resets, deactivation, roles,
batches and trainers, manager scopes, who may see personal data, and the audit log's filters."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from modules import admin, auth
from modules.signin import sign_in
from modules.store import Store
from tests.conftest import PASSWORD, VALID_NIP, make_learner, stored_bytes

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

BUDI = "199001012015011002"
RINA = "199203152019032001"


def enrol(store: Store, now: dt.datetime, *rows: str) -> dict[str, str]:
    """Import people from roster lines; returns NIP → activation code."""
    data = "\n".join(["nip;nama;email;instansi;unit_kerja;kabupaten_kota;batch;peran", *rows]).encode()
    result = admin.import_roster(store, admin.preview_roster(store, data, "t.csv"), actor_id=None, now=now)
    assert not result.errors, result.errors
    return {code.nip: code.code for code in result.codes}


def activate(store: Store, now: dt.datetime, code: str, nip: str = VALID_NIP, password: str = PASSWORD,
             again: str | None = None) -> admin.Activation:
    return admin.activate(store, nip=nip, code=code, password=password,
                          password_again=password if again is None else again, now=now)


@pytest.fixture
def enrolled(store, now) -> str:
    """Siti, imported from a roster: her activation code."""
    return enrol(store, now, f"{VALID_NIP};Siti Rahmawati;;Diskominfo;;Kota Serang;Angkatan 1;")[VALID_NIP]


@pytest.fixture
def admin_id(store) -> int:
    return store.create_user(nip="197501012000031001", nip_kind="pns", name="Admin Provinsi", role="admin",
                             password_hash=auth.hash_password(PASSWORD))


# ---------------------------------------------------------------- activation

def test_activation_sets_the_password_spends_the_code_and_allows_sign_in(store, now, enrolled):
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors  # no password yet
    outcome = activate(store, now, enrolled.lower().replace("-", " "), nip="19860926 201505 1 001")
    assert outcome.errors == [] and outcome.user["nip"] == VALID_NIP
    assert store.activation_code(outcome.user["id"]) is None
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).user["name"] == "Siti Rahmawati"
    assert store.audit_search(action="account_activated")[0]["target"] == VALID_NIP
    again = activate(store, now, enrolled, password="teh manis sore hari")
    assert again.errors and "salah" in again.errors[0]
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).user is not None


def test_codes_are_kept_only_as_keyed_hashes(store, now, enrolled):
    raw = stored_bytes(store)
    assert enrolled.encode() not in raw and enrolled.replace("-", "").encode() not in raw
    stored = store.activation_code(store.get_user_by_nip(VALID_NIP)["id"])["code_hash"]
    # Keyed: without the app's secret, a guess cannot be checked against the stored hash.
    unkeyed = hashlib.sha256(f"{VALID_NIP}:{admin.normalise_code(enrolled)}".encode()).hexdigest()
    assert stored not in (unkeyed, auth.token_hash(enrolled), auth.token_hash(admin.normalise_code(enrolled)))
    assert stored == admin.code_hash(admin.activation_key(store), VALID_NIP, enrolled)
    assert stored != admin.code_hash(b"another key", VALID_NIP, enrolled)


def test_wrong_code_and_unknown_nip_get_the_same_answer(store, now, enrolled):
    wrong = activate(store, now, "AAAA-BBBB-CC")
    unknown = activate(store, now, enrolled, nip=BUDI)
    assert wrong.errors == unknown.errors
    assert wrong.errors[0].startswith("NIP atau kode aktivasi salah.")


def test_five_wrong_codes_lock_activation_for_fifteen_minutes(store, now, enrolled):
    for _ in range(4):
        assert "salah" in activate(store, now, "AAAA-BBBB-CC").errors[0]
    assert "15 menit" in activate(store, now, "AAAA-BBBB-CC").errors[0]
    locked = activate(store, now + dt.timedelta(minutes=14), enrolled)
    assert "1 menit" in locked.errors[0] and locked.user is None
    assert activate(store, now + dt.timedelta(minutes=15, seconds=1), enrolled).user is not None
    assert len(store.audit_search(action="activation_failed")) == 5


def test_an_expired_code_is_refused_and_says_what_to_do(store, now, enrolled):
    late = activate(store, now + dt.timedelta(days=admin.CODE_VALID_DAYS, seconds=1), enrolled)
    assert late.errors == ["Kode aktivasi ini sudah kedaluwarsa (berlaku 14 hari). Minta kode baru kepada admin instansi Anda."]
    assert store.get_user_by_nip(VALID_NIP)["password_hash"] is None
    assert activate(store, now + dt.timedelta(days=13), enrolled).user is not None


def test_a_weak_or_mismatched_password_keeps_the_code(store, now, enrolled):
    weak = activate(store, now, enrolled, password="indonesia")
    assert weak.errors == [auth.check_password("indonesia")[0]]
    mismatch = activate(store, now, enrolled, again="kopi tubruk sore hari")
    assert mismatch.errors == ["Kedua kata sandi tidak sama."]
    assert store.activation_code(store.get_user_by_nip(VALID_NIP)["id"]) is not None
    assert activate(store, now, enrolled).user is not None


def test_a_deactivated_person_cannot_activate(store, now, enrolled, admin_id):
    siti = store.get_user_by_nip(VALID_NIP)
    assert admin.set_active(store, siti["id"], False, actor_id=admin_id) == []
    assert activate(store, now, enrolled).errors == ["Akun ini dinonaktifkan. Hubungi admin instansi Anda."]
    assert store.get_user_by_nip(VALID_NIP)["password_hash"] is None


# ---------------------------------------------------------------- resets, deactivation, roles

def test_reset_access_gives_a_new_code_and_ends_the_old_password_and_sessions(store, now, admin_id):
    user_id = make_learner(store)
    token = store.create_session(user_id, now, 8)
    codes, errors = admin.reset_access(store, [user_id], actor_id=admin_id, now=now)
    assert errors == [] and len(codes) == 1 and codes[0].nip == VALID_NIP
    assert store.user_for_session(token, now) is None
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).user is None
    assert activate(store, now, codes[0].code, password="teh manis sore hari").user is not None
    entry = store.audit_search(action="access_reset")[0]
    assert (entry["actor_id"], entry["target"]) == (admin_id, VALID_NIP)


def test_a_new_code_replaces_the_old_one(store, now, enrolled, admin_id):
    siti = store.get_user_by_nip(VALID_NIP)
    codes, _ = admin.reset_access(store, [siti["id"]], actor_id=admin_id, now=now)
    assert "salah" in activate(store, now, enrolled).errors[0]
    assert activate(store, now, codes[0].code).user is not None


def test_an_admin_cannot_reset_deactivate_or_demote_themself(store, admin_id):
    assert admin.reset_access(store, [admin_id], actor_id=admin_id)[1] == ["Anda tidak bisa mengatur ulang akses akun Anda sendiri."]
    assert admin.set_active(store, admin_id, False, actor_id=admin_id) == ["Anda tidak bisa menonaktifkan akun Anda sendiri."]
    assert admin.change_role(store, admin_id, "learner", actor_id=admin_id) == ["Anda tidak bisa mengubah peran Anda sendiri."]
    me = store.get_user(admin_id)
    assert (me["role"], me["active"], me["password_hash"] is not None) == ("admin", 1, True)


def test_deactivation_stops_sign_in_ends_sessions_and_keeps_records(store, now, admin_id):
    user_id = make_learner(store)
    store.mark_lesson_done(user_id, "aman-01", now)
    token = store.create_session(user_id, now, 8)
    admin.set_active(store, user_id, False, actor_id=admin_id)
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors == ["Akun ini dinonaktifkan. Hubungi admin instansi Anda."]
    assert store.user_for_session(token, now) is None
    assert store.lesson_progress(user_id)["aman-01"]["completed_at"] and store.get_user(user_id)
    admin.set_active(store, user_id, True, actor_id=admin_id)
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).user is not None
    actions = [e["action"] for e in store.audit_search(actor_id=admin_id)]
    assert actions[:2] == ["user_reactivated", "user_deactivated"]


def test_leaving_the_trainer_or_manager_role_drops_their_batches_or_scope(store, now, admin_id):
    enrol(store, now, f"{RINA};Rina Wati;;;;;Angkatan 1;pelatih", f"{BUDI};Budi Santoso;;;;;;manajer")
    rina, budi = store.get_user_by_nip(RINA), store.get_user_by_nip(BUDI)
    admin.set_scope(store, budi["id"], "region", ["Kota Serang"], actor_id=admin_id)
    assert admin.change_role(store, rina["id"], "learner", actor_id=admin_id) == []
    assert admin.change_role(store, budi["id"], "trainer", actor_id=admin_id) == []
    assert store.batch_trainer_ids(store.batches()[0]["id"]) == [] and store.manager_scopes(budi["id"]) == []
    assert store.get_user(rina["id"])["role"] == "learner"
    assert store.audit_search(action="role_changed")[0]["detail"] == "manager → trainer"
    assert admin.change_role(store, rina["id"], "superuser", actor_id=admin_id) == ["Peran 'superuser' tidak dikenal."]


# ---------------------------------------------------------------- batches, trainers, scopes

def test_batches_are_created_edited_and_given_trainers(store, now, admin_id):
    enrol(store, now, f"{RINA};Rina Wati;;;;;;pelatih", f"{BUDI};Budi Santoso;;;;;;pelatih")
    rina, budi = store.get_user_by_nip(RINA)["id"], store.get_user_by_nip(BUDI)["id"]
    assert admin.save_batch(store, batch_id=None, name="  Angkatan   1 ", starts_on=dt.date(2026, 1, 5),
                            ends_on=dt.date(2026, 2, 27), trainer_ids=[rina, budi], actor_id=admin_id) == []
    batch = store.batches()[0]
    assert (batch["name"], batch["starts_on"], batch["ends_on"]) == ("Angkatan 1", "2026-01-05", "2026-02-27")
    assert store.batch_trainer_ids(batch["id"]) == sorted([rina, budi])
    assert admin.save_batch(store, batch_id=batch["id"], name="Angkatan 1 (Januari)", starts_on=None, ends_on=None,
                            trainer_ids=[budi], actor_id=admin_id) == []
    assert store.batch_names() == ["Angkatan 1 (Januari)"] and store.batch_trainer_ids(batch["id"]) == [budi]
    actions = [(e["action"], e["target"]) for e in store.audit_search(actor_id=admin_id)]
    assert ("trainer_unassigned", RINA) in actions and ("batch_updated", "Angkatan 1 (Januari)") in actions
    assert sum(a == "trainer_assigned" for a, _ in actions) == 2


def test_a_batch_needs_a_free_name_and_sensible_dates(store, admin_id):
    admin.save_batch(store, batch_id=None, name="Angkatan 1", starts_on=None, ends_on=None, trainer_ids=None,
                     actor_id=admin_id)
    before = store.batches()
    assert admin.save_batch(store, batch_id=None, name="angkatan 1", starts_on=None, ends_on=None, trainer_ids=None,
                            actor_id=admin_id) == ["Sudah ada batch bernama angkatan 1."]
    assert admin.save_batch(store, batch_id=None, name=" ", starts_on=None, ends_on=None, trainer_ids=None,
                            actor_id=admin_id) == ["Nama batch wajib diisi."]
    assert admin.save_batch(store, batch_id=None, name="Angkatan 2", starts_on=dt.date(2026, 3, 1),
                            ends_on=dt.date(2026, 2, 1), trainer_ids=None, actor_id=admin_id) == [
        "Tanggal selesai tidak boleh sebelum tanggal mulai."]
    assert store.batches() == before


def test_manager_scopes(store, now, admin_id):
    enrol(store, now, f"{BUDI};Budi Santoso;;;;;;manajer")
    budi = store.get_user_by_nip(BUDI)["id"]
    assert admin.set_scope(store, budi, "agency", ["BKD", "Diskominfo"], actor_id=admin_id) == []
    assert store.manager_scopes(budi) == [("agency", "BKD"), ("agency", "Diskominfo")]
    assert admin.set_scope(store, budi, "all", ["ignored"], actor_id=admin_id) == []
    assert store.manager_scopes(budi) == [("all", "")]
    assert admin.set_scope(store, budi, "region", [], actor_id=admin_id) == ["Pilih minimal satu nilai untuk cakupan ini."]
    assert admin.set_scope(store, budi, "planet", ["x"], actor_id=admin_id) == ["Jenis cakupan tidak dikenal."]
    assert store.manager_scopes(budi) == [("all", "")]
    assert [e["detail"] for e in store.audit_search(action="scope_set")] == ["all", "agency: BKD; agency: Diskominfo"]


# ---------------------------------------------------------------- finding people, personal data

def test_find_people_by_nip_start_or_name_with_their_access_state(store, now):
    enrol(store, now, f"{VALID_NIP};Siti Rahmawati;;;;;Angkatan 1;", f"{BUDI};Budi Santoso;;;;;Angkatan 2;")
    assert [p["name"] for p in store.find_people(text="1986 0926")] == ["Siti Rahmawati"]
    assert [p["name"] for p in store.find_people(text="santo")] == ["Budi Santoso"]
    batch_two = next(b["id"] for b in store.batches() if b["name"] == "Angkatan 2")
    found = store.find_people(batch_id=batch_two)
    assert [p["nip"] for p in found] == [BUDI]
    assert admin.access_state(found[0], now) == "code_live"
    assert admin.access_state(found[0], now + dt.timedelta(days=15)) == "code_expired"
    assert [p["nip"] for p in store.not_yet_activated(batch_two)] == [BUDI]


def test_personal_data_is_for_the_person_their_trainer_and_admins():
    siti = {"id": 1, "role": "learner", "batch_id": 10}
    assert admin.may_see_personal_data(siti, siti, set())
    assert admin.may_see_personal_data({"id": 2, "role": "admin"}, siti, set())
    assert admin.may_see_personal_data({"id": 3, "role": "trainer"}, siti, {10, 11})
    assert not admin.may_see_personal_data({"id": 4, "role": "trainer"}, siti, {11})
    assert not admin.may_see_personal_data({"id": 5, "role": "manager"}, siti, {10})
    assert not admin.may_see_personal_data({"id": 6, "role": "learner", "batch_id": 10}, siti, set())


# ---------------------------------------------------------------- the audit log

def test_audit_search_filters_by_action_actor_and_wib_day(store, now, admin_id):
    store.db.execute("UPDATE audit_log SET at = '2026-01-01T00:00:00+00:00'")  # the admin's creation
    # 23:59:59 WIB on the 22nd, and 00:00:00 WIB on the 23rd.
    store.audit(admin_id, "role_changed", "x")
    store.db.execute("UPDATE audit_log SET at = '2026-11-22T16:59:59+00:00' WHERE action = 'role_changed'")
    store.audit(admin_id, "user_deactivated", "y")
    store.db.execute("UPDATE audit_log SET at = '2026-11-22T17:00:00+00:00' WHERE action = 'user_deactivated'")
    store.audit(None, "backup_made", "z")
    assert [e["action"] for e in store.audit_search(action="role_changed")] == ["role_changed"]
    assert {e["action"] for e in store.audit_search(actor_id=admin_id)} == {"user_created", "role_changed",
                                                                          "user_deactivated"}
    since, until = admin.audit_window(dt.date(2026, 11, 22), dt.date(2026, 11, 22))
    assert (since, until) == ("2026-11-21T17:00:00+00:00", "2026-11-22T17:00:00+00:00")
    assert [e["action"] for e in store.audit_search(since=since, until=until)] == ["role_changed"]
    entry = store.audit_search(action="user_deactivated")[0]
    assert (entry["actor_name"], entry["actor_nip"]) == ("Admin Provinsi", "197501012000031001")
    assert "backup_made" in store.audit_actions() and store.audit_actors()[0]["id"] == admin_id


def test_every_admin_action_is_audited_with_who_and_what(store, now, admin_id):
    data = f"nip;nama;batch;peran\n{VALID_NIP};Siti Rahmawati;Angkatan 1;\n{BUDI};Budi Santoso;;manajer\n".encode()
    admin.import_roster(store, admin.preview_roster(store, data, "roster.csv"), actor_id=admin_id, now=now)
    siti, budi = store.get_user_by_nip(VALID_NIP)["id"], store.get_user_by_nip(BUDI)["id"]
    batch_id = store.batches()[0]["id"]
    admin.save_batch(store, batch_id=batch_id, name="Angkatan 1", starts_on=None, ends_on=None, trainer_ids=[],
                     actor_id=admin_id)
    admin.set_scope(store, budi, "batch", [str(batch_id)], actor_id=admin_id)
    admin.change_role(store, siti, "trainer", actor_id=admin_id)
    admin.set_active(store, siti, False, actor_id=admin_id)
    admin.reset_access(store, [budi], actor_id=admin_id, now=now)
    actions = {e["action"] for e in store.audit_search(actor_id=admin_id)}
    assert actions == {"batch_created", "user_created", "roster_imported", "batch_updated", "scope_set",
                       "role_changed", "user_deactivated", "access_reset"}
    assert all(e["at"] for e in store.audit_search(actor_id=admin_id))
