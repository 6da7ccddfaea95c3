"""Which region, agency or batch lags: completion and certification per group, laggards first,
small groups hidden from managers; figures agree with the per-learner table."""

from __future__ import annotations

from collections import defaultdict

import pytest

from modules import analytics
from modules.analytics import SUPPRESSED
from modules.course import PILLARS
from tests.cohort_builder import COURSE, NOW, SMALL_REGION, Cohort, add_activity, build

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


@pytest.fixture
def cohort(store) -> Cohort:
    built = build(store)
    add_activity(built)
    return built


def expected(cohort: Cohort, by: str) -> dict:
    people = analytics.learners_table(cohort.store, cohort.admin, NOW)
    users = {u["id"]: u for u in cohort.store.db.query("SELECT id, region, agency FROM users")}
    sums = defaultdict(lambda: [0, 0, 0])
    for row in people:
        group = row["batch"] if by == "batch" else users[row["id"]][by]
        sums[group][0] += 1
        sums[group][1] += row["lessons_done"] >= len(COURSE.lessons) and row["pillars_passed"] >= len(PILLARS)
        sums[group][2] += row["certified"]
    return {group: tuple(values) for group, values in sums.items()}


@pytest.mark.parametrize("by", analytics.COMPLETION_GROUPS)
def test_figures_agree_with_the_learners_table(cohort, by):
    rows = analytics.group_completion(cohort.store, cohort.admin, COURSE)[by]
    assert {r["group"]: (r["enrolled"], r["completed"], r["certified"]) for r in rows} == expected(cohort, by)
    for row in rows:
        assert row["completion_rate"] == round(row["completed"] / row["enrolled"], 4)


def test_laggards_come_first(cohort):
    rows = analytics.group_completion(cohort.store, cohort.admin, COURSE)["region"]
    rates = [(r["completion_rate"], r["certified_rate"]) for r in rows if r["group"] is not None]
    assert rates == sorted(rates)


def test_a_manager_never_sees_a_group_under_five(cohort):
    rows = analytics.group_completion(cohort.store, cohort.manager_all, COURSE)["region"]
    small = next(r for r in rows if r["group"] == SMALL_REGION)
    assert {small[k] for k in ("enrolled", "completed", "certified", "completion_rate", "certified_rate")} == \
        {SUPPRESSED}
    assert rows[-1]["group"] == SMALL_REGION or rows[-1]["group"] is None  # hidden groups sort last
    admin_small = next(r for r in analytics.group_completion(cohort.store, cohort.admin, COURSE)["region"]
                       if r["group"] == SMALL_REGION)
    assert isinstance(admin_small["enrolled"], int) and admin_small["enrolled"] < 5  # an admin sees the figure


def test_a_learner_or_a_stranger_sees_nothing(cohort):
    assert analytics.group_completion(cohort.store, cohort.learner, COURSE) == {
        by: [] for by in analytics.COMPLETION_GROUPS}
