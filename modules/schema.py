"""The schema: every migration, registered in the order it is applied.

Existing databases record each migration by name, so none is ever renamed, reordered or changed;
a new one goes at the end. The dashboard summaries they create live in modules/summaries.py.
"""

from __future__ import annotations

from modules.db import Connection, Migrations
from modules.summaries import (
    _GROUP_TABLES,
    _STATUS_TABLES,
    _SUMMARY_TABLES,
    create_summary_triggers,
    drop_summary_triggers,
    group_indexes,
    rebuild_group_summaries,
    summaries_rebuilt_after,
)

migrations = Migrations("kelas")


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


@migrations()
def m014_group_summaries(conn: Connection) -> None:
    # Per group (batch, region, agency) and per group and week summaries, so that a province's
    # dashboards read hundreds of rows instead of one per learner (see modules/summaries.py), and
    # an index for who was active lately. Filled from the summaries already there; the triggers
    # are made anew with the group summaries' own.
    for ddl in (*_GROUP_TABLES, *group_indexes(conn.dialect)):
        conn.ddl(ddl)
    drop_summary_triggers(conn)
    rebuild_group_summaries(conn)
    create_summary_triggers(conn)
