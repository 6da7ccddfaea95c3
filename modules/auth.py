"""Who may sign in: NIP rules, password rules and hashing, sign-in throttling, session tokens.

Pure functions only; the store keeps the state they decide on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from modules.i18n import long_date, t

ROLES = ("learner", "trainer", "manager", "admin")
MAX_FAILED_SIGNINS = 5
LOCK_MINUTES = 15
# Attempts one client address may make in LOCK_MINUTES over all NIPs: room for an office behind one
# address whose staff mistype now and then, not for trying a password on NIP after NIP.
MAX_CLIENT_ATTEMPTS = 40
# Password hashes checked at once per process: each argon2 check takes 64 MiB and a core.
HASH_CHECKS_AT_ONCE = 2
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
SESSION_COOKIE = "kelas_sesi"

# Words an attacker tries first in Indonesia that the English-centred list below lacks.
_LOCAL_COMMON_PASSWORDS = {
    "indonesia", "bismillah", "rahasia", "sayangku", "merdeka", "pancasila", "garuda",
    "jakarta", "katasandi", "kantor", "pegawai", "aparatur", "asnbisa", "admin123",
    "pemerintah", "selamatpagi", "cintaku", "masukaja",
}


# ---------------------------------------------------------------- NIP

@dataclass(frozen=True)
class NipCheck:
    """The outcome of checking a NIP: the cleaned number, its kind and every broken rule."""

    nip: str
    kind: str  # "pns" or "pppk"
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def clean_nip(raw: str) -> str:
    """Remove the spaces and dots people type inside a NIP (e.g. `19860926 201505 1 001`)."""
    return re.sub(r"[\s.]", "", raw or "")


def check_nip(raw: str, *, declared_kind: str | None = None, today: dt.date | None = None) -> NipCheck:
    """Check a NIP against the BKN format; each broken rule gets its own message.

    `declared_kind` is "pns" or "pppk" when the person said which; otherwise digits 13–14 above 12
    mark a PPPK number (those digits are a contract code there, not a month).
    """
    today = today or dt.date.today()
    nip = clean_nip(raw)
    kind = declared_kind or "pns"
    if not nip:
        return NipCheck(nip, kind, [t("nip.empty")])
    if not nip.isascii() or not nip.isdigit():
        return NipCheck(nip, kind, [t("nip.not_digits")])
    if len(nip) != 18:
        return NipCheck(nip, kind, [t("nip.length", n=len(nip))])

    errors: list[str] = []
    birth: dt.date | None = None
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        errors.append(t("nip.birth_invalid", value=nip[0:8]))
    if birth and birth >= today:
        errors.append(t("nip.birth_future", value=long_date(birth)))

    year, code = int(nip[8:12]), int(nip[12:14])
    if birth and year < birth.year:
        errors.append(t("nip.year_before_birth", year=year, birth=birth.year))
    if year > today.year:
        errors.append(t("nip.year_future", year=year))
    if declared_kind is None and code > 12:
        kind = "pppk"
    if code == 0:
        errors.append(t("nip.month_zero"))
    elif kind == "pns" and code > 12:
        errors.append(t("nip.month_invalid", value=nip[12:14]))
    if nip[14] not in "12":
        errors.append(t("nip.sex_invalid", value=nip[14]))
    if nip[15:18] == "000":
        errors.append(t("nip.sequence_zero"))
    return NipCheck(nip, kind, errors)


def well_formed_nip(cleaned: str) -> bool:
    """Eighteen ASCII digits: the only NIP text ever kept in throttles and the audit log (anything
    else typed in the NIP field, a password say, is never stored)."""
    return len(cleaned) == 18 and cleaned.isascii() and cleaned.isdigit()


def spaced_nip(nip: str) -> str:
    """`198609262015051001` → `19860926 201505 1 001`, as a NIP is printed on official papers
    (and as Excel keeps it: text, not a number)."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def mask_nip(nip: str) -> str:
    """Show the first 4 and last 4 digits only, e.g. `1986**********1001`."""
    return nip[:4] + "*" * (len(nip) - 8) + nip[-4:] if len(nip) > 8 else "*" * len(nip)


# ---------------------------------------------------------------- passwords

@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | _LOCAL_COMMON_PASSWORDS


def check_password(password: str, *, nip: str = "", name: str = "") -> list[str]:
    """Rules of NIST SP 800-63B: length and a blocklist, no composition rules."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return [t("password.too_short", n=PASSWORD_MIN_LENGTH)]
    if len(password) > PASSWORD_MAX_LENGTH:
        return [t("password.too_long", n=PASSWORD_MAX_LENGTH)]
    lowered = password.lower()
    stripped = re.sub(r"[\d\W_]+$", "", lowered)  # "indonesia2024!" is still "indonesia"
    if lowered in _common_passwords() or stripped in _common_passwords():
        return [t("password.common")]
    if len(set(password)) <= 2 or lowered in "0123456789abcdefghijklmnopqrstuvwxyz" \
            or lowered in "9876543210":
        return [t("password.repetitive")]
    if nip and clean_nip(nip) in password:
        return [t("password.contains_nip")]
    if name and lowered.replace(" ", "") == name.lower().replace(" ", ""):
        return [t("password.is_name")]
    return []


# argon2id at OWASP's first recommended setting (19 MiB, two passes, one lane). The library's
# default (64 MiB, three passes, four lanes) spent ~180 ms of CPU per sign-in, so a batch
# arriving at ten a second needed almost two cores for sign-ins alone; this costs ~27 ms.
# Hashes made with other parameters still verify (argon2 stores them in the hash) and are made
# again with these at the next successful sign-in (`needs_rehash`).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Bounds the memory of a burst of sign-ins: others wait their turn instead of all hashing at once.
_hashing = threading.BoundedSemaphore(HASH_CHECKS_AT_ONCE)


def new_password_errors(password: str, again: str, *, nip: str, name: str) -> list[str]:
    """Every problem with a new password typed twice (activation, reset)."""
    errors = check_password(password, nip=nip, name=name)
    if password != again:
        errors.append(t("password.mismatch"))
    return errors


def hash_password(password: str) -> str:
    with _hashing:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing or damaged hash never matches."""
    if not password_hash:
        # Spend the same time as a real check so a missing account is not told apart by timing.
        dummy = _dummy_hash()
        with _hashing:
            _hasher.verify(dummy, "x" * PASSWORD_MIN_LENGTH)
        return False
    try:
        with _hashing:
            return _hasher.verify(password_hash, password[:PASSWORD_MAX_LENGTH * 4])
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when a stored hash was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("x" * PASSWORD_MIN_LENGTH)


# ---------------------------------------------------------------- throttling

def lock_after_failure(failures: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Count one more wrong password; the fifth locks the NIP for 15 minutes and restarts the count."""
    failures += 1
    if failures >= MAX_FAILED_SIGNINS:
        return 0, now + dt.timedelta(minutes=LOCK_MINUTES)
    return failures, None


def minutes_left(locked_until: dt.datetime | None, now: dt.datetime) -> int:
    """Whole minutes (rounded up) until a lock ends; 0 when not locked."""
    if locked_until is None or locked_until <= now:
        return 0
    return -int(-(locked_until - now).total_seconds() // 60)


# ---------------------------------------------------------------- sessions

def new_token() -> str:
    """A fresh random secret for a session or a one-time sign-in code."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps instead of the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def sign_cookie(secret_key: str, token: str) -> str:
    return TimestampSigner(secret_key, salt="kelas-session").sign(token).decode()


def unsign_cookie(secret_key: str, value: str, max_age_seconds: int) -> str | None:
    """The session token inside a cookie, or None if it is forged or too old."""
    try:
        return TimestampSigner(secret_key, salt="kelas-session").unsign(
            value, max_age=max_age_seconds).decode()
    except (BadSignature, SignatureExpired):
        return None
