"""Dashboard summary tables, the statements that fill them and the triggers that keep them current.

The migrations in modules/schema.py create the tables (`_SUMMARY_TABLES`, `_STATUS_TABLES`,
`_GROUP_TABLES`) and the triggers; bulk loads use `summaries_rebuilt_after`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from modules.course import PILLARS
from modules.db import Connection
from modules.db.dialect import Dialect

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

# Group summaries: a province's dashboards add learners up by batch, region and agency. Reading
# learner_status is one row per learner (200,000 at a large site); these hold one row per group
# ("cell": a batch, region and agency), per cell and lessons done, and per cell and week, so that
# a province-wide dashboard reads hundreds of rows. Scope and filters on batch, region and agency
# apply to them as to learner_status (same column names).
# Unlike the per-learner summaries they are kept by deltas: recomputing a cell from its learners
# would read thousands of rows on every quiz submitted. Each delta is a whole row's own values,
# added when a learner_status (or learner_weeks) row is inserted and subtracted when it is deleted,
# and those rows are themselves recomputed from the source rows, so a cell is always the exact sum
# of its learners' rows (tests compare them with a full rebuild). A cell whose count falls to zero
# is deleted, as a rebuild would not make it.
# `cell` is a key that tells NULL from '' (the PRIMARY KEY needs NOT NULL columns): each part is
# '-' for NULL, else its length, ':' and the value.
_CELL = ("coalesce(CAST({r}.batch_id AS TEXT), '-') || '|' || coalesce(length({r}.region) || ':' || {r}.region, '-')"
         " || '|' || coalesce(length({r}.agency) || ':' || {r}.agency, '-')")
_ACTIVE = "({r}.lesson_last IS NOT NULL OR {r}.quiz_last IS NOT NULL)"
_ALL_PASSED = f"{{r}}.pillars_passed >= {len(PILLARS)}"
# What each cell counts, as one learner_status row `{r}` adds to it. The funnel's stages
# (cohort_overview) nest: a stage counts who reached it and every stage before it, a certificate
# counting as every stage.
_STARTED = f"CASE WHEN {_ACTIVE} OR {{r}}.certified = 1 THEN 1 ELSE 0 END"
_GROUP_COUNTS = {
    "learners": "1",
    "started": _STARTED,
    "certified": "{r}.certified",
    "tried": f"CASE WHEN {' + '.join(f'{{r}}.tried_{k}' for k in _PILLAR_KEYS.values())} > 0 THEN 1 ELSE 0 END",
    **{f"{what}_{k}": f"{{r}}.{what}_{k}" for k in _PILLAR_KEYS.values() for what in ("tried", "passed")},
    **{f"best_{k}": f"coalesce({{r}}.best_{k}, 0)" for k in _PILLAR_KEYS.values()},
    "both_tests": "{r}.both_tests",
    # Pre- and post-test answers count only for learners who took both (learning_gain).
    **{f"{test}_{value}_{k}": f"{{r}}.both_tests * {{r}}.{test}_{value}_{k}" for k in _PILLAR_KEYS.values()
       for test in ("pre", "post") for value in ("right", "asked")},
}
# Whether all lessons are done depends on the course's lessons at the time of reading: the stages
# after "started" and completion are counted per cell and lessons done, keyed lessons_done first,
# so that "every lesson done" reads one range.
_LESSON_COUNTS = {
    "learners": "1",
    "started": _STARTED,
    "passed_on": f"CASE WHEN {_ACTIVE} AND {_ALL_PASSED} OR {{r}}.certified = 1 THEN 1 ELSE 0 END",
    "post_on": f"CASE WHEN {_ACTIVE} AND {_ALL_PASSED} AND {{r}}.posttest_done = 1 OR {{r}}.certified = 1"
               " THEN 1 ELSE 0 END",
    "certified": "{r}.certified",
    "all_passed": f"CASE WHEN {_ALL_PASSED} THEN 1 ELSE 0 END",
}
# table: (its key besides the cell, from learner_status; what it counts)
_GROUPED = {"learner_groups": ((), _GROUP_COUNTS), "learner_group_lessons": (("lessons_done",), _LESSON_COUNTS)}
_GROUP_TABLES = (
    *(f"""CREATE TABLE {table} (
        {"".join(f"{k} INTEGER NOT NULL, " for k in key)}cell TEXT NOT NULL, batch_id INTEGER, region TEXT,
        agency TEXT, {", ".join(f"{c} INTEGER NOT NULL" for c in counts)},
        PRIMARY KEY ({", ".join((*key, "cell"))})) WITHOUT ROWID""" for table, (key, counts) in _GROUPED.items()),
    # A learner's lessons and attempts per week (from learner_days): who was active in a week.
    """CREATE TABLE learner_weeks (
        user_id INTEGER NOT NULL, week TEXT NOT NULL, lessons INTEGER NOT NULL, attempts INTEGER NOT NULL,
        PRIMARY KEY (user_id, week)) WITHOUT ROWID""",
    """CREATE TABLE group_weeks (
        cell TEXT NOT NULL, week TEXT NOT NULL, batch_id INTEGER, region TEXT, agency TEXT,
        active INTEGER NOT NULL, lessons INTEGER NOT NULL, attempts INTEGER NOT NULL,
        PRIMARY KEY (cell, week)) WITHOUT ROWID""",
)


def last_active(dialect: Dialect, row: str = "") -> str:
    """A learner_status row's last activity (lesson or quiz), '' for none: what "active" compares."""
    prefix = f"{row}." if row else ""
    return dialect.greatest(f"coalesce({prefix}lesson_last, '')", f"coalesce({prefix}quiz_last, '')")


def group_indexes(dialect: Dialect) -> tuple[str, ...]:
    # Who was active lately is a moment, not a count a cell can keep: read from this index, as a
    # range of the learners active since then, with the scope's columns at hand.
    return (f"CREATE INDEX learner_status_active ON learner_status(({last_active(dialect)}),"
            " batch_id, region, agency)",)


def _cell_columns(r: str) -> str:
    return f"{_CELL.format(r=r)}, {r}.batch_id, {r}.region, {r}.agency"


def _added(table: str, key: tuple[str, ...], columns: list[str]) -> str:
    """`ON CONFLICT` that adds the inserted counts to the row already there."""
    return (f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            + ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns))


def _group_deltas(row: str, sign: str) -> list[str]:
    """A learner_status row `row` added to (sign '') or taken from (sign '-') its cells."""
    cell = _CELL.format(r=row)
    key = _cell_columns(row)
    statements = [
        f"""INSERT INTO {table} ({", ".join(extra)}{", " if extra else ""}cell, batch_id, region, agency,
                {", ".join(counts)})
            VALUES ({"".join(f"{row}.{k}, " for k in extra)}{key},
                    {", ".join(f"{sign}({e.format(r=row)})" for e in counts.values())})
            {_added(table, (*extra, "cell"), list(counts))}""" for table, (extra, counts) in _GROUPED.items()]
    if sign:
        statements += [f"DELETE FROM {table} WHERE {''.join(f'{k} = {row}.{k} AND ' for k in extra)}cell = {cell}"
                       " AND learners = 0" for table, (extra, _) in _GROUPED.items()]
    return statements


# group_weeks: the learner_weeks of learners (users with role 'learner', as learner_status holds),
# in the cell of their users row. A learner's weeks move with the person (users triggers), not on
# every refresh of learner_status.
_WEEK_SUMS = ["active", "lessons", "attempts"]
_INTO_WEEKS = f"INSERT INTO group_weeks (cell, batch_id, region, agency, week, {', '.join(_WEEK_SUMS)})"


def _week_deltas(row: str, sign: str) -> list[str]:
    """A learner_weeks row `row` added to or taken from the week of its learner's cell."""
    statements = [f"""{_INTO_WEEKS}
        SELECT {_cell_columns("u")}, {row}.week, {sign}1, {sign}{row}.lessons, {sign}{row}.attempts
        FROM users u WHERE u.id = {row}.user_id AND u.role = 'learner'
        {_added("group_weeks", ("cell", "week"), _WEEK_SUMS)}"""]
    if sign:
        # `IN`, not `=`: inside a trigger SQLite scans group_weeks for `cell = (SELECT …)`.
        statements.append(f"""DELETE FROM group_weeks WHERE week = {row}.week AND active = 0
            AND cell IN (SELECT {_CELL.format(r="u")} FROM users u WHERE u.id = {row}.user_id)""")
    return statements


def _person_weeks(row: str, sign: str, moved: str) -> list[str]:
    """A users row's weeks (if a learner) added to or taken from its cell, when `moved` holds."""
    statements = [f"""{_INTO_WEEKS}
        SELECT {_cell_columns(row)}, w.week, {sign}count(*), {sign}sum(w.lessons), {sign}sum(w.attempts)
        FROM learner_weeks w WHERE w.user_id = {row}.id AND {row}.role = 'learner' AND {moved} GROUP BY w.week
        {_added("group_weeks", ("cell", "week"), _WEEK_SUMS)}"""]
    if sign:
        statements.append(f"DELETE FROM group_weeks WHERE cell = {_CELL.format(r=row)} AND active = 0 AND {moved}")
    return statements


_WEEKS = (
    "DELETE FROM learner_weeks WHERE {where}",
    """INSERT INTO learner_weeks (user_id, week, lessons, attempts)
       SELECT d.user_id, d.week, sum(d.lessons), sum(d.attempts) FROM learner_days d WHERE {where}
       GROUP BY d.user_id, d.week""",
)
_GROUPS_REBUILT = (
    *(sql for table, (extra, counts) in _GROUPED.items() for sql in (
        f"DELETE FROM {table}",
        f"""INSERT INTO {table} ({"".join(f"{k}, " for k in extra)}cell, batch_id, region, agency, {", ".join(counts)})
            SELECT {"".join(f"s.{k}, " for k in extra)}{_cell_columns("s")},
                   {", ".join(f"sum({e.format(r='s')})" for e in counts.values())}
            FROM learner_status s GROUP BY {"".join(f"s.{k}, " for k in extra)}s.batch_id, s.region, s.agency""")),
    "DELETE FROM group_weeks",
    f"""{_INTO_WEEKS}
        SELECT {_cell_columns("u")}, w.week, count(*), sum(w.lessons), sum(w.attempts)
        FROM learner_weeks w JOIN users u ON u.id = w.user_id WHERE u.role = 'learner'
        GROUP BY u.batch_id, u.region, u.agency, w.week""",
)


def _group_triggers(dialect: Dialect) -> list[str]:
    """Triggers that keep learner_weeks and the group summaries (see _GROUP_COUNTS, _WEEK_SUMS)."""
    triggers = []
    # A person's weeks move when their cell changes or they become or stop being a learner.
    moved = {"INSERT": "1 = 1", "DELETE": "1 = 1",
             "UPDATE": f"({_CELL.format(r='OLD')} <> {_CELL.format(r='NEW')} OR OLD.role <> NEW.role)"}
    for event in ("INSERT", "UPDATE", "DELETE"):
        rows = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}[event]
        signs = {"OLD": "-", "NEW": ""}
        triggers += dialect.trigger_ddl(f"users_dashboard_weeks_{event.lower()}", "users", event, [
            sql for row in rows for sql in _person_weeks(row, signs[row], moved[event])])
        bodies = {
            "learner_status": [sql for row in rows for sql in _group_deltas(row, signs[row])],
            "learner_days": [sql for row in rows for sql in _fill(
                dialect, _WEEKS, where=f"user_id = {row}.user_id AND week = {row}.week")],
            "learner_weeks": [sql for row in rows for sql in _week_deltas(row, signs[row])],
        }
        for table, body in bodies.items():
            triggers += dialect.trigger_ddl(f"{table}_dashboard_{event.lower()}", table, event, body)
    return triggers


def has_group_summaries(conn: Connection) -> bool:
    """Whether the database has the group summaries yet (migration m014 makes them)."""
    return "learner_groups" in conn.dialect.tables(conn)


def rebuild_group_summaries(conn: Connection) -> None:
    """Recompute learner_weeks and the group summaries from learner_days and learner_status."""
    for sql in (*_fill(conn.dialect, _WEEKS, where="1 = 1"), *_GROUPS_REBUILT):
        conn.execute(sql)


def _fill(dialect: Dialect, statements: tuple[str, ...], **slots: str) -> list[str]:
    dated = {"day_after": dialect.day_after("k.day"), "week_of": dialect.week_start("k.day")}
    return [sql.format(**dated, **slots) for sql in statements]


def _summary_triggers(dialect: Dialect, *, groups: bool = True) -> list[str]:
    """Triggers that refresh the summaries of every learner, quiz, attempt and day a write touches
    (with `groups`, the group summaries' too)."""
    triggers = _group_triggers(dialect) if groups else []
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
    if has_group_summaries(conn):  # migrations before m014 rebuild without them
        rebuild_group_summaries(conn)


def drop_summary_triggers(conn: Connection) -> None:
    for name, table in conn.dialect.triggers(conn, "%\\_dashboard\\_%"):
        conn.execute(conn.dialect.drop_trigger(name, table))


def create_summary_triggers(conn: Connection) -> None:
    for ddl in _summary_triggers(conn.dialect, groups=has_group_summaries(conn)):
        conn.execute(ddl)


@contextmanager
def summaries_rebuilt_after(conn: Connection) -> Iterator[None]:
    """Bulk writes inside the caller's transaction without per-row triggers; then one full rebuild.

    For loading or deleting a whole cohort, where millions of per-row refreshes would be far slower
    than recomputing everything once. Other connections never see the triggers missing: the
    transaction holds the write lock and its schema change commits together with the rebuild.
    """
    drop_summary_triggers(conn)
    yield
    rebuild_dashboard_summaries(conn)
    create_summary_triggers(conn)
