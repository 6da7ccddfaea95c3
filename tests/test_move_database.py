"""Moving a SQLite site to PostgreSQL with `copy-database`: every row, checked; a non-empty target or a
failure half-way changes nothing; the moved site works (sign-in, new rows, exact dashboards)."""

from __future__ import annotations

import pytest

from modules import analytics, demo
from modules.cli import main
from modules.signin import sign_in
from modules.store import Store
from tests.cohort_builder import COURSE, NOW
from tests.conftest import PASSWORD, VALID_NIP, make_learner

LEARNERS = 120


@pytest.fixture
def site(tmp_path) -> Store:
    """A SQLite site with a demo cohort and one real learner who can sign in."""
    store = Store(tmp_path / "site.db")
    demo.generate(store, COURSE, learners=LEARNERS, seed=11, now=NOW)
    make_learner(store)
    return store


def counts(store: Store) -> dict[str, int]:
    conn = store.db
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in conn.dialect.tables(conn)
            if t != conn.dialect.migrations_table}


def test_copy_moves_every_row_and_the_site_works_on_postgresql(site, pg_url, capsys):
    assert main(["copy-database", "--from", str(site.path), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "checksum sama" in out and "BERBEDA" not in out and "Selesai:" in out
    moved = Store(pg_url)
    assert counts(moved) == counts(site) and counts(moved)["users"] > LEARNERS
    # The same secret key and password hashes: people sign in as before.
    assert sign_in(moved, nip=VALID_NIP, password=PASSWORD, now=NOW).user["name"] == "Siti Rahmawati"
    # Dashboards read the copied summaries and give the same figures as on SQLite, for every role.
    for role in ("admin", "manager", "trainer"):
        viewer = next(site.db.query("SELECT * FROM users WHERE role = ? ORDER BY id LIMIT 1", (role,)))
        assert analytics.cohort_overview(moved, viewer, COURSE, NOW) == analytics.cohort_overview(site, viewer,
                                                                                                   COURSE, NOW)
        assert analytics.group_completion(moved, viewer, COURSE) == analytics.group_completion(site, viewer, COURSE)
    # Generated ids continue after the copied ones.
    newest = moved.db.execute("SELECT max(id) FROM users").fetchone()[0]
    assert make_learner(moved, nip="199009132015052014", name="Budi") == newest + 1



def test_a_target_that_holds_data_is_refused_and_left_as_it_was(site, pg_url, capsys):
    target = Store(pg_url)
    make_learner(target, nip="199009132015052014", name="Budi")
    before = counts(target)
    assert main(["copy-database", "--from", str(site.path), "--to", pg_url]) == 2
    assert "tidak kosong" in capsys.readouterr().err
    assert counts(target) == before


def test_a_copy_that_fails_half_way_leaves_the_target_empty(site, pg_url, capsys):
    target = Store(pg_url)  # the schema exists; one table refuses its rows half-way
    target.db.execute("""CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                         RAISE EXCEPTION 'disk penuh'; END $$""")
    target.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON lesson_progress FOR EACH ROW EXECUTE FUNCTION refuse()")
    assert main(["copy-database", "--from", str(site.path), "--to", pg_url]) == 2
    assert "disk penuh" in capsys.readouterr().err
    assert set(counts(target).values()) == {0}


def test_the_source_must_exist_and_the_target_be_postgresql(tmp_path, capsys):
    assert main(["copy-database", "--from", str(tmp_path / "none.db"), "--to", "postgresql://x@127.0.0.1:1/x"]) == 2
    assert "tidak ada" in capsys.readouterr().err
    Store(tmp_path / "a.db")
    assert main(["copy-database", "--from", str(tmp_path / "a.db"), "--to", str(tmp_path / "b.db")]) == 2
    assert "postgresql://" in capsys.readouterr().err


def test_a_demo_cohort_loads_straight_into_postgresql_with_exact_summaries(pg_url):
    from modules.store import rebuild_dashboard_summaries

    store = Store(pg_url)
    demo.generate(store, COURSE, learners=60, seed=5, now=NOW)
    summaries = ("learner_quiz_stats", "learner_lesson_stats", "test_pillar_results", "learner_days", "learner_status",
                 "learner_weeks", "learner_groups", "learner_group_lessons", "group_weeks")

    def snapshot() -> dict[str, list[tuple]]:
        return {t: sorted(store.db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in summaries}

    loaded = snapshot()
    assert all(loaded.values())
    with store.write() as conn:
        rebuild_dashboard_summaries(conn)
    assert snapshot() == loaded
    newest = store.db.execute("SELECT max(id) FROM users").fetchone()[0]
    assert make_learner(store) == newest + 1  # ids given out by the bulk load do not collide later
