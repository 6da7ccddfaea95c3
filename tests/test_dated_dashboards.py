"""Dashboards with a date range: each figure equals a count learner by learner over the source rows.

The dated figures come from per-cell sums, whole weeks of the group summaries and the days at a
range's edges; here they are counted again, plainly, from attempts, answers and lesson_progress.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from modules import analytics
from modules.analytics import MIN_GROUP, SUPPRESSED, Filters
from modules.course import PILLARS
from modules.quiz import gain_band, hake_gain
from modules.store import Store
from tests.cohort_builder import BIG_REGION, COURSE, NOW, SMALL_REGION, Cohort, add_activity, build, take

pytestmark = pytest.mark.both_engines

DAY = dt.timedelta(days=1)
# NOW is a Monday. Ranges that cut weeks at one end, at both, hold whole weeks only, one day, are
# open at one end, hold every attempt (the group summaries answer) and hold nothing.
RANGES = {
    "cuts both ends": ((NOW - 20 * DAY).date(), (NOW - 3 * DAY).date()),
    "cuts the start": ((NOW - 10 * DAY).date(), (NOW - DAY).date()),
    "whole weeks": ((NOW - 14 * DAY).date(), (NOW - DAY).date()),
    "one day": ((NOW - 2 * DAY).date(), (NOW - 2 * DAY).date()),
    "from a day on": ((NOW - 5 * DAY).date(), None),
    "up to a day": (None, (NOW - 15 * DAY).date()),
    "everything": ((NOW - 60 * DAY).date(), NOW.date()),
    "nothing": ((NOW - 200 * DAY).date(), (NOW - 100 * DAY).date()),
}


@pytest.fixture
def cohort(store: Store) -> Cohort:
    built = build(store)
    add_activity(built)
    store, second = built.store, built.learners_2
    # Batch 2 goes on over several weeks: more quizzes (first tries and retries), lessons on other
    # days, and one learner takes both tests, the post-test twice.
    for offset, (user_id, quiz, right) in enumerate(
            [(second[0], "digital-safety", 8), (second[1], "digital-safety", 4), (second[1], "digital-safety", 9),
             (second[2], "digital-culture", 7), (second[3], "digital-ethics", 9), (second[4], "digital-safety", 6),
             (second[5], "digital-culture", 3), (second[0], "digital-culture", 8)]):
        take(store, COURSE, user_id, quiz, right, NOW - (18 - 2 * offset) * DAY)
    for offset, user_id in enumerate(second):
        store.mark_lesson_done(user_id, COURSE.pillar_lessons("digital-safety")[0].id, NOW - (16 - 3 * offset) * DAY)
    take(store, COURSE, second[2], "pretest", 6, NOW - 17 * DAY, total=20)
    take(store, COURSE, second[2], "posttest", 12, NOW - 8 * DAY, total=20)
    take(store, COURSE, second[2], "posttest", 15, NOW - 2 * DAY, total=20)
    return built


# ---------------------------------------------------------------- counted from the source rows

def bounds(date_from: dt.date | None, date_to: dt.date | None) -> tuple[str, str]:
    """The range as `YYYY-MM-DD` days [low, high)."""
    return (date_from.isoformat() if date_from else "",
            (date_to + DAY).isoformat() if date_to else "9999")


def learners(store: Store, viewer: dict, filters: Filters) -> list[dict]:
    """The learners a viewer sees, narrowed by the filters, with their batch's name."""
    people = store._rows("""SELECT u.id, u.region, u.agency, u.batch_id, b.name AS batch FROM users u
                            LEFT JOIN batches b ON b.id = u.batch_id WHERE u.role = 'learner'""")
    if viewer["role"] == "trainer":
        batches = {r["batch_id"] for r in store._rows("SELECT batch_id FROM batch_trainers WHERE user_id = ?",
                                                      (viewer["id"],))}
        people = [p for p in people if p["batch_id"] in batches]
    elif viewer["role"] == "manager":
        scopes = store._rows("SELECT kind, value FROM manager_scopes WHERE user_id = ?", (viewer["id"],))
        if not any(s["kind"] == "all" for s in scopes):
            people = [p for p in people if any(
                (s["kind"] == "region" and p["region"] == s["value"]) or (s["kind"] == "agency" and p["agency"] == s["value"])
                or (s["kind"] == "batch" and str(p["batch_id"]) == s["value"]) for s in scopes)]
    for column, values in (("batch_id", filters.batch_ids), ("region", filters.regions), ("agency", filters.agencies)):
        if values:
            people = [p for p in people if p[column] in values]
    return people


def day(stamp: str) -> str:
    return stamp[:10]


def pairs_in_range(store: Store, people: list[dict], low: str, high: str) -> list[dict]:
    """Per learner and pillar quiz they submitted, first tried in the range: passed and best %."""
    ids = {p["id"]: p for p in people}
    by_pair = defaultdict(list)
    for a in store._rows("SELECT user_id, quiz_id, submitted_at, score, max_score, passed FROM attempts"):
        if a["user_id"] in ids and a["quiz_id"] in PILLARS and a["submitted_at"]:
            by_pair[(a["user_id"], a["quiz_id"])].append(a)
    result = []
    for (user_id, quiz_id), tries in by_pair.items():
        if low <= day(min(t["submitted_at"] for t in tries)) < high:
            result.append({**ids[user_id], "quiz_id": quiz_id, "passed": any(t["passed"] for t in tries),
                           "best": max(100 * t["score"] // t["max_score"] for t in tries)})
    return result


def figures(pairs: list[dict]) -> dict:
    n = len(pairs)
    return {"learners": len({p["id"] for p in pairs}),
            "pass_rate": round(sum(p["passed"] for p in pairs) / n, 4) if n else None,
            "mean_score": round(sum(p["best"] for p in pairs) / n, 1) if n else None}


def hidden(row: dict, keys: tuple[str, ...]) -> dict:
    return {**row, **{key: SUPPRESSED for key in keys if row[key] is not None}}


def expected_groups(people: list[dict], pairs: list[dict], by: str, aggregates_only: bool) -> list[dict]:
    if by == "pillar":
        groups = {pillar: None for pillar in PILLARS}
        member = "quiz_id"
    else:
        groups = defaultdict(int)
        for p in people:
            groups[p[by]] += 1
        member = by
    rows = []
    for group in sorted(groups, key=lambda g: (g is None, PILLARS.index(g) if by == "pillar" else 0, str(g))):
        mine = [p for p in pairs if p[member] == group]
        found = figures(mine)
        row = {"group": group, "enrolled": groups[group], "learners": found["learners"],
               "pass_rate": found["pass_rate"], "mean_score": found["mean_score"]}
        if by == "pillar":
            row["learners"] = len(mine)  # one pair per learner and quiz
        if aggregates_only and (0 < row["learners"] < MIN_GROUP or (row["enrolled"] or MIN_GROUP) < MIN_GROUP):
            row = hidden(row, ("enrolled", "learners", "pass_rate", "mean_score"))
        rows.append(row)
    return rows


def expected_gain(store: Store, people: list[dict], low: str, high: str, by: str, aggregates_only: bool) -> list[dict]:
    """Over learners with both tests whose last post-test is in the range: Hake's gain per group."""
    ids = {p["id"]: p for p in people}
    tests = store._rows("""SELECT a.user_id, a.quiz_id, a.submitted_at, ans.pillar, ans.correct FROM attempts a
                           JOIN answers ans ON ans.attempt_id = a.id WHERE a.quiz_id IN ('pretest', 'posttest')""")
    mine = defaultdict(list)
    for t in tests:
        if t["user_id"] in ids:
            mine[t["user_id"]].append(t)
    counted = [user_id for user_id, rows in mine.items() if {r["quiz_id"] for r in rows} == {"pretest", "posttest"}
               and low <= day(max(r["submitted_at"] for r in rows if r["quiz_id"] == "posttest")) < high]
    sums = defaultdict(lambda: {"right": 0, "asked": 0, "people": set()})
    for user_id in counted:
        for r in mine[user_id]:
            group = (r["pillar"] or "") if by == "pillar" else ids[user_id]["region"]
            cell = sums[(group, r["quiz_id"])]
            cell["right"] += r["correct"]
            cell["asked"] += 1
            cell["people"].add(user_id)
    groups = {group for group, _ in sums}
    order = [g for g in PILLARS if g in groups] if by == "pillar" else sorted(g for g in groups if g is not None)
    rows = []
    for group in order + [g for g in groups if g not in order]:
        pre, post = sums.get((group, "pretest")), sums.get((group, "posttest"))
        if not pre or not post:
            continue
        pre_pct, post_pct = 100 * pre["right"] / pre["asked"], 100 * post["right"] / post["asked"]
        gain = hake_gain(pre_pct, post_pct)
        row = {"group": group, "learners": max(len(pre["people"]), len(post["people"])), "pre": round(pre_pct, 1),
               "post": round(post_pct, 1), "gain": None if gain is None else round(gain, 3),
               "band": None if gain is None else gain_band(gain)}
        if aggregates_only and row["learners"] < MIN_GROUP:
            row = {**row, **dict.fromkeys(("learners", "pre", "post", "gain", "band"), SUPPRESSED)}
        rows.append(row)
    return rows


def expected_weeks(store: Store, people: list[dict], low: str, high: str, aggregates_only: bool) -> list[dict]:
    """Per week (its Monday): learners active on a day in the range, lessons done and quizzes submitted."""
    ids = {p["id"] for p in people}
    events = [(r["user_id"], day(r["at"]), "lessons") for r in store._rows(
        "SELECT user_id, completed_at AS at FROM lesson_progress WHERE completed_at IS NOT NULL")]
    events += [(r["user_id"], day(r["at"]), "attempts") for r in store._rows(
        "SELECT user_id, submitted_at AS at FROM attempts WHERE submitted_at IS NOT NULL")]
    weeks = defaultdict(lambda: {"people": set(), "lessons": 0, "attempts": 0})
    for user_id, when, kind in events:
        if user_id in ids and low <= when < high:
            date = dt.date.fromisoformat(when)
            week = weeks[(date - dt.timedelta(days=date.weekday())).isoformat()]
            week["people"].add(user_id)
            week[kind] += 1
    small = aggregates_only and 0 < len(people) < MIN_GROUP
    rows = []
    for week, found in sorted(weeks.items()):
        row = {"week": week, "active": len(found["people"]), "lessons": found["lessons"], "attempts": found["attempts"]}
        if aggregates_only and (small or row["active"] < MIN_GROUP):
            row.update(active=SUPPRESSED, lessons=SUPPRESSED, attempts=SUPPRESSED)
        rows.append(row)
    return rows


# ---------------------------------------------------------------- the dashboards against the count

def viewers_and_filters(cohort: Cohort) -> list[tuple[str, dict, Filters]]:
    return [("admin", cohort.admin, Filters()), ("province manager", cohort.manager_all, Filters()),
            ("region manager", cohort.manager_region, Filters()), ("trainer", cohort.trainer_a, Filters()),
            ("province manager, small region", cohort.manager_all, Filters(regions=(SMALL_REGION,))),
            ("province manager, batch 2", cohort.manager_all, Filters(batch_ids=(cohort.batch_2,)))]


@pytest.mark.parametrize("range_name", list(RANGES))
def test_dated_figures_equal_a_count_over_each_learner(cohort, range_name):
    store = cohort.store
    date_from, date_to = RANGES[range_name]
    low, high = bounds(date_from, date_to)
    for name, viewer, narrowed in viewers_and_filters(cohort):
        filters = Filters(narrowed.batch_ids, narrowed.regions, narrowed.agencies, date_from, date_to)
        people = learners(store, viewer, narrowed)
        aggregates_only = viewer["role"] == "manager"
        pairs = pairs_in_range(store, people, low, high)
        where = (range_name, name)
        for by in analytics.GROUPS:
            assert analytics.group_results(store, viewer, by, filters) == \
                expected_groups(people, pairs, by, aggregates_only), (*where, by)
        assert analytics.group_results_all(store, viewer, filters) == \
            {by: analytics.group_results(store, viewer, by, filters) for by in analytics.GROUPS}, where
        overview = analytics.cohort_overview(store, viewer, COURSE, NOW, filters)
        found = figures(pairs)
        if aggregates_only and 0 < len(people) < MIN_GROUP:
            expected_rate = SUPPRESSED if pairs else None
        elif aggregates_only and 0 < found["learners"] < MIN_GROUP:
            expected_rate = SUPPRESSED
        else:
            expected_rate = found["pass_rate"]
        assert overview["pass_rate"] == expected_rate, where
        # Everything else in the headline is the state as of now, whatever the range.
        undated = analytics.cohort_overview(store, viewer, COURSE, NOW, narrowed)
        assert {k: v for k, v in overview.items() if k != "pass_rate"} == \
            {k: v for k, v in undated.items() if k != "pass_rate"}, where
        for by in ("pillar", "region"):
            assert analytics.learning_gain(store, viewer, by, filters) == \
                expected_gain(store, people, low, high, by, aggregates_only), (*where, by)
        assert analytics.activity_by_week(store, viewer, filters) == \
            expected_weeks(store, people, low, high, aggregates_only), where


def test_the_count_sees_small_groups_and_several_weeks(cohort):
    # The cohort is rich enough for the comparison above to mean something.
    store = cohort.store
    low, high = bounds(*RANGES["cuts both ends"])
    people = learners(store, cohort.manager_all, Filters())
    weeks = expected_weeks(store, people, low, high, aggregates_only=True)
    assert len(weeks) >= 3 and any(w["active"] == SUPPRESSED for w in weeks) and any(
        w["active"] != SUPPRESSED for w in weeks)
    regions = {r["group"]: r for r in expected_groups(people, pairs_in_range(store, people, low, high), "region", True)}
    assert regions[SMALL_REGION]["enrolled"] == SUPPRESSED and regions[BIG_REGION]["learners"] >= MIN_GROUP
    assert expected_gain(store, people, *bounds(*RANGES["cuts the start"]), "pillar", aggregates_only=False)
