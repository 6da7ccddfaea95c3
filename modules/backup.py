"""A consistent copy of the live database, made while the app keeps running.

SQLite's online backup API copies the database as one snapshot (a read transaction in WAL mode,
so learners keep writing meanwhile). The copy is written beside the target under a temporary
name, checked, and only then renamed, so a half-written file never carries the backup's name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from modules.i18n import t


class BackupError(Exception):
    """The backup could not be made; the message says why, in the UI language."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    users: int
    audit_entries: int


def backup_database(source: Path | str, target: Path | str, *, overwrite: bool = False) -> BackupResult:
    """Copy the database at `source` to `target` as one consistent snapshot, then verify the copy."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise BackupError(t("admin.backup_no_source", path=source))
    if target.is_dir():
        raise BackupError(t("admin.backup_target_is_dir", path=target))
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(t("admin.backup_same_file"))
    if target.exists() and not overwrite:
        raise BackupError(t("admin.backup_exists", path=target))
    if not target.parent.exists():
        raise BackupError(t("admin.backup_no_folder", path=target.parent))
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        result = verify_backup(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, target.stat().st_size, result.users, result.audit_entries)


def _copy(source: Path, destination: Path) -> None:
    # Opened read-only through a URI: a backup must never create or change the live database.
    live = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(destination)
    try:
        live.backup(copy)  # pages=-1: the whole database in one step, hence one consistent snapshot
        # A single self-contained file: the app turns WAL back on when it opens a restored copy.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        live.close()


def verify_backup(path: Path | str) -> BackupResult:
    """Open a backup, run SQLite's integrity check and count what it holds; BackupError if damaged."""
    path = Path(path)
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(t("admin.backup_damaged", problems="; ".join(problems[:5])))
            users = conn.execute("SELECT count(*) FROM users").fetchone()[0]
            audit_entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise BackupError(t("admin.backup_damaged", problems=str(error))) from error
    return BackupResult(path, path.stat().st_size, users, audit_entries)
