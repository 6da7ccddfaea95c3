"""Dashboard figures for trainers and managers, computed in SQL; every function returns plain data.

Who sees what is decided here, not by hiding pages: every function takes the viewing user and
only ever reads the learners in that user's scope —
- admin: every learner;
- trainer: the learners of the batches assigned to them (batch_trainers);
- manager: the learners of their scopes (all, an agency, a region or a batch; manager_scopes),
  as aggregates only: a group of fewer than five people is shown as "< 5", never as a figure;
- anyone else: nothing.
Figures about named people (the learners table, item analysis from their answers) are for
trainers and admins only.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from modules.course import PILLARS, Catalogue
from modules.quiz import gain_band, hake_gain
from modules.store import Store, stamp
from modules.summaries import last_active

SUPPRESSED = "< 5"
MIN_GROUP = 5
IDLE_DAYS = 7
FAILS_AT_RISK = 2
STATUSES = ("not_started", "studying", "all_passed", "posttest", "certificate")
FUNNEL = ("enrolled", "started", "all_lessons", "all_passed", "posttest", "certified")
GROUPS = ("region", "agency", "batch", "pillar")
TOO_EASY, TOO_HARD, WEAK_DISCRIMINATION = 0.95, 0.30, 0.20
UNUSED_DISTRACTOR = 0.01  # an option chosen by fewer than 1 in 100 distracts nobody
MIN_ITEM_ANSWERS = 20     # below this, item statistics are noise and get no flag
_PILLAR_LIST = ", ".join(f"'{p}'" for p in PILLARS)
PILLAR_KEYS = {pillar: pillar.split("-")[1] for pillar in PILLARS}  # learner_status column suffixes
BEST_COLUMNS = {pillar: f"best_{key}" for pillar, key in PILLAR_KEYS.items()}


def course_jp(catalogue: Catalogue) -> int:
    """Study hours (JP) credited per learner who completes the course (modules/jp.py)."""
    from modules import jp

    return jp.course_jp(catalogue)


@dataclass(frozen=True)
class Filters:
    """What the viewer narrowed the dashboard to; empty means everything in their scope."""

    batch_ids: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    date_from: dt.date | None = None   # quiz attempts and activity from this day (UTC) ...
    date_to: dt.date | None = None     # ... up to and including this day

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def stamps(self) -> tuple[str, str]:
        """The date range as timestamp bounds [from, to) that compare with stored ISO text."""
        low = stamp(dt.datetime.combine(self.date_from, dt.time(), dt.UTC)) if self.date_from else ""
        high = stamp(dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time(), dt.UTC)) \
            if self.date_to else "9999"
        return low, high

    def days(self) -> tuple[str, str]:
        """The date range as day bounds [from, to) that compare with stored `YYYY-MM-DD` days."""
        low = self.date_from.isoformat() if self.date_from else ""
        high = (self.date_to + dt.timedelta(days=1)).isoformat() if self.date_to else "9999"
        return low, high


NO_FILTERS = Filters()


def data_version(store: Store) -> tuple[Any, ...]:
    """A cheap mark that changes when learners' figures do, for keying cached dashboards: a quiz
    submitted or started, a lesson completed, a certificate issued or deleted, an evaluation sent, a
    person added or removed. Each part is an index look-up or a count over a small index.

    Not caught (to the second, timestamps having seconds): a second submission in the same second as
    the first, and edits of existing rows (a certificate revoked, a person moved to another region or
    deactivated); cached figures still expire by their TTL for those.
    """
    row = _rows(store, """SELECT (SELECT max(submitted_at) FROM attempts) AS submitted,
        (SELECT max(id) FROM attempts) AS attempts, (SELECT max(completed_at) FROM lesson_progress) AS lessons,
        (SELECT count(*) FROM certificates) AS certificates,
        (SELECT count(*) FROM evaluation_submissions) AS evaluations,
        (SELECT max(id) FROM users) AS last_user, (SELECT count(*) FROM users) AS users""")[0]
    return tuple(row.values())


# ---------------------------------------------------------------- scope

@dataclass(frozen=True)
class Scope:
    """A SQL condition on `users u` selecting the learners a viewer may see, with its parameters."""

    sql: str
    params: tuple[Any, ...]
    aggregates_only: bool

    @property
    def empty(self) -> bool:
        return self.sql == "0 = 1"


NOTHING = Scope("0 = 1", (), True)


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return list(store.db.query(sql, tuple(params)))


def _in(column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
    return f"{column} IN ({', '.join('?' * len(values))})", tuple(values)


def _current(store: Store, viewer: dict[str, Any] | None) -> dict[str, Any] | None:
    """The viewer as the database knows them now (role and active as stored, not as handed in)."""
    if not viewer or viewer.get("id") is None:
        return None
    user = store.get_user(viewer["id"])
    return user if user and user["active"] else None


def viewer_scope(store: Store, viewer: dict[str, Any] | None) -> Scope:
    """The learners `viewer` may see, as a condition on `users u`."""
    viewer = _current(store, viewer)
    role = (viewer or {}).get("role")
    if role == "admin":
        return Scope("1 = 1", (), False)
    if role == "trainer":
        # The batch ids as values, not as a subquery: each engine then estimates the scope from its
        # knowledge of batch_id (PostgreSQL's statistics, SQLite's index) and reads one batch's
        # learners through the index, however many learners the whole site holds.
        batches = [row["batch_id"] for row in _rows(
            store, "SELECT batch_id FROM batch_trainers WHERE user_id = ? ORDER BY batch_id", (viewer["id"],))]
        if not batches:
            return NOTHING
        sql, params = _in("u.batch_id", batches)
        return Scope(sql, params, False)
    if role != "manager":
        return NOTHING
    scopes = _rows(store, "SELECT kind, value FROM manager_scopes WHERE user_id = ?", (viewer["id"],))
    if any(s["kind"] == "all" for s in scopes):
        return Scope("1 = 1", (), True)
    parts, params = [], []
    for kind, column in (("agency", "u.agency"), ("region", "u.region")):
        values = [s["value"] for s in scopes if s["kind"] == kind]
        if values:
            sql, more = _in(column, values)
            parts.append(sql)
            params += more
    batch_values = [s["value"] for s in scopes if s["kind"] == "batch"]
    if batch_values:
        # A batch scope names the batch by id or by name.
        ids = [b["id"] for b in _rows(store, "SELECT id, name FROM batches")
               if str(b["id"]) in batch_values or b["name"] in batch_values]
        if ids:
            sql, more = _in("u.batch_id", ids)
            parts.append(sql)
            params += more
    if not parts:
        return NOTHING
    return Scope("(" + " OR ".join(parts) + ")", tuple(params), True)


def _user_conditions(scope: Scope, filters: Filters, *, status: bool = False) -> tuple[str, list[Any]]:
    """The WHERE condition, on `users u` (or on `learner_status u`), for the learners in scope and filters."""
    # `u.role || ''` keeps SQLite from choosing an index on role (scanning users in id order is cheaper
    # than sorting); PostgreSQL plans it as it likes. learner_status holds learners only, with their
    # batch, region and agency.
    conditions, params = [scope.sql] if status else ["u.role || '' = 'learner'", scope.sql], list(scope.params)
    for column, values in (("u.batch_id", filters.batch_ids), ("u.region", filters.regions),
                           ("u.agency", filters.agencies)):
        if values:
            sql, more = _in(column, values)
            conditions.append(sql)
            params += more
    return " AND ".join(conditions), params


def _scoped_cte(scope: Scope, filters: Filters) -> tuple[str, list[Any]]:
    """`scoped`: id, batch_id, region, agency of the learners in scope and in the filters."""
    where, params = _user_conditions(scope, filters)
    return f"scoped AS (SELECT u.id, u.batch_id, u.region, u.agency FROM users u WHERE {where})", params


def _hide_small(value: Any, people: int | None, scope: Scope) -> Any:
    """A figure about fewer than five people, shown to an aggregates-only viewer, becomes "< 5"."""
    if scope.aggregates_only and people is not None and 0 < people < MIN_GROUP:
        return SUPPRESSED
    return value


def _small_group(store: Store, scope: Scope, filters: Filters) -> bool:
    """Whether an aggregates-only viewer's filtered group holds fewer than five learners (but some):
    then every figure about it is hidden, zeros too ("none of the 3 finished" is about 3 people)."""
    if not scope.aggregates_only:
        return False
    people = _group_sums(store, scope, filters, {"n": "sum(u.learners)"})[0]["n"] or 0
    return 0 < people < MIN_GROUP


def _group_sums(store: Store, scope: Scope, filters: Filters, sums: dict[str, str], by: Sequence[str] = (), *,
                table: str = "learner_groups", lessons_from: int | None = None,
                having: str = "") -> list[dict[str, Any]]:
    """Sums over the learners in scope and filters, from the group summaries (one row per batch,
    region and agency; learner_group_lessons: and lessons done, see modules/summaries.py): `sums`
    as {name: SQL on `u`}, grouped by the columns `by` (`b.name` is the batch's name);
    `lessons_from`: only the learners who have done that many lessons (learner_group_lessons)."""
    where, params = _user_conditions(scope, filters, status=True)
    if lessons_from is not None:
        where, params = f"u.lessons_done >= ? AND {where}", [lessons_from, *params]
    columns = ", ".join([*by, *(f"{sql} AS {name}" for name, sql in sums.items())])
    grouped = f"GROUP BY {', '.join(column.split(' AS ')[0] for column in by)}" if by else ""
    return _rows(store, f"""SELECT {columns} FROM {table} u LEFT JOIN batches b ON b.id = u.batch_id
                            WHERE {where} {grouped} {having}""", params)


# A learners-by-group cell (batch, region, agency) as the dashboards' Python sums it up.
_CELL_BY = ("u.region", "u.agency", "u.batch_id", "b.name AS batch")


def _share(part: float | None, whole: float | None) -> float | None:
    return round(part / whole, 4) if whole else None


# ---------------------------------------------------------------- per learner (shared SQL)

def _learner_ctes(scope: Scope, filters: Filters) -> tuple[str, list[Any]]:
    """CTE `per`: one row per learner in scope with lessons done, best score per pillar, pillars passed,
    post-test taken, the first quiz failed twice and not passed, last activity and certificate.

    Reads learner_status, the one-row-per-learner summary, not every attempt.
    """
    where, params = _user_conditions(scope, filters, status=True)
    stuck = " ".join(f"WHEN u.passed_{key} = 0 AND u.fails_{key} >= {FAILS_AT_RISK} THEN '{pillar}'"
                     for pillar, key in PILLAR_KEYS.items())
    sql = f"""per AS (
        SELECT u.user_id, u.lessons_done, u.lesson_last, {", ".join(f"u.{c}" for c in BEST_COLUMNS.values())},
               u.pillars_passed, u.posttest_done, CASE {stuck} END AS stuck_quiz, u.quiz_last, u.certified
        FROM learner_status u WHERE {where})"""
    return sql, params


def _moment(text: str | None) -> dt.datetime | None:
    """A stored timestamp or date as an aware UTC datetime (a date means its midnight UTC)."""
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _like(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _status(row: dict[str, Any]) -> str:
    if row["certified"]:
        return "certificate"
    if row["posttest_done"]:
        return "posttest"
    if row["pillars_passed"] == len(PILLARS):
        return "all_passed"
    return "studying" if row["last_activity"] else "not_started"


def risk_reasons(row: dict[str, Any], now: dt.datetime) -> list[str]:
    """Why a learner needs a trainer's attention: idle 7 days, or two fails on a quiz not yet passed.

    Idle counts from the last activity, or from the batch start for someone who never began.
    Learners who took the post-test are done and never at risk.
    """
    if row["status"] in ("posttest", "certificate"):
        return []
    reasons = []
    since = _moment(row["last_activity"] or row.get("batch_starts_on"))
    if since is not None and since <= now - dt.timedelta(days=IDLE_DAYS):
        reasons.append("idle" if row["last_activity"] else "never_started")
    if row.get("stuck_quiz"):
        reasons.append("failed_twice")
    return reasons


# ---------------------------------------------------------------- trainer: learners

def learners_table(store: Store, viewer: dict[str, Any], now: dt.datetime, *, search: str = "",
                   status: str | None = None, at_risk_only: bool = False,
                   filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """One row per learner in the trainer's batches: status, last activity, best score per pillar, risk.

    Only for trainers and admins; managers see no named person and get nothing.
    `search` matches part of the NIP or the name; `status` is one of STATUSES.
    """
    scope = viewer_scope(store, viewer)
    if scope.empty or scope.aggregates_only:
        return []
    ctes, params = _learner_ctes(scope, filters)
    where, more = [], []
    needle = search.strip()
    if needle:
        # A NIP is often typed with spaces or dots; a name in any case.
        where.append("(u.nip LIKE ? ESCAPE '\\' OR lower(u.name) LIKE ? ESCAPE '\\')")
        more += [_like(re.sub(r"[\s.]", "", needle)), _like(needle.lower())]
    sql = f"""WITH {ctes}
        SELECT u.id, u.nip, u.name, u.email, u.agency, u.region, b.name AS batch, b.starts_on AS batch_starts_on,
               per.lessons_done, {", ".join(f"per.{c}" for c in BEST_COLUMNS.values())},
               per.pillars_passed, per.posttest_done, per.stuck_quiz, per.certified,
               CASE WHEN coalesce(per.lesson_last, '') > coalesce(per.quiz_last, '') THEN per.lesson_last
                    ELSE per.quiz_last END AS last_activity
        FROM per JOIN users u ON u.id = per.user_id
        LEFT JOIN batches b ON b.id = u.batch_id
        {"WHERE " + " AND ".join(where) if where else ""}"""
    rows = _rows(store, sql, [*params, *more])  # no ORDER BY: risk_order below is a total order
    result = []
    for row in rows:
        row["certified"] = bool(row["certified"])
        row["status"] = _status(row)
        row["risk"] = risk_reasons(row, now)
        row["at_risk"] = bool(row["risk"])
        if status and row["status"] != status:
            continue
        if at_risk_only and not row["at_risk"]:
            continue
        result.append(row)
    return sorted(result, key=risk_order)


def risk_order(row: dict[str, Any]) -> tuple:
    """Who a trainer should reach first: at risk before the rest, more reasons before fewer, the
    longest silent first (never active counts as longest), then by name."""
    return (not row["at_risk"], -len(row["risk"]), row["last_activity"] or "", row["name"].casefold(), row["id"])


# ---------------------------------------------------------------- trainer: quizzes

def quiz_summary(store: Store, viewer: dict[str, Any], filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """Per quiz: learners who took it, pass rate on the first attempt and ever, first-attempt mean score,
    and how many attempts learners needed to pass ({1: n, 2: n, …}; `not_passed` who have not yet).
    The pre- and post-test have no pass rate (None): they measure, they are not passed."""
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return []
    scoped, params = _scoped_cte(scope, filters)
    low, high = filters.stamps()
    rows = _rows(store, f"""WITH {scoped}
        SELECT qs.quiz_id, qs.until_pass, count(*) AS learners, sum(qs.first_passed) AS first_passed,
               sum(CASE WHEN qs.passes > 0 THEN 1 ELSE 0 END) AS passed, sum(qs.first_pct) AS first_pct
        FROM learner_quiz_stats qs
        WHERE qs.user_id IN (SELECT id FROM scoped) AND qs.submitted > 0 AND qs.first_at >= ? AND qs.first_at < ?
        GROUP BY qs.quiz_id, qs.until_pass""", [*params, low, high])
    by_quiz: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = by_quiz.setdefault(row["quiz_id"], {"quiz_id": row["quiz_id"], "learners": 0, "first_passed": 0,
                                                    "passed": 0, "first_pct": 0, "until_pass": {}})
        for key in ("learners", "first_passed", "passed", "first_pct"):
            entry[key] += row[key] or 0
        entry["until_pass"][row["until_pass"] or "not_passed"] = row["learners"]
    result = []
    for quiz_id in (*PILLARS, "pretest", "posttest"):
        if quiz_id not in by_quiz:
            continue
        entry = by_quiz[quiz_id]
        people = entry["learners"]
        graded = quiz_id in PILLARS  # the pre- and post-test measure; nobody passes or fails them
        result.append({
            "quiz_id": quiz_id, "learners": _hide_small(people, people, scope),
            "first_pass_rate": _hide_small(_share(entry["first_passed"], people), people, scope) if graded else None,
            "ever_pass_rate": _hide_small(_share(entry["passed"], people), people, scope) if graded else None,
            "first_mean_score": _hide_small(round(entry["first_pct"] / people, 1), people, scope),
            "until_pass": {k: _hide_small(v, v, scope) for k, v in entry["until_pass"].items()},
        })
    return result


def score_histogram(store: Store, viewer: dict[str, Any], quiz_id: str,
                    filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """How many submitted attempts at `quiz_id` scored each percentage (0, 10, …, 100 for a pillar quiz)."""
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return []
    scoped, params = _scoped_cte(scope, filters)
    low, high = filters.stamps()
    rows = _rows(store, f"""WITH {scoped}
        SELECT 100 * a.score / a.max_score AS percent, count(*) AS attempts
        FROM attempts a WHERE a.user_id IN (SELECT id FROM scoped) AND a.quiz_id = ?
            AND a.submitted_at >= ? AND a.submitted_at < ? GROUP BY percent ORDER BY percent""",
                 [*params, quiz_id, low, high])
    return [{"percent": r["percent"], "attempts": _hide_small(r["attempts"], r["attempts"], scope)} for r in rows]


# ---------------------------------------------------------------- trainer: item analysis

def item_analysis(store: Store, viewer: dict[str, Any], catalogue: Catalogue, quiz_id: str,
                  filters: Filters = NO_FILTERS) -> dict[str, Any]:
    """Every question of `quiz_id` over learners' first attempts: difficulty, discrimination, option shares, flags.

    - difficulty: share of first attempts that answered the question right;
    - discrimination: item–rest correlation (the question against the rest of the attempt's score);
    - option_shares: share of answers that included each option (original option order);
    - flags: (reason, value) for too easy, too hard, weak or negative discrimination, unused distractor;
    - alpha: Cronbach's alpha (KR-20) of the quiz. Each attempt draws k questions from a larger bank, so
      the item-variance term is k times the answer-weighted mean of p(1 − p) over the bank's questions.
    Trainers and admins only.
    """
    empty = {"quiz_id": quiz_id, "attempts": 0, "alpha": None, "items": []}
    scope = viewer_scope(store, viewer)
    if scope.empty or scope.aggregates_only:
        return empty
    scoped, params = _scoped_cte(scope, filters)
    low, high = filters.stamps()
    ctes = f"""WITH {scoped},
        firsts AS (SELECT min(a.id) AS id FROM attempts a WHERE a.user_id IN (SELECT id FROM scoped)
                   AND a.quiz_id = ? AND a.submitted_at IS NOT NULL GROUP BY a.user_id),
        f AS (SELECT a.id, a.score, a.max_score FROM firsts JOIN attempts a ON a.id = firsts.id
              WHERE a.submitted_at >= ? AND a.submitted_at < ?)"""
    args = [*params, quiz_id, low, high]
    totals = _rows(store, f"""{ctes} SELECT count(*) AS n, sum(score) AS s, sum(score * score) AS s2,
                                       avg(max_score) AS k FROM f""", args)[0]
    if not totals["n"]:
        return empty
    cells = _rows(store, f"""{ctes}
        SELECT ans.question_id, ans.chosen, ans.correct, count(*) AS n, sum(f.score - ans.correct) AS rest,
               sum((f.score - ans.correct) * (f.score - ans.correct)) AS rest2
        FROM f JOIN answers ans ON ans.attempt_id = f.id
        GROUP BY ans.question_id, ans.chosen, ans.correct""", args)
    items = _item_statistics(cells, catalogue)
    return {"quiz_id": quiz_id, "attempts": totals["n"], "alpha": _kr20(totals, items), "items": items}


def _item_statistics(cells: list[dict[str, Any]], catalogue: Catalogue) -> list[dict[str, Any]]:
    acc: dict[str, dict[str, Any]] = defaultdict(lambda: {"n": 0, "right": 0, "r": 0.0, "r2": 0.0, "xr": 0.0,
                                                          "picks": defaultdict(int)})
    for cell in cells:
        item = acc[cell["question_id"]]
        item["n"] += cell["n"]
        item["r"] += cell["rest"]
        item["r2"] += cell["rest2"]
        if cell["correct"]:
            item["right"] += cell["n"]
            item["xr"] += cell["rest"]
        for index in json.loads(cell["chosen"]):
            item["picks"][index] += cell["n"]
    items = []
    for qid, item in acc.items():
        question = catalogue.questions.get(qid)
        n = item["n"]
        p = item["right"] / n
        mean_r = item["r"] / n
        var_r = item["r2"] / n - mean_r**2
        var_x = p * (1 - p)
        cov = item["xr"] / n - p * mean_r
        discrimination = round(cov / math.sqrt(var_x * var_r), 3) if var_x > 1e-12 and var_r > 1e-12 else None
        options = len(question.options) if question else max(item["picks"], default=-1) + 1
        shares = [round(item["picks"].get(i, 0) / n, 4) for i in range(options)]
        correct = question.correct_indexes if question else frozenset()
        items.append({"question_id": qid, "lesson": question.lesson if question else None,
                      "answers": n, "difficulty": round(p, 4), "discrimination": discrimination,
                      "option_shares": shares, "correct": sorted(correct), "variance": var_x,
                      "flags": item_flags(n, p, discrimination, shares, correct)})
    return sorted(items, key=lambda i: i["question_id"])


def item_flags(answers: int, difficulty: float, discrimination: float | None, shares: Sequence[float],
               correct: frozenset[int] | set[int]) -> list[tuple[str, Any]]:
    """Why a question needs a second look, each reason with the figure behind it."""
    if answers < MIN_ITEM_ANSWERS:
        return []
    flags: list[tuple[str, Any]] = []
    if difficulty > TOO_EASY:
        flags.append(("too_easy", difficulty))
    if difficulty < TOO_HARD:
        flags.append(("too_hard", difficulty))
    if discrimination is not None and discrimination < 0:
        flags.append(("negative_discrimination", discrimination))
    elif discrimination is not None and discrimination < WEAK_DISCRIMINATION:
        flags.append(("weak_discrimination", discrimination))
    for index, share in enumerate(shares):
        if index not in correct and share < UNUSED_DISTRACTOR:
            flags.append(("unused_distractor", index))
    return flags


def _kr20(totals: dict[str, Any], items: list[dict[str, Any]]) -> float | None:
    n, k = totals["n"], totals["k"]
    if n < 2 or not k or k < 2 or not items:
        return None
    var_total = totals["s2"] / n - (totals["s"] / n) ** 2
    if var_total <= 0:
        return None
    answered = sum(i["answers"] for i in items)
    mean_item_var = sum(i["variance"] * i["answers"] for i in items) / answered
    return round(k / (k - 1) * (1 - k * mean_item_var / var_total), 3)


# ---------------------------------------------------------------- manager: cohort

def cohort_overview(store: Store, viewer: dict[str, Any], catalogue: Catalogue, now: dt.datetime,
                    filters: Filters = NO_FILTERS) -> dict[str, Any]:
    """Headline figures and the completion funnel of the viewer's scope.

    Funnel stages are nested: each counts the learners who reached it and every stage before it.
    "Certified" has one meaning everywhere (headline, funnel, trainer status): holds a certificate
    that is not revoked. A certificate counts as having passed every earlier stage, also one issued
    under an earlier completion rule or before lessons were added to the course, so the funnel's
    last stage always equals the headline.
    `pass_rate` is the share of (learner, pillar quiz) pairs that ended in a pass, among pairs tried,
    for quizzes first taken in the date range. `jp` is the study hours credited: the course's JP for
    every certified learner.
    """
    scope = viewer_scope(store, viewer)
    zero = {key: 0 for key in ("enrolled", "active_7d", "completed", "certified", "finished")}
    if scope.empty:
        return {**zero, "pass_rate": None, "jp": 0, "jp_per_learner": course_jp(catalogue),
                "funnel": [{"stage": s, "learners": 0} for s in FUNNEL]}
    found = _group_sums(store, scope, filters, {"enrolled": "sum(u.learners)", "started": "sum(u.started)",
                                                "certified": "sum(u.certified)", **_PAIR_SUMS})[0]
    # A stage past "started" needs every lesson done (as many as the course has now) or a
    # certificate: the certified, and who else reached it among those with every lesson done.
    done = _group_sums(store, scope, filters, {f"s_{stage}": f"sum(u.{column} - u.certified)" for stage, column in
                                               (("lessons", "started"), ("passed", "passed_on"), ("post", "post_on"))},
                       table="learner_group_lessons", lessons_from=len(catalogue.lessons))[0]
    row = {k: v or 0 for k, v in {**found, **done}.items()}
    for stage in ("s_lessons", "s_passed", "s_post"):
        row[stage] += row["certified"]
    row["s_cert"] = row["finished"] = row["certified"]
    row["active"] = _active_since(store, scope, filters, stamp(now - dt.timedelta(days=IDLE_DAYS)))
    if filters.dated:  # the pairs first tried in the range, summed over the cells
        pairs = {key: value or 0 for key, value in _pair_cells(store, scope, filters, by=())[0].items()}
        pass_rate = [_pair_figures({**pairs, "grp": "all"})] if pairs["pairs"] else []
    else:  # the pairs of everyone in scope, as learner_groups sums them
        pass_rate = [_pair_figures({**row, "grp": "all"})] if row["enrolled"] else []
    people = pass_rate[0]["learners"] if pass_rate else 0

    def hide(count: int) -> int | str:
        """A count of people, or "< 5"."""
        return _hide_small(count, count, scope)

    funnel = [row["enrolled"], row["started"], row["s_lessons"], row["s_passed"], row["s_post"], row["s_cert"]]
    jp = row["finished"] * course_jp(catalogue)
    if 0 < row["enrolled"] < MIN_GROUP and scope.aggregates_only:
        return {**{key: SUPPRESSED for key in zero}, "pass_rate": SUPPRESSED if pass_rate else None, "jp": SUPPRESSED,
                "jp_per_learner": course_jp(catalogue),
                "funnel": [{"stage": s, "learners": SUPPRESSED} for s in FUNNEL]}
    return {
        "enrolled": hide(row["enrolled"]), "active_7d": hide(row["active"]), "completed": hide(row["s_passed"]),
        "certified": hide(row["certified"]), "finished": hide(row["finished"]),
        "pass_rate": _hide_small(pass_rate[0]["pass_rate"], people, scope) if pass_rate else None,
        "jp": SUPPRESSED if hide(row["finished"]) == SUPPRESSED else jp,
        "jp_per_learner": course_jp(catalogue),
        "funnel": [{"stage": stage, "learners": hide(count)} for stage, count in zip(FUNNEL, funnel, strict=True)],
    }


def _pair_cells(store: Store, scope: Scope, filters: Filters, by: Sequence[str] = _CELL_BY) -> list[dict[str, Any]]:
    """The (learner, pillar quiz) pairs first tried in the date range, per cell (region, agency, batch)
    as `_group_sums` gives them, or in one row (`by` empty): learners who tried any, and per pillar
    `tried_k`, `passed_k`, `best_k` (pairs, pairs passed, best scores summed), with their totals
    `pairs`, `passed`, `best`.

    A learner sits in one cell, so the cells' learners add up to any grouping of them. A range that
    holds every pair reads the group summaries instead (the same figures, from hundreds of rows).
    """
    low, high = filters.stamps()
    if _range_holds_every_attempt(store, low, high):
        return _group_sums(store, scope, filters, _PAIR_CELL_SUMS, by)
    # Each pair's learner from users by rowid: the cheapest look-up SQLite has, once per pair.
    where, params = _user_conditions(scope, filters)
    sums = {"learners": "count(DISTINCT qs.user_id)"}
    for pillar, k in PILLAR_KEYS.items():
        sums |= {f"tried_{k}": f"sum(CASE WHEN qs.quiz_id = '{pillar}' THEN 1 ELSE 0 END)",
                 f"passed_{k}": f"sum(CASE WHEN qs.quiz_id = '{pillar}' AND qs.passes > 0 THEN 1 ELSE 0 END)",
                 f"best_{k}": f"sum(CASE WHEN qs.quiz_id = '{pillar}' THEN coalesce(qs.best_pct, 0) ELSE 0 END)"}
    grouped = f"GROUP BY {', '.join(column.split(' AS ')[0] for column in by)}" if by else ""
    cells = _rows(store, f"""
        SELECT {", ".join([*by, *(f"{sql} AS {name}" for name, sql in sums.items())])}
        FROM learner_quiz_stats qs JOIN users u ON u.id = qs.user_id
        LEFT JOIN batches b ON b.id = u.batch_id
        WHERE qs.quiz_id IN ({_PILLAR_LIST}) AND qs.submitted > 0 AND qs.first_at >= ? AND qs.first_at < ?
            AND {where} {grouped}""", [low, high, *params])
    for cell in cells:
        for name, column in (("pairs", "tried"), ("passed", "passed"), ("best", "best")):
            cell[name] = sum(cell[f"{column}_{k}"] or 0 for k in PILLAR_KEYS.values())
    return cells


def _range_holds_every_attempt(store: Store, low: str, high: str) -> bool:
    """Whether every submitted quiz attempt lies in the timestamps [low, high): then so does every
    pair's first attempt, and the range selects what no range does. Two look-ups in attempts_submitted."""
    first, last = _rows(store, "SELECT (SELECT min(submitted_at) FROM attempts) AS first, "
                               "(SELECT max(submitted_at) FROM attempts) AS last")[0].values()
    return first is None or (first >= low and last < high)


# (learner, pillar quiz) pairs over learner_groups: learners who tried any, pairs tried, passed, best %.
_PAIR_SUMS = {"learners": "sum(u.tried)",
              **{name: f"sum({' + '.join(f'u.{column}_{k}' for k in PILLAR_KEYS.values())})"
                 for name, column in (("pairs", "tried"), ("passed", "passed"), ("best", "best"))}}
# ... and per cell, with each pillar's own (`_pair_cells`).
_PAIR_CELL_SUMS = {**_PAIR_SUMS, **{f"{what}_{k}": f"sum(u.{what}_{k})" for k in PILLAR_KEYS.values()
                                    for what in ("tried", "passed", "best")}}


def _active_since(store: Store, scope: Scope, filters: Filters, since: str) -> int:
    """Learners in scope whose last lesson or quiz activity is at or after `since`: a range of the
    learner_status_active index, whatever the scope's size."""
    where, params = _user_conditions(scope, filters, status=True)
    return _rows(store, f"""SELECT count(*) AS n FROM learner_status u
                            WHERE {last_active(store.db.dialect, "u")} >= ? AND {where}""", [since, *params])[0]["n"]


def _pair_figures(row: dict[str, Any]) -> dict[str, Any]:
    pairs = row["pairs"] or 0
    return {"grp": row["grp"], "learners": row["learners"] or 0, "pairs": pairs,
            "pass_rate": round(row["passed"] / pairs, 4) if pairs else None,
            "mean_score": round(row["best"] / pairs, 1) if pairs else None}



def group_results(store: Store, viewer: dict[str, Any], by: str, filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """Pass rate and mean score by region, agency, batch or pillar, with each group's enrolment.

    A group with fewer than five learners shows "< 5" in every figure to aggregates-only viewers.
    """
    if by not in GROUPS:
        raise ValueError(by)
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return []
    return group_results_all(store, viewer, filters)[by]


def group_results_all(store: Store, viewer: dict[str, Any], filters: Filters = NO_FILTERS) -> dict[str, list]:
    """`group_results` for every grouping at once, in one pass: every grouping is a sum of the cells
    (region, agency, batch). Enrolment is as of now; with a date range, the pairs first tried in it."""
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return {by: [] for by in GROUPS}
    keys = list(PILLAR_KEYS.values())
    if filters.dated:
        cells = _group_sums(store, scope, filters, {"enrolled": "sum(u.learners)"}, _CELL_BY)
        tried = {_cell_key(c): c for c in _pair_cells(store, scope, filters)}
        zero = dict.fromkeys(("learners", *(f"{what}_{k}" for k in keys for what in ("tried", "passed", "best"))), 0)
        cells = [{**zero, **tried.get(_cell_key(cell), {}), **cell} for cell in cells]
    else:
        cells = _group_sums(store, scope, filters, {"enrolled": "sum(u.learners)", **_PAIR_CELL_SUMS}, _CELL_BY)
    result = {}
    for by in ("region", "agency", "batch"):
        sums: dict[Any, dict[str, int]] = {}
        for cell in cells:
            total = sums.setdefault(cell[by], {"grp": cell[by], "enrolled": 0, "learners": 0, "pairs": 0,
                                               "passed": 0, "best": 0})
            total["enrolled"] += cell["enrolled"]
            total["learners"] += cell["learners"]
            for k in keys:
                total["pairs"] += cell[f"tried_{k}"]
                total["passed"] += cell[f"passed_{k}"]
                total["best"] += cell[f"best_{k}"]
        figures = {group: _pair_figures(total) for group, total in sums.items()}
        result[by] = _group_rows(scope, by, {g: t["enrolled"] for g, t in sums.items()},
                                 {g: f for g, f in figures.items() if f["pairs"]})
    pillars = {}
    for pillar, k in PILLAR_KEYS.items():
        tried_k = sum(cell[f"tried_{k}"] for cell in cells)
        if tried_k:
            pillars[pillar] = _pair_figures({"grp": pillar, "learners": tried_k, "pairs": tried_k,
                                             "passed": sum(cell[f"passed_{k}"] for cell in cells),
                                             "best": sum(cell[f"best_{k}"] for cell in cells)})
    result["pillar"] = _group_rows(scope, "pillar", dict.fromkeys(PILLARS, None), pillars)
    return result


def _cell_key(cell: dict[str, Any]) -> tuple:
    return cell["region"], cell["agency"], cell["batch_id"]


def _group_rows(scope: Scope, by: str, enrolled: dict[Any, int | None],
                results: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per group, in order, with small groups hidden from aggregates-only viewers."""
    def order(group: Any) -> tuple:
        """Pillars in course order; other groups by name, an unknown group last."""
        return (group is None, PILLARS.index(group) if by == "pillar" and group in PILLARS else 0, str(group))

    rows = []
    for group in sorted(set(enrolled) | set(results), key=order):
        result = results.get(group, {})
        people = result.get("learners", 0)
        row = {"group": group, "enrolled": enrolled.get(group), "learners": people,
               "pass_rate": result.get("pass_rate"), "mean_score": result.get("mean_score")}
        if scope.aggregates_only and (0 < people < MIN_GROUP or (row["enrolled"] or MIN_GROUP) < MIN_GROUP):
            row.update({k: SUPPRESSED for k in ("enrolled", "learners", "pass_rate", "mean_score")
                        if row[k] is not None})
        rows.append(row)
    return rows


def learning_gain(store: Store, viewer: dict[str, Any], by: str, filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """Pre → post-test results and Hake's gain by pillar or by region, over learners who took both.

    The gain is Hake's class-average gain, (post − pre) / (100 − pre) of the group's mean percentages,
    with its band (low, medium, high). Post-tests taken in the date range count.
    """
    if by not in ("pillar", "region"):
        raise ValueError(by)
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return []
    rows = _gain_rows_from_status(store, scope, filters, by) if not filters.dated \
        else _gain_rows_dated(store, scope, filters, by)
    by_group: dict[Any, dict[str, Any]] = {}
    for row in rows:
        entry = by_group.setdefault(row["grp"], {"group": row["grp"], "learners": 0})
        entry[row["quiz_id"]] = 100 * row["right_answers"] / row["asked"] if row["asked"] else None
        entry["learners"] = max(entry["learners"], row["learners"])
    order = list(PILLARS) if by == "pillar" else sorted(g for g in by_group if g is not None)
    result = []
    for key in order + [g for g in by_group if g not in order]:
        entry = by_group.get(key)
        if not entry or entry.get("pretest") is None or entry.get("posttest") is None:
            continue
        gain = hake_gain(entry["pretest"], entry["posttest"])
        row = {"group": key, "learners": entry["learners"], "pre": round(entry["pretest"], 1),
               "post": round(entry["posttest"], 1), "gain": None if gain is None else round(gain, 3),
               "band": None if gain is None else gain_band(gain)}
        if scope.aggregates_only and entry["learners"] < MIN_GROUP:
            row.update({k: SUPPRESSED for k in ("learners", "pre", "post", "gain", "band")})
        result.append(row)
    return result


def _gain_rows_from_status(store: Store, scope: Scope, filters: Filters, by: str) -> list[dict[str, Any]]:
    """(grp, quiz_id, right_answers, asked, learners) from learner_groups, over learners with both tests
    (the groups count their answers only for those)."""
    keys = PILLAR_KEYS.values()
    tests = [(test, value) for test in ("pre", "post") for value in ("right", "asked")]
    if by == "region":
        found = _group_sums(store, scope, filters, {
            "learners": "sum(u.both_tests)",
            **{f"{t}_{v}": f"sum({' + '.join(f'u.{t}_{v}_{k}' for k in keys)})" for t, v in tests}},
            ("u.region AS grp",), having="HAVING sum(u.both_tests) > 0")
        return [{"grp": r["grp"], "quiz_id": f"{test}test", "right_answers": r[f"{test}_right"],
                 "asked": r[f"{test}_asked"], "learners": r["learners"]} for r in found for test in ("pre", "post")]
    found = _group_sums(store, scope, filters, {
        "learners": "sum(u.both_tests)", **{f"{t}_{v}_{k}": f"sum(u.{t}_{v}_{k})" for k in keys for t, v in tests}})[0]
    if not found["learners"]:
        return []
    return [{"grp": pillar, "quiz_id": f"{test}test", "right_answers": found[f"{test}_right_{k}"],
             "asked": found[f"{test}_asked_{k}"], "learners": found["learners"]}
            for pillar, k in PILLAR_KEYS.items() for test in ("pre", "post")]


def _gain_rows_dated(store: Store, scope: Scope, filters: Filters, by: str) -> list[dict[str, Any]]:
    """(grp, quiz_id, right_answers, asked, learners) over learners whose post-test is in the date range.

    The learners in scope with both tests (learner_status) whose last post-test is in the range (an
    index look-up each), then their test results only.
    """
    where, params = _user_conditions(scope, filters, status=True)
    low, high = filters.stamps()
    group = "tr.pillar" if by == "pillar" else "u.region"
    # MATERIALIZED: each learner's last post-test looked up once, not once per test result.
    return _rows(store, f"""WITH both_tests AS MATERIALIZED (
            SELECT u.user_id, u.region, (SELECT max(p.submitted_at) FROM test_pillar_results p
                                         WHERE p.user_id = u.user_id AND p.quiz_id = 'posttest') AS last_post
            FROM learner_status u WHERE u.both_tests = 1 AND {where})
        SELECT {group} AS grp, tr.quiz_id, sum(tr.right_answers) AS right_answers, sum(tr.asked) AS asked,
               count(DISTINCT tr.user_id) AS learners
        FROM both_tests u JOIN test_pillar_results tr ON tr.user_id = u.user_id
        WHERE u.last_post >= ? AND u.last_post < ?
        GROUP BY grp, tr.quiz_id""", [*params, low, high])


def activity_by_week(store: Store, viewer: dict[str, Any], filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """Per week (starting Monday): learners active, lessons completed, quiz attempts submitted."""
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return []
    where, params = _user_conditions(scope, filters, status=True)
    # Whole weeks from the group summaries; with a date range, the days of the weeks it cuts (at most
    # one at each end) from each learner's days.
    first, last = _whole_weeks(filters)
    rows = _rows(store, f"""
        SELECT u.week, sum(u.active) AS active, sum(u.lessons) AS lessons, sum(u.attempts) AS attempts
        FROM group_weeks u WHERE u.week >= ? AND u.week <= ? AND {where} GROUP BY u.week ORDER BY u.week""",
                 [first, last, *params])
    if filters.dated:
        (low, below), (above, high) = _cut_days(filters, first, last)
        rows = sorted(rows + _rows(store, f"""
            SELECT d.week, count(DISTINCT d.user_id) AS active, sum(d.lessons) AS lessons,
                   sum(d.attempts) AS attempts
            FROM learner_days d JOIN learner_status u ON u.user_id = d.user_id
            WHERE (d.day >= ? AND d.day < ? OR d.day >= ? AND d.day < ?) AND {where}
            GROUP BY d.week""", [low, below, above, high, *params]), key=lambda row: row["week"])
    # A week's lessons and attempts are as much about its active learners as their count is: all
    # three go when fewer than five were active, or when the whole filtered group is that small.
    small = _small_group(store, scope, filters)
    for row in rows:
        if scope.aggregates_only and (small or row["active"] < MIN_GROUP):
            row.update(active=SUPPRESSED, lessons=SUPPRESSED, attempts=SUPPRESSED)
    return rows


def _whole_weeks(filters: Filters) -> tuple[str, str]:
    """The first and the last week (its Monday, `YYYY-MM-DD`) that lie wholly in the date range;
    "" and "9999" where the range is open."""
    first = last = None
    if filters.date_from:
        first = filters.date_from + dt.timedelta(days=-filters.date_from.weekday() % 7)
    if filters.date_to:
        end = filters.date_to + dt.timedelta(days=1 - 7)  # a week starting here ends with the range
        last = end - dt.timedelta(days=end.weekday())
    return (first.isoformat() if first else "", last.isoformat() if last else "9999")


def _cut_days(filters: Filters, first: str, last: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The day ranges [from, to) of the range outside its whole weeks `first` … `last`: before them and
    after them (the whole range when it holds no whole week)."""
    low, high = filters.days()
    if first > last:
        return (low, high), (high, high)
    after = (dt.date.fromisoformat(last) + dt.timedelta(days=7)).isoformat() if last != "9999" else high
    return (low, first or low), (after, high)


# ---------------------------------------------------------------- filter choices

def filter_options(store: Store, viewer: dict[str, Any]) -> dict[str, list[Any]]:
    """The batches, regions and agencies that hold learners in the viewer's scope (for the filter widgets)."""
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return {"batches": [], "regions": [], "agencies": []}
    where, params = _user_conditions(scope, NO_FILTERS, status=True)
    # The distinct choices first (from the group summaries), then their batch names.
    rows = _rows(store, f"""SELECT g.batch_id, b.name AS batch, g.region, g.agency
        FROM (SELECT DISTINCT u.batch_id, u.region, u.agency FROM learner_groups u WHERE {where}) g
        LEFT JOIN batches b ON b.id = g.batch_id""", params)
    batches = sorted({(r["batch_id"], r["batch"]) for r in rows if r["batch_id"] is not None}, key=lambda b: b[1])
    return {"batches": [{"id": i, "name": n} for i, n in batches],
            "regions": sorted({r["region"] for r in rows if r["region"]}),
            "agencies": sorted({r["agency"] for r in rows if r["agency"]})}


def scope_description(store: Store, viewer: dict[str, Any]) -> list[tuple[str, str]]:
    """The viewer's manager scopes as (kind, value) with batches by name; admins have ("all", "")."""
    viewer = _current(store, viewer)
    if (viewer or {}).get("role") == "admin":
        return [("all", "")]
    if (viewer or {}).get("role") != "manager":
        return []
    names = {str(b["id"]): b["name"] for b in _rows(store, "SELECT id, name FROM batches")}
    return [(s["kind"], names.get(s["value"], s["value"]) if s["kind"] == "batch" else s["value"])
            for s in _rows(store, "SELECT kind, value FROM manager_scopes WHERE user_id = ? ORDER BY kind, value",
                           (viewer["id"],))]


# ---------------------------------------------------------------- manager: who lags

COMPLETION_GROUPS = ("region", "agency", "batch")


def group_completion(store: Store, viewer: dict[str, Any], catalogue: Catalogue,
                     filters: Filters = NO_FILTERS) -> dict[str, list[dict[str, Any]]]:
    """Per region, agency and batch: enrolled, completed (every lesson done and every pillar quiz
    passed, as in the headline) and certified, with their rates; laggards first (lowest completion
    rate, then lowest certified rate). State as of now: the date range does not apply.

    Groups under five people show "< 5" in every figure to aggregates-only viewers.
    """
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return {by: [] for by in COMPLETION_GROUPS}
    cells = _group_sums(store, scope, filters, {"enrolled": "sum(u.learners)", "certified": "sum(u.certified)"},
                        _CELL_BY)
    completed = {(c["region"], c["agency"], c["batch_id"]): c["completed"] for c in _group_sums(
        store, scope, filters, {"completed": "sum(u.all_passed)"}, _CELL_BY, table="learner_group_lessons",
        lessons_from=len(catalogue.lessons))}
    for cell in cells:
        cell["completed"] = completed.get((cell["region"], cell["agency"], cell["batch_id"]), 0)
    result = {}
    for by in COMPLETION_GROUPS:
        sums: dict[Any, dict[str, Any]] = {}
        for cell in cells:
            total = sums.setdefault(cell[by], {"group": cell[by], "enrolled": 0, "completed": 0, "certified": 0})
            for key in ("enrolled", "completed", "certified"):
                total[key] += cell[key] or 0
        rows = []
        for total in sums.values():
            row = {**total, "completion_rate": _share(total["completed"], total["enrolled"]),
                   "certified_rate": _share(total["certified"], total["enrolled"])}
            if scope.aggregates_only and total["enrolled"] < MIN_GROUP:
                row.update({key: SUPPRESSED for key in ("enrolled", "completed", "certified", "completion_rate",
                                                        "certified_rate")})
            rows.append(row)
        result[by] = sorted(rows, key=_laggards_first)
    return result


def _laggards_first(row: dict[str, Any]) -> tuple:
    """Lowest completion first, then lowest certification; hidden small groups and the unknown last."""
    hidden = row["completion_rate"] == SUPPRESSED
    return (hidden, row["group"] is None,
            0.0 if hidden else row["completion_rate"] or 0.0, 0.0 if hidden else row["certified_rate"] or 0.0,
            str(row["group"]))


# ---------------------------------------------------------------- closing a batch: graduates

# The server's operator at the command line (`python -m modules export-jp`): sees every learner.
# A distinct object, so no page can become it by passing an empty or forged user.
COMMAND_LINE: dict[str, Any] = {"role": "command-line"}


def graduates(store: Store, viewer: dict[str, Any], filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """Learners in scope holding a valid (not revoked) certificate, by batch and NIP.

    Each row: user_id, nip, name, batch, batch_starts_on, code, issued_at and the certificate's
    snapshot (JSON text). A date range keeps certificates issued in it. Named people, so trainers
    and admins only; managers get nothing.
    """
    scope = Scope("1 = 1", (), False) if viewer is COMMAND_LINE else viewer_scope(store, viewer)
    if scope.empty or scope.aggregates_only:
        return []
    where, params = _user_conditions(scope, filters)
    low, high = filters.stamps()
    return _rows(store, f"""
        SELECT u.id AS user_id, u.nip, u.name, b.name AS batch, b.starts_on AS batch_starts_on,
               c.code, c.issued_at, c.snapshot
        FROM users u JOIN certificates c ON c.user_id = u.id LEFT JOIN batches b ON b.id = u.batch_id
        WHERE {where} AND c.revoked_at IS NULL AND c.issued_at >= ? AND c.issued_at < ?
        ORDER BY b.name, u.nip""", [*params, low, high])


# ---------------------------------------------------------------- closing a batch: course evaluation

EVALUATION_GROUPS = ("all", "batch", "agency", "region")
_EVALUATION_GROUP_SQL = {"all": "'all'", "batch": "b.name", "agency": "u.agency", "region": "u.region"}


def _evaluation_scope(store: Store, viewer: dict[str, Any], filters: Filters) -> tuple[str, list[Any]] | None:
    """The condition on `evaluation_responses u` for the responses in the viewer's scope and filters.

    A response carries batch, agency and region but no person, so the same scope conditions apply
    to it as to a learner. The date range is not applied: responses keep no time (see schema.py).
    """
    scope = viewer_scope(store, viewer)
    if scope.empty:
        return None
    return _user_conditions(scope, Filters(filters.batch_ids, filters.regions, filters.agencies), status=True)


def evaluation_results(store: Store, viewer: dict[str, Any], by: str = "all", filters: Filters = NO_FILTERS,
                       *, agree_from: int = 4) -> list[dict[str, Any]]:
    """Course-evaluation results per group: responses, mean rating per aspect and overall (1 to the
    scale's top), and the share of ratings that agree (`agree_from` and above: the form's
    `EvaluationForm.agree_from`, 4 on a five-point scale).

    Every viewer, admins included, sees a group of fewer than five responses as "< 5" only: the
    answers are anonymous, and a small group's figures would tell whose they are.
    """
    if by not in EVALUATION_GROUPS:
        raise ValueError(by)
    condition = _evaluation_scope(store, viewer, filters)
    if condition is None:
        return []
    where, params = condition
    group = _EVALUATION_GROUP_SQL[by]
    cells = _rows(store, f"""
        SELECT {group} AS grp, r.aspect, count(DISTINCT u.id) AS responses, count(*) AS ratings,
               sum(r.rating) AS total, sum(CASE WHEN r.rating >= ? THEN 1 ELSE 0 END) AS agree
        FROM evaluation_responses u JOIN evaluation_ratings r ON r.response_id = u.id
        LEFT JOIN batches b ON b.id = u.batch_id
        WHERE {where} GROUP BY grp, r.aspect""", [agree_from, *params])
    counts = {r["grp"]: r["n"] for r in _rows(store, f"""
        SELECT {group} AS grp, count(*) AS n FROM evaluation_responses u LEFT JOIN batches b ON b.id = u.batch_id
        WHERE {where} GROUP BY grp""", params)}
    groups: dict[Any, dict[str, Any]] = {}
    for cell in cells:
        entry = groups.setdefault(cell["grp"], {"ratings": 0, "total": 0, "agree": 0, "aspects": {}})
        entry["aspects"][cell["aspect"]] = round(cell["total"] / cell["ratings"], 2)
        for key in ("ratings", "total", "agree"):
            entry[key] += cell[key]
    result = []
    for name in sorted(counts, key=lambda g: (g is None, str(g))):
        entry = groups.get(name, {"ratings": 0, "total": 0, "agree": 0, "aspects": {}})
        responses = counts[name]
        row = {"group": name, "responses": responses, "aspects": entry["aspects"],
               "overall": round(entry["total"] / entry["ratings"], 2) if entry["ratings"] else None,
               "agree": _share(entry["agree"], entry["ratings"])}
        if responses < MIN_GROUP:
            row = {"group": name, "responses": SUPPRESSED, "aspects": dict.fromkeys(entry["aspects"], SUPPRESSED),
                   "overall": SUPPRESSED, "agree": SUPPRESSED}
        result.append(row)
    return result


def evaluation_comments(store: Store, viewer: dict[str, Any], filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """The open answers in scope, for admins only, and only when they come from five responses or
    more (fewer could be told apart). Sorted by question and text, never in the order given."""
    viewer_now = _current(store, viewer)
    if (viewer_now or {}).get("role") != "admin":
        return []
    condition = _evaluation_scope(store, viewer, filters)
    if condition is None:
        return []
    where, params = condition
    responses = _rows(store, f"SELECT count(*) AS n FROM evaluation_responses u WHERE {where}", params)[0]["n"]
    if responses < MIN_GROUP:
        return []
    return _rows(store, f"""
        SELECT c.question_id, c.text FROM evaluation_responses u JOIN evaluation_comments c ON c.response_id = u.id
        WHERE {where} ORDER BY c.question_id, c.text""", params)
