"""Fixtures: a fresh database per test, a small known course, and helpers to make people."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from modules import auth
from modules.course import Catalogue, Lesson, Option, Question, Source
from modules.store import Store

ROOT = Path(__file__).resolve().parent.parent
VALID_NIP = "198609262015051001"
PASSWORD = "kopi tubruk pagi hari"


ENGINES = ("sqlite", "postgresql")


_REAL_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def _main_module_restored() -> Iterator[None]:
    # AppTest leaves the last page script as __main__; a process spawned later by another test would
    # run that script again before its work (multiprocessing re-runs __main__ in every child).
    yield
    sys.modules["__main__"] = _REAL_MAIN


@pytest.fixture(autouse=True)
def _no_outside_database(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own KELAS_DATABASE_URL must never reach a test's app (tests choose their database).
    monkeypatch.delenv("KELAS_DATABASE_URL", raising=False)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # In a module marked `both_engines`, every test that uses a database runs on each engine.
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """A PostgreSQL database with every migration applied, copied for each test (faster than migrating)."""
    url = pg_cluster.new_database()
    Store(url).close()
    return url.rsplit("/", 1)[-1]


@pytest.fixture
def database(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where this test's fresh database lives: a SQLite file, or a PostgreSQL database of its own."""
    if engine == "sqlite":
        yield str(tmp_path / "test.db")
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database(template=request.getfixturevalue("pg_template"))
    yield url
    cluster.drop_database(url)


@pytest.fixture
def store(database: str) -> Store:
    return Store(database)


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


def use_database(monkeypatch: pytest.MonkeyPatch, where: Store | str) -> None:
    """Point the app's settings (and so `default_store()`) at a database (a store, a file or a URL)."""
    target = where.target if isinstance(where, Store) else str(where)
    if target.startswith("postgresql://"):
        monkeypatch.setenv("KELAS_DATABASE_URL", target)
    else:
        monkeypatch.delenv("KELAS_DATABASE_URL", raising=False)
        monkeypatch.setenv("KELAS_DB_PATH", target)


def stored_bytes(store: Store) -> bytes:
    """Everything the database holds, to prove a secret is stored nowhere: on SQLite the raw file and its
    write-ahead log (freed pages included); on PostgreSQL every row of every table."""
    if store.path is not None:
        wal = store.path.with_name(store.path.name + "-wal")
        return store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    conn = store.db
    return "\n".join(repr(row) for table in conn.dialect.tables(conn)
                     for row in conn.execute(f"SELECT * FROM {table}")).encode()


@contextlib.contextmanager
def write_lock_held(store: Store) -> Iterator[None]:
    """Another connection holds the database's exclusive write lock (a roster import, say) until the
    block ends: writes of others wait for it, and give up after their lock timeout."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with Store(store.target).write():
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


def make_learner(store: Store, nip: str = VALID_NIP, name: str = "Siti Rahmawati") -> int:
    return store.create_user(nip=nip, nip_kind="pns", name=name, agency="Diskominfo", region="Kota Serang",
                             password_hash=auth.hash_password(PASSWORD))


def make_question(qid: str, pillar: str = "digital-safety", *, qtype: str = "single",
                  correct: tuple[int, ...] = (0,), n_options: int = 4) -> Question:
    if qtype == "true_false":
        options = (Option("Benar", 0 in correct), Option("Salah", 1 in correct))
    else:
        options = tuple(Option(f"{qid} option {i}", i in correct) for i in range(n_options))
    return Question(id=qid, pillar=pillar, lesson="aman-01", type=qtype, difficulty="easy",
                    prompt=f"Prompt {qid}", options=options, explanation="Because.")


@pytest.fixture
def small_catalogue() -> Catalogue:
    """One lesson and twelve questions in the safety pillar (question 3 is multiple choice)."""
    catalogue = Catalogue()
    catalogue.lessons["aman-01"] = Lesson("aman-01", "digital-safety", "Kata sandi", 5, ("Memahami",),
                                          (Source("NIST", "https://pages.nist.gov/800-63-4/"),), "Teks", "x.md")
    for n in range(1, 13):
        qid = f"aman-q{n:02d}"
        catalogue.questions[qid] = make_question(qid, qtype="multiple" if n == 3 else "single",
                                                 correct=(0, 2) if n == 3 else (n % 4,))
    catalogue.bank_versions["digital-safety"] = "test"
    return catalogue


@pytest.fixture(scope="session")
def served_app(tmp_path_factory):
    """The app under `streamlit run` on a free port with its own database: (url, database path)."""
    from tests.browser import running_app

    db_path = tmp_path_factory.mktemp("served") / "served.db"
    with running_app(db_path) as url:
        yield url, db_path


@pytest.fixture
def page():
    """A fresh page in headless Debian chromium."""
    from tests.browser import browser_page

    with browser_page() as page:
        yield page


def sign_in_tab(at, user_id: int) -> None:
    """Sign an AppTest tab in as the app does: a session row whose token the tab keeps (the app
    re-reads that row on every rerun)."""
    from modules.store import default_store, utcnow

    at.session_state["session_token"] = default_store().create_session(user_id, utcnow(), 8)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (tests/pg_cluster.py), started once per test session and only when
    a test asks for it (a SQLite-only run never starts one); stopped and deleted at the end of the session."""
    from tests.pg_cluster import running_cluster

    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database of its own for this test, dropped afterwards (with any
    connection the test left open)."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)
