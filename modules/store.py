"""The only module that talks to the database: the Store, its connections and its transactions.

One SQLite connection per thread at a time (a shared connection breaks under concurrent sessions).
Streamlit runs every rerun on a new thread, so connections are pooled: a thread borrows one on its
first query and the pool gets it back when the thread ends, instead of opening one per rerun.
WAL journal, a busy timeout and foreign keys on.
Write transactions start with BEGIN IMMEDIATE so concurrent writers queue instead of failing.

The Store is assembled from mixins by concern (modules/stores/); the migrations are in
modules/schema.py and the dashboard summaries in modules/summaries.py. Every name other modules
import from here is re-exported.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from modules import auth
from modules.config import current_settings
from modules.db import Connection, connect, is_postgres_url
from modules.schema import SELF_REGISTERED_BACKFILL, migrations
from modules.stores.accounts import SIGNIN_CODE_SECONDS, AccountsMixin, Gate, _AttemptGates
from modules.stores.administration import AdministrationMixin
from modules.stores.certificates import CertificatesMixin
from modules.stores.demo import DemoLoader, DemoMixin
from modules.stores.errors import DuplicateNip, RosterChanged
from modules.stores.evaluation import EvaluationMixin
from modules.stores.exports import ExportsMixin
from modules.stores.learning import LearningMixin
from modules.summaries import (
    _summary_triggers,
    create_summary_triggers,
    rebuild_dashboard_summaries,
    summaries_rebuilt_after,
)
from modules.timestamps import parse_stamp, stamp, utcnow

__all__ = ["SELF_REGISTERED_BACKFILL", "SIGNIN_CODE_SECONDS", "DemoLoader", "DuplicateNip", "Gate",
           "RosterChanged", "Store", "_summary_triggers", "create_summary_triggers", "default_store",
           "migrations", "open_database", "parse_stamp", "rebuild_dashboard_summaries", "stamp",
           "summaries_rebuilt_after", "utcnow"]

BUSY_TIMEOUT_MS = 10_000


# ---------------------------------------------------------------- connections

_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def open_database(target: Path | str) -> Connection:
    """A new connection (SQLite file or PostgreSQL URL) with the settings every connection needs."""
    return connect(target)


class _Lease:
    """A pooled connection lent to one thread; it goes back to the pool when the thread ends
    (the thread's `threading.local` data is dropped then)."""

    def __init__(self, db: Connection, pool: queue.SimpleQueue) -> None:
        self.db = db
        self._pool = pool

    def __del__(self) -> None:
        self._pool.put(self.db)  # SimpleQueue.put is safe inside __del__


class Store(AccountsMixin, LearningMixin, DemoMixin, CertificatesMixin, ExportsMixin, AdministrationMixin,
            EvaluationMixin, _AttemptGates):
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
    def write(self, *, person: int | None = None) -> Iterator[Connection]:
        """A write transaction that takes the write lock at once (the dialect says how).

        `person`: the transaction changes only this person's rows (and, through the triggers, their
        summaries). SQLite has one write lock whatever; PostgreSQL then lets writes for different
        people run side by side, each waiting only for the same person's writes and for the
        exclusive ones (everything without `person`: roster import, batches, throttles, admin).
        """
        conn = self.db
        try:
            # Inside the try: on PostgreSQL a lock that timed out leaves the transaction it began
            # aborted, and a pooled connection left so would refuse every later statement.
            conn.dialect.begin_write(conn, person)
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


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def default_store() -> Store:
    """The store of the configured database (KELAS_DATABASE_URL, else the SQLite file), one per process."""
    target = current_settings().database
    with _stores_lock:
        if target not in _stores:
            _stores[target] = Store(target)
        return _stores[target]
