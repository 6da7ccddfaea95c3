"""Moving a SQLite site to PostgreSQL: `python -m modules copy-database --to postgresql://…`.

The whole source is read from one snapshot (one read transaction), written into the target in one
transaction (all or nothing), and then checked table by table: the same number of rows and the same
checksum. The checksum is the sum of a SHA-256 per row, so it does not depend on row order (the two
engines may sort text differently). A target that already holds data is refused before anything
is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from modules.db.connection import Connection, connect
from modules.db.dialect import is_postgres_url
from modules.i18n import t

CHUNK = 5_000


class MoveError(Exception):
    """Why the copy was refused or failed; nothing was written to the target."""


@dataclass
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass
class MoveResult:
    tables: list[TableCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.tables)


def row_digest(row: Iterable[Any]) -> int:
    """A row's fingerprint, the same whichever engine returned it (ints, text, NULL)."""
    return int.from_bytes(hashlib.sha256(json.dumps(list(row), ensure_ascii=False).encode()).digest(), "big")


def table_checksum(conn: Connection, table: str, columns: list[str]) -> tuple[int, str]:
    """(rows, checksum) of a table: order-independent, in constant memory."""
    total, count = 0, 0
    for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table}"):
        total = (total + row_digest(row)) % (1 << 256)
        count += 1
    return count, f"{total:064x}"


def copied_tables(conn: Connection) -> list[str]:
    """Every table of the product's schema, parents before the tables that refer to them."""
    tables = [t for t in conn.dialect.tables(conn) if t != conn.dialect.migrations_table]
    parents = {t: {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({t})")} - {t} for t in tables}
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in ordered and parents[t] <= set(ordered)]
        if not ready:
            raise MoveError(f"circular references between tables: {sorted(set(tables) - set(ordered))}")
        ordered += sorted(ready)
    return ordered


def copy_database(source: Connection, target_url: str, *, progress: Callable[[str, int], None] = lambda t, n: None
                  ) -> MoveResult:
    """Copy every row of the SQLite `source` into the empty PostgreSQL database at `target_url`."""
    from modules.store import Store, create_summary_triggers, migrations

    if not is_postgres_url(target_url):
        raise MoveError(t("move.not_postgres"))
    if migrations.pending(source):
        raise MoveError(t("move.not_migrated"))
    probe = connect(target_url)
    try:
        full = [t for t in probe.dialect.tables(probe) if t != probe.dialect.migrations_table
                and probe.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
    finally:
        probe.close()
    if full:
        raise MoveError(t("move.not_empty", tables=", ".join(full)))
    target_store = Store(target_url)  # creates the schema on the target
    target = target_store.db
    result = MoveResult()
    source.execute("BEGIN")  # one snapshot of the source for the copy and its checksums
    try:
        tables = copied_tables(source)
        plan = {t: _columns(source, t) for t in tables}
        for table in tables:
            missing = set(plan[table]) - target.dialect.columns(target, table)
            if missing:
                raise MoveError(t("move.missing_columns", table=table, columns=", ".join(sorted(missing))))
        with target_store.write():
            # Summary tables are copied as they are; their triggers return once every row is in.
            for name, table in target.dialect.triggers(target, "%\\_dashboard\\_%"):
                target.execute(target.dialect.drop_trigger(name, table))
            for table in tables:
                _copy_table(source, target, table, plan[table], progress)
                if "id" in plan[table]:
                    target.dialect.ids_inserted(target, table)
            create_summary_triggers(target)
        # Planner statistics for the copied rows now, not when autovacuum gets round to each table.
        target.dialect.analyze(target)
        for table in tables:
            source_rows, source_sum = table_checksum(source, table, plan[table])
            target_rows, target_sum = table_checksum(target, table, plan[table])
            result.tables.append(TableCheck(table, source_rows, target_rows, source_sum, target_sum))
    finally:
        source.execute("ROLLBACK")
        target_store.close()
    return result


def _columns(conn: Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _copy_table(source: Connection, target: Connection, table: str, columns: list[str],
                progress: Callable[[str, int], None]) -> None:
    # COPY is PostgreSQL's bulk path: several times faster than INSERTs for a large site.
    names = ", ".join(columns)
    done = 0
    rows = source.execute(f"SELECT {names} FROM {table}")
    with target.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        while batch := rows.fetchmany(CHUNK):
            for row in batch:
                copy.write_row(row)
            done += len(batch)
            progress(table, done)
