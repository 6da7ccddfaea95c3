"""Certificates: issuing, revoking, reissuing (with the history of replaced codes), listing, and the
throttle on verification misses. The rules are in modules/certificates.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from modules.timestamps import parse_stamp, stamp


class CertificatesMixin:
    """Certificates and their verification (mixed into Store)."""

    # ------------------------------------------------------------ certificates (rules in modules/certificates.py)

    def insert_certificate(self, *, code: str, user_id: int, issued_at: str, snapshot: str) -> bool:
        """Store a new certificate and audit it; False, changing nothing, when the person already
        has one (UNIQUE user_id, so two processes issuing at once still make one) or the code is taken."""
        with self.write(person=user_id) as conn:
            cur = conn.execute(
                """INSERT INTO certificates (code, user_id, issued_at, snapshot) VALUES (?, ?, ?, ?)
                   ON CONFLICT DO NOTHING""", (code, user_id, issued_at, snapshot))
            if cur.rowcount == 0:
                return False
            self._audit(conn, user_id, "certificate_issued", code)
        return True

    _CERTIFICATE_WITH_HOLDER = """SELECT certificates.*, users.name AS holder, users.nip AS holder_nip
        FROM certificates JOIN users ON users.id = certificates.user_id"""

    def certificate_for_user(self, user_id: int) -> dict[str, Any] | None:
        return self._row(f"{self._CERTIFICATE_WITH_HOLDER} WHERE certificates.user_id = ?", (user_id,))

    def certificate_by_code(self, code: str) -> dict[str, Any] | None:
        """The certificate with this code; a replaced one (revoked, then issued again) from the history."""
        return (self._row(f"{self._CERTIFICATE_WITH_HOLDER} WHERE certificates.code = ?", (code,))
                or self._row("""SELECT h.code, h.user_id, h.issued_at, h.snapshot, h.revoked_at, h.revoked_reason,
                                       h.replaced_by, users.name AS holder, users.nip AS holder_nip
                                FROM certificate_history h JOIN users ON users.id = h.user_id
                                WHERE h.code = ?""", (code,)))

    def reissue_certificate(self, *, old_code: str, new_code: str, issued_at: str, snapshot: str,
                            actor_id: int) -> bool:
        """Replace a revoked certificate with a new one for the same person, in one transaction: the
        old code moves to the history (still revoked), the person's row gets the new code. False,
        changing nothing, when that code is not a revoked current certificate."""
        with self.write() as conn:
            old = conn.execute("""SELECT code, user_id, issued_at, snapshot, revoked_at, revoked_reason
                                  FROM certificates WHERE code = ? AND revoked_at IS NOT NULL""",
                               (old_code,)).fetchone()
            if old is None:
                return False
            conn.execute("""INSERT INTO certificate_history (code, user_id, issued_at, snapshot, revoked_at,
                                                             revoked_reason, replaced_by, replaced_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", (*old, new_code, issued_at))
            conn.execute("""UPDATE certificates SET code = ?, issued_at = ?, snapshot = ?, revoked_at = NULL,
                            revoked_reason = NULL WHERE code = ?""", (new_code, issued_at, snapshot, old_code))
            self._audit(conn, actor_id, "certificate_reissued", new_code, f"replaces {old_code}")
        return True

    def revoke_certificate(self, code: str, reason: str, actor_id: int, now: dt.datetime) -> bool:
        """Mark a certificate revoked and audit who did it and why; False if it was revoked already."""
        with self.write() as conn:
            cur = conn.execute(
                """UPDATE certificates SET revoked_at = ?, revoked_reason = ?
                   WHERE code = ? AND revoked_at IS NULL""", (stamp(now), reason, code))
            if cur.rowcount == 0:
                return False
            self._audit(conn, actor_id, "certificate_revoked", code, reason)
        return True

    def certificates_list(self, search: str = "", limit: int = 50) -> list[dict[str, Any]]:
        """Certificates with their holder, newest first; `search` matches a code, a NIP or a name."""
        pattern = f"%{search.strip()}%"
        return self._rows(
            """SELECT certificates.*, users.name AS holder, users.nip AS holder_nip, batches.name AS batch
               FROM certificates JOIN users ON users.id = certificates.user_id
               LEFT JOIN batches ON batches.id = users.batch_id
               WHERE ? = '%%' OR certificates.code LIKE ? OR users.nip LIKE ? OR lower(users.name) LIKE lower(?)
               ORDER BY certificates.issued_at DESC, certificates.code LIMIT ?""",
            (pattern, pattern, pattern, pattern, limit))

    def certificate_batches(self, trainer_id: int | None) -> list[dict[str, Any]]:
        """The batches a trainer follows (through batch_trainers), with how many certificates each
        has; every batch when `trainer_id` is None (admins)."""
        return self._rows(
            """SELECT batches.id, batches.name,
                      (SELECT count(*) FROM certificates JOIN users ON users.id = certificates.user_id
                       WHERE users.batch_id = batches.id AND certificates.revoked_at IS NULL) AS certificates
               FROM batches
               WHERE CAST(? AS BIGINT) IS NULL OR batches.id IN (SELECT batch_id FROM batch_trainers WHERE user_id = ?)
               ORDER BY batches.name""", (trainer_id, trainer_id))

    def certificates_in_batches(self, batch_ids: list[int]) -> list[dict[str, Any]]:
        """Certificates held by learners of these batches, with the batch name, by batch and NIP."""
        if not batch_ids:
            return []
        marks = ", ".join("?" * len(batch_ids))
        return self._rows(
            f"""SELECT certificates.*, users.name AS holder, users.nip AS holder_nip, batches.name AS batch
                FROM certificates JOIN users ON users.id = certificates.user_id
                JOIN batches ON batches.id = users.batch_id
                WHERE users.batch_id IN ({marks}) ORDER BY batches.name, users.nip""", tuple(batch_ids))

    def verify_misses(self, client: str) -> tuple[dt.datetime | None, int]:
        """The start of this client's miss window and the misses in it."""
        row = self._row("SELECT window_start, misses FROM verify_throttle WHERE client = ?", (client,))
        return (parse_stamp(row["window_start"]), row["misses"]) if row else (None, 0)

    def record_verify_miss(self, client: str, now: dt.datetime,
                           count: Callable[[dt.datetime | None, int, dt.datetime], tuple[dt.datetime, int]],
                           ) -> tuple[dt.datetime, int]:
        """Count a miss with the rule `count` (window start, misses, now → new pair) in one transaction."""
        with self.write() as conn:
            conn.execute("DELETE FROM verify_throttle WHERE window_start < ?", (stamp(now - dt.timedelta(days=1)),))
            row = conn.execute("SELECT window_start, misses FROM verify_throttle WHERE client = ?",
                               (client,)).fetchone()
            start, misses = count(parse_stamp(row[0]) if row else None, row[1] if row else 0, now)
            conn.execute(
                """INSERT INTO verify_throttle (client, window_start, misses) VALUES (?, ?, ?)
                   ON CONFLICT(client) DO UPDATE SET window_start = excluded.window_start,
                   misses = excluded.misses""", (client, stamp(start), misses))
        return start, misses
