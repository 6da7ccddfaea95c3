"""The xAPI export's event streams, read a batch at a time. The rules are in modules/xapi.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class ExportsMixin:
    """Event streams for exports (mixed into Store)."""

    # ------------------------------------------------------------ xAPI export (rules in modules/xapi.py)

    def _stream(self, sql: str, params: tuple = ()) -> Iterator[dict[str, Any]]:
        """Rows one at a time, so an export of millions of events stays small in memory."""
        yield from self.db.stream(sql, params)

    def xapi_lesson_events(self, field: str, since: str) -> Iterator[dict[str, Any]]:
        """Lessons opened (`field` "opened_at") or completed ("completed_at") at or after `since`, in time order."""
        if field not in ("opened_at", "completed_at"):
            raise ValueError(field)
        return self._stream(
            f"""SELECT lesson_progress.user_id, users.nip, lesson_progress.lesson_id, lesson_progress.{field} AS at
                FROM lesson_progress JOIN users ON users.id = lesson_progress.user_id
                WHERE lesson_progress.{field} >= ? ORDER BY lesson_progress.{field}""", (since,))

    def xapi_attempt_events(self, field: str, since: str) -> Iterator[dict[str, Any]]:
        """Attempts started (`field` "started_at") or submitted ("submitted_at") at or after `since`, in time order."""
        if field not in ("started_at", "submitted_at"):
            raise ValueError(field)
        return self._stream(
            f"""SELECT attempts.id, attempts.user_id, users.nip, attempts.quiz_id, attempts.kind,
                       attempts.score, attempts.max_score, attempts.passed, attempts.{field} AS at
                FROM attempts JOIN users ON users.id = attempts.user_id
                WHERE attempts.{field} >= ? ORDER BY attempts.{field}""", (since,))

    def xapi_course_completions(self, since: str) -> Iterator[dict[str, Any]]:
        """Courses completed (certificates not revoked) at or after `since`, in time order."""
        return self._stream(
            """SELECT certificates.user_id, users.nip, certificates.code,
                      {completed_at} AS at
               FROM certificates JOIN users ON users.id = certificates.user_id
               WHERE certificates.revoked_at IS NULL AND {completed_at} >= ?
               ORDER BY at""".format(completed_at=self.db.dialect.json_text("certificates.snapshot", "completed_at")),
            (since,))
