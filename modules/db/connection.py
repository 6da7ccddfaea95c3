"""One connection to either engine, used the same way: `execute`, `executemany`, `query`.

Statements are written with `?` placeholders (the dialect rewrites them for psycopg); rows come
back as tuples from `execute` and as dicts from `query`; integers are Python ints and averages
floats on both engines (PostgreSQL's NUMERIC would otherwise arrive as Decimal).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.pq import TransactionStatus
from sqlite_utils import Database

from modules.db.dialect import LOCK_TIMEOUT_SECONDS, Dialect, PostgresDialect, SqliteDialect, is_postgres_url

Params = Sequence[Any] | dict[str, Any]


class Connection:
    """A connection and its dialect; never shared by two threads at once."""

    def __init__(self, raw: Any, dialect: Dialect, sqlite_db: Database | None = None, url: str | None = None) -> None:
        self.raw = raw
        self.dialect = dialect
        self._sqlite_db = sqlite_db
        self._url = url  # PostgreSQL: as given, password included (psycopg's `info.dsn` leaves it out)

    @property
    def is_postgres(self) -> bool:
        return self.dialect.name == "postgresql"

    def execute(self, sql: str, params: Params = ()) -> Any:
        """Run one statement; the cursor answers fetchone/fetchall/rowcount and iterates rows."""
        if self.is_postgres:
            # Without parameters psycopg reads the text as it is (no placeholders, `%` literal).
            return self.raw.execute(self.dialect.translate(sql), params) if params else self.raw.execute(sql)
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        if self.is_postgres:
            with self.raw.cursor() as cursor:
                cursor.executemany(self.dialect.translate(sql), list(rows))
        else:
            self.raw.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        if self._sqlite_db is not None:
            yield from self._sqlite_db.query(sql, params)
            return
        cursor = self.execute(sql, params)
        if cursor.description is None:
            return
        names = [column.name for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def stream(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts, fetched a batch at a time, so an export of millions stays small in memory."""
        if not self.is_postgres:
            cursor = self.raw.execute(sql, params)
            names = [column[0] for column in cursor.description]
            for row in cursor:
                yield dict(zip(names, row, strict=True))
            return
        # A server-side cursor lives in a transaction; each stream gets a connection of its own, so
        # that several can be read side by side (the xAPI export merges three).
        with _connect_postgres(self._url) as other, other.raw.transaction(), \
                other.raw.cursor(name="kelas_stream") as cursor:
            cursor.execute(self.dialect.translate(sql), params)
            names = [column.name for column in cursor.description]
            for row in cursor:
                yield dict(zip(names, row, strict=True))

    def ddl(self, sql: str) -> None:
        """A schema statement written in SQLite's DDL, as this engine reads it."""
        self.execute(self.dialect.ddl(sql))

    @property
    def in_transaction(self) -> bool:
        if self.is_postgres:
            return self.raw.info.transaction_status != TransactionStatus.IDLE
        return self.raw.in_transaction

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------- opening

BUSY_TIMEOUT_MS = LOCK_TIMEOUT_SECONDS * 1000


def connect(target: Path | str) -> Connection:
    """A new connection to a SQLite file path or a `postgresql://` URL."""
    if is_postgres_url(target):
        return _connect_postgres(str(target))
    return _connect_sqlite(target)


def _connect_sqlite(path: Path | str) -> Connection:
    # Pooled connections move between threads, one thread at a time (never shared concurrently).
    # isolation_level=None: each statement outside a transaction commits by itself, and writes
    # open theirs explicitly (Store.write) — the same model as on PostgreSQL.
    raw = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                          isolation_level=None)
    db = Database(raw)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys=ON")
    # WAL + NORMAL survives an application crash; only a power cut can lose the last commit.
    db.execute("PRAGMA synchronous=NORMAL")
    return Connection(raw, SqliteDialect(), db)


class _NumberLoader(Loader):
    """NUMERIC (sums of BIGINT, averages) as int when whole, else float — what SQLite returns."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        return float(text) if "." in text or "e" in text.lower() else int(text)


class _BoolAsIntDumper(Dumper):
    """Python True/False into the 0/1 INTEGER columns the schema uses on both engines."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


def _connect_postgres(url: str) -> Connection:
    # Autocommit: a read is its own statement (as on SQLite outside a transaction); writes open
    # their transaction explicitly (Store.write).
    raw = psycopg.connect(url, autocommit=True, application_name="kelas-literasi-digital")
    raw.adapters.register_loader("numeric", _NumberLoader)
    raw.adapters.register_dumper(bool, _BoolAsIntDumper)
    raw.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_SECONDS}s'")
    return Connection(raw, PostgresDialect(), url=url)
