"""Certificates: when one is earned, its code, what it records, and what verifying it reveals.

The rules are pure functions; `issue_if_earned`, `verify` and `revoke` apply them through the store.
A certificate is drawn only from its snapshot, taken once at issue, so the same code always gives
the same certificate whatever happens to the person's account or scores later.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import json
import logging
import re
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from modules import completion
from modules.auth import mask_nip, token_hash
from modules.client_address import client_address as address_behind_proxy
from modules.config import Settings, current_settings, load_settings
from modules.course import PILLARS, Catalogue
from modules.evaluation import evaluation_done
from modules.i18n import STRINGS
from modules.jp import course_jp
from modules.organiser import load_organiser
from modules.quiz import percent
from modules.store import Store, parse_stamp, stamp
from modules.timefmt import DISPLAY_ZONE

log = logging.getLogger(__name__)

COURSE_TITLE = "Kelas Literasi Digital ASN"
SNAPSHOT_VERSION = 1

# Crockford's base32: digits and capitals without I, L, O and U, so nothing reads as something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_SYMBOLS = 23  # 23 × 5 = 115 bits from `secrets`
CODE_LENGTH = RANDOM_SYMBOLS + 1  # and one check symbol that catches typing mistakes
GROUP = 4
# What people type for the symbols codes never contain: O for 0, I or L for 1, U for V.
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")

# Verification throttling: misses (well-formed codes that do not exist) per client per window.
MISS_WINDOW = dt.timedelta(minutes=15)
MAX_MISSES = 10
# Clients without an address share one bucket, so it is larger; it still caps guessing through it.
ANONYMOUS_CLIENT = "anonim"
MAX_ANONYMOUS_MISSES = 100
MIN_REASON_LENGTH = 10


def indonesian(key: str, **values: object) -> str:
    """A UI string in Indonesian whatever the reader's language: certificates are official papers."""
    text = STRINGS[key]["id"]
    return text.format(**values) if values else text


# ---------------------------------------------------------------- codes

def _check_symbol(symbols: str) -> str:
    """Luhn mod 32: catches every single wrong symbol and most swapped neighbours."""
    factor, total = 2, 0
    for char in reversed(symbols):
        addend = factor * ALPHABET.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def format_code(symbols: str) -> str:
    """`ABCD…` → `ABCD-EFGH-…`, groups of four for reading aloud and typing."""
    return "-".join(symbols[i:i + GROUP] for i in range(0, len(symbols), GROUP))


def new_code() -> str:
    """A fresh certificate code: 115 random bits and a check symbol, e.g. `7KQ2-M4XP-…`."""
    return code_from("".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS)))


def code_from(symbols: str) -> str:
    """The code for 23 symbols of ALPHABET: check symbol added, grouped (seeded demo data uses this)."""
    if len(symbols) != RANDOM_SYMBOLS or any(char not in ALPHABET for char in symbols):
        raise ValueError("a code needs 23 symbols of the alphabet")
    return format_code(symbols + _check_symbol(symbols))


@dataclass(frozen=True)
class ParsedCode:
    """What someone typed, read as a code: `code` when well-formed, else `problem` (an i18n key)."""

    code: str | None
    problem: str | None


def parse_code(raw: str | None) -> ParsedCode:
    """Read a typed or scanned code leniently: any case, spaces or dashes, O for 0, I or L for 1."""
    symbols = re.sub(r"[\s\-_.]", "", (raw or "").upper()).translate(_READS_AS)
    if not symbols:
        return ParsedCode(None, "verify.empty")
    if len(symbols) != CODE_LENGTH or any(char not in ALPHABET for char in symbols):
        return ParsedCode(None, "verify.malformed")
    if _check_symbol(symbols[:-1]) != symbols[-1]:
        return ParsedCode(None, "verify.typo")
    return ParsedCode(format_code(symbols), None)


# ---------------------------------------------------------------- earning and the snapshot

def requirements_met_at(history: Sequence[Mapping[str, Any]],
                        lesson_progress: Mapping[str, Mapping[str, Any]] | None = None,
                        required_lessons: Collection[str] = ()) -> str | None:
    """When the course was completed: the moment the last of its requirements was met.

    The requirements are every lesson in `required_lessons` marked done (see modules/completion.py
    for which lessons the completion rule requires), a pass in each of the four pillar quizzes and
    a submitted post-test (the course evaluation that follows is a condition of issuing, not of
    completing: `issue_if_earned`). `history` holds submitted attempts; None while a requirement is missing.
    """
    moments = []
    if required_lessons:
        lessons_done = completion.lessons_completed_at(required_lessons, lesson_progress or {})
        if lessons_done is None:
            return None
        moments.append(lessons_done)
    for pillar in PILLARS:
        passes = [a["submitted_at"] for a in history
                  if a["kind"] == "pillar" and a["quiz_id"] == pillar and a["passed"]]
        if not passes:
            return None
        moments.append(min(passes))
    posttests = [a["submitted_at"] for a in history if a["kind"] == "posttest" and a["submitted_at"]]
    if not posttests:
        return None
    moments.append(min(posttests))
    return max(moments)


def best_pillar_scores(history: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """The best percentage in each pillar quiz (pillars never attempted are left out)."""
    best: dict[str, int] = {}
    for attempt in history:
        if attempt["kind"] == "pillar" and attempt["quiz_id"] in PILLARS:
            score = percent(attempt["score"], attempt["max_score"])
            best[attempt["quiz_id"]] = max(score, best.get(attempt["quiz_id"], 0))
    return {pillar: best[pillar] for pillar in PILLARS if pillar in best}


def missing_requirements(history: Sequence[Mapping[str, Any]]) -> tuple[list[str], bool]:
    """What still stands between a learner and the certificate: pillars not passed yet, and
    whether the post-test is still to be taken."""
    passed = {a["quiz_id"] for a in history if a["kind"] == "pillar" and a["passed"]}
    return [p for p in PILLARS if p not in passed], not any(a["kind"] == "posttest" for a in history)


def build_snapshot(user: Mapping[str, Any], history: Sequence[Mapping[str, Any]], jp: int,
                   completed_at: str) -> dict[str, Any]:
    """Everything the certificate shows, fixed at the moment of issue."""
    organiser = load_organiser()
    return {"version": SNAPSHOT_VERSION, "course": COURSE_TITLE, "name": user["name"], "nip": user["nip"],
            "scores": best_pillar_scores(history), "jp": jp, "completed_at": completed_at,
            # Who issues and signs it, as configured at issue (modules/organiser.py); older
            # certificates have no issuer and print none.
            "issuer": {"organiser": organiser.name, "official_name": organiser.official_name,
                       "official_nip": organiser.official_nip, "official_position": organiser.official_position,
                       "place": organiser.place}}


@dataclass(frozen=True)
class Certificate:
    code: str
    user_id: int
    issued_at: str
    snapshot: dict[str, Any]
    revoked_at: str | None
    revoked_reason: str | None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Certificate:
        snapshot = json.loads(row["snapshot"])
        # Rows written by other tools (demo data, imports) may lack fields; fill what can be known.
        snapshot.setdefault("course", COURSE_TITLE)
        snapshot.setdefault("scores", snapshot.get("pillars") or {})
        snapshot.setdefault("completed_at", row["issued_at"])
        snapshot.setdefault("nip", row.get("holder_nip") or "")
        snapshot.setdefault("name", row.get("holder") or "")
        if "jp" not in snapshot:  # the course's JP now (read only when a row lacks it)
            from modules.jp import course_jp

            snapshot["jp"] = course_jp(configured_catalogue())
        return cls(row["code"], row["user_id"], row["issued_at"], snapshot, row["revoked_at"], row["revoked_reason"])

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def completed_on(self) -> dt.date:
        """The completion day as people in Indonesia count days (WIB)."""
        return parse_stamp(self.snapshot["completed_at"]).astimezone(DISPLAY_ZONE).date()


def required_lessons(catalogue: Catalogue) -> list[str]:
    """The lessons the configured completion rule (KELAS_COMPLETION_RULE) requires for the certificate."""
    rule = completion.completion_rule(current_settings().completion_rule)
    in_order = [lesson.id for pillar in PILLARS for lesson in catalogue.pillar_lessons(pillar)]
    return completion.required_lessons(in_order, rule)


def configured_catalogue() -> Catalogue:
    """The configured course, read once per process and place (for callers without one of their own)."""
    settings = load_settings()
    return _catalogue_at(str(settings.content_dir), str(settings.quizzes_dir))


@functools.lru_cache(maxsize=4)
def _catalogue_at(content_dir: str, quizzes_dir: str) -> Catalogue:
    from pathlib import Path

    from modules.course import load_catalogue

    return load_catalogue(Path(content_dir), Path(quizzes_dir))


def earned(store: Store, user_id: int, history: Sequence[Mapping[str, Any]], catalogue: Catalogue,
           lessons: Mapping[str, Mapping[str, Any]] | None = None) -> bool:
    """Whether the person meets every condition of the certificate (issued or not); `lessons` is
    their lesson progress when the caller has already read it."""
    required = required_lessons(catalogue)
    if required and lessons is None:
        lessons = store.lesson_progress(user_id)
    completed_at = requirements_met_at(history, lessons if required else None, required)
    return completed_at is not None and evaluation_done(store, user_id)


def issue_if_earned(store: Store, user_id: int, *, jp: int | None, now: dt.datetime,
                    history: Sequence[Mapping[str, Any]] | None = None,
                    catalogue: Catalogue | None = None,
                    lessons: Mapping[str, Mapping[str, Any]] | None = None) -> Certificate | None:
    """The person's certificate, issuing it first if they have just earned it; None if not earned.

    Safe to call any number of times, also from two processes at once: the database keeps one
    certificate per person (UNIQUE user_id), and a second issue leaves the first untouched.
    `jp` is the JP to print (None: the course's, worked out only when a certificate is issued);
    `history` the person's submitted attempts and `lessons` their lesson progress when the caller
    has already read them; `catalogue` the course whose lessons the completion rule requires
    (default: the configured one).
    """
    existing = store.certificate_for_user(user_id)
    if existing is not None:
        return Certificate.from_row(existing)
    if history is None:
        history = store.submitted_attempts(user_id)
    course = catalogue if catalogue is not None else configured_catalogue()
    required = required_lessons(course)
    if required and lessons is None:
        lessons = store.lesson_progress(user_id)
    completed_at = requirements_met_at(history, lessons if required else None, required)
    if completed_at is None or not evaluation_done(store, user_id):
        return None
    if issuing_held(current_settings()):
        log.warning("certificate for user %s held: KELAS_BASE_URL is a loopback address", user_id)
        return None
    user = store.get_user(user_id)
    snapshot = build_snapshot(user, history, course_jp(course) if jp is None else jp, completed_at)
    while not store.insert_certificate(code=new_code(), user_id=user_id, issued_at=stamp(now),
                                       snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True)):
        # Another process issued it in the meantime, or (in theory) the code was taken.
        if store.certificate_for_user(user_id) is not None:
            break
    return Certificate.from_row(store.certificate_for_user(user_id))


# ---------------------------------------------------------------- showing it

def indonesian_date(day: dt.date) -> str:
    """`2026-11-23` → `23 November 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def loopback_address(base_url: str) -> bool:
    """Whether the public address is this machine's own (localhost, 127.x, ::1, 0.0.0.0): a QR code
    printed with it leads nowhere for anyone who scans the certificate."""
    host = (urlsplit(base_url).hostname or "").lower()
    if host in ("localhost", "0.0.0.0") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def issuing_held(settings: Settings) -> bool:
    """Certificates are held back in production while the QR address is loopback (they are issued
    as soon as KELAS_BASE_URL is set: the learner's Progres Saya issues an earned one)."""
    return settings.production and loopback_address(settings.base_url)


def verification_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/verifikasi?kode={code}"


def file_name(certificate: Certificate) -> str:
    """A download name that sorts by NIP and still says whose it is."""
    slug = re.sub(r"[^a-z0-9]+", "-", certificate.snapshot["name"].lower()).strip("-")[:40]
    return f"sertifikat-{certificate.snapshot['nip']}-{slug or 'peserta'}.pdf"


# ---------------------------------------------------------------- verification

@dataclass(frozen=True)
class Verification:
    """What anyone may learn about a code: its status, and for a known code four facts only."""

    status: str  # "valid", "revoked", "unknown", "invalid" (not a code) or "throttled"
    name: str | None = None
    course: str | None = None
    completed_on: str | None = None
    masked_nip: str | None = None
    problem: str | None = None  # i18n key explaining an "invalid" code
    wait_minutes: int = 0


def client_address(peer: str | None, forwarded_for: str | None) -> str | None:
    """The client's address: the connection's own, or the one our proxy vouches for
    (see modules/client_address.py)."""
    return address_behind_proxy(peer, forwarded_for)


def client_key(ip_address: str | None) -> str:
    """Who is counted for throttling: a hash of the client's address (never the address itself),
    or the shared anonymous bucket when the address is unknown."""
    return f"ip:{token_hash(ip_address)[:32]}" if ip_address else ANONYMOUS_CLIENT


def throttle_client(peer: str | None, forwarded_for: str | None) -> str | None:
    """Whom to count sign-in and activation attempts against: a hash of the client's address (see
    client_address); None when it is unknown (one shared count for every unknown address would let
    one person lock everyone out)."""
    address = client_address(peer, forwarded_for)
    return client_key(address) if address else None


def miss_limit(client: str) -> int:
    return MAX_ANONYMOUS_MISSES if client == ANONYMOUS_CLIENT else MAX_MISSES


def throttle_wait(window_start: dt.datetime | None, misses: int, limit: int, now: dt.datetime) -> int:
    """Whole minutes (rounded up) a client must wait before its next look-up; 0 when it may go on."""
    if window_start is None or misses < limit:
        return 0
    left = (window_start + MISS_WINDOW - now).total_seconds()
    return -int(-left // 60) if left > 0 else 0


def after_miss(window_start: dt.datetime | None, misses: int, now: dt.datetime) -> tuple[dt.datetime, int]:
    """Count one more miss: a fixed window of 15 minutes that starts at the first miss."""
    if window_start is None or now >= window_start + MISS_WINDOW:
        return now, 1
    return window_start, misses + 1


def verify(store: Store, raw_code: str | None, client: str, now: dt.datetime) -> Verification:
    """Check a code for anyone, signed in or not; repeated misses from one client are throttled.

    Only well-formed codes that do not exist count as misses: typos are caught by the check
    symbol before any look-up, and a valid code never clears the count (else a guesser could
    mix one in to reset it).
    """
    parsed = parse_code(raw_code)
    if parsed.code is None:
        return Verification("invalid", problem=parsed.problem)
    limit = miss_limit(client)
    window_start, misses = store.verify_misses(client)
    wait = throttle_wait(window_start, misses, limit, now)
    if wait:
        return Verification("throttled", wait_minutes=wait)
    row = store.certificate_by_code(parsed.code)
    if row is None:
        window_start, misses = store.record_verify_miss(client, now, after_miss)
        return Verification("unknown", wait_minutes=throttle_wait(window_start, misses, limit, now))
    certificate = Certificate.from_row(row)
    return Verification("revoked" if certificate.revoked else "valid", name=certificate.snapshot["name"],
                        course=certificate.snapshot["course"],
                        completed_on=indonesian_date(certificate.completed_on),
                        masked_nip=mask_nip(certificate.snapshot["nip"]))


# ---------------------------------------------------------------- revocation

MAX_REASON_LENGTH = 500


def revoke(store: Store, raw_code: str, reason: str, actor_id: int, now: dt.datetime) -> str | None:
    """Revoke a certificate with a reason; returns the i18n key of the problem, or None when done."""
    parsed = parse_code(raw_code)
    if parsed.code is None:
        return parsed.problem
    if len(" ".join(reason.split())) < MIN_REASON_LENGTH:
        return "cert.revoke.reason_short"
    if len(reason) > MAX_REASON_LENGTH:
        return "cert.revoke.reason_long"
    row = store.certificate_by_code(parsed.code)
    if row is None:
        return "cert.revoke.unknown"
    if row["revoked_at"] is not None:
        return "cert.revoke.already"
    if not store.revoke_certificate(parsed.code, " ".join(reason.split()), actor_id, now):
        return "cert.revoke.already"
    return None


def reissue(store: Store, raw_code: str, actor_id: int, now: dt.datetime, catalogue: Catalogue) -> str | None:
    """Issue a revoked certificate again once the mistake behind it is fixed: a new code and a
    snapshot of the person as they are now; the old code stays revoked. The i18n key of the problem,
    or None when done."""
    parsed = parse_code(raw_code)
    if parsed.code is None:
        return parsed.problem
    row = store.certificate_by_code(parsed.code)
    if row is None:
        return "cert.revoke.unknown"
    if row["revoked_at"] is None or row.get("replaced_by"):
        return "cert.reissue.not_revoked"
    history = store.submitted_attempts(row["user_id"])
    if not earned(store, row["user_id"], history, catalogue):
        return "cert.reissue.not_earned"
    if issuing_held(load_settings()):
        return "cert.reissue.held"
    required = required_lessons(catalogue)
    completed_at = requirements_met_at(history, store.lesson_progress(row["user_id"]) if required else None, required)
    from modules.jp import course_jp

    snapshot = build_snapshot(store.get_user(row["user_id"]), history, course_jp(catalogue), completed_at)
    if not store.reissue_certificate(old_code=parsed.code, new_code=new_code(), issued_at=stamp(now),
                                     snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
                                     actor_id=actor_id):
        return "cert.reissue.not_revoked"  # issued again by another admin a moment ago
    return None


# ---------------------------------------------------------------- trainers' batches

def allowed_batches(store: Store, viewer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The batches whose certificates this person may download: a trainer's own (batch_trainers),
    every batch for an admin, none for anyone else."""
    if viewer["role"] == "admin":
        return store.certificate_batches(None)
    if viewer["role"] == "trainer":
        return store.certificate_batches(viewer["id"])
    return []


def batch_entries(store: Store, viewer: Mapping[str, Any], batch_ids: Sequence[int]) -> list[tuple[str, Certificate]]:
    """(path in the ZIP, certificate) for the valid certificates of these batches.

    Raises PermissionError when a batch is not one the viewer may see, so a forged request
    never reaches another trainer's learners.
    """
    allowed = {batch["id"] for batch in allowed_batches(store, viewer)}
    if not set(batch_ids) <= allowed:
        raise PermissionError("batch not assigned to this trainer")
    entries = []
    for row in store.certificates_in_batches(list(batch_ids)):
        certificate = Certificate.from_row(row)
        if not certificate.revoked:
            folder = re.sub(r"[^A-Za-z0-9]+", "-", row["batch"]).strip("-") or "angkatan"
            entries.append((f"{folder}/{file_name(certificate)}", certificate))
    return entries
