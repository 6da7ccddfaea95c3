"""Accounts: users, sign-in throttling and attempt gates, sign-in codes, sessions, activation codes
and password resets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from modules import auth
from modules.db import DATABASE_ERRORS, INTEGRITY_ERRORS
from modules.stores.errors import DuplicateNip
from modules.timestamps import parse_stamp, stamp, utcnow

SIGNIN_CODE_SECONDS = 120


@dataclass(frozen=True)
class Gate:
    """Whether a sign-in or activation attempt may be checked. `locked_until`: refused, locked until
    then (`by_client`: the client's limit, not the NIP's). `locks_at`: this attempt was the NIP's last
    one; if it fails, the NIP is locked until then."""

    locked_until: dt.datetime | None = None
    by_client: bool = False
    locks_at: dt.datetime | None = None


class _AttemptGates:
    """Counting attempts before they are checked (mixed into Store): the count and the lock are
    decided in one write transaction, so parallel guesses queue and only the allowed number is ever
    checked; a right answer then clears the NIP's count and gives the client its attempt back."""

    def can_write(self, now: dt.datetime) -> str | None:
        """None when a write transaction commits; else SQLite's reason (disk full, read-only …)."""
        try:
            with self.write() as conn:
                conn.execute("INSERT INTO settings (key, value) VALUES ('write_check', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (stamp(now),))
        except DATABASE_ERRORS as error:
            return str(error)
        return None

    def claim_attempt(self, kind: str, nip: str | None, client: str | None, now: dt.datetime) -> Gate:
        """Count one attempt (kind "signin" or "activation") for `nip` (None: not a well-formed NIP,
        so nothing is kept about it) and for `client`, unless either is locked."""
        table = {"signin": "signin_throttle", "activation": "activation_throttle"}[kind]
        with self.write() as conn:
            window_start, attempts = None, 0
            if client:
                row = conn.execute("SELECT window_start, attempts FROM client_throttle WHERE client = ? AND kind = ?",
                                   (client, kind)).fetchone()
                if row and parse_stamp(row[0]) + dt.timedelta(minutes=auth.LOCK_MINUTES) > now:
                    window_start, attempts = parse_stamp(row[0]), row[1]
                if attempts >= auth.MAX_CLIENT_ATTEMPTS:
                    return Gate(window_start + dt.timedelta(minutes=auth.LOCK_MINUTES), by_client=True)
            locks_at = None
            if nip:
                row = conn.execute(f"SELECT failures, locked_until FROM {table} WHERE nip = ?", (nip,)).fetchone()
                until = parse_stamp(row[1]) if row else None
                if until and until > now:
                    return Gate(until)
                failures, locks_at = auth.lock_after_failure(row[0] if row else 0, now)
                conn.execute(
                    f"""INSERT INTO {table} (nip, failures, locked_until) VALUES (?, ?, ?)
                        ON CONFLICT(nip) DO UPDATE SET failures = excluded.failures,
                        locked_until = excluded.locked_until""",
                    (nip, failures, stamp(locks_at) if locks_at else None))
            if client:
                conn.execute(
                    """INSERT INTO client_throttle (client, kind, window_start, attempts) VALUES (?, ?, ?, ?)
                       ON CONFLICT(client, kind) DO UPDATE SET window_start = excluded.window_start,
                       attempts = excluded.attempts""",
                    (client, kind, stamp(window_start or now), attempts + 1))
                conn.execute("DELETE FROM client_throttle WHERE window_start < ?", (stamp(now - dt.timedelta(days=1)),))
        return Gate(locks_at=locks_at)

    def attempt_succeeded(self, kind: str, nip: str, client: str | None) -> None:
        """A right password or code: the NIP's count starts again, the client gets its attempt back."""
        table = {"signin": "signin_throttle", "activation": "activation_throttle"}[kind]
        with self.write() as conn:
            conn.execute(f"DELETE FROM {table} WHERE nip = ?", (nip,))
            if client:
                conn.execute(f"""UPDATE client_throttle SET attempts = {conn.dialect.greatest("attempts - 1", "0")}
                                WHERE client = ? AND kind = ?""", (client, kind))



class AccountsMixin:
    """Users and how they get in (mixed into Store)."""

    # ------------------------------------------------------------ users

    def create_user(self, *, nip: str, nip_kind: str, name: str, role: str = "learner",
                    password_hash: str | None = None, agency: str | None = None,
                    region: str | None = None, email: str | None = None, unit: str | None = None,
                    batch_id: int | None = None, actor_id: int | None = None,
                    self_registered: bool = False) -> int:
        """Insert a person and audit it; raises DuplicateNip if the NIP is taken."""
        try:
            with self.write() as conn:
                cur = conn.execute(
                    """INSERT INTO users (nip, nip_kind, name, email, role, agency, unit, region,
                       batch_id, password_hash, active, created_at, self_registered)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id""",
                    (nip, nip_kind, name, email, role, agency, unit, region, batch_id,
                     password_hash, stamp(utcnow()), int(self_registered)))
                user_id = cur.fetchone()[0]
                self._audit(conn, actor_id if actor_id is not None else user_id,
                            "user_created", nip, role)
        except INTEGRITY_ERRORS as error:
            if self.db.dialect.violates_unique(error, "users", "nip"):
                raise DuplicateNip(nip) from error
            raise
        return user_id

    def get_user(self, user_id: int) -> dict[str, Any] | None:
        return self._row("SELECT * FROM users WHERE id = ?", (user_id,))

    def get_user_by_nip(self, nip: str) -> dict[str, Any] | None:
        return self._row("SELECT * FROM users WHERE nip = ?", (nip,))

    # ------------------------------------------------------------ sign-in throttling

    def _lock_end(self, table: str, nip: str, now: dt.datetime) -> dt.datetime | None:
        """When the lock recorded in a throttle table for this NIP ends, or None if it is open."""
        row = self._row(f"SELECT locked_until FROM {table} WHERE nip = ?", (nip,))
        until = parse_stamp(row["locked_until"]) if row else None
        return until if until and until > now else None

    def _count_failure(self, table: str, action: str, nip: str, user_id: int | None,
                       now: dt.datetime) -> dt.datetime | None:
        """Count one failure in a throttle table and audit it; returns the lock's end if it locked."""
        with self.write() as conn:
            row = conn.execute(f"SELECT failures FROM {table} WHERE nip = ?", (nip,)).fetchone()
            failures, locked_until = auth.lock_after_failure(row[0] if row else 0, now)
            conn.execute(
                f"""INSERT INTO {table} (nip, failures, locked_until) VALUES (?, ?, ?)
                    ON CONFLICT(nip) DO UPDATE SET failures = excluded.failures,
                    locked_until = COALESCE(excluded.locked_until, {table}.locked_until)""",
                (nip, failures, stamp(locked_until) if locked_until else None))
            self._audit(conn, user_id, action, nip,
                        f"locked until {stamp(locked_until)}" if locked_until else None)
        return locked_until

    def signin_lock(self, nip: str, now: dt.datetime) -> dt.datetime | None:
        """When the lock on signing in with this NIP ends, or None if sign-in is open."""
        return self._lock_end("signin_throttle", nip, now)

    def record_failed_signin(self, nip: str, user_id: int | None, now: dt.datetime) -> dt.datetime | None:
        """Count a wrong password for this NIP; returns the lock's end if this failure locked it."""
        return self._count_failure("signin_throttle", "signin_failed", nip, user_id, now)

    def record_signin(self, user_id: int, nip: str) -> None:
        with self.write(person=user_id) as conn:
            conn.execute("DELETE FROM signin_throttle WHERE nip = ?", (nip,))
            self._audit(conn, user_id, "signin", nip)

    # ------------------------------------------------------------ sessions

    def create_signin_code(self, user_id: int, now: dt.datetime) -> str:
        """A one-time code that the sign-in route exchanges for a session cookie."""
        code = auth.new_token()
        with self.write(person=user_id) as conn:
            conn.execute("DELETE FROM signin_codes WHERE expires_at <= ?", (stamp(now),))
            conn.execute("INSERT INTO signin_codes (code_hash, user_id, expires_at) VALUES (?, ?, ?)",
                         (auth.token_hash(code), user_id,
                          stamp(now + dt.timedelta(seconds=SIGNIN_CODE_SECONDS))))
        return code

    def redeem_signin_code(self, code: str, now: dt.datetime) -> int | None:
        """The user of a valid code; the code is spent either way."""
        with self.write() as conn:
            row = conn.execute("DELETE FROM signin_codes WHERE code_hash = ? RETURNING user_id, expires_at",
                               (auth.token_hash(code),)).fetchone()
        if row is None or parse_stamp(row[1]) <= now:
            return None
        return row[0]

    def create_session(self, user_id: int, now: dt.datetime, hours: int) -> str:
        token = auth.new_token()
        with self.write(person=user_id) as conn:
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (stamp(now),))
            conn.execute("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                         (auth.token_hash(token), user_id, stamp(now),
                          stamp(now + dt.timedelta(hours=hours))))
        return token

    def user_for_session(self, token: str, now: dt.datetime) -> dict[str, Any] | None:
        """The active user behind a live session token, or None."""
        return self._row(
            """SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
               WHERE sessions.token_hash = ? AND sessions.expires_at > ? AND users.active = 1""",
            (auth.token_hash(token), stamp(now)))

    def delete_session(self, token: str) -> None:
        with self.write() as conn:
            row = conn.execute("DELETE FROM sessions WHERE token_hash = ? RETURNING user_id",
                               (auth.token_hash(token),)).fetchone()
            if row:
                self._audit(conn, row[0], "signout")

    # ------------------------------------------------------------ activation codes

    def issue_activation_codes(self, codes: list[tuple[int, str]], expires_at: dt.datetime,
                               actor_id: int | None) -> None:
        """Give each (user_id, code_hash) a new code; the password and sessions they had stop working."""
        now = stamp(utcnow())
        with self.write() as conn:
            for user_id, code_hash in codes:
                conn.execute(
                    """INSERT INTO activation_codes (user_id, code_hash, issued_at, expires_at, issued_by)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET code_hash = excluded.code_hash,
                       issued_at = excluded.issued_at, expires_at = excluded.expires_at,
                       issued_by = excluded.issued_by""",
                    (user_id, code_hash, now, stamp(expires_at), actor_id))
                conn.execute("UPDATE users SET password_hash = NULL WHERE id = ?", (user_id,))
                conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
                nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
                self._audit(conn, actor_id, "access_reset", nip, f"until {stamp(expires_at)}")

    def activation_code(self, user_id: int) -> dict[str, Any] | None:
        return self._row("SELECT code_hash, issued_at, expires_at FROM activation_codes WHERE user_id = ?",
                         (user_id,))

    def activate_account(self, user_id: int, code_hash: str, password_hash: str, now: dt.datetime) -> bool:
        """Spend a live code and set the password; False, changing nothing, if the code is not live."""
        with self.write() as conn:
            spent = conn.execute(
                "DELETE FROM activation_codes WHERE user_id = ? AND code_hash = ? AND expires_at > ? RETURNING user_id",
                (user_id, code_hash, stamp(now))).fetchone()
            if spent is None:
                return False
            nip = conn.execute("UPDATE users SET password_hash = ? WHERE id = ? RETURNING nip",
                               (password_hash, user_id)).fetchone()[0]
            conn.execute("DELETE FROM activation_throttle WHERE nip = ?", (nip,))
            self._audit(conn, user_id, "account_activated", nip)
        return True

    def activation_lock(self, nip: str, now: dt.datetime) -> dt.datetime | None:
        """When the lock on activating this NIP ends, or None if it is open."""
        return self._lock_end("activation_throttle", nip, now)

    def record_failed_activation(self, nip: str, user_id: int | None, now: dt.datetime) -> dt.datetime | None:
        """Count a wrong code for this NIP; returns the lock's end if this failure locked it."""
        return self._count_failure("activation_throttle", "activation_failed", nip, user_id, now)

    # ------------------------------------------------------------ password resets

    def issue_password_reset(self, user_id: int, code_hash: str, now: dt.datetime, expires_at: dt.datetime,
                             resend_after: dt.timedelta) -> bool:
        """Keep a new reset code for this person, unless one was issued within `resend_after`."""
        with self.write() as conn:
            row = conn.execute("SELECT issued_at FROM password_resets WHERE user_id = ?", (user_id,)).fetchone()
            if row and parse_stamp(row[0]) > now - resend_after:
                return False
            conn.execute(
                """INSERT INTO password_resets (user_id, code_hash, issued_at, expires_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT(user_id) DO UPDATE SET code_hash = excluded.code_hash,
                   issued_at = excluded.issued_at, expires_at = excluded.expires_at""",
                (user_id, code_hash, stamp(now), stamp(expires_at)))
            nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
            self._audit(conn, user_id, "password_reset_requested", nip, f"until {stamp(expires_at)}")
        return True

    def withdraw_password_reset(self, user_id: int) -> None:
        """Forget a reset code that could not be mailed, so the person may ask again at once."""
        with self.write() as conn:
            conn.execute("DELETE FROM password_resets WHERE user_id = ?", (user_id,))

    def password_reset_code(self, user_id: int) -> dict[str, Any] | None:
        return self._row("SELECT code_hash, issued_at, expires_at FROM password_resets WHERE user_id = ?",
                         (user_id,))

    def reset_password(self, user_id: int, code_hash: str, password_hash: str, now: dt.datetime) -> bool:
        """Spend a live reset code and set the new password; every open session of the person ends.
        False, changing nothing, if the code is not live (spent, replaced or expired)."""
        with self.write() as conn:
            spent = conn.execute(
                "DELETE FROM password_resets WHERE user_id = ? AND code_hash = ? AND expires_at > ? RETURNING user_id",
                (user_id, code_hash, stamp(now))).fetchone()
            if spent is None:
                return False
            nip = conn.execute("UPDATE users SET password_hash = ? WHERE id = ? RETURNING nip",
                               (password_hash, user_id)).fetchone()[0]
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM activation_codes WHERE user_id = ?", (user_id,))
            for table in ("activation_throttle", "signin_throttle"):
                conn.execute(f"DELETE FROM {table} WHERE nip = ?", (nip,))
            self._audit(conn, user_id, "password_reset", nip)
        return True

    # ------------------------------------------------------------ password hash upkeep

    def replace_password_hash(self, user_id: int, old_hash: str, new_hash: str) -> bool:
        """Store a re-made hash of the same password, unless the password changed meanwhile."""
        with self.write() as conn:
            return conn.execute("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                                (new_hash, user_id, old_hash)).rowcount == 1
