"""Dashboard figures: who may see what, small groups hidden, and the figures themselves."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

import pytest

from modules import analytics
from modules.analytics import SUPPRESSED, Filters
from modules.course import PILLARS
from modules.quiz import gain_band, hake_gain
from modules.store import Store, migrations, rebuild_dashboard_summaries
from modules.summaries import _summary_triggers, create_summary_triggers, drop_summary_triggers
from tests.cohort_builder import (
    BIG_REGION,
    COURSE,
    EDUCATION,
    HEALTH,
    NOW,
    SMALL_REGION,
    Cohort,
    add_activity,
    build,
    take,
)

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


@pytest.fixture
def cohort(store: Store) -> Cohort:
    built = build(store)
    add_activity(built)
    return built


def ids(rows: list[dict]) -> set[int]:
    return {row["id"] for row in rows}


# ---------------------------------------------------------------- scope, one test per role

def test_trainer_sees_only_their_own_batch(cohort):
    store = cohort.store
    assert ids(analytics.learners_table(store, cohort.trainer_a, NOW)) == set(cohort.learners_1)
    assert ids(analytics.learners_table(store, cohort.trainer_b, NOW)) == set(cohort.learners_2)
    # Asking for the other trainer's batch through the filters returns nothing.
    other = Filters(batch_ids=(cohort.batch_2,))
    assert analytics.learners_table(store, cohort.trainer_a, NOW, filters=other) == []
    assert analytics.quiz_summary(store, cohort.trainer_a, other) == []
    assert analytics.item_analysis(store, cohort.trainer_a, COURSE, "digital-skills", other)["items"] == []
    assert analytics.cohort_overview(store, cohort.trainer_a, COURSE, NOW, other)["enrolled"] == 0
    skills = next(q for q in analytics.quiz_summary(store, cohort.trainer_b) if q["quiz_id"] == "digital-skills")
    assert skills["learners"] == len(cohort.learners_2)


def test_manager_sees_aggregates_of_their_scope_and_no_person(cohort):
    store = cohort.store
    assert analytics.learners_table(store, cohort.manager_all, NOW) == []
    assert analytics.item_analysis(store, cohort.manager_all, COURSE, "digital-skills")["items"] == []
    assert analytics.cohort_overview(store, cohort.manager_all, COURSE, NOW)["enrolled"] == 17
    assert analytics.cohort_overview(store, cohort.manager_region, COURSE, NOW)["enrolled"] == 14
    assert analytics.cohort_overview(store, cohort.manager_batch, COURSE, NOW)["enrolled"] == 6
    # The region manager filtering for another region gets nothing.
    other = Filters(regions=(SMALL_REGION,))
    assert analytics.cohort_overview(store, cohort.manager_region, COURSE, NOW, other)["enrolled"] == 0
    assert analytics.group_results(store, cohort.manager_region, "region", other) == []
    regions = {row["group"] for row in analytics.group_results(store, cohort.manager_region, "region")}
    assert regions == {BIG_REGION}
    # No row of any manager figure carries a NIP or a name.
    text = repr([analytics.cohort_overview(store, cohort.manager_all, COURSE, NOW),
                 *(analytics.group_results(store, cohort.manager_all, by) for by in analytics.GROUPS),
                 analytics.learning_gain(store, cohort.manager_all, "pillar"),
                 analytics.activity_by_week(store, cohort.manager_all)])
    learner = store.get_user(cohort.learners_1[0])
    assert learner["nip"] not in text and learner["name"] not in text


def test_admin_sees_everyone(cohort):
    everyone = analytics.learners_table(cohort.store, cohort.admin, NOW)
    assert ids(everyone) == set(cohort.learners_1) | set(cohort.learners_2)
    assert analytics.cohort_overview(cohort.store, cohort.admin, COURSE, NOW)["enrolled"] == 17


def test_learner_sees_nothing(cohort):
    store, learner = cohort.store, cohort.learner
    assert analytics.learners_table(store, learner, NOW) == []
    assert analytics.quiz_summary(store, learner) == []
    assert analytics.item_analysis(store, learner, COURSE, "digital-skills")["items"] == []
    assert analytics.cohort_overview(store, learner, COURSE, NOW)["enrolled"] == 0
    assert all(analytics.group_results(store, learner, by) == [] for by in analytics.GROUPS)
    assert analytics.learning_gain(store, learner, "pillar") == []
    assert analytics.activity_by_week(store, learner) == []
    assert analytics.viewer_scope(store, None).empty


def test_scope_follows_the_stored_role_not_the_one_handed_in(cohort):
    store = cohort.store
    forged = {**cohort.learner, "role": "admin"}
    assert analytics.learners_table(store, forged, NOW) == []
    store.set_user_active(cohort.trainer_a["id"], False, cohort.admin["id"])
    assert analytics.learners_table(store, cohort.trainer_a, NOW) == []


def test_manager_without_scope_sees_nothing(cohort):
    store = cohort.store
    store.set_manager_scopes(cohort.manager_agency["id"], [], cohort.admin["id"])
    assert analytics.cohort_overview(store, cohort.manager_agency, COURSE, NOW)["enrolled"] == 0


# ---------------------------------------------------------------- small groups

def test_groups_under_five_people_are_shown_as_less_than_five_to_managers(cohort):
    store = cohort.store
    rows = {row["group"]: row for row in analytics.group_results(store, cohort.manager_all, "region")}
    assert rows[SMALL_REGION] == {"group": SMALL_REGION, "enrolled": SUPPRESSED, "learners": SUPPRESSED,
                                  "pass_rate": SUPPRESSED, "mean_score": SUPPRESSED}
    assert rows[BIG_REGION]["enrolled"] == 14
    # The small-region manager's whole scope is under five people.
    small = analytics.cohort_overview(store, cohort.manager_small_region, COURSE, NOW)
    assert small["enrolled"] == SUPPRESSED and small["pass_rate"] == SUPPRESSED
    # Certified learners are 2 in the province: a count that could point to people.
    assert analytics.cohort_overview(store, cohort.manager_all, COURSE, NOW)["certified"] == SUPPRESSED
    # Trainers and admins see the real figures of their own people.
    assert analytics.cohort_overview(store, cohort.admin, COURSE, NOW)["certified"] == 2


def every_figure(value) -> list:
    """Every leaf value of a dashboard result (dicts and lists walked), keys aside."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() if key not in ("stage", "week", "group", "jp_per_learner")
                for leaf in every_figure(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in every_figure(item)]
    return [value]


def test_a_filter_narrowed_to_one_person_shows_no_figure_of_them_anywhere(cohort):
    store = cohort.store
    # One learner in batch 2 moved to a region of their own: the filter picks exactly that person.
    lone = cohort.learners_2[0]
    with store.write() as conn:  # the users trigger refreshes the learner's summary row
        conn.execute("UPDATE users SET region = 'Kota Cilegon' WHERE id = ?", (lone,))
    take(store, COURSE, lone, "digital-safety", 8, NOW - dt.timedelta(days=1))
    one = Filters(regions=("Kota Cilegon",))
    weeks = analytics.activity_by_week(store, cohort.manager_all, one)
    assert weeks and all(week[key] == SUPPRESSED for week in weeks for key in ("active", "lessons", "attempts"))
    overview = analytics.cohort_overview(store, cohort.manager_all, COURSE, NOW, one)
    assert {v for v in every_figure(overview) if v is not None} == {SUPPRESSED}
    for by in analytics.GROUPS:
        rows = analytics.group_results(store, cohort.manager_all, by, one)
        assert all(v in (SUPPRESSED, None, 0) for v in every_figure(rows)), (by, rows)
    # Dated filters too.
    dated = Filters(regions=("Kota Cilegon",), date_from=(NOW - dt.timedelta(days=30)).date(), date_to=NOW.date())
    assert all(w["attempts"] == SUPPRESSED for w in analytics.activity_by_week(store, cohort.manager_all, dated))
    # The admin still sees the person's figures.
    assert any(w["attempts"] for w in analytics.activity_by_week(store, cohort.admin, one))


def test_a_week_with_fewer_than_five_active_hides_its_lessons_and_attempts_from_managers(cohort):
    weeks = analytics.activity_by_week(cohort.store, cohort.manager_all)
    for week in weeks:
        if week["active"] == SUPPRESSED:
            assert week["lessons"] == SUPPRESSED and week["attempts"] == SUPPRESSED
        else:
            assert week["active"] >= 5


# ---------------------------------------------------------------- learners table

def test_learners_table_status_activity_best_scores_and_risk(cohort):
    rows = {row["id"]: row for row in analytics.learners_table(cohort.store, cohort.trainer_a, NOW)}
    first = cohort.learners_1
    assert rows[first[0]]["status"] == "certificate" and rows[first[0]]["risk"] == []
    assert rows[first[0]]["best_safety"] == 90 and rows[first[0]]["lessons_done"] == len(COURSE.lessons)
    assert rows[first[2]]["status"] == "studying"
    assert rows[first[2]]["risk"] == ["idle", "failed_twice"] and rows[first[2]]["stuck_quiz"] == "digital-safety"
    assert rows[first[2]]["best_safety"] == 50
    assert rows[first[3]]["status"] == "studying" and rows[first[3]]["risk"] == []
    assert rows[first[3]]["last_activity"] == (NOW - dt.timedelta(days=1)).isoformat()
    assert rows[first[5]]["status"] == "not_started" and rows[first[5]]["risk"] == ["never_started"]
    assert rows[first[5]]["last_activity"] is None


def test_learners_table_search_and_filters(cohort):
    store, trainer = cohort.store, cohort.trainer_a
    target = store.get_user(cohort.learners_1[2])
    spaced = f"{target['nip'][:8]} {target['nip'][8:14]} {target['nip'][14]} {target['nip'][15:]}"
    assert ids(analytics.learners_table(store, trainer, NOW, search=spaced)) == {target["id"]}
    assert ids(analytics.learners_table(store, trainer, NOW, search="satu 12")) == {target["id"]}
    assert analytics.learners_table(store, trainer, NOW, search="%") == []  # a wildcard is taken literally
    certified = analytics.learners_table(store, trainer, NOW, status="certificate")
    assert ids(certified) == set(cohort.learners_1[:2])
    at_risk = analytics.learners_table(store, trainer, NOW, at_risk_only=True)
    assert cohort.learners_1[2] in ids(at_risk) and cohort.learners_1[3] not in ids(at_risk)


def test_risk_reasons_rule():
    base = {"status": "studying", "last_activity": "2026-11-20T03:00:00+00:00", "batch_starts_on": "2026-11-01",
            "stuck_quiz": None}
    assert analytics.risk_reasons(base, NOW) == []
    assert analytics.risk_reasons({**base, "last_activity": "2026-11-16T03:00:00+00:00"}, NOW) == ["idle"]
    assert analytics.risk_reasons({**base, "stuck_quiz": "digital-ethics"}, NOW) == ["failed_twice"]
    fresh = {**base, "status": "not_started", "last_activity": None, "batch_starts_on": "2026-11-20"}
    assert analytics.risk_reasons(fresh, NOW) == []  # the batch began three days ago
    assert analytics.risk_reasons({**base, "status": "posttest", "stuck_quiz": "x",
                                   "last_activity": "2026-01-01T00:00:00+00:00"}, NOW) == []


# ---------------------------------------------------------------- quizzes

def test_quiz_summary_pass_rates_and_attempts_until_pass(cohort):
    summary = {q["quiz_id"]: q for q in analytics.quiz_summary(cohort.store, cohort.trainer_a)}
    skills = summary["digital-skills"]
    # Learners 0, 1 (9/10), 3 (7/10) passed first time; learner 4 failed then passed.
    assert skills["learners"] == 4
    assert skills["first_pass_rate"] == 0.75 and skills["ever_pass_rate"] == 1.0
    assert skills["until_pass"] == {1: 3, 2: 1}
    assert skills["first_mean_score"] == (90 + 90 + 70 + 60) / 4
    safety = summary["digital-safety"]
    assert safety["until_pass"] == {1: 2, "not_passed": 1}


def test_score_histogram_counts_every_attempt(cohort):
    bars = analytics.score_histogram(cohort.store, cohort.trainer_a, "digital-skills")
    assert bars == [{"percent": 60, "attempts": 1}, {"percent": 70, "attempts": 1},
                    {"percent": 80, "attempts": 1}, {"percent": 90, "attempts": 2}]


# ---------------------------------------------------------------- item analysis

def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def test_item_analysis_matches_hand_computed_statistics(store):
    cohort = build(store)
    course_ids = sorted(q.id for q in COURSE.pillar_questions("digital-ethics"))[:10]
    # 11 batch-1 learners take the ethics quiz once with 0..10 right (the first `right` questions right).
    rights = list(range(11))
    for user_id, right in zip(cohort.learners_1, rights, strict=True):
        take(store, COURSE, user_id, "digital-ethics", right, NOW - dt.timedelta(days=1))
    # A second attempt must not count: item analysis uses first attempts only.
    take(store, COURSE, cohort.learners_1[0], "digital-ethics", 10, NOW)
    result = analytics.item_analysis(store, cohort.trainer_a, COURSE, "digital-ethics")
    assert result["attempts"] == 11
    items = {item["question_id"]: item for item in result["items"]}
    matrix = [[1 if index < right else 0 for index in range(10)] for right in rights]
    for index, qid in enumerate(course_ids):
        column = [row[index] for row in matrix]
        rest = [sum(row) - row[index] for row in matrix]
        assert items[qid]["difficulty"] == round(sum(column) / 11, 4)
        assert items[qid]["discrimination"] == pytest.approx(pearson(column, rest), abs=1e-3)
    # KR-20 on a fixed 10-item form: k/(k-1) · (1 − Σ p(1−p) / var(total)).
    totals = [sum(row) for row in matrix]
    mean = sum(totals) / 11
    var_total = sum((x - mean) ** 2 for x in totals) / 11
    p = [sum(row[i] for row in matrix) / 11 for i in range(10)]
    expected = 10 / 9 * (1 - sum(pi * (1 - pi) for pi in p) / var_total)
    assert result["alpha"] == pytest.approx(expected, abs=1e-3)
    # Option shares: the wrong answers all chose the first wrong option; shares follow the options.
    first = items[course_ids[0]]
    assert sum(first["option_shares"][i] for i in first["correct"]) == pytest.approx(10 / 11, abs=1e-3)


def test_item_flags_name_the_reason():
    assert analytics.item_flags(100, 0.97, 0.4, [0.97, 0.03], {0}) == [("too_easy", 0.97)]
    assert analytics.item_flags(100, 0.2, 0.1, [0.2, 0.4, 0.4], {0}) == [("too_hard", 0.2),
                                                                         ("weak_discrimination", 0.1)]
    assert analytics.item_flags(100, 0.6, -0.2, [0.6, 0.395, 0.005], {0}) == [("negative_discrimination", -0.2),
                                                                            ("unused_distractor", 2)]
    assert analytics.item_flags(10, 0.99, -0.5, [0.99, 0.01], {0}) == []  # too few answers to judge


# ---------------------------------------------------------------- manager figures

def test_overview_funnel_is_nested_and_counts_jp(cohort, monkeypatch):
    from modules import jp

    monkeypatch.setenv("KELAS_COURSE_JP", "4")  # may lower the computed JP
    head = analytics.cohort_overview(cohort.store, cohort.admin, COURSE, NOW)
    funnel = {row["stage"]: row["learners"] for row in head["funnel"]}
    assert funnel == {"enrolled": 17, "started": 14, "all_lessons": 2, "all_passed": 2, "posttest": 2,
                      "certified": 2}
    assert jp.breakdown(COURSE, 10).computed > 4
    assert head["finished"] == 2 and head["jp"] == 8 and head["jp_per_learner"] == 4
    # Active in the last 7 days: learners 3, 4 and the three small-region learners, plus batch 2's six.
    assert head["active_7d"] == 11


def test_group_results_by_pillar_and_batch(cohort):
    by_batch = {row["group"]: row for row in analytics.group_results(cohort.store, cohort.admin, "batch")}
    assert by_batch["Angkatan 2"] == {"group": "Angkatan 2", "enrolled": 6, "learners": 6, "pass_rate": 0.5,
                                      "mean_score": 65.0}
    by_pillar = [row["group"] for row in analytics.group_results(cohort.store, cohort.admin, "pillar")]
    assert by_pillar == ["digital-skills", "digital-safety", "digital-culture", "digital-ethics"]


def test_learning_gain_uses_hake_on_group_averages(cohort):
    rows = {row["group"]: row for row in analytics.learning_gain(cohort.store, cohort.admin, "pillar")}
    # Both finishers: pre-test 10/20 right (the first 10 questions: digital-culture and -ethics right),
    # post-test 18/20 (everything right but the last two, in digital-skills).
    culture, skills = rows["digital-culture"], rows["digital-skills"]
    assert (culture["pre"], culture["post"]) == (100.0, 100.0) and culture["gain"] is None
    assert (skills["pre"], skills["post"]) == (0.0, 60.0)
    assert skills["gain"] == round(hake_gain(0, 60), 3) and skills["band"] == gain_band(0.6)
    regions = analytics.learning_gain(cohort.store, cohort.admin, "region")
    assert [row["group"] for row in regions] == [BIG_REGION]
    assert regions[0]["pre"] == 50.0 and regions[0]["post"] == 90.0


def test_a_date_range_that_covers_everything_gives_the_same_figures(cohort):
    # Without dates the figures come from learner_status; with dates, from the per-quiz summaries.
    everything = Filters(date_from=dt.date(2000, 1, 1), date_to=dt.date(2100, 1, 1))
    for viewer in (cohort.admin, cohort.manager_all, cohort.trainer_a):
        for by in analytics.GROUPS:
            assert analytics.group_results(cohort.store, viewer, by, everything) == \
                analytics.group_results(cohort.store, viewer, by)
        for by in ("pillar", "region"):
            assert analytics.learning_gain(cohort.store, viewer, by, everything) == \
                analytics.learning_gain(cohort.store, viewer, by)
        assert analytics.cohort_overview(cohort.store, viewer, COURSE, NOW, everything) == \
            analytics.cohort_overview(cohort.store, viewer, COURSE, NOW)


def test_activity_by_week_counts_lessons_attempts_and_people(cohort):
    weeks = analytics.activity_by_week(cohort.store, cohort.admin)
    assert sum(w["lessons"] for w in weeks) == 2 * len(COURSE.lessons) + 1
    assert sum(w["attempts"] for w in weeks) == 2 * 6 + 2 + 1 + 2 + 3 + 6
    assert all(dt.date.fromisoformat(w["week"]).weekday() == 0 for w in weeks)


def test_date_range_limits_results_to_attempts_in_it(cohort):
    recent = Filters(date_from=(NOW - dt.timedelta(days=5)).date(), date_to=NOW.date())
    summary = {q["quiz_id"]: q for q in analytics.quiz_summary(cohort.store, cohort.admin, recent)}
    assert "digital-safety" not in summary  # those attempts were 20 days ago or more
    weeks = analytics.activity_by_week(cohort.store, cohort.admin, recent)
    assert sum(w["attempts"] for w in weeks) == 2 + 1 + 3 + 6


# ---------------------------------------------------------------- summaries stay correct

SUMMARIES = ("learner_quiz_stats", "learner_lesson_stats", "test_pillar_results", "learner_days", "learner_status",
             "learner_weeks", "learner_groups", "learner_group_lessons", "group_weeks")


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in SUMMARIES}


def test_triggers_keep_summaries_equal_to_a_full_rebuild(cohort):
    conn = cohort.store.db
    store = cohort.store
    # An open attempt, a lesson opened but not done, a deleted attempt: every trigger path.
    store.mark_lesson_opened(cohort.learners_2[0], COURSE.pillar_lessons("digital-ethics")[0].id, NOW)
    store.start_attempt(user_id=cohort.learners_2[1], quiz_id="digital-ethics", kind="pillar", bank_version="t",
                        seed=1, question_ids=[], option_orders={}, now=NOW)
    with store.write() as write:
        victim = write.execute("SELECT id FROM attempts WHERE user_id = ?", (cohort.learners_1[4],)).fetchone()[0]
        write.execute("DELETE FROM answers WHERE attempt_id = ?", (victim,))
        write.execute("DELETE FROM attempts WHERE id = ?", (victim,))
        # A learner moved to the other batch and region, and a certificate revoked.
        write.execute("UPDATE users SET batch_id = ?, region = ? WHERE id = ?",
                      (cohort.batch_2, SMALL_REGION, cohort.learners_1[3]))
    code = store.certificate_for_user(cohort.learners_1[1])["code"]
    assert store.revoke_certificate(code, "Salah data peserta", cohort.admin["id"], NOW)
    maintained = snapshot(conn)
    assert all(maintained[table] for table in SUMMARIES)
    status = {row["user_id"]: row for row in store._rows("SELECT * FROM learner_status")}
    assert status[cohort.learners_1[3]]["batch_id"] == cohort.batch_2
    assert status[cohort.learners_1[1]]["certified"] == 0 and status[cohort.learners_1[0]]["certified"] == 1
    with store.write() as write:
        rebuild_dashboard_summaries(write)
    assert snapshot(conn) == maintained


def assert_summaries_equal_a_rebuild(store: Store) -> None:
    maintained = snapshot(store.db)
    with store.write() as write:
        rebuild_dashboard_summaries(write)
    assert snapshot(store.db) == maintained


def test_group_summaries_follow_every_change_of_their_learners(cohort):
    # The group summaries are kept by deltas: after each kind of change they must still equal a
    # rebuild, and no group is left with nobody in it.
    store, first, second = cohort.store, cohort.learners_1, cohort.learners_2
    assert_summaries_equal_a_rebuild(store)
    take(store, COURSE, second[0], "digital-skills", 9, NOW - dt.timedelta(days=1))  # insert, update
    store.mark_lesson_done(second[1], COURSE.pillar_lessons("digital-safety")[0].id, NOW - dt.timedelta(days=8))
    assert_summaries_equal_a_rebuild(store)
    with store.write() as write:
        # Moves between batch, region and agency (one learner into a group of their own), to no
        # region ('' and NULL are different groups), out of the learners and deleted altogether.
        write.execute("UPDATE users SET agency = ? WHERE id = ?", ("Dinas Baru", first[0]))
        write.execute("UPDATE users SET region = NULL WHERE id = ?", (first[5],))
        write.execute("UPDATE users SET region = '' WHERE id = ?", (first[6],))
        write.execute("UPDATE users SET batch_id = ?, agency = ? WHERE id = ?", (cohort.batch_1, EDUCATION, second[2]))
        write.execute("UPDATE users SET role = 'trainer' WHERE id = ?", (first[7],))
        write.execute("DELETE FROM lesson_progress WHERE user_id = ?", (first[2],))
    assert_summaries_equal_a_rebuild(store)
    groups = store._rows("SELECT region, agency, learners FROM learner_groups")
    assert {(g["region"], g["agency"]) for g in groups} >= {(None, HEALTH), ("", HEALTH), (BIG_REGION, "Dinas Baru")}
    assert all(g["learners"] > 0 for g in groups)
    assert all(g["learners"] > 0 for g in store._rows("SELECT learners FROM learner_group_lessons"))
    code = store.certificate_for_user(first[0])["code"]
    assert store.revoke_certificate(code, "Salah data peserta", cohort.admin["id"], NOW)
    with store.write() as write:
        # Everything one learner did deleted, and another learner deleted with all their rows.
        write.execute("UPDATE audit_log SET actor_id = NULL WHERE actor_id = ?", (first[3],))
        for user_id, tables in ((first[1], ("answers", "attempts")),
                                (first[3], ("answers", "attempts", "lesson_progress", "certificates", "sessions",
                                            "signin_codes", "lesson_visits", "users"))):
            for table in tables:
                key = {"answers": "attempt_id IN (SELECT id FROM attempts WHERE user_id = ?)",
                       "users": "id = ?"}.get(table, "user_id = ?")
                write.execute(f"DELETE FROM {table} WHERE {key}", (user_id,))
    assert_summaries_equal_a_rebuild(store)
    weeks = store._rows("SELECT active FROM group_weeks")
    assert weeks and all(w["active"] > 0 for w in weeks)


def test_group_figures_equal_a_count_over_each_learner(cohort):
    # The manager's figures come from sums per group; counted here learner by learner from
    # learner_status instead, with the cases the sums must tell apart: a certificate with nothing
    # done (issued under an earlier rule), every quiz passed with lessons missing, lessons only, all
    # but the post-test.
    store, lessons = cohort.store, len(COURSE.lessons)
    early, almost, quizzes, reader = cohort.learners_2[2:6]
    assert store.insert_certificate(code="EARLY-1", user_id=early, issued_at="2026-11-20T00:00:00+00:00",
                                    snapshot='{"name": "Peserta", "nip": "x", "jp": 20}')
    for user_id in (quizzes, almost):
        for pillar in PILLARS:
            take(store, COURSE, user_id, pillar, 9, NOW - dt.timedelta(days=2))
    for user_id in (reader, almost):
        for lesson_id in COURSE.lessons:
            store.mark_lesson_done(user_id, lesson_id, NOW - dt.timedelta(days=9))
    people = store._rows("SELECT * FROM learner_status")
    since = (NOW - dt.timedelta(days=analytics.IDLE_DAYS)).isoformat()

    def count(*conditions) -> int:
        return sum(1 for p in people if all(c(p) for c in conditions))

    def started(p):
        return p["lesson_last"] is not None or p["quiz_last"] is not None

    def stage(*conditions):
        return lambda p: p["certified"] or (started(p) and all(c(p) for c in conditions))

    def all_lessons(p):
        return p["lessons_done"] >= lessons

    def all_passed(p):
        return p["pillars_passed"] >= len(PILLARS)

    head = analytics.cohort_overview(store, cohort.admin, COURSE, NOW)
    assert {row["stage"]: row["learners"] for row in head["funnel"]} == {
        "enrolled": len(people), "started": count(stage()), "all_lessons": count(stage(all_lessons)),
        "all_passed": count(stage(all_lessons, all_passed)),
        "posttest": count(stage(all_lessons, all_passed, lambda p: p["posttest_done"])),
        "certified": count(lambda p: p["certified"])}
    assert head["active_7d"] == count(lambda p: max(p["lesson_last"] or "", p["quiz_last"] or "") >= since) > 0
    completion = analytics.group_completion(store, cohort.admin, COURSE)
    def member(by: str, group: str):
        return lambda p: p[by] == group

    for by in ("region", "agency"):
        assert {row["group"]: (row["enrolled"], row["completed"], row["certified"]) for row in completion[by]} == {
            group: (count(member(by, group)), count(member(by, group), all_lessons, all_passed),
                    count(member(by, group), lambda p: p["certified"]))
            for group in {p[by] for p in people}}
    tried = {row["group"]: row["learners"] for row in analytics.group_results(store, cohort.admin, "region")}
    assert tried == {group: count(member("region", group),
                                  lambda p: any(p[f"tried_{k}"] for k in analytics.PILLAR_KEYS.values()))
                     for group in {p["region"] for p in people}}


def test_a_database_from_before_the_group_summaries_upgrades_in_place(cohort):
    # As a site made before m014 has it: no group summaries, no index, triggers without theirs.
    store, dialect = cohort.store, cohort.store.db.dialect

    def triggers(groups: bool) -> int:
        return sum(ddl.startswith("CREATE TRIGGER") for ddl in _summary_triggers(dialect, groups=groups))

    figures = (analytics.cohort_overview(store, cohort.manager_all, COURSE, NOW),
               analytics.activity_by_week(store, cohort.manager_all), analytics.filter_options(store, cohort.admin))
    with store.write() as write:
        drop_summary_triggers(write)
        for table in ("learner_groups", "learner_group_lessons", "learner_weeks", "group_weeks"):
            write.execute(f"DROP TABLE {table}")
        write.execute("DROP INDEX learner_status_active")
        create_summary_triggers(write)
        write.execute(f"DELETE FROM {dialect.migrations_table} WHERE name = 'm014_group_summaries'")
    assert len(dialect.triggers(store.db, "%\\_dashboard\\_%")) == triggers(groups=False) == 21
    assert migrations.apply(store.db) == ["m014_group_summaries"]  # filled from the rows there
    assert len(dialect.triggers(store.db, "%\\_dashboard\\_%")) == triggers(groups=True) == 33
    assert (analytics.cohort_overview(store, cohort.manager_all, COURSE, NOW),
            analytics.activity_by_week(store, cohort.manager_all),
            analytics.filter_options(store, cohort.admin)) == figures
    assert_summaries_equal_a_rebuild(store)
    take(store, COURSE, cohort.learners_2[0], "digital-ethics", 9, NOW)  # the triggers keep them
    assert_summaries_equal_a_rebuild(store)
