"""Administration rules apart from any screen: a roster's preview and import, activation codes,
activation by the learner, access resets, and who may see a person's NIP and e-mail."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from modules import auth, roster
from modules.config import load_settings
from modules.db import DATABASE_ERRORS
from modules.exports import csv_bytes
from modules.i18n import t
from modules.store import RosterChanged, Store, utcnow
from modules.timefmt import DISPLAY_ZONE, local_time

# Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits; with five tries per 15 minutes per NIP, guessing is hopeless
CODE_VALID_DAYS = 14
_CODE_READS_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


# ---------------------------------------------------------------- activation codes

def new_activation_code() -> str:
    """A fresh code grouped for typing, e.g. `7KQ2-M9XD-4T`."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(text: str) -> str:
    """What a person typed, as the code it means: any case, spaces and dashes ignored, O→0, I/L→1."""
    return "".join(char for char in text.upper() if char.isalnum()).translate(_CODE_READS_AS)


def activation_key(store: Store) -> bytes:
    """The key for hashing codes, derived from the app's secret (set KELAS_SECRET_KEY in production,
    so that a copy of the database alone cannot be used to test guesses offline)."""
    secret = store.secret_key(load_settings().secret_key)
    return hmac.new(secret.encode(), b"kelas-activation-code", hashlib.sha256).digest()


def code_hash(key: bytes, nip: str, code: str) -> str:
    """What the database keeps instead of the code: a keyed hash bound to the person's NIP."""
    return hmac.new(key, f"{nip}:{normalise_code(code)}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    """A code just made, to be handed to its owner; only its hash is kept."""

    nip: str
    name: str
    agency: str | None
    unit: str | None
    batch: str | None
    role: str
    code: str
    expires_at: dt.datetime
    email: str | None = None  # where the person can be reached with the code (and later reset by mail)


def codes_csv(codes: list[IssuedCode]) -> bytes:
    """The codes as a CSV in the product's one CSV convention (exports.csv_bytes)."""
    return csv_bytes(
        ["nip", "nama", "email", "instansi", "unit_kerja", "batch", "peran", "kode_aktivasi", "berlaku_sampai"],
        ([auth.spaced_nip(issued.nip), issued.name, issued.email, issued.agency, issued.unit, issued.batch,
          roster.PERAN_BY_ROLE[issued.role], issued.code, local_time(issued.expires_at.isoformat())]
         for issued in codes))


def table_csv(rows: list[dict[str, Any]]) -> bytes:
    """Rows of a table as a CSV in the product's one CSV convention, with formulas defused."""
    if not rows:
        return csv_bytes([], [])
    return csv_bytes(list(rows[0]), ([None if value is None else str(value) for value in row.values()]
                                      for row in rows))


# ---------------------------------------------------------------- roster import

@dataclass
class Preview:
    """What importing a file would do, and the database state that was compared against."""

    plan: roster.ImportPlan
    snapshot: dict[str, dict[str, Any]]
    source: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    batches: int = 0
    claimed: int = 0
    codes: list[IssuedCode] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def preview_roster(store: Store, data: bytes, source: str, *, today: dt.date | None = None) -> Preview:
    """Dry run: read and check the file, compare with the database, write nothing."""
    parsed = roster.parse_roster(data, today=today)
    snapshot = store.people_by_nip([person.nip for person in parsed.people])
    plan = roster.plan_import(parsed, snapshot, store.batch_names())
    return Preview(plan, snapshot, source)


def import_roster(store: Store, preview: Preview, *, actor_id: int | None, accept_refusals: bool = False,
                  now: dt.datetime | None = None) -> ImportResult:
    """Import exactly what the preview showed, in one transaction, and make codes for new people.

    Refused rows are never imported; when there are any, the admin must say so (`accept_refusals`).
    If the database changed since the preview, nothing is written and the admin is asked to check again.
    """
    plan = preview.plan
    if plan.errors:
        return ImportResult(errors=list(plan.errors))
    if not plan.has_work:
        return ImportResult(errors=[t("roster.nothing_to_do")])
    if plan.refusals and not accept_refusals:
        return ImportResult(errors=[t("roster.refusals_not_accepted", n=len(plan.refusals))])
    now = now or utcnow()
    expires_at = now + dt.timedelta(days=CODE_VALID_DAYS)
    key = activation_key(store)
    codes, creates = [], []
    for planned in plan.creates:
        person = planned.person
        code = new_activation_code()
        codes.append(IssuedCode(person.nip, person.name, person.agency, person.unit, person.batch, person.role,
                                code, expires_at, person.email))
        creates.append({"nip": person.nip, "nip_kind": person.nip_kind, "name": person.name,
                        "email": person.email, "role": person.role, "agency": person.agency, "unit": person.unit,
                        "region": person.region, "batch": person.batch, "code_hash": code_hash(key, person.nip, code)})
    updates = [_update_row(planned, preview.snapshot[planned.person.nip]) for planned in plan.updates]
    for planned in plan.claims:
        # A self-registered account the roster names goes to the roster's person (see README, Keamanan).
        row = _update_row(planned, preview.snapshot[planned.person.nip])
        person = planned.person
        code = new_activation_code()
        codes.append(IssuedCode(person.nip, row["name"], row["agency"], row["unit"], person.batch, row["role"],
                                code, expires_at))
        updates.append(row | {"claim_code_hash": code_hash(key, person.nip, code),
                              "revoke_reason": t("roster.claim_revoke_reason")})
    expected = {planned.person.nip: None for planned in plan.creates}
    expected |= {planned.person.nip: preview.snapshot[planned.person.nip] for planned in (*plan.updates, *plan.claims)}
    try:
        summary = store.apply_roster(creates=creates, updates=updates, new_batches=plan.new_batches,
                                     expected=expected, codes_expire_at=expires_at, actor_id=actor_id,
                                     source=preview.source)
    except RosterChanged:
        return ImportResult(errors=[t("roster.changed_since_preview")])
    except DATABASE_ERRORS as error:  # the transaction was rolled back: nothing of the file is stored
        return ImportResult(errors=[t("roster.import_failed", error=str(error))])
    return ImportResult(summary["created"], summary["updated"], summary["batches"], summary.get("claimed", 0), codes)


def _update_row(planned: roster.Planned, row: dict[str, Any]) -> dict[str, Any]:
    """The person's values after the update: the roster's where it has them, the stored ones elsewhere."""
    person = planned.person
    role = person.role or row["role"]
    trains = role == "trainer"
    return {
        "id": row["id"], "nip": person.nip, "role": role,
        **{column: getattr(person, column) or row[column] for column in ("name", "email", "agency", "unit", "region")},
        "batch": person.batch if person.batch and not trains else None,
        "train_batch": person.batch if trains and person.batch not in row["trained_batches"] else None,
        "changes": describe_changes(planned.changes),
    }


def preview_report(plan: roster.ImportPlan) -> list[str]:
    """The preview as lines of text (the command line prints them): counts, then every refusal and update."""
    if plan.errors:
        return [*plan.notices, *plan.errors]
    lines = [t("roster.report_counts", creates=len(plan.creates), updates=len(plan.updates),
               unchanged=len(plan.unchanged), refusals=len(plan.refusals), batches=len(plan.new_batches))]
    if plan.new_batches:
        lines.append(t("admin.roster.new_batches_named", names=", ".join(plan.new_batches)))
    lines += plan.notices
    if plan.refusals:
        lines.append(t("roster.report_refused"))
        lines += [t("roster.report_line", line=r.line, nip=r.nip or "–", text=" ".join(r.reasons))
                  for r in plan.refusals]
    if plan.claims:
        lines.append(t("roster.report_claims"))
        lines += [claim_line(planned) for planned in plan.claims]
    if plan.updates:
        lines.append(t("roster.report_updated"))
        lines += [t("roster.report_line", line=p.person.line, nip=p.person.nip, text=describe_changes(p.changes))
                  for p in plan.updates]
    return lines


def claim_line(planned: roster.Planned) -> str:
    """One self-registered account the roster names, as the preview tells the admin."""
    text = describe_changes(planned.changes) or t("roster.claim_same_name")
    return t("roster.report_line", line=planned.person.line, nip=planned.person.nip, text=text)


def describe_changes(changes: tuple[roster.Change, ...]) -> str:
    """`nama: Siti → Siti R.; batch: – → Angkatan 2`, for the preview and the audit log."""
    return "; ".join(f"{change.column}: {change.before or '–'} → {change.after}" for change in changes)


# ---------------------------------------------------------------- batches, roles, scopes

SCOPE_KINDS = ("all", "agency", "region", "batch")


def save_batch(store: Store, *, batch_id: int | None, name: str, starts_on: dt.date | None,
               ends_on: dt.date | None, trainer_ids: list[int] | None, actor_id: int) -> list[str]:
    """Create or edit a batch (and, when given, set its trainers); problems come back, nothing saved."""
    name = " ".join(name.split())
    errors = []
    if not name:
        errors.append(t("admin.batch.name_missing"))
    elif len(name) > roster.MAX_LENGTH["batch"]:
        errors.append(t("roster.too_long", column="batch", n=len(name), limit=roster.MAX_LENGTH["batch"]))
    if starts_on and ends_on and ends_on < starts_on:
        errors.append(t("admin.batch.ends_before_start"))
    if errors:
        return errors
    saved = store.save_batch(batch_id=batch_id, name=name, starts_on=starts_on.isoformat() if starts_on else None,
                             ends_on=ends_on.isoformat() if ends_on else None, actor_id=actor_id)
    if saved is None:
        return [t("admin.batch.name_taken", name=name)]
    if trainer_ids is not None:
        store.set_batch_trainers(saved, trainer_ids, actor_id)
    return []


def change_role(store: Store, user_id: int, role: str, *, actor_id: int) -> list[str]:
    """Change a person's role; an admin cannot change their own (the last admin could vanish)."""
    if role not in auth.ROLES:
        return [t("admin.role_unknown", role=role)]
    if user_id == actor_id:
        return [t("admin.self_role")]
    store.set_user_role(user_id, role, actor_id)
    return []


def set_active(store: Store, user_id: int, active: bool, *, actor_id: int) -> list[str]:
    """Deactivate (no sign-in; records stay) or reactivate a person, never oneself."""
    if user_id == actor_id:
        return [t("admin.self_deactivate")]
    store.set_user_active(user_id, active, actor_id)
    return []


def set_scope(store: Store, user_id: int, kind: str, values: list[str], *, actor_id: int) -> list[str]:
    """A manager sees everything (`all`) or the chosen agencies, regions or batches (by batch id)."""
    if kind not in SCOPE_KINDS:
        return [t("admin.scope_unknown")]
    if kind != "all" and not values:
        return [t("admin.scope_empty")]
    store.set_manager_scopes(user_id, [("all", "")] if kind == "all" else [(kind, value) for value in values],
                             actor_id)
    return []


def access_state(person: dict[str, Any], now: dt.datetime) -> str:
    """`activated`, `code_live`, `code_expired` or `no_code`: can this person get in, and how."""
    if person.get("activated"):
        return "activated"
    expires = person.get("code_expires_at")
    if not expires:
        return "no_code"
    return "code_live" if dt.datetime.fromisoformat(expires) > now else "code_expired"


# ---------------------------------------------------------------- access

def reset_access(store: Store, user_ids: list[int], *, actor_id: int,
                 now: dt.datetime | None = None) -> tuple[list[IssuedCode], list[str]]:
    """New activation codes for these people (old codes, passwords and sessions stop working).

    An admin cannot reset their own access here (they would lock themselves out).
    """
    if actor_id in user_ids:
        return [], [t("admin.reset_self")]
    now = now or utcnow()
    expires_at = now + dt.timedelta(days=CODE_VALID_DAYS)
    key = activation_key(store)
    issued, hashes = [], []
    batch_names = {batch["id"]: batch["name"] for batch in store.batches()}
    for user_id in user_ids:
        user = store.get_user(user_id)
        code = new_activation_code()
        issued.append(IssuedCode(user["nip"], user["name"], user["agency"], user["unit"],
                                 batch_names.get(user["batch_id"]), user["role"], code, expires_at,
                                 user["email"]))
        hashes.append((user_id, code_hash(key, user["nip"], code)))
    store.issue_activation_codes(hashes, expires_at, actor_id)
    return issued, []


@dataclass
class Activation:
    user: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def activate(store: Store, *, nip: str, code: str, password: str, password_again: str,
             now: dt.datetime, client: str | None = None) -> Activation:
    """A person sets their first password with NIP + activation code; wrong codes lock like sign-in
    (counted before the code is compared, so parallel guesses cannot pass the lock)."""
    cleaned = auth.clean_nip(nip)
    nip_kept = cleaned if auth.well_formed_nip(cleaned) else None
    gate = store.claim_attempt("activation", nip_kept, client, now)
    if gate.locked_until:
        key = "signin.client_locked" if gate.by_client else "activate.locked"
        return Activation(errors=[t(key, minutes=auth.minutes_left(gate.locked_until, now))])
    user = store.get_user_by_nip(nip_kept) if nip_kept else None
    stored = store.activation_code(user["id"]) if user else None
    digest = code_hash(activation_key(store), cleaned, code)
    if stored is None or not hmac.compare_digest(stored["code_hash"], digest):
        store.audit(user["id"] if user else None, "activation_failed", nip_kept,
                    f"locked until {gate.locks_at.isoformat()}" if gate.locks_at else None)
        if gate.locks_at:
            return Activation(errors=[t("activate.locked", minutes=auth.minutes_left(gate.locks_at, now))])
        return Activation(errors=[t("activate.wrong")])
    store.attempt_succeeded("activation", nip_kept, client)
    if dt.datetime.fromisoformat(stored["expires_at"]) <= now:
        return Activation(errors=[t("activate.expired", days=CODE_VALID_DAYS)])
    if not user["active"]:
        return Activation(errors=[t("signin.inactive")])
    errors = auth.new_password_errors(password, password_again, nip=cleaned, name=user["name"])
    if errors:
        return Activation(errors=errors)
    if not store.activate_account(user["id"], digest, auth.hash_password(password), now):
        return Activation(errors=[t("activate.wrong")])  # spent by a second tab a moment ago
    return Activation(user=store.get_user(user["id"]))


# ---------------------------------------------------------------- personal data and the audit page

def may_see_personal_data(viewer: dict[str, Any], person: dict[str, Any], trained_batch_ids: set[int]) -> bool:
    """NIP and e-mail are for the person themself, admins, and the trainers of the person's batch."""
    if viewer["id"] == person["id"] or viewer["role"] == "admin":
        return True
    return viewer["role"] == "trainer" and person.get("batch_id") in trained_batch_ids


def audit_window(first: dt.date | None, last: dt.date | None) -> tuple[str | None, str | None]:
    """Days as people in Indonesia count them (WIB) → the UTC stamps that bound the audit query."""
    def start_of(day: dt.date) -> str:
        return dt.datetime.combine(day, dt.time(), DISPLAY_ZONE).astimezone(dt.UTC).isoformat(timespec="seconds")

    return (start_of(first) if first else None,
            start_of(last + dt.timedelta(days=1)) if last else None)
