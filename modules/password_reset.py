"""'Lupa kata sandi?': a person whose roster entry has an e-mail address sets a new password with a
one-time code sent there.

The answer to a request is the same whether or not the NIP exists, so a stranger learns nothing; the
code is kept only as a keyed hash, lasts RESET_VALID_MINUTES, is spent by its first use, and wrong
codes count towards the same five-misses lock as activation codes. Asking for a reset changes nothing
until the code is used: the old password keeps working, so nobody can lock a colleague out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from typing import Any

from modules import admin, auth, mailer
from modules.i18n import t
from modules.store import Store

RESET_VALID_MINUTES = 30
RESEND_AFTER = dt.timedelta(minutes=2)  # one mail per person per two minutes, however often asked

log = logging.getLogger(__name__)


@dataclass
class ResetOutcome:
    user: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def reset_key(store: Store) -> bytes:
    """The key reset codes are hashed with: derived from the app's secret, apart from activation codes."""
    return hmac.new(admin.activation_key(store), b"kelas-password-reset", hashlib.sha256).digest()


def same_address(first: str, second: str) -> bool:
    """E-mail addresses compared as people type them: case and surrounding spaces do not matter."""
    return first.strip().casefold() == second.strip().casefold()


def request_reset(store: Store, *, nip: str, email: str, now: dt.datetime, base_url: str,
                  settings: mailer.MailSettings | None) -> None:
    """Mail a reset code when NIP and e-mail belong to one active account; otherwise do nothing.

    Callers show the same neutral answer in every case. A mail server that refuses the message is
    logged and the code withdrawn, so the person may try again at once."""
    cleaned = auth.clean_nip(nip)
    if settings is None or not auth.check_nip(cleaned).ok or len(email) > 254:
        return
    user = store.get_user_by_nip(cleaned)
    if not (user and user["active"] and user.get("email") and same_address(user["email"], email)):
        return
    code = admin.new_activation_code()
    expires_at = now + dt.timedelta(minutes=RESET_VALID_MINUTES)
    if not store.issue_password_reset(user["id"], admin.code_hash(reset_key(store), cleaned, code), now,
                                      expires_at, RESEND_AFTER):
        return
    message = mailer.build_message(
        settings, user["email"], t("reset.mail.subject"),
        t("reset.mail.body", name=user["name"], code=code, minutes=RESET_VALID_MINUTES,
          url=f"{base_url}/lupa-sandi"))
    try:
        mailer.send_mail(settings, [message])
    except mailer.MailError as error:
        log.warning("password reset mail for user %s not sent: %s", user["id"], error)
        store.withdraw_password_reset(user["id"])


def complete_reset(store: Store, *, nip: str, code: str, password: str, password_again: str,
                   now: dt.datetime, client: str | None = None) -> ResetOutcome:
    """Set a new password with NIP + the mailed code; every session of the person ends. Wrong codes
    count towards activation's lock, before the code is compared (parallel guesses cannot pass it)."""
    cleaned = auth.clean_nip(nip)
    nip_kept = cleaned if auth.well_formed_nip(cleaned) else None
    gate = store.claim_attempt("activation", nip_kept, client, now)
    if gate.locked_until:
        key = "signin.client_locked" if gate.by_client else "activate.locked"
        return ResetOutcome(errors=[t(key, minutes=auth.minutes_left(gate.locked_until, now))])
    user = store.get_user_by_nip(nip_kept) if nip_kept else None
    stored = store.password_reset_code(user["id"]) if user else None
    digest = admin.code_hash(reset_key(store), cleaned, code)
    if stored is None or not hmac.compare_digest(stored["code_hash"], digest):
        store.audit(user["id"] if user else None, "activation_failed", nip_kept, "password reset code")
        if gate.locks_at:
            return ResetOutcome(errors=[t("activate.locked", minutes=auth.minutes_left(gate.locks_at, now))])
        return ResetOutcome(errors=[t("reset.wrong")])
    store.attempt_succeeded("activation", nip_kept, client)
    if dt.datetime.fromisoformat(stored["expires_at"]) <= now:
        return ResetOutcome(errors=[t("reset.expired", minutes=RESET_VALID_MINUTES)])
    if not user["active"]:
        return ResetOutcome(errors=[t("signin.inactive")])
    errors = auth.new_password_errors(password, password_again, nip=cleaned, name=user["name"])
    if errors:
        return ResetOutcome(errors=errors)
    if not store.reset_password(user["id"], digest, auth.hash_password(password), now):
        return ResetOutcome(errors=[t("reset.wrong")])  # spent by a second tab a moment ago
    return ResetOutcome(user=store.get_user(user["id"]))
