"""The only module that talks to the database: connections, migrations, reads and writes.

One SQLite connection per thread at a time (a shared connection breaks under concurrent sessions).
Streamlit runs every rerun on a new thread, so connections are pooled: a thread borrows one on its
first query and the pool gets it back when the thread ends, instead of opening one per rerun.
WAL journal, a busy timeout and foreign keys on.
Write transactions start with BEGIN IMMEDIATE so concurrent writers queue instead of failing.
"""

from __future__ import annotations

import datetime as dt
import json
import queue
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modules import auth
from modules.config import current_settings
from modules.course import PILLARS
from modules.db import DATABASE_ERRORS, INTEGRITY_ERRORS, Connection, Migrations, connect, is_postgres_url
from modules.db.dialect import Dialect

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


class RosterChanged(Exception):
    """The database changed between a roster's preview and its import; nothing was imported."""


# ---------------------------------------------------------------- schema

@migrations()
def m001_initial(conn: Connection) -> None:
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
        conn.ddl(ddl)


@migrations()
def m002_answers_pillar(conn: Connection) -> None:
    # The pillar of each answered question, so per-pillar scores of the pre/post-test and item
    # analysis stay plain SQL.
    conn.ddl("ALTER TABLE answers ADD COLUMN pillar TEXT")
    conn.ddl("CREATE INDEX answers_pillar ON answers(pillar)")


@migrations()
def m003_dashboard_indexes(conn: Connection) -> None:
    # Dashboards aggregate per learner and per quiz over the whole cohort; these covering indexes
    # let SQLite answer from the index alone instead of visiting every table row.
    for ddl in (
        "CREATE INDEX users_role_batch ON users(role, batch_id)",
        "CREATE INDEX users_role_region ON users(role, region)",
        "CREATE INDEX users_role_agency ON users(role, agency)",
        """CREATE INDEX attempts_user_quiz_result
           ON attempts(user_id, quiz_id, submitted_at, score, max_score, passed, started_at)""",
        "CREATE INDEX lesson_progress_user_times ON lesson_progress(user_id, completed_at, opened_at)",
    ):
        conn.ddl(ddl)


@migrations()
def m005_certificates_verify_throttle(conn: Connection) -> None:
    # Misses (well-formed but unknown certificate codes) per client in a 15-minute window, in the
    # database so that every process of the app counts the same guesses.
    conn.ddl("""CREATE TABLE verify_throttle (
        client TEXT PRIMARY KEY, window_start TEXT NOT NULL, misses INTEGER NOT NULL)""")
    # The xAPI export reads events in time order from a given date onwards.
    for ddl in (
        "CREATE INDEX lesson_progress_opened ON lesson_progress(opened_at)",
        "CREATE INDEX lesson_progress_completed ON lesson_progress(completed_at)",
        "CREATE INDEX attempts_started ON attempts(started_at)",
        "CREATE INDEX attempts_submitted ON attempts(submitted_at)",
    ):
        conn.ddl(ddl)


@migrations()
def m004_admin_accounts(conn: Connection) -> None:
    # One live activation code per person (a new one replaces the old), kept only as a keyed hash;
    # wrong codes are counted per NIP like wrong passwords. The audit page filters by action and actor.
    for ddl in (
        """CREATE TABLE activation_codes (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            code_hash TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL,
            issued_by INTEGER REFERENCES users(id) ON DELETE SET NULL)""",
        """CREATE TABLE activation_throttle (
            nip TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until TEXT)""",
        "CREATE INDEX audit_log_action_at ON audit_log(action, at)",
        "CREATE INDEX audit_log_actor_at ON audit_log(actor_id, at)",
        "CREATE INDEX batch_trainers_user ON batch_trainers(user_id)",
    ):
        conn.ddl(ddl)


# Dashboard summaries: small per-learner tables that dashboards read instead of every attempt,
# lesson and answer. Triggers keep them correct in the same transaction as the rows they summarise;
# each refresh recomputes the touched learner's row from the source rows (no running totals that
# could drift). `rebuild_dashboard_summaries` recomputes them all, e.g. after a bulk load.
# Each statement is written once with a `{where}` slot: a trigger fills in NEW/OLD keys, a rebuild
# fills in every key. A later migration that rebuilds attempts, answers or lesson_progress (e.g.
# sqlite-utils `transform`) drops these triggers with the old table: it must call
# `create_summary_triggers` again. (SQLite syntax; PostgreSQL would need its own trigger functions.)
# learner_status: one row per learner with everything the cohort dashboards count, so that a
# province-wide dashboard reads one small row per learner. Per pillar (skills, safety, culture,
# ethics): quiz tried, passed, failed attempts, best %; and right/asked in the pre- and post-test.
_PILLAR_KEYS = {pillar: pillar.split("-")[1] for pillar in PILLARS}
_STATUS_PILLAR_COLUMNS = [f"{what}_{key}" for key in _PILLAR_KEYS.values()
                          for what in ("tried", "passed", "fails", "best",
                                       "pre_right", "pre_asked", "post_right", "post_asked")]
_SUMMARY_TABLES = (
    """CREATE TABLE learner_quiz_stats (
        user_id INTEGER NOT NULL, quiz_id TEXT NOT NULL,
        submitted INTEGER NOT NULL, passes INTEGER NOT NULL, fails INTEGER NOT NULL, best_pct INTEGER,
        first_at TEXT, first_pct INTEGER, first_passed INTEGER, pass_at TEXT, until_pass INTEGER,
        last_at TEXT,
        PRIMARY KEY (user_id, quiz_id)) WITHOUT ROWID""",
    """CREATE TABLE learner_lesson_stats (
        user_id INTEGER PRIMARY KEY, lessons_done INTEGER NOT NULL, last_at TEXT) WITHOUT ROWID""",
    """CREATE TABLE test_pillar_results (
        attempt_id INTEGER NOT NULL, pillar TEXT NOT NULL DEFAULT '', user_id INTEGER NOT NULL,
        quiz_id TEXT NOT NULL, right_answers INTEGER NOT NULL, asked INTEGER NOT NULL, submitted_at TEXT,
        PRIMARY KEY (attempt_id, pillar)) WITHOUT ROWID""",
    """CREATE INDEX test_pillar_results_user
       ON test_pillar_results(user_id, quiz_id, pillar, right_answers, asked, submitted_at)""",
    """CREATE TABLE learner_days (
        user_id INTEGER NOT NULL, day TEXT NOT NULL, lessons INTEGER NOT NULL, attempts INTEGER NOT NULL,
        PRIMARY KEY (user_id, day)) WITHOUT ROWID""",
)
_STATUS_TABLES = (
    f"""CREATE TABLE learner_status (
        user_id INTEGER PRIMARY KEY, batch_id INTEGER, region TEXT, agency TEXT,
        lessons_done INTEGER NOT NULL, lesson_last TEXT, quiz_last TEXT, pillars_passed INTEGER NOT NULL,
        posttest_done INTEGER NOT NULL, certified INTEGER NOT NULL, both_tests INTEGER NOT NULL,
        {", ".join(f"{c} INTEGER" + ("" if c.startswith("best_") else " NOT NULL")
                   for c in _STATUS_PILLAR_COLUMNS)}) WITHOUT ROWID""",
    "CREATE INDEX learner_status_batch ON learner_status(batch_id)",
    "CREATE INDEX learner_status_region ON learner_status(region)",
    "CREATE INDEX learner_status_agency ON learner_status(agency)",
)
_QUIZ_STATS = (
    "DELETE FROM learner_quiz_stats WHERE {where}",
    """INSERT INTO learner_quiz_stats (user_id, quiz_id, submitted, passes, fails, best_pct, first_at, first_pct,
           first_passed, pass_at, until_pass, last_at)
       SELECT s.user_id, s.quiz_id, s.submitted, s.passes, s.fails, s.best_pct, s.first_at,
           (SELECT 100 * f.score / f.max_score FROM attempts f WHERE f.user_id = s.user_id
              AND f.quiz_id = s.quiz_id AND f.submitted_at = s.first_at ORDER BY f.id LIMIT 1),
           (SELECT f.passed FROM attempts f WHERE f.user_id = s.user_id
              AND f.quiz_id = s.quiz_id AND f.submitted_at = s.first_at ORDER BY f.id LIMIT 1),
           s.pass_at,
           CASE WHEN s.pass_at IS NOT NULL THEN (SELECT count(*) FROM attempts c WHERE c.user_id = s.user_id
              AND c.quiz_id = s.quiz_id AND c.submitted_at <= s.pass_at) END,
           s.last_at
       FROM (SELECT a.user_id, a.quiz_id, count(a.submitted_at) AS submitted,
                 sum(CASE WHEN a.passed = 1 THEN 1 ELSE 0 END) AS passes,
                 sum(CASE WHEN a.passed = 0 THEN 1 ELSE 0 END) AS fails,
                 max(100 * a.score / a.max_score) AS best_pct, min(a.submitted_at) AS first_at,
                 min(CASE WHEN a.passed = 1 THEN a.submitted_at END) AS pass_at,
                 max(coalesce(a.submitted_at, a.started_at)) AS last_at
             FROM attempts a WHERE {where} GROUP BY a.user_id, a.quiz_id) s""",
)
_LESSON_STATS = (
    "DELETE FROM learner_lesson_stats WHERE {where}",
    """INSERT INTO learner_lesson_stats (user_id, lessons_done, last_at)
       SELECT lp.user_id, count(lp.completed_at), max(coalesce(lp.completed_at, lp.opened_at))
       FROM lesson_progress lp WHERE {where} GROUP BY lp.user_id""",
)
_TEST_RESULTS = (
    "DELETE FROM test_pillar_results WHERE {where}",
    """INSERT INTO test_pillar_results (attempt_id, pillar, user_id, quiz_id, right_answers, asked, submitted_at)
       SELECT ans.attempt_id, coalesce(ans.pillar, ''), a.user_id, a.quiz_id, sum(ans.correct), count(*), a.submitted_at
       FROM attempts a JOIN answers ans ON ans.attempt_id = a.id
       WHERE a.kind IN ('pretest', 'posttest') AND {where}
       GROUP BY ans.attempt_id, coalesce(ans.pillar, ''), a.user_id, a.quiz_id, a.submitted_at""",
)
_DAYS = (
    "DELETE FROM learner_days WHERE {where}",
    # week: the Monday on or before the day, so that weekly charts never parse dates while reading.
    # {day_after} and {week_of} are the dialect's expressions for k.day (see _fill).
    """INSERT INTO learner_days (user_id, day, lessons, attempts, week)
       SELECT k.user_id, k.day,
           (SELECT count(*) FROM lesson_progress lp WHERE lp.user_id = k.user_id
              AND lp.completed_at >= k.day AND lp.completed_at < {day_after}),
           (SELECT count(*) FROM attempts a WHERE a.user_id = k.user_id
              AND a.submitted_at >= k.day AND a.submitted_at < {day_after}),
           {week_of}
       FROM ({keys}) k WHERE k.day IS NOT NULL""",
    "DELETE FROM learner_days WHERE lessons = 0 AND attempts = 0 AND {where}",
)


def _status_statements() -> tuple[str, ...]:
    """Refresh learner_status from the other summaries; slots: {status} on learner_status,
    {stats} on a summary's user_id, {user} on users u."""
    quiz, tests, picked = [], [], []
    for pillar, key in _PILLAR_KEYS.items():
        quiz += [f"max(CASE WHEN quiz_id = '{pillar}' AND submitted > 0 THEN 1 ELSE 0 END) AS tried_{key}",
                 f"max(CASE WHEN quiz_id = '{pillar}' AND passes > 0 THEN 1 ELSE 0 END) AS passed_{key}",
                 f"sum(CASE WHEN quiz_id = '{pillar}' THEN fails ELSE 0 END) AS fails_{key}",
                 f"max(CASE WHEN quiz_id = '{pillar}' THEN best_pct END) AS best_{key}"]
        for test in ("pre", "post"):
            for value, column in (("right", "right_answers"), ("asked", "asked")):
                tests.append(f"sum(CASE WHEN quiz_id = '{test}test' AND pillar = '{pillar}' THEN {column} ELSE 0 END)"
                             f" AS {test}_{value}_{key}")
        picked += [f"coalesce(q.tried_{key}, 0)", f"coalesce(q.passed_{key}, 0)", f"coalesce(q.fails_{key}, 0)",
                   f"q.best_{key}", *(f"coalesce(t.{test}_{value}_{key}, 0)" for test in ("pre", "post")
                                       for value in ("right", "asked"))]
    pillars = ", ".join(f"'{p}'" for p in PILLARS)
    return (
        "DELETE FROM learner_status WHERE {status}",
        f"""INSERT INTO learner_status (user_id, batch_id, region, agency, lessons_done, lesson_last, quiz_last,
               pillars_passed, posttest_done, certified, both_tests, {", ".join(_STATUS_PILLAR_COLUMNS)})
           SELECT u.id, u.batch_id, u.region, u.agency, coalesce(ls.lessons_done, 0), ls.last_at, q.quiz_last,
               coalesce(q.pillars_passed, 0), coalesce(q.posttest_done, 0),
               CASE WHEN EXISTS (SELECT 1 FROM certificates c WHERE c.user_id = u.id AND c.revoked_at IS NULL)
                   THEN 1 ELSE 0 END,
               coalesce(t.both_tests, 0), {", ".join(picked)}
           FROM users u
           LEFT JOIN learner_lesson_stats ls ON ls.user_id = u.id
           LEFT JOIN (SELECT user_id, max(last_at) AS quiz_last,
                          sum(CASE WHEN quiz_id IN ({pillars}) AND passes > 0 THEN 1 ELSE 0 END) AS pillars_passed,
                          max(CASE WHEN quiz_id = 'posttest' AND submitted > 0 THEN 1 ELSE 0 END) AS posttest_done,
                          {", ".join(quiz)}
                      FROM learner_quiz_stats WHERE {{stats}} GROUP BY user_id) q ON q.user_id = u.id
           LEFT JOIN (SELECT user_id, CASE WHEN count(DISTINCT quiz_id) = 2 THEN 1 ELSE 0 END AS both_tests,
                          {", ".join(tests)}
                      FROM test_pillar_results WHERE {{stats}} GROUP BY user_id) t ON t.user_id = u.id
           WHERE u.role = 'learner' AND {{user}}""",
    )


_STATUS = _status_statements()


def _fill(dialect: Dialect, statements: tuple[str, ...], **slots: str) -> list[str]:
    dated = {"day_after": dialect.day_after("k.day"), "week_of": dialect.week_start("k.day")}
    return [sql.format(**dated, **slots) for sql in statements]


def _summary_triggers(dialect: Dialect) -> list[str]:
    """Triggers that refresh the summaries of every learner, quiz, attempt and day a write touches."""
    triggers = []
    for event in ("INSERT", "UPDATE", "DELETE"):
        rows = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}[event]
        attempt_body, lesson_body, answer_body = [], [], []
        for row in rows:
            attempt_body += _fill(dialect, _QUIZ_STATS, where=f"user_id = {row}.user_id AND quiz_id = {row}.quiz_id")
            attempt_body += _fill(dialect, _DAYS,
                                  where=f"user_id = {row}.user_id AND day = substr({row}.submitted_at, 1, 10)",
                                  keys=f"SELECT {row}.user_id AS user_id, substr({row}.submitted_at, 1, 10) AS day")
            lesson_body += _fill(dialect, _LESSON_STATS, where=f"user_id = {row}.user_id")
            lesson_body += _fill(dialect, _DAYS,
                                 where=f"user_id = {row}.user_id AND day = substr({row}.completed_at, 1, 10)",
                                 keys=f"SELECT {row}.user_id AS user_id, substr({row}.completed_at, 1, 10) AS day")
            answer_body += _fill(dialect, _TEST_RESULTS, where=f"attempt_id = {row}.attempt_id")
        for table, body in (("attempts", attempt_body), ("lesson_progress", lesson_body), ("answers", answer_body)):
            triggers += dialect.trigger_ddl(f"{table}_dashboard_{event.lower()}", table, event, body)
    # learner_status follows the summaries above (triggers fire triggers), certificates and users.
    for table, key in (("learner_quiz_stats", "user_id"), ("learner_lesson_stats", "user_id"),
                       ("test_pillar_results", "user_id"), ("certificates", "user_id"), ("users", "id")):
        events = ("INSERT", "DELETE") if table.startswith(("learner_", "test_")) else ("INSERT", "UPDATE", "DELETE")
        for event in events:
            rows = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}[event]
            body = [sql for row in rows for sql in _fill(dialect, _STATUS, status=f"user_id = {row}.{key}",
                                                         stats=f"user_id = {row}.{key}", user=f"u.id = {row}.{key}")]
            triggers += dialect.trigger_ddl(f"{table}_dashboard_{event.lower()}", table, event, body)
    return triggers


def rebuild_dashboard_summaries(conn: Connection) -> None:
    """Recompute every dashboard summary from the source rows (inside the caller's transaction)."""
    everything, d = "1 = 1", conn.dialect
    for sql in (*_fill(d, _QUIZ_STATS, where=everything), *_fill(d, _LESSON_STATS, where=everything),
                *_fill(d, _TEST_RESULTS, where=everything),
                *_fill(d, _DAYS, where=everything, keys="""
                    SELECT user_id, substr(completed_at, 1, 10) AS day FROM lesson_progress
                    UNION SELECT user_id, substr(submitted_at, 1, 10) FROM attempts"""),
                *_fill(d, _STATUS, status=everything, stats=everything, user=everything)):
        conn.execute(sql)


def create_summary_triggers(conn: Connection) -> None:
    for ddl in _summary_triggers(conn.dialect):
        conn.execute(ddl)


@contextmanager
def summaries_rebuilt_after(conn: Connection) -> Iterator[None]:
    """Bulk writes inside the caller's transaction without per-row triggers; then one full rebuild.

    For loading or deleting a whole cohort, where millions of per-row refreshes would be far slower
    than recomputing everything once. Other connections never see the triggers missing: the
    transaction holds the write lock and its schema change commits together with the rebuild.
    """
    for name, table in conn.dialect.triggers(conn, "%\\_dashboard\\_%"):
        conn.execute(conn.dialect.drop_trigger(name, table))
    yield
    rebuild_dashboard_summaries(conn)
    create_summary_triggers(conn)


@migrations()
def m003_dashboard_summaries(conn: Connection) -> None:
    for ddl in _SUMMARY_TABLES:
        conn.ddl(ddl)


@migrations()
def m003_dashboard_status(conn: Connection) -> None:
    # learner_status and each active day's week, then every summary filled from the rows already
    # there and the triggers made.
    _add_week_column(conn)
    for ddl in _STATUS_TABLES:
        conn.ddl(ddl)
    with summaries_rebuilt_after(conn):
        pass


@migrations()
def m003_dashboard_weeks(conn: Connection) -> None:
    # For databases that took m003_dashboard_status before it gave learner_days a week.
    if _add_week_column(conn):
        with summaries_rebuilt_after(conn):
            pass

@migrations()
def m006_course_evaluation(conn: Connection) -> None:
    # The course evaluation is kept apart from identity: a response carries the learner's batch,
    # agency and region but no user id, and a random id (not a growing rowid) so that its order
    # cannot be matched with the order of the "has submitted" markers, which alone name people.
    for ddl in (
        """CREATE TABLE evaluation_submissions (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, submitted_at TEXT NOT NULL)""",
        """CREATE TABLE evaluation_responses (
            id INTEGER PRIMARY KEY, form_version TEXT NOT NULL,
            batch_id INTEGER REFERENCES batches(id) ON DELETE CASCADE, agency TEXT, region TEXT)""",
        """CREATE TABLE evaluation_ratings (
            response_id INTEGER NOT NULL REFERENCES evaluation_responses(id) ON DELETE CASCADE,
            aspect TEXT NOT NULL, item_id TEXT NOT NULL, rating INTEGER NOT NULL,
            PRIMARY KEY (response_id, item_id)) WITHOUT ROWID""",
        """CREATE TABLE evaluation_comments (
            response_id INTEGER NOT NULL REFERENCES evaluation_responses(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (response_id, question_id)) WITHOUT ROWID""",
        "CREATE INDEX evaluation_responses_batch ON evaluation_responses(batch_id)",
    ):
        conn.ddl(ddl)


@migrations()
def m007_password_resets(conn: Connection) -> None:
    # One live reset code per person, apart from activation codes: asking for a reset must not void
    # the password a person still knows (a stranger could otherwise lock anyone out).
    conn.ddl("""CREATE TABLE IF NOT EXISTS password_resets (
                    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                    code_hash TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL)""")


@migrations()
def m008_attempt_drafts(conn: Connection) -> None:
    # Choices a learner has made in an attempt not yet submitted, saved as they are made, so that a
    # refresh, a reconnect or a restarted server brings them back. Deleted when the attempt goes.
    conn.ddl("""CREATE TABLE IF NOT EXISTS attempt_drafts (
                    attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                    question_id TEXT NOT NULL, chosen TEXT NOT NULL, saved_at TEXT NOT NULL,
                    PRIMARY KEY (attempt_id, question_id))""")


@migrations()
def m012_certificate_history(conn: Connection) -> None:
    # A revoked certificate that is issued again keeps its old code here (still answering "revoked"
    # at verification); `certificates` keeps one row per person, so the once-only guarantee stands.
    conn.ddl("""CREATE TABLE IF NOT EXISTS certificate_history (
                    code TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    issued_at TEXT NOT NULL, snapshot TEXT NOT NULL, revoked_at TEXT NOT NULL,
                    revoked_reason TEXT, replaced_by TEXT NOT NULL, replaced_at TEXT NOT NULL)""")


def _add_week_column(conn: Connection) -> bool:
    """Give learner_days its `week` column unless it has one; True if it was added."""
    if "week" in conn.dialect.columns(conn, "learner_days"):
        return False
    conn.ddl("ALTER TABLE learner_days ADD COLUMN week TEXT")
    return True


SELF_REGISTERED_BACKFILL = """UPDATE users SET self_registered = 1
    WHERE role = 'learner' AND password_hash IS NOT NULL
      AND id IN (SELECT actor_id FROM audit_log WHERE action = 'user_created' AND target = users.nip)
      AND id NOT IN (SELECT actor_id FROM audit_log WHERE action = 'account_activated' AND actor_id IS NOT NULL)"""


@migrations()
def m010_security_self_registered(conn: Connection) -> None:
    # Whether an account was made by self-registration and not yet confirmed by a roster: a roster
    # row for its NIP then hands the account to the person the roster names (see apply_roster).
    # Existing accounts: learners who made their own account (audited as their own creation) and
    # never activated one from a roster code.
    conn.ddl("ALTER TABLE users ADD COLUMN self_registered INTEGER NOT NULL DEFAULT 0")
    conn.execute(SELF_REGISTERED_BACKFILL)
    # Sign-in and activation attempts per client (a keyed hash of its address) in a 15-minute
    # window, so that one address spraying a password over many NIPs is slowed in every process.
    conn.ddl("""CREATE TABLE client_throttle (
        client TEXT NOT NULL, kind TEXT NOT NULL, window_start TEXT NOT NULL, attempts INTEGER NOT NULL,
        PRIMARY KEY (client, kind)) WITHOUT ROWID""")


# ---------------------------------------------------------------- connections

# --- course rules: lesson visits after a failed quiz ---
@migrations()
def m_rules_lesson_visits(conn: Connection) -> None:
    # The latest time a learner opened a lesson, written only while a failed quiz asks them to
    # reread it (lesson_progress keeps the first opening; dashboards read that table, not this).
    conn.ddl("""CREATE TABLE lesson_visits (
        user_id INTEGER NOT NULL, lesson_id TEXT NOT NULL, visited_at TEXT NOT NULL,
        PRIMARY KEY (user_id, lesson_id)) WITHOUT ROWID""")
# --- end of course rules ---


@migrations()
def m013_filter_choices_index(conn: Connection) -> None:
    # The dashboards' filter choices (the batches, regions and agencies in a viewer's scope) read
    # from this index alone, in its order, instead of every learner's whole summary row.
    conn.ddl("CREATE INDEX learner_status_choices ON learner_status(batch_id, region, agency)")


_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def open_database(target: Path | str) -> Connection:
    """A new connection (SQLite file or PostgreSQL URL) with the settings every connection needs."""
    return connect(target)


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


class _Lease:
    """A pooled connection lent to one thread; it goes back to the pool when the thread ends
    (the thread's `threading.local` data is dropped then)."""

    def __init__(self, db: Connection, pool: queue.SimpleQueue) -> None:
        self.db = db
        self._pool = pool

    def __del__(self) -> None:
        self._pool.put(self.db)  # SimpleQueue.put is safe inside __del__


class Store(_AttemptGates):
    """The database at `target` — a SQLite file path or a `postgresql://` URL — reached through one
    connection per thread."""

    def __init__(self, target: Path | str) -> None:
        self.url = str(target) if is_postgres_url(target) else None
        self.path = None if self.url else Path(target)
        self._local = threading.local()
        self._pool: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        self._secret_key: str | None = None
        self.migrate()

    @property
    def target(self) -> str:
        """Where the data lives: the URL or the file path (for connections and messages)."""
        return self.url or str(self.path)

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def db(self) -> Connection:
        lease = getattr(self._local, "lease", None)
        if lease is None:
            try:
                db = self._pool.get_nowait()
                if db.in_transaction:  # a thread that died mid-transaction
                    db.rollback()
            except queue.Empty:
                db = open_database(self.target)
            lease = self._local.lease = _Lease(db, self._pool)
        return lease.db

    def close(self) -> None:
        """Close this thread's connection and every pooled one (other threads' leases stay theirs)."""
        self._local.__dict__.pop("lease", None)  # the lease hands its connection back to the pool
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    def migrate(self) -> None:
        """Apply pending migrations once per process (they are recorded in the database too)."""
        key = self.url or str(self.path.resolve())
        with _migrate_lock:
            if key in _migrated:
                return
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            migrations.apply(self.db)
            _migrated.add(key)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction that takes the write lock at once (the dialect says how)."""
        conn = self.db
        conn.dialect.begin_write(conn)
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # the engine may have rolled back already (a full disk, say)
                conn.rollback()
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
        if self._secret_key is not None:  # made once, never changed: held for the process
            return self._secret_key
        # Read first: a write would queue behind other writers.
        row = self._row("SELECT value FROM settings WHERE key = 'secret_key'")
        if row is None:
            with self.write() as conn:
                conn.execute("INSERT INTO settings (key, value) VALUES ('secret_key', ?) ON CONFLICT DO NOTHING",
                             (auth.new_token(),))
            row = self._row("SELECT value FROM settings WHERE key = 'secret_key'")
        self._secret_key = row["value"]
        return self._secret_key

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

    # ------------------------------------------------------------ audit

    @staticmethod
    def _audit(conn: Connection, actor_id: int | None, action: str,
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
            conn.execute("INSERT INTO lesson_progress (user_id, lesson_id, opened_at) VALUES (?, ?, ?) "
                         "ON CONFLICT DO NOTHING",
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
        with self.write() as conn:
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
            conn.execute("DELETE FROM attempt_drafts WHERE attempt_id = ?", (attempt_id,))  # now answers
        return True

    def save_draft(self, *, attempt_id: int, user_id: int, question_id: str, chosen: list[int],
                   now: dt.datetime) -> bool:
        """Keep one choice of an open attempt of this user; False (nothing kept) for an attempt that
        is submitted or not theirs."""
        with self.write() as conn:
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
        with self.write() as conn:
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

    # ------------------------------------------------------------ certificates (rules in modules/certificates.py)

    def insert_certificate(self, *, code: str, user_id: int, issued_at: str, snapshot: str) -> bool:
        """Store a new certificate and audit it; False, changing nothing, when the person already
        has one (UNIQUE user_id, so two processes issuing at once still make one) or the code is taken."""
        with self.write() as conn:
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

    # ------------------------------------------------------------ administration (rules in modules/admin.py)
    # Roster import, batches, trainers, manager scopes, people, activation codes and the audit page.

    _SNAPSHOT_CHUNK = 900  # stays well under SQLite's limit on bound parameters

    @classmethod
    def _people_snapshot(cls, conn: Connection, nips: list[str]) -> dict[str, dict[str, Any]]:
        """NIP → the person's roster-relevant fields, their batch's name and the batches they train."""
        found: dict[str, dict[str, Any]] = {}
        columns = ("id", "nip", "name", "email", "role", "agency", "unit", "region", "active", "batch",
                   "self_registered", "certificate")
        for start in range(0, len(nips), cls._SNAPSHOT_CHUNK):
            chunk = nips[start:start + cls._SNAPSHOT_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                    f"""SELECT u.id, u.nip, u.name, u.email, u.role, u.agency, u.unit, u.region, u.active,
                        b.name, u.self_registered,
                        (SELECT c.code FROM certificates c WHERE c.user_id = u.id AND c.revoked_at IS NULL)
                        FROM users u LEFT JOIN batches b ON b.id = u.batch_id
                        WHERE u.nip IN ({marks})""", chunk):
                found[row[1]] = dict(zip(columns, row, strict=True)) | {"trained_batches": []}
            for nip, batch in conn.execute(
                    f"""SELECT u.nip, b.name FROM batch_trainers bt JOIN users u ON u.id = bt.user_id
                        JOIN batches b ON b.id = bt.batch_id WHERE u.nip IN ({marks}) ORDER BY b.name""", chunk):
                found[nip]["trained_batches"].append(batch)
        return found

    def people_by_nip(self, nips: list[str]) -> dict[str, dict[str, Any]]:
        """What a roster import compares against: see `_people_snapshot`."""
        return self._people_snapshot(self.db, nips)

    def apply_roster(self, *, creates: list[dict[str, Any]], updates: list[dict[str, Any]],
                     new_batches: list[str], expected: dict[str, dict[str, Any] | None],
                     codes_expire_at: dt.datetime, actor_id: int | None, source: str) -> dict[str, int]:
        """Import a previewed roster in one transaction: all of it or nothing.

        creates: nip, nip_kind, name, email, role, agency, unit, region, batch (name), code_hash.
        updates: id, nip, name, email, role, agency, unit, region, batch (name, sets batch_id),
        train_batch (name, a trainer's batch), changes (text for the audit log).
        expected: NIP → the snapshot the preview was made from (None for a new person); if the
        database no longer matches it, RosterChanged is raised and nothing is written.
        """
        now = utcnow()
        with self.write() as conn:
            current = self._people_snapshot(conn, list(expected))
            for nip, before in expected.items():
                if current.get(nip) != before:
                    raise RosterChanged(nip)
            for name in new_batches:
                if conn.execute("INSERT INTO batches (name) VALUES (?) ON CONFLICT DO NOTHING", (name,)).rowcount:
                    self._audit(conn, actor_id, "batch_created", name, source)
            batch_ids = {name: batch_id for batch_id, name in conn.execute("SELECT id, name FROM batches")}
            audit_rows: list[tuple[Any, ...]] = []
            codes: list[tuple[Any, ...]] = []
            trainer_links: list[tuple[int, int]] = []
            at = stamp(now)
            for person in creates:
                trains = person["role"] == "trainer"
                batch_id = batch_ids[person["batch"]] if person["batch"] else None
                user_id = conn.execute(
                    """INSERT INTO users (nip, nip_kind, name, email, role, agency, unit, region, batch_id,
                       password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?)
                       RETURNING id""",
                    (person["nip"], person["nip_kind"], person["name"], person["email"], person["role"],
                     person["agency"], person["unit"], person["region"], None if trains else batch_id, at),
                ).fetchone()[0]
                if trains and batch_id:
                    trainer_links.append((batch_id, user_id))
                codes.append((user_id, person["code_hash"], at, stamp(codes_expire_at), actor_id))
                audit_rows.append((at, actor_id, "user_created", person["nip"], f"{person['role']}; {source}"))
            for person in updates:
                batch_id = batch_ids[person["batch"]] if person["batch"] else None
                conn.execute(
                    """UPDATE users SET name = ?, email = ?, role = ?, agency = ?, unit = ?, region = ?,
                       batch_id = COALESCE(?, batch_id) WHERE id = ?""",
                    (person["name"], person["email"], person["role"], person["agency"], person["unit"],
                     person["region"], batch_id, person["id"]))
                if person["train_batch"]:
                    trainer_links.append((batch_ids[person["train_batch"]], person["id"]))
                if person.get("claim_code_hash"):
                    self._hand_over_self_registered(conn, person, at, stamp(codes_expire_at), actor_id, source)
                    codes.append((person["id"], person["claim_code_hash"], at, stamp(codes_expire_at), actor_id))
                    continue
                audit_rows.append((at, actor_id, "user_updated", person["nip"], person["changes"]))
            conn.executemany("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                             trainer_links)
            conn.executemany(
                """INSERT INTO activation_codes (user_id, code_hash, issued_at, expires_at, issued_by)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET code_hash = excluded.code_hash,
                   issued_at = excluded.issued_at, expires_at = excluded.expires_at,
                   issued_by = excluded.issued_by""", codes)
            conn.executemany("INSERT INTO audit_log (at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                             audit_rows)
            claimed = sum(1 for person in updates if person.get("claim_code_hash"))
            summary = {"created": len(creates), "updated": len(updates) - claimed, "batches": len(new_batches)}
            if claimed:
                summary["claimed"] = claimed
            self._audit(conn, actor_id, "roster_imported", source,
                        ", ".join(f"{key} {value}" for key, value in summary.items()))
        return summary

    def _hand_over_self_registered(self, conn: Connection, person: dict[str, Any], at: str,
                                   expires_at: str, actor_id: int | None, source: str) -> None:
        """A roster names the owner of a self-registered NIP: whoever registered it loses the account.

        Its password, sessions and pending sign-ins stop working, a certificate issued to it is
        revoked (it was earned before anyone confirmed who studied), and the roster's person gets
        an activation code (inserted by the caller). Learning records stay with the account.
        """
        conn.execute("UPDATE users SET password_hash = NULL, self_registered = 0 WHERE id = ?", (person["id"],))
        conn.execute("DELETE FROM sessions WHERE user_id = ?", (person["id"],))
        conn.execute("DELETE FROM signin_codes WHERE user_id = ?", (person["id"],))
        revoked = conn.execute(
            """UPDATE certificates SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL
               RETURNING code""", (at, person["revoke_reason"], person["id"])).fetchone()
        if revoked:
            self._audit(conn, actor_id, "certificate_revoked", revoked[0], person["revoke_reason"])
        self._audit(conn, actor_id, "self_registration_claimed", person["nip"],
                    f"{person['changes'] or '–'}; {source}; until {expires_at}")

    # batches and trainers

    def batches(self) -> list[dict[str, Any]]:
        """Every batch with its learner count and its trainers' names, by start date then name."""
        return self._rows(
            """SELECT b.id, b.name, b.starts_on, b.ends_on,
                      (SELECT count(*) FROM users u WHERE u.batch_id = b.id AND u.role = 'learner') AS learners,
                      (SELECT {trainers} FROM batch_trainers bt JOIN users u ON u.id = bt.user_id
                       WHERE bt.batch_id = b.id) AS trainers
               FROM batches b ORDER BY b.starts_on IS NULL, b.starts_on, b.name""".format(
                trainers=self.db.dialect.string_agg("u.name", "', '")))

    def batch_names(self) -> list[str]:
        return [row["name"] for row in self._rows("SELECT name FROM batches ORDER BY name")]

    def save_batch(self, *, batch_id: int | None, name: str, starts_on: str | None, ends_on: str | None,
                   actor_id: int) -> int | None:
        """Create (batch_id None) or edit a batch; None, changing nothing, if another batch has the name."""
        with self.write() as conn:
            taken = conn.execute("SELECT id FROM batches WHERE lower(name) = lower(?) AND id IS DISTINCT FROM ?",
                                 (name, batch_id)).fetchone()
            if taken:
                return None
            detail = f"{starts_on or '–'} – {ends_on or '–'}"
            if batch_id is None:
                batch_id = conn.execute("INSERT INTO batches (name, starts_on, ends_on) VALUES (?, ?, ?) RETURNING id",
                                        (name, starts_on, ends_on)).fetchone()[0]
                self._audit(conn, actor_id, "batch_created", name, detail)
            else:
                old = conn.execute("SELECT name FROM batches WHERE id = ?", (batch_id,)).fetchone()
                conn.execute("UPDATE batches SET name = ?, starts_on = ?, ends_on = ? WHERE id = ?",
                             (name, starts_on, ends_on, batch_id))
                self._audit(conn, actor_id, "batch_updated", name,
                            detail if old[0] == name else f"{old[0]} → {name}; {detail}")
        return batch_id

    def batch_trainer_ids(self, batch_id: int) -> list[int]:
        return [row["user_id"] for row in
                self._rows("SELECT user_id FROM batch_trainers WHERE batch_id = ? ORDER BY user_id", (batch_id,))]

    def set_batch_trainers(self, batch_id: int, user_ids: list[int], actor_id: int) -> None:
        """Make exactly these people the batch's trainers; each one added or removed is audited."""
        with self.write() as conn:
            batch = conn.execute("SELECT name FROM batches WHERE id = ?", (batch_id,)).fetchone()[0]
            before = {row[0] for row in conn.execute("SELECT user_id FROM batch_trainers WHERE batch_id = ?",
                                                     (batch_id,))}
            after = set(user_ids)
            for user_id, action in [*((u, "trainer_assigned") for u in sorted(after - before)),
                                    *((u, "trainer_unassigned") for u in sorted(before - after))]:
                if action == "trainer_assigned":
                    conn.execute("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?)", (batch_id, user_id))
                else:
                    conn.execute("DELETE FROM batch_trainers WHERE batch_id = ? AND user_id = ?", (batch_id, user_id))
                nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
                self._audit(conn, actor_id, action, nip, batch)

    # people

    def find_people(self, *, text: str = "", role: str | None = None, batch_id: int | None = None,
                    limit: int = 200) -> list[dict[str, Any]]:
        """People whose NIP starts with, or whose name contains, `text`; with their access state."""
        where, params = ["1 = 1"], []
        if text:
            where.append("(u.nip LIKE ? OR lower(u.name) LIKE lower(?))")
            params += [text.replace(" ", "") + "%", f"%{text}%"]
        if role:
            where.append("u.role = ?")
            params.append(role)
        if batch_id is not None:
            where.append("(u.batch_id = ? OR u.id IN (SELECT user_id FROM batch_trainers WHERE batch_id = ?))")
            params += [batch_id, batch_id]
        return self._rows(
            f"""SELECT u.id, u.nip, u.name, u.email, u.role, u.agency, u.unit, u.region, u.active,
                       u.password_hash IS NOT NULL AS activated, b.name AS batch, c.expires_at AS code_expires_at
                FROM users u LEFT JOIN batches b ON b.id = u.batch_id
                LEFT JOIN activation_codes c ON c.user_id = u.id
                WHERE {' AND '.join(where)} ORDER BY u.name LIMIT ?""", (*params, limit))

    def people_with_role(self, role: str) -> list[dict[str, Any]]:
        return self._rows("SELECT id, nip, name, agency FROM users WHERE role = ? AND active = 1 ORDER BY name",
                          (role,))

    def not_yet_activated(self, batch_id: int) -> list[dict[str, Any]]:
        """Active people of a batch (learners in it, or its trainers) who have never set a password."""
        return self._rows(
            """SELECT id, nip, name, agency, unit FROM users
               WHERE active = 1 AND password_hash IS NULL
                 AND (batch_id = ? OR id IN (SELECT user_id FROM batch_trainers WHERE batch_id = ?))
               ORDER BY name""", (batch_id, batch_id))

    def set_user_active(self, user_id: int, active: bool, actor_id: int) -> None:
        """Deactivate (their sessions end; every record stays) or reactivate a person."""
        with self.write() as conn:
            nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
            conn.execute("UPDATE users SET active = ? WHERE id = ?", (int(active), user_id))
            if not active:
                conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
            self._audit(conn, actor_id, "user_reactivated" if active else "user_deactivated", nip)

    def set_user_role(self, user_id: int, role: str, actor_id: int) -> None:
        """Change a role; a trainer's batches and a manager's scopes go when that role is left."""
        with self.write() as conn:
            nip, old = conn.execute("SELECT nip, role FROM users WHERE id = ?", (user_id,)).fetchone()
            if old == role:
                return
            conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user_id))
            if old == "trainer":
                conn.execute("DELETE FROM batch_trainers WHERE user_id = ?", (user_id,))
            if old == "manager":
                conn.execute("DELETE FROM manager_scopes WHERE user_id = ?", (user_id,))
            self._audit(conn, actor_id, "role_changed", nip, f"{old} → {role}")

    def manager_scopes(self, user_id: int) -> list[tuple[str, str]]:
        return [(row["kind"], row["value"]) for row in
                self._rows("SELECT kind, value FROM manager_scopes WHERE user_id = ? ORDER BY kind, value",
                           (user_id,))]

    def set_manager_scopes(self, user_id: int, scopes: list[tuple[str, str]], actor_id: int) -> None:
        """Replace a manager's scope: ('all', ''), or ('agency'|'region', name) or ('batch', batch id)."""
        with self.write() as conn:
            nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
            conn.execute("DELETE FROM manager_scopes WHERE user_id = ?", (user_id,))
            conn.executemany("INSERT INTO manager_scopes (user_id, kind, value) VALUES (?, ?, ?)",
                             [(user_id, kind, value) for kind, value in scopes])
            self._audit(conn, actor_id, "scope_set", nip,
                        "; ".join(f"{kind}: {value}" if value else kind for kind, value in scopes) or "–")

    def distinct_values(self, column: str) -> list[str]:
        """The agencies or regions people have, for choosing a manager's scope."""
        if column not in ("agency", "region"):
            raise ValueError(column)
        return [row["v"] for row in self._rows(
            f"SELECT DISTINCT {column} AS v FROM users WHERE {column} IS NOT NULL AND {column} != '' ORDER BY v")]

    def known_places(self, column: str) -> list[str]:
        """The agencies or regions of people an admin enrolled (rosters, accounts made by hand): the
        lists a self-registering person chooses from, so that "Kab Lebak" never stands beside "Kab. Lebak"."""
        if column not in ("agency", "region"):
            raise ValueError(column)
        return [row["v"] for row in self._rows(
            f"""SELECT DISTINCT {column} AS v FROM users
                WHERE self_registered = 0 AND {column} IS NOT NULL AND {column} != '' ORDER BY v""")]

    # activation codes

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

    # audit page

    def audit_search(self, *, action: str | None = None, actor_id: int | None = None, since: str | None = None,
                     until: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """Audit entries, newest first, with the actor's name and NIP; `since`/`until` are UTC stamps."""
        where, params = ["1 = 1"], []
        for clause, value in (("a.action = ?", action), ("a.actor_id = ?", actor_id),
                              ("a.at >= ?", since), ("a.at < ?", until)):
            if value is not None:
                where.append(clause)
                params.append(value)
        return self._rows(
            f"""SELECT a.id, a.at, a.actor_id, u.name AS actor_name, u.nip AS actor_nip, a.action, a.target, a.detail
                FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
                WHERE {' AND '.join(where)} ORDER BY a.at DESC, a.id DESC LIMIT ?""", (*params, limit))

    def audit_actions(self) -> list[str]:
        return [row["action"] for row in self._rows("SELECT DISTINCT action FROM audit_log ORDER BY action")]

    def audit_actors(self) -> list[dict[str, Any]]:
        """The people who appear as actors in the log, with their role, by name."""
        return self._rows(
            """SELECT id, name, nip, role FROM users WHERE id IN (SELECT DISTINCT actor_id FROM audit_log)
               ORDER BY name""")

    # ------------------------------------------------------------ password hash upkeep

    def replace_password_hash(self, user_id: int, old_hash: str, new_hash: str) -> bool:
        """Store a re-made hash of the same password, unless the password changed meanwhile."""
        with self.write() as conn:
            return conn.execute("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                                (new_hash, user_id, old_hash)).rowcount == 1


    # ------------------------------------------------------------ course evaluation (rules in modules/evaluation.py)

    def evaluation_submitted(self, user_id: int) -> bool:
        """Whether this person has submitted the course evaluation (the marker; never their answers)."""
        return self._row("SELECT 1 AS done FROM evaluation_submissions WHERE user_id = ?", (user_id,)) is not None

    def save_evaluation(self, *, user_id: int, form_version: str, ratings: list[tuple[str, str, int]],
                        comments: list[tuple[str, str]], now: dt.datetime) -> bool:
        """Store one evaluation in one transaction: the person's marker, and apart from it an anonymous
        response (batch, agency, region; no user id) with its ratings (aspect, item, 1–n) and comments.
        False, changing nothing, when this person has submitted already."""
        with self.write() as conn:
            marked = conn.execute("INSERT INTO evaluation_submissions (user_id, submitted_at) VALUES (?, ?) "
                                  "ON CONFLICT DO NOTHING", (user_id, stamp(now))).rowcount
            if not marked:
                return False
            user = conn.execute("SELECT batch_id, agency, region FROM users WHERE id = ?", (user_id,)).fetchone()
            while True:  # a random id, so the rows' order says nothing about who came when
                response_id = secrets.randbelow(2**62) + 1
                if conn.execute("INSERT INTO evaluation_responses (id, form_version, batch_id, agency, region) "
                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                (response_id, form_version, *user)).rowcount:
                    break
            conn.executemany("INSERT INTO evaluation_ratings (response_id, aspect, item_id, rating) "
                             "VALUES (?, ?, ?, ?)",
                             [(response_id, *rating) for rating in ratings])
            conn.executemany("INSERT INTO evaluation_comments (response_id, question_id, text) VALUES (?, ?, ?)",
                             [(response_id, *comment) for comment in comments])
        return True


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


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def default_store() -> Store:
    """The store of the configured database (KELAS_DATABASE_URL, else the SQLite file), one per process."""
    target = current_settings().database
    with _stores_lock:
        if target not in _stores:
            _stores[target] = Store(target)
        return _stores[target]
