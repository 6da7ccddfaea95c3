"""The demo cohort: bulk loading (`DemoLoader`, one transaction) and deleting it again."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from modules.db import Connection
from modules.summaries import summaries_rebuilt_after


class DemoMixin:
    """Loading and removing the demo cohort (mixed into Store)."""

    # ------------------------------------------------------------ demo cohort (bulk loading)

    def demo_account_count(self, name_prefix: str) -> int:
        """How many accounts carry the demo marker at the start of their name."""
        return self._row("SELECT count(*) AS n FROM users WHERE substr(name, 1, ?) = ?",
                         (len(name_prefix), name_prefix))["n"]

    def delete_demo_data(self, name_prefix: str) -> int:
        """Remove the demo accounts, everything they did, and demo batches left empty.

        Only rows of accounts whose name starts with the marker go; audit entries stay (without
        the actor). Returns the number of accounts removed.
        """
        demo = "SELECT id FROM users WHERE substr(name, 1, ?) = ?"
        marker = (len(name_prefix), name_prefix)
        with self.write() as conn, summaries_rebuilt_after(conn):
            conn.execute(f"DELETE FROM answers WHERE attempt_id IN (SELECT id FROM attempts WHERE user_id IN ({demo}))",
                         marker)
            for table in ("attempts", "lesson_progress", "certificates", "sessions", "signin_codes",
                          "batch_trainers", "manager_scopes"):
                conn.execute(f"DELETE FROM {table} WHERE user_id IN ({demo})", marker)
            conn.execute(f"DELETE FROM lesson_visits WHERE user_id IN ({demo})", marker)
            conn.execute(f"UPDATE audit_log SET actor_id = NULL WHERE actor_id IN ({demo})", marker)
            removed = conn.execute(f"DELETE FROM users WHERE id IN ({demo})", marker).rowcount
            empty = """SELECT id FROM batches WHERE substr(name, 1, ?) = ?
                       AND id NOT IN (SELECT batch_id FROM users WHERE batch_id IS NOT NULL)"""
            conn.execute(f"DELETE FROM batch_trainers WHERE batch_id IN ({empty})", marker)
            conn.execute(f"DELETE FROM batches WHERE id IN ({empty})", marker)
            self._audit(conn, None, "demo_data_deleted", None, str(removed))
        return removed

    @contextmanager
    def demo_loader(self) -> Iterator[DemoLoader]:
        """One write transaction in which a demo cohort is inserted in bulk: all of it or nothing."""
        conn = self.db
        with conn.dialect.bulk_load(conn), self.write(), summaries_rebuilt_after(conn):
            loader = DemoLoader(conn)
            yield loader
            for table in loader.tables_with_ids:
                conn.dialect.ids_inserted(conn, table)
            self._audit(conn, None, "demo_data_created")


class DemoLoader:
    """Bulk inserts for the demo cohort inside one open transaction; ids are handed out here."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._next: dict[str, int] = {}
        self.tables_with_ids: set[str] = set()

    def _ids(self, table: str, count: int) -> list[int]:
        # The transaction holds the write lock, so ids after the current maximum are ours.
        if table not in self._next:
            self.tables_with_ids.add(table)
            self._next[table] = self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
        start = self._next[table]
        self._next[table] = start + count
        return list(range(start, start + count))

    def existing_nips(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT nip FROM users")}

    def insert_batches(self, rows: list[dict[str, Any]]) -> list[int]:
        """rows: name, starts_on, ends_on (ISO dates)."""
        ids = self._ids("batches", len(rows))
        self.conn.executemany("INSERT INTO batches (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)",
                              [(i, r["name"], r["starts_on"], r["ends_on"]) for i, r in zip(ids, rows, strict=True)])
        return ids

    def insert_users(self, rows: list[dict[str, Any]]) -> list[int]:
        """rows: nip, nip_kind, name, email, role, agency, unit, region, batch_id, password_hash, created_at."""
        ids = self._ids("users", len(rows))
        self.conn.executemany(
            """INSERT INTO users (id, nip, nip_kind, name, email, role, agency, unit, region, batch_id,
               password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""",
            [(i, r["nip"], r["nip_kind"], r["name"], r["email"], r["role"], r["agency"], r["unit"], r["region"],
              r["batch_id"], r["password_hash"], r["created_at"]) for i, r in zip(ids, rows, strict=True)])
        return ids

    def assign_trainers(self, pairs: list[tuple[int, int]]) -> None:
        """pairs: (batch_id, trainer user_id)."""
        self.conn.executemany("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?)", pairs)

    def add_manager_scopes(self, rows: list[tuple[int, str, str]]) -> None:
        """rows: (manager user_id, kind, value)."""
        self.conn.executemany("INSERT INTO manager_scopes (user_id, kind, value) VALUES (?, ?, ?)", rows)

    def insert_lesson_progress(self, rows: list[tuple[int, str, str, str | None]]) -> None:
        """rows: (user_id, lesson_id, opened_at, completed_at)."""
        self.conn.executemany(
            "INSERT INTO lesson_progress (user_id, lesson_id, opened_at, completed_at) VALUES (?, ?, ?, ?)", rows)

    def insert_attempts(self, rows: list[tuple]) -> list[int]:
        """rows: (user_id, quiz_id, kind, bank_version, seed, question_ids JSON, option_orders JSON,
        started_at, submitted_at, score, max_score, passed); returns the new attempt ids in order."""
        ids = self._ids("attempts", len(rows))
        self.conn.executemany(
            """INSERT INTO attempts (id, user_id, quiz_id, kind, bank_version, seed, question_ids, option_orders,
               started_at, submitted_at, score, max_score, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(i, *row) for i, row in zip(ids, rows, strict=True)])
        return ids

    def insert_answers(self, rows: list[tuple[int, str, str, int, str]]) -> None:
        """rows: (attempt_id, question_id, chosen as JSON text, correct 0/1, pillar)."""
        self.conn.executemany(
            "INSERT INTO answers (attempt_id, question_id, chosen, correct, pillar) VALUES (?, ?, ?, ?, ?)", rows)

    def insert_evaluations(self, rows: list[tuple[int, str, str, list[tuple[str, str, int]], list[tuple[str, str]]]]
                           ) -> None:
        """rows: (user_id, submitted_at, form version, ratings (aspect, item, rating), comments (question,
        text)): each person's marker and, apart from it, an anonymous response as Store.save_evaluation."""
        for user_id, submitted_at, version, ratings, comments in rows:
            self.conn.execute("INSERT INTO evaluation_submissions (user_id, submitted_at) VALUES (?, ?)",
                              (user_id, submitted_at))
            response_id = secrets.randbelow(2**62) + 1
            self.conn.execute("""INSERT INTO evaluation_responses (id, form_version, batch_id, agency, region)
                                 SELECT ?, ?, batch_id, agency, region FROM users WHERE id = ?""",
                              (response_id, version, user_id))
            self.conn.executemany("INSERT INTO evaluation_ratings (response_id, aspect, item_id, rating) "
                                  "VALUES (?, ?, ?, ?)", [(response_id, *rating) for rating in ratings])
            self.conn.executemany("INSERT INTO evaluation_comments (response_id, question_id, text) VALUES (?, ?, ?)",
                                  [(response_id, *comment) for comment in comments])

    def insert_certificates(self, rows: list[tuple[str, int, str, str]]) -> None:
        """rows: (code, user_id, issued_at, snapshot JSON)."""
        self.conn.executemany("INSERT INTO certificates (code, user_id, issued_at, snapshot) VALUES (?, ?, ?, ?)",
                              rows)
