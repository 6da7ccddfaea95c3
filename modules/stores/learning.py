"""Learning: lesson progress, quiz attempts and their drafts, lesson visits and question use."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from modules.timestamps import parse_stamp, stamp


class LearningMixin:
    """What a learner did (mixed into Store)."""

    # ------------------------------------------------------------ lessons

    def mark_lesson_opened(self, user_id: int, lesson_id: str, now: dt.datetime) -> None:
        """Remember the first time a lesson was opened (later visits keep that time)."""
        with self.write(person=user_id) as conn:
            conn.execute("INSERT INTO lesson_progress (user_id, lesson_id, opened_at) VALUES (?, ?, ?) "
                         "ON CONFLICT DO NOTHING",
                         (user_id, lesson_id, stamp(now)))

    def mark_lesson_done(self, user_id: int, lesson_id: str, now: dt.datetime) -> None:
        with self.write(person=user_id) as conn:
            conn.execute(
                """INSERT INTO lesson_progress (user_id, lesson_id, opened_at, completed_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT(user_id, lesson_id) DO UPDATE
                   SET completed_at = COALESCE(lesson_progress.completed_at, excluded.completed_at)""",
                (user_id, lesson_id, stamp(now), stamp(now)))

    def lesson_progress(self, user_id: int) -> dict[str, dict[str, Any]]:
        rows = self._rows("SELECT lesson_id, opened_at, completed_at FROM lesson_progress WHERE user_id = ?",
                          (user_id,))
        return {row["lesson_id"]: row for row in rows}

    def lesson_view(self, user_id: int, lesson_id: str, quiz_id: str) -> dict[str, Any]:
        """What the lesson page needs on every rerun, in one query: this lesson's `opened_at` and
        `completed_at` (both None before its first opening) and `latest_failed`, whether the
        learner's latest submitted attempt at `quiz_id` (the lesson's pillar) failed."""
        row = self._row(
            """SELECT lp.opened_at, lp.completed_at,
                      (SELECT a.passed FROM attempts a
                       WHERE a.user_id = ? AND a.quiz_id = ? AND a.submitted_at IS NOT NULL
                       ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1) AS latest_passed
               FROM (SELECT 1 AS one) AS one
               LEFT JOIN lesson_progress lp ON lp.user_id = ? AND lp.lesson_id = ?""",
            (user_id, quiz_id, user_id, lesson_id))
        assert row is not None  # one row whatever the tables hold
        passed = row.pop("latest_passed")
        return {**row, "latest_failed": passed is not None and not passed}

    # ------------------------------------------------------------ quiz attempts

    def start_attempt(self, *, user_id: int, quiz_id: str, kind: str, bank_version: str, seed: int,
                      question_ids: list[str], option_orders: dict[str, list[int]],
                      now: dt.datetime) -> int:
        with self.write(person=user_id) as conn:
            cur = conn.execute(
                """INSERT INTO attempts (user_id, quiz_id, kind, bank_version, seed, question_ids,
                   option_orders, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                (user_id, quiz_id, kind, bank_version, seed, json.dumps(question_ids),
                 json.dumps(option_orders), stamp(now)))
            return cur.fetchone()[0]

    def open_attempt(self, user_id: int, quiz_id: str) -> dict[str, Any] | None:
        """The learner's unsubmitted attempt at this quiz, so a refresh shows the same questions."""
        return self._attempt_row(self._row(
            """SELECT * FROM attempts WHERE user_id = ? AND quiz_id = ? AND submitted_at IS NULL
               ORDER BY id DESC LIMIT 1""", (user_id, quiz_id)))

    def discard_open_attempt(self, attempt_id: int, user_id: int) -> None:
        """Drop an attempt that was never submitted (it has no answers, so nothing is lost)."""
        with self.write(person=user_id) as conn:
            conn.execute("DELETE FROM attempts WHERE id = ? AND user_id = ? AND submitted_at IS NULL",
                         (attempt_id, user_id))

    def get_attempt(self, attempt_id: int, user_id: int) -> dict[str, Any] | None:
        """An attempt, only if it belongs to this user."""
        return self._attempt_row(self._row("SELECT * FROM attempts WHERE id = ? AND user_id = ?",
                                           (attempt_id, user_id)))

    @staticmethod
    def _attempt_row(row: dict[str, Any] | None) -> dict[str, Any] | None:
        if row is not None:
            row["question_ids"] = json.loads(row["question_ids"])
            row["option_orders"] = json.loads(row["option_orders"])
        return row

    def submit_attempt(self, *, attempt_id: int, user_id: int, answers: list[dict[str, Any]],
                       score: int, max_score: int, passed: bool, now: dt.datetime) -> bool:
        """Store the result and every answer in one transaction.

        Returns False, changing nothing, when the attempt was already submitted (a double click,
        a refresh or the back button) or is not this user's.
        """
        with self.write(person=user_id) as conn:
            cur = conn.execute(
                """UPDATE attempts SET submitted_at = ?, score = ?, max_score = ?, passed = ?
                   WHERE id = ? AND user_id = ? AND submitted_at IS NULL""",
                (stamp(now), score, max_score, int(passed), attempt_id, user_id))
            if cur.rowcount == 0:
                return False
            conn.executemany(
                "INSERT INTO answers (attempt_id, question_id, chosen, correct, pillar) VALUES (?, ?, ?, ?, ?)",
                [(attempt_id, a["question_id"], json.dumps(a["chosen"]), int(a["correct"]), a.get("pillar"))
                 for a in answers])
            conn.execute("DELETE FROM attempt_drafts WHERE attempt_id = ?", (attempt_id,))  # now answers
        return True

    def save_draft(self, *, attempt_id: int, user_id: int, question_id: str, chosen: list[int],
                   now: dt.datetime) -> bool:
        """Keep one choice of an open attempt of this user; False (nothing kept) for an attempt that
        is submitted or not theirs."""
        with self.write(person=user_id) as conn:
            cur = conn.execute(
                """INSERT INTO attempt_drafts (attempt_id, question_id, chosen, saved_at)
                   SELECT id, ?, ?, ? FROM attempts WHERE id = ? AND user_id = ? AND submitted_at IS NULL
                   ON CONFLICT(attempt_id, question_id) DO UPDATE SET chosen = excluded.chosen,
                   saved_at = excluded.saved_at""",
                (question_id, json.dumps(chosen), stamp(now), attempt_id, user_id))
        return cur.rowcount > 0

    def drafts(self, attempt_id: int, user_id: int) -> dict[str, list[int]]:
        """The choices kept for an open attempt of this user, by question."""
        rows = self._rows("""SELECT d.question_id, d.chosen FROM attempt_drafts d JOIN attempts a ON a.id = d.attempt_id
                             WHERE d.attempt_id = ? AND a.user_id = ? AND a.submitted_at IS NULL""",
                          (attempt_id, user_id))
        return {r["question_id"]: json.loads(r["chosen"]) for r in rows}

    def attempt_answers(self, attempt_id: int) -> dict[str, dict[str, Any]]:
        rows = self._rows("SELECT question_id, chosen, correct FROM answers WHERE attempt_id = ?", (attempt_id,))
        return {r["question_id"]: {"chosen": json.loads(r["chosen"]), "correct": bool(r["correct"])}
                for r in rows}

    def question_ids_seen(self, user_id: int, quiz_id: str) -> set[str]:
        """Every question the learner was shown in any attempt at this quiz."""
        rows = self._rows("SELECT question_ids FROM attempts WHERE user_id = ? AND quiz_id = ?", (user_id, quiz_id))
        return {qid for row in rows for qid in json.loads(row["question_ids"])}

    def submitted_attempts(self, user_id: int) -> list[dict[str, Any]]:
        """The learner's submitted attempts, newest first."""
        return self._rows(
            """SELECT id, quiz_id, kind, started_at, submitted_at, score, max_score, passed FROM attempts
               WHERE user_id = ? AND submitted_at IS NOT NULL ORDER BY submitted_at DESC, id DESC""",
            (user_id,))

    # --- course rules: retakes, lesson visits, questions seen ---

    def record_lesson_visit(self, user_id: int, lesson_id: str, now: dt.datetime) -> None:
        with self.write(person=user_id) as conn:
            conn.execute("""INSERT INTO lesson_visits (user_id, lesson_id, visited_at) VALUES (?, ?, ?)
                            ON CONFLICT(user_id, lesson_id) DO UPDATE SET visited_at = excluded.visited_at""",
                         (user_id, lesson_id, stamp(now)))

    def lesson_last_opened(self, user_id: int) -> dict[str, dt.datetime]:
        """lesson id → the latest known opening: a recorded visit, or else the first opening."""
        rows = self._rows(
            f"""SELECT lp.lesson_id, {self.db.dialect.greatest("lp.opened_at", "coalesce(v.visited_at, '')")} AS at
               FROM lesson_progress lp
               LEFT JOIN lesson_visits v ON v.user_id = lp.user_id AND v.lesson_id = lp.lesson_id
               WHERE lp.user_id = ?
               UNION ALL SELECT v.lesson_id, v.visited_at FROM lesson_visits v WHERE v.user_id = ?
                 AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.user_id = v.user_id
                                 AND lp.lesson_id = v.lesson_id)""", (user_id, user_id))
        return {row["lesson_id"]: parse_stamp(row["at"]) for row in rows}

    def question_use_counts(self, user_id: int) -> dict[str, int]:
        """question id → in how many of the learner's submitted attempts (any quiz) it was shown."""
        rows = self._rows("""SELECT ans.question_id, count(*) AS n FROM answers ans
                             JOIN attempts a ON a.id = ans.attempt_id WHERE a.user_id = ?
                             GROUP BY ans.question_id""", (user_id,))
        return {row["question_id"]: row["n"] for row in rows}

    # --- end of course rules ---
