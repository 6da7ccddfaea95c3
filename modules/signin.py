"""Registration and sign-in rules, apart from any screen: what happens, and what the person is told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from modules import auth
from modules.i18n import t
from modules.store import DuplicateNip, Store


@dataclass
class Outcome:
    user: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def register(store: Store, *, nip: str, kind: str, name: str, agency: str, region: str,
             password: str, password_again: str, today: dt.date | None = None) -> Outcome:
    """Create a learner account; every problem with the form is reported at once."""
    check = auth.check_nip(nip, declared_kind=kind, today=today)
    errors = list(check.errors)
    for value, key in ((name, "register.name_missing"), (agency, "register.agency_missing"),
                       (region, "register.region_missing")):
        if not value.strip():
            errors.append(t(key))
    errors += auth.check_password(password, nip=check.nip, name=name)
    if password != password_again:
        errors.append(t("password.mismatch"))
    if errors:
        return Outcome(errors=errors)
    try:
        user_id = store.create_user(nip=check.nip, nip_kind=check.kind, name=" ".join(name.split()),
                                    agency=agency.strip(), region=region.strip(),
                                    password_hash=auth.hash_password(password))
    except DuplicateNip:
        return Outcome(errors=[t("nip.taken")])
    return Outcome(user=store.get_user(user_id))


def sign_in(store: Store, *, nip: str, password: str, now: dt.datetime) -> Outcome:
    """Check NIP and password, with the five-failures lock; every attempt is audited."""
    cleaned = auth.clean_nip(nip)
    locked_until = store.signin_lock(cleaned, now)
    if locked_until:
        store.audit(None, "signin_refused_locked", cleaned)
        return Outcome(errors=[t("signin.locked", minutes=auth.minutes_left(locked_until, now))])
    user = store.get_user_by_nip(cleaned)
    if not auth.verify_password(user["password_hash"] if user else None, password):
        locked_until = store.record_failed_signin(cleaned, user["id"] if user else None, now)
        if locked_until:
            return Outcome(errors=[t("signin.locked", minutes=auth.minutes_left(locked_until, now))])
        return Outcome(errors=[t("signin.wrong")])
    if not user["active"]:
        store.audit(user["id"], "signin_refused_inactive", cleaned)
        return Outcome(errors=[t("signin.inactive")])
    store.record_signin(user["id"], cleaned)
    if auth.needs_rehash(user["password_hash"]):  # older, costlier parameters: bring it up to date
        store.replace_password_hash(user["id"], user["password_hash"], auth.hash_password(password))
    return Outcome(user=user)
