"""The only module that talks to the database: connections, migrations, reads and writes.

One SQLite connection per thread (Streamlit runs every rerun on its own thread, and a shared
connection breaks under concurrent sessions), WAL journal, a busy timeout and foreign keys on.
Write transactions start with BEGIN IMMEDIATE so concurrent writers queue instead of failing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from modules import auth
from modules.config import load_settings

BUSY_TIMEOUT_MS = 10_000
SIGNIN_CODE_SECONDS = 120

migrations = Migrations("kelas")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def stamp(moment: dt.datetime) -> str:
    """Timestamps are stored as ISO-8601 UTC text, which sorts in time order."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_stamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


class DuplicateNip(Exception):
    """A user with this NIP already exists."""


# ---------------------------------------------------------------- schema

@migrations()
def m001_initial(db: Database) -> None:
    for ddl in (
        """CREATE TABLE batches (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            starts_on TEXT, ends_on TEXT)""",
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            nip TEXT NOT NULL UNIQUE CHECK (length(nip) = 18),
            nip_kind TEXT NOT NULL CHECK (nip_kind IN ('pns', 'pppk')),
            name TEXT NOT NULL, email TEXT,
            role TEXT NOT NULL CHECK (role IN ('learner', 'trainer', 'manager', 'admin')),
            agency TEXT, unit TEXT, region TEXT,
            batch_id INTEGER REFERENCES batches(id),
            password_hash TEXT, active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL)""",
        "CREATE INDEX users_batch ON users(batch_id)",
        """CREATE TABLE batch_trainers (
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            PRIMARY KEY (batch_id, user_id))""",
        """CREATE TABLE manager_scopes (
            user_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL CHECK (kind IN ('all', 'agency', 'region', 'batch')),
            value TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (user_id, kind, value))""",
        """CREATE TABLE lesson_progress (
            user_id INTEGER NOT NULL REFERENCES users(id),
            lesson_id TEXT NOT NULL, opened_at TEXT NOT NULL, completed_at TEXT,
            PRIMARY KEY (user_id, lesson_id))""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            quiz_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('pretest', 'pillar', 'posttest')),
            bank_version TEXT NOT NULL, seed INTEGER NOT NULL,
            question_ids TEXT NOT NULL, option_orders TEXT NOT NULL,
            started_at TEXT NOT NULL, submitted_at TEXT,
            score INTEGER, max_score INTEGER, passed INTEGER)""",
        "CREATE INDEX attempts_user_quiz ON attempts(user_id, quiz_id, submitted_at)",
        "CREATE INDEX attempts_quiz_submitted ON attempts(quiz_id, submitted_at)",
        """CREATE TABLE answers (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id),
            question_id TEXT NOT NULL, chosen TEXT NOT NULL, correct INTEGER NOT NULL,
            PRIMARY KEY (attempt_id, question_id))""",
        "CREATE INDEX answers_question ON answers(question_id)",
        """CREATE TABLE certificates (
            code TEXT PRIMARY KEY, user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
            issued_at TEXT NOT NULL, snapshot TEXT NOT NULL,
            revoked_at TEXT, revoked_reason TEXT)""",
        """CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL, expires_at TEXT NOT NULL)""",
        "CREATE INDEX sessions_user ON sessions(user_id)",
        """CREATE TABLE signin_codes (
            code_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            expires_at TEXT NOT NULL)""",
        """CREATE TABLE signin_throttle (
            nip TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until TEXT)""",
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL,
            actor_id INTEGER REFERENCES users(id),
            action TEXT NOT NULL, target TEXT, detail TEXT)""",
        "CREATE INDEX audit_log_at ON audit_log(at)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        db.execute(ddl)


@migrations()
def m002_answers_pillar(db: Database) -> None:
    # The pillar of each answered question, so per-pillar scores of the pre/post-test and item
    # analysis stay plain SQL.
    db.execute("ALTER TABLE answers ADD COLUMN pillar TEXT")
    db.execute("CREATE INDEX answers_pillar ON answers(pillar)")


# ---------------------------------------------------------------- connections

_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def open_database(path: Path | str) -> Database:
    """A new connection with the pragmas every connection needs."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys=ON")
    # WAL + NORMAL survives an application crash; only a power cut can lose the last commit.
    db.execute("PRAGMA synchronous=NORMAL")
    return db


class Store:
    """The database at `path`, reached through one connection per thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.migrate()

    @property
    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_database(self.path)
        return db

    def migrate(self) -> None:
        """Apply pending migrations once per process (they are recorded in the database too)."""
        key = str(self.path.resolve())
        with _migrate_lock:
            if key in _migrated:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            migrations.apply(self.db)
            _migrated.add(key)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (BEGIN IMMEDIATE)."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def _row(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    # ------------------------------------------------------------ settings

    def secret_key(self, configured: str | None = None) -> str:
        """The key that signs cookies: configured, or made once and kept in the database."""
        if configured:
            return configured
        with self.write() as conn:
            conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('secret_key', ?)",
                         (auth.new_token(),))
        return self._row("SELECT value FROM settings WHERE key = 'secret_key'")["value"]

    # ------------------------------------------------------------ users

    def create_user(self, *, nip: str, nip_kind: str, name: str, role: str = "learner",
                    password_hash: str | None = None, agency: str | None = None,
                    region: str | None = None, email: str | None = None, unit: str | None = None,
                    batch_id: int | None = None, actor_id: int | None = None) -> int:
        """Insert a person and audit it; raises DuplicateNip if the NIP is taken."""
        try:
            with self.write() as conn:
                cur = conn.execute(
                    """INSERT INTO users (nip, nip_kind, name, email, role, agency, unit, region,
                       batch_id, password_hash, active, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""",
                    (nip, nip_kind, name, email, role, agency, unit, region, batch_id,
                     password_hash, stamp(utcnow())))
                user_id = cur.lastrowid
                self._audit(conn, actor_id if actor_id is not None else user_id,
                            "user_created", nip, role)
        except sqlite3.IntegrityError as error:
            if "users.nip" in str(error):
                raise DuplicateNip(nip) from error
            raise
        return user_id

    def get_user(self, user_id: int) -> dict[str, Any] | None:
        return self._row("SELECT * FROM users WHERE id = ?", (user_id,))

    def get_user_by_nip(self, nip: str) -> dict[str, Any] | None:
        return self._row("SELECT * FROM users WHERE nip = ?", (nip,))

    # ------------------------------------------------------------ audit

    @staticmethod
    def _audit(conn: sqlite3.Connection, actor_id: int | None, action: str,
               target: str | None = None, detail: str | None = None) -> None:
        conn.execute("INSERT INTO audit_log (at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                     (stamp(utcnow()), actor_id, action, target, detail))

    def audit(self, actor_id: int | None, action: str, target: str | None = None,
              detail: str | None = None) -> None:
        with self.write() as conn:
            self._audit(conn, actor_id, action, target, detail)

    def audit_entries(self, action: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        if action:
            return self._rows("SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT ?",
                              (action, limit))
        return self._rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))

    # ------------------------------------------------------------ sign-in throttling

    def signin_lock(self, nip: str, now: dt.datetime) -> dt.datetime | None:
        """When the lock on this NIP ends, or None if sign-in is open."""
        row = self._row("SELECT locked_until FROM signin_throttle WHERE nip = ?", (nip,))
        until = parse_stamp(row["locked_until"]) if row else None
        return until if until and until > now else None

    def record_failed_signin(self, nip: str, user_id: int | None, now: dt.datetime) -> dt.datetime | None:
        """Count a wrong password for this NIP; returns the lock's end if this failure locked it."""
        with self.write() as conn:
            row = conn.execute("SELECT failures FROM signin_throttle WHERE nip = ?", (nip,)).fetchone()
            failures, locked_until = auth.lock_after_failure(row[0] if row else 0, now)
            conn.execute(
                """INSERT INTO signin_throttle (nip, failures, locked_until) VALUES (?, ?, ?)
                   ON CONFLICT(nip) DO UPDATE SET failures = excluded.failures,
                   locked_until = COALESCE(excluded.locked_until, signin_throttle.locked_until)""",
                (nip, failures, stamp(locked_until) if locked_until else None))
            self._audit(conn, user_id, "signin_failed", nip,
                        f"locked until {stamp(locked_until)}" if locked_until else None)
        return locked_until

    def record_signin(self, user_id: int, nip: str) -> None:
        with self.write() as conn:
            conn.execute("DELETE FROM signin_throttle WHERE nip = ?", (nip,))
            self._audit(conn, user_id, "signin", nip)

    # ------------------------------------------------------------ sessions

    def create_signin_code(self, user_id: int, now: dt.datetime) -> str:
        """A one-time code that the sign-in route exchanges for a session cookie."""
        code = auth.new_token()
        with self.write() as conn:
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
        with self.write() as conn:
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

    # ------------------------------------------------------------ lessons

    def mark_lesson_opened(self, user_id: int, lesson_id: str, now: dt.datetime) -> None:
        """Remember the first time a lesson was opened (later visits keep that time)."""
        with self.write() as conn:
            conn.execute("INSERT OR IGNORE INTO lesson_progress (user_id, lesson_id, opened_at) VALUES (?, ?, ?)",
                         (user_id, lesson_id, stamp(now)))

    def mark_lesson_done(self, user_id: int, lesson_id: str, now: dt.datetime) -> None:
        with self.write() as conn:
            conn.execute(
                """INSERT INTO lesson_progress (user_id, lesson_id, opened_at, completed_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT(user_id, lesson_id) DO UPDATE
                   SET completed_at = COALESCE(lesson_progress.completed_at, excluded.completed_at)""",
                (user_id, lesson_id, stamp(now), stamp(now)))

    def lesson_progress(self, user_id: int) -> dict[str, dict[str, Any]]:
        rows = self._rows("SELECT lesson_id, opened_at, completed_at FROM lesson_progress WHERE user_id = ?",
                          (user_id,))
        return {row["lesson_id"]: row for row in rows}

    # ------------------------------------------------------------ quiz attempts

    def start_attempt(self, *, user_id: int, quiz_id: str, kind: str, bank_version: str, seed: int,
                      question_ids: list[str], option_orders: dict[str, list[int]],
                      now: dt.datetime) -> int:
        with self.write() as conn:
            cur = conn.execute(
                """INSERT INTO attempts (user_id, quiz_id, kind, bank_version, seed, question_ids,
                   option_orders, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (user_id, quiz_id, kind, bank_version, seed, json.dumps(question_ids),
                 json.dumps(option_orders), stamp(now)))
            return cur.lastrowid

    def open_attempt(self, user_id: int, quiz_id: str) -> dict[str, Any] | None:
        """The learner's unsubmitted attempt at this quiz, so a refresh shows the same questions."""
        return self._attempt_row(self._row(
            """SELECT * FROM attempts WHERE user_id = ? AND quiz_id = ? AND submitted_at IS NULL
               ORDER BY id DESC LIMIT 1""", (user_id, quiz_id)))

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
        with self.write() as conn:
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
        return True

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


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def default_store() -> Store:
    """The store at the configured database path, one per process and path."""
    path = str(load_settings().db_path)
    with _stores_lock:
        if path not in _stores:
            _stores[path] = Store(path)
        return _stores[path]
