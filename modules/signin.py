"""Registration and sign-in rules, apart from any screen: what happens, and what the person is told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from modules import auth
from modules.i18n import t
from modules.roster import MAX_LENGTH
from modules.store import DuplicateNip, Store, stamp


@dataclass
class Outcome:
    """What happened: `user` signed in or registered, or `errors` to show. A registration with
    neither (the NIP was taken) is answered like a success: see `register`."""

    user: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def register(store: Store, *, nip: str, kind: str, name: str, agency: str, region: str,
             password: str, password_again: str, today: dt.date | None = None) -> Outcome:
    """Create a learner account; every problem with the form is reported at once.

    Where admins have enrolled people already, agency and region must be one of theirs (the form
    offers them as lists), so a self-registered learner lands in the groups their managers see."""
    check = auth.check_nip(nip, declared_kind=kind, today=today)
    errors = list(check.errors)
    for value, column, key in ((agency, "agency", "register.agency_unknown"),
                               (region, "region", "register.region_unknown")):
        known = store.known_places(column)
        if value.strip() and known and value.strip() not in known:
            errors.append(t(key))
    for value, key, column, label in ((name, "register.name_missing", "nama", "field.name"),
                                      (agency, "register.agency_missing", "instansi", "field.agency"),
                                      (region, "register.region_missing", "kabupaten_kota", "field.region")):
        if not value.strip():
            errors.append(t(key))
        elif len(value.strip()) > MAX_LENGTH[column]:  # the roster's limits hold for every way in
            errors.append(t("register.too_long", field=t(label), n=len(value.strip()), limit=MAX_LENGTH[column]))
    errors += auth.check_password(password, nip=check.nip, name=name)
    if password != password_again:
        errors.append(t("password.mismatch"))
    if errors:
        return Outcome(errors=errors)
    password_hash = auth.hash_password(password)  # before the look-up: a taken NIP takes as long
    try:
        user_id = store.create_user(nip=check.nip, nip_kind=check.kind, name=" ".join(name.split()),
                                    agency=agency.strip(), region=region.strip(),
                                    password_hash=password_hash, self_registered=True)
    except DuplicateNip:
        # The same answer as a success, so that a stranger cannot learn which NIPs exist;
        # the admin sees the attempt in the audit log.
        store.audit(None, "register_refused_taken", check.nip)
        return Outcome()
    return Outcome(user=store.get_user(user_id))


def sign_in(store: Store, *, nip: str, password: str, now: dt.datetime, client: str | None = None) -> Outcome:
    """Check NIP and password, with the five-failures lock and a per-client limit; every attempt is audited.

    The attempt is counted before the password is checked (see Store.claim_attempt), so parallel
    guesses cannot slip past the lock. `client` is a keyed hash of the client's address.
    """
    cleaned = auth.clean_nip(nip)
    nip_kept = cleaned if auth.well_formed_nip(cleaned) else None
    gate = store.claim_attempt("signin", nip_kept, client, now)
    if gate.locked_until:
        store.audit(None, "signin_refused_locked", nip_kept, "client" if gate.by_client else None)
        key = "signin.client_locked" if gate.by_client else "signin.locked"
        return Outcome(errors=[t(key, minutes=auth.minutes_left(gate.locked_until, now))])
    user = store.get_user_by_nip(nip_kept) if nip_kept else None
    if not auth.verify_password(user["password_hash"] if user else None, password):
        store.audit(user["id"] if user else None, "signin_failed", nip_kept,
                    f"locked until {stamp(gate.locks_at)}" if gate.locks_at else None)
        if gate.locks_at:
            return Outcome(errors=[t("signin.locked", minutes=auth.minutes_left(gate.locks_at, now))])
        return Outcome(errors=[t("signin.wrong")])
    store.attempt_succeeded("signin", nip_kept, client)
    if not user["active"]:
        store.audit(user["id"], "signin_refused_inactive", nip_kept)
        return Outcome(errors=[t("signin.inactive")])
    store.record_signin(user["id"], nip_kept)
    if auth.needs_rehash(user["password_hash"]):  # older, costlier parameters: bring it up to date
        store.replace_password_hash(user["id"], user["password_hash"], auth.hash_password(password))
    return Outcome(user=user)
