"""Versioned schema migrations for both engines: each applies once, in order, in its own write
transaction together with its record, so a failed one leaves nothing and two processes starting
together never apply one twice (the second waits for the write lock, then finds it applied).

On SQLite the record is sqlite-utils' `_sqlite_migrations` table (same columns), so databases made
by earlier versions of the product upgrade in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from modules.db.connection import Connection

Migration = Callable[[Connection], None]


class Migrations:
    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Migration]] = []

    def __call__(self) -> Callable[[Migration], Migration]:
        def register(step: Migration) -> Migration:
            if any(name == step.__name__ for name, _ in self._steps):
                raise ValueError(f"migration {step.__name__} registered twice")
            self._steps.append((step.__name__, step))
            return step
        return register

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._steps]

    def applied(self, conn: Connection) -> list[str]:
        table = conn.dialect.migrations_table
        if table not in conn.dialect.tables(conn):
            return []
        return [row[0] for row in conn.execute(
            f"SELECT name FROM {table} WHERE migration_set = ? ORDER BY id", (self.name,))]

    def pending(self, conn: Connection) -> list[str]:
        done = set(self.applied(conn))
        return [name for name in self.names if name not in done]

    def apply(self, conn: Connection) -> list[str]:
        """Apply what is pending; returns the names applied now."""
        table = conn.dialect.migrations_table
        if table not in conn.dialect.tables(conn):
            self._in_write(conn, lambda: conn.ddl(
                f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY, migration_set TEXT, "
                "name TEXT, applied_at TEXT)"))
        done: list[str] = []
        for name, step in self._steps:
            def run(name: str = name, step: Migration = step) -> None:
                if name in self.applied(conn):  # another process applied it while we waited
                    return
                step(conn)
                conn.execute(f"INSERT INTO {table} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                             (self.name, name, str(dt.datetime.now(dt.UTC))))
                done.append(name)
            if name not in self.applied(conn):
                self._in_write(conn, run)
        return done

    @staticmethod
    def _in_write(conn: Connection, work: Callable[[], None]) -> None:
        conn.dialect.begin_write(conn)
        try:
            work()
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        conn.execute("COMMIT")
