"""The demo cohort: marked, valid, reproducible, believable, and removable without touching real people."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from modules import auth, demo
from modules import store as store_module
from modules.course import PILLARS
from modules.db import connect
from modules.store import Store, rebuild_dashboard_summaries
from tests.cohort_builder import COURSE, NOW
from tests.conftest import make_learner

LEARNERS = 240


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.generate(Store(path), COURSE, learners=LEARNERS, seed=7, now=NOW)
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_every_demo_account_is_marked_valid_and_shares_one_hashed_password(demo_db):
    people = rows(demo_db, "SELECT nip, nip_kind, name, role, password_hash FROM users")
    assert len(people) == LEARNERS + 26
    assert all(name.startswith(demo.DEMO_MARK) for _, _, name, _, _ in people)
    assert all(auth.check_nip(nip, declared_kind=kind, today=NOW.date()).ok for nip, kind, *_ in people)
    hashes = {h for *_, h in people}
    assert len(hashes) == 1 and auth.verify_password(hashes.pop(), demo.DEMO_PASSWORD)
    roles = dict(rows(demo_db, "SELECT role, count(*) FROM users GROUP BY role"))
    assert roles == {"learner": LEARNERS, "trainer": 12, "manager": 13, "admin": 1}
    assert {r[0] for r in rows(demo_db, "SELECT DISTINCT region FROM users")} <= set(demo.REGIONS)
    assert len(rows(demo_db, "SELECT * FROM batches")) == 6
    assert all(name.startswith(demo.DEMO_MARK) for name, in rows(demo_db, "SELECT name FROM batches"))


def test_same_seed_gives_the_same_cohort(demo_db, tmp_path):
    again = tmp_path / "again.db"
    demo.generate(Store(again), COURSE, learners=LEARNERS, seed=7, now=NOW)
    query = "SELECT user_id, quiz_id, question_ids, option_orders, submitted_at, score FROM attempts ORDER BY id"
    assert rows(again, query) == rows(demo_db, query)
    other = tmp_path / "other.db"
    demo.generate(Store(other), COURSE, learners=LEARNERS, seed=8, now=NOW)
    assert rows(other, query) != rows(demo_db, query)


def test_answers_use_real_questions_and_agree_with_the_scores(demo_db):
    answers = rows(demo_db, "SELECT attempt_id, question_id, chosen, correct, pillar FROM answers")
    assert answers
    for _, qid, chosen, correct, pillar in answers:
        question = COURSE.questions[qid]
        picked = set(json.loads(chosen))
        assert picked <= set(range(len(question.options))) and pillar == question.pillar
        assert bool(correct) == (picked == set(question.correct_indexes))
    scores = dict(rows(demo_db, "SELECT id, score FROM attempts WHERE submitted_at IS NOT NULL"))
    counted = dict(rows(demo_db, "SELECT attempt_id, sum(correct) FROM answers GROUP BY attempt_id"))
    assert counted == scores
    drawn = rows(demo_db, "SELECT quiz_id, question_ids, option_orders FROM attempts")
    for quiz_id, question_ids, orders in drawn:
        question_ids, orders = json.loads(question_ids), json.loads(orders)
        assert len(question_ids) == (10 if quiz_id in PILLARS else 20) == len(set(question_ids))
        assert all(sorted(orders[q]) == list(range(len(COURSE.questions[q].options))) for q in question_ids)


def test_behaviour_is_believable(demo_db):
    first = dict(rows(demo_db, """SELECT quiz_id, avg(score * 1.0 / max_score) FROM attempts a
        WHERE submitted_at IS NOT NULL AND kind = 'pillar'
          AND id = (SELECT min(id) FROM attempts b WHERE b.user_id = a.user_id AND b.quiz_id = a.quiz_id)
        GROUP BY quiz_id"""))
    assert min(first, key=first.get) == "digital-safety"  # the weakest pillar
    tests = dict(rows(demo_db, """SELECT quiz_id, avg(score * 1.0 / max_score) FROM attempts
        WHERE kind != 'pillar' GROUP BY quiz_id"""))
    assert tests["posttest"] > tests["pretest"]
    never = rows(demo_db, """SELECT count(*) FROM users WHERE role = 'learner'
        AND id NOT IN (SELECT user_id FROM attempts) AND id NOT IN (SELECT user_id FROM lesson_progress)""")[0][0]
    assert 0 < never < LEARNERS * 0.2
    retakes_after_fail = rows(demo_db, """SELECT count(*) FROM attempts f JOIN attempts r
        ON r.user_id = f.user_id AND r.quiz_id = f.quiz_id AND r.id > f.id WHERE f.passed = 0 AND f.kind = 'pillar'""")
    assert retakes_after_fail[0][0] > 0
    stalled = rows(demo_db, """SELECT count(*) FROM learner_lesson_stats s JOIN users u ON u.id = s.user_id
        JOIN batches b ON b.id = u.batch_id WHERE s.lessons_done BETWEEN 1 AND 23 AND b.ends_on < '2026-11-01'""")
    assert stalled[0][0] > 0  # finished batches still have learners who stopped part-way
    assert rows(demo_db, "SELECT max(submitted_at) FROM attempts")[0][0] <= NOW.isoformat()
    weeks = rows(demo_db, "SELECT count(DISTINCT substr(submitted_at, 1, 10)) FROM attempts")[0][0]
    assert weeks > 30  # activity spreads over many days, not one burst
    certified = rows(demo_db, "SELECT count(*) FROM certificates")[0][0]
    assert 0 < certified < LEARNERS


def test_summaries_after_the_bulk_load_equal_a_rebuild_and_triggers_are_back(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    conn = connect(copy)
    tables = ("learner_quiz_stats", "learner_lesson_stats", "test_pillar_results", "learner_days", "learner_status",
              "learner_weeks", "learner_groups", "learner_group_lessons", "group_weeks")
    before = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    rebuild_dashboard_summaries(conn)
    assert {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables} == before
    triggers = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%dashboard%'")
    assert triggers.fetchone()[0] == len(store_module._summary_triggers(conn.dialect)) == 33
    conn.close()


def test_refuses_a_second_demo_and_replace_keeps_real_people(store, capsys):
    real = make_learner(store)
    lines: list[str] = []
    common = {"seed": 1, "pass_mark": 70, "jp": 20, "out": lines.append, "err": lines.append}
    assert demo.run_command(store, COURSE, learners=30, replace=False, **common) == 0
    assert demo.DEMO_PASSWORD in "\n".join(lines)
    assert demo.run_command(store, COURSE, learners=30, replace=False, **common) == 1
    assert "sudah ada" in lines[-1]
    assert demo.run_command(store, COURSE, learners=0, replace=False, **common) == 2
    assert store.demo_account_count(demo.DEMO_MARK) == 30 + 26
    assert store.delete_demo_data(demo.DEMO_MARK) == 30 + 26
    assert store.demo_account_count(demo.DEMO_MARK) == 0
    assert store.get_user(real) is not None
    assert store._row("SELECT count(*) AS n FROM batches")["n"] == 0
    assert store._row("SELECT count(*) AS n FROM learner_quiz_stats")["n"] == 0


def test_demo_accounts_printed_exist_with_their_roles(store):
    result = demo.generate(store, COURSE, learners=60, seed=3, now=NOW)
    assert [a["role"] for a in result.accounts] == ["admin", "trainer", "manager", "manager", "learner"]
    for account in result.accounts:
        assert store.get_user_by_nip(account["nip"])["role"] == account["role"]
    assert result.attempts > 60 and result.seconds > 0


def test_batches_are_staggered_and_the_last_one_is_running():
    plan = demo.batch_plan(dt.date(2026, 11, 23))
    starts = [dt.date.fromisoformat(b["starts_on"]) for b in plan]
    assert all((b - a).days == demo.BATCH_STAGGER_DAYS for a, b in itertools.pairwise(starts))
    assert dt.date.fromisoformat(plan[-1]["starts_on"]) < dt.date(2026, 11, 23) < \
        dt.date.fromisoformat(plan[-1]["ends_on"])
