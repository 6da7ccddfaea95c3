"""Backups: a consistent copy while another thread keeps writing, checked copies, no overwriting by
accident, and the restore that the README describes."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time

import pytest

from modules.backup import BackupError, backup_database, verify_backup
from modules.cli import main
from modules.store import Store, open_database


def fill(store: Store, people: int) -> None:
    """Enough rows that a backup takes a while (it copies every page)."""
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO users (nip, nip_kind, name, role, agency, created_at) VALUES (?, 'pns', ?, 'learner', ?, 'x')",
            [(f"{19700101 + i // 900:08d}2005011{i % 900 + 1:03d}", f"Peserta {i}", "Dinas " + "x" * 200)
             for i in range(people)])


def writer(path, stop: threading.Event, committed: list[int]) -> None:
    """Each transaction adds a person and the audit entry that goes with them: a copy must hold both or neither."""
    db = open_database(path)
    n = 0
    while not stop.is_set() and n < 1_000_000:
        conn = db
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO users (nip, nip_kind, name, role, created_at) VALUES (?, 'pns', ?, 'learner', 'x')",
                     (f"9{n:017d}", f"W{n}"))
        conn.execute("INSERT INTO audit_log (at, action, target) VALUES ('x', 'writer_test', ?)", (f"W{n}",))
        conn.execute("COMMIT")
        n += 1
        committed.append(n)
    db.close()


def counts(path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT count(*) FROM users WHERE name LIKE 'W%'").fetchone()[0],
                conn.execute("SELECT count(*) FROM audit_log WHERE action = 'writer_test'").fetchone()[0])
    finally:
        conn.close()


def test_backup_while_another_thread_writes_is_consistent(store, tmp_path):
    fill(store, 20_000)
    stop, committed, thread_errors = threading.Event(), [], []

    def write_until_stopped() -> None:
        try:
            writer(store.path, stop, committed)
        except Exception as error:  # reported below, in the test's own thread
            thread_errors.append(error)

    thread = threading.Thread(target=write_until_stopped)
    thread.start()
    try:
        while len(committed) < 20:  # the writer is well under way
            time.sleep(0.01)
        before = len(committed)
        result = backup_database(store.path, tmp_path / "cadangan.db")
        during = len(committed) - before
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert thread_errors == []
    assert during > 0, "the writer must have committed while the backup ran"
    people, entries = counts(tmp_path / "cadangan.db")
    assert people == entries  # every transaction whole, none half
    assert before <= people <= len(committed)
    assert counts(store.path) == (len(committed), len(committed))
    assert result.users == 20_000 + people and result.audit_entries >= people
    check = sqlite3.connect(tmp_path / "cadangan.db")
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    check.close()
    assert not (tmp_path / ".cadangan.db.partial").exists()


def test_the_copy_restores_as_the_readme_says(store, tmp_path):
    store.create_user(nip="198609262015051001", nip_kind="pns", name="Siti Rahmawati", password_hash="x")
    backup_database(store.path, tmp_path / "cadangan.db")
    store.create_user(nip="199001012015011002", nip_kind="pns", name="Budi, setelah cadangan", password_hash="x")
    # The README's steps: stop the app (here: its connection is simply left open, as after a crash,
    # so the -wal file still holds the last commit), move the database and its -wal/-shm aside,
    # copy the backup in its place, start again.
    aside = tmp_path / "lama"
    aside.mkdir()
    for name in (store.path.name, store.path.name + "-wal", store.path.name + "-shm"):
        if (store.path.parent / name).exists():
            shutil.copyfile(store.path.parent / name, aside / name)
            (store.path.parent / name).unlink()
    store.db.close()
    shutil.copyfile(tmp_path / "cadangan.db", store.path)
    restored = Store(store.path)
    assert restored.get_user_by_nip("198609262015051001")["name"] == "Siti Rahmawati"
    assert restored.get_user_by_nip("199001012015011002") is None
    # Nothing is lost: the database moved aside still opens with everything it had.
    old = sqlite3.connect(aside / store.path.name)
    assert old.execute("SELECT count(*) FROM users").fetchone() == (2,)
    old.close()


def test_a_backup_never_overwrites_by_accident(store, tmp_path):
    target = tmp_path / "cadangan.db"
    target.write_bytes(b"cadangan kemarin")
    with pytest.raises(BackupError, match="sudah ada dan tidak ditimpa"):
        backup_database(store.path, target)
    assert target.read_bytes() == b"cadangan kemarin"
    assert backup_database(store.path, target, overwrite=True).users == 0
    with pytest.raises(BackupError, match="tidak boleh menimpa basis data itu sendiri"):
        backup_database(store.path, store.path, overwrite=True)
    with pytest.raises(BackupError, match="adalah folder"):
        backup_database(store.path, tmp_path)
    with pytest.raises(BackupError, match=r"Folder .* tidak ada"):
        backup_database(store.path, tmp_path / "tidak-ada" / "cadangan.db")
    with pytest.raises(BackupError, match="tidak ada"):
        backup_database(tmp_path / "hilang.db", tmp_path / "x.db")
    assert not (tmp_path / "hilang.db").exists()  # a backup never creates a database


def test_a_damaged_copy_fails_its_check(store, tmp_path):
    fill(store, 2_000)
    backup_database(store.path, tmp_path / "cadangan.db")
    data = bytearray((tmp_path / "cadangan.db").read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    (tmp_path / "rusak.db").write_bytes(bytes(data))
    with pytest.raises(BackupError, match="gagal diperiksa"):
        verify_backup(tmp_path / "rusak.db")


def test_backup_command_copies_and_audits(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "progress.db"))
    Store(tmp_path / "progress.db").create_user(nip="198609262015051001", nip_kind="pns", name="Siti", password_hash="x")
    assert main(["backup", str(tmp_path / "cadangan.db")]) == 0
    assert "Cadangan dibuat" in capsys.readouterr().out
    assert verify_backup(tmp_path / "cadangan.db").users == 1
    assert Store(tmp_path / "progress.db").audit_search(action="backup_made")[0]["target"] == str(tmp_path / "cadangan.db")
    assert main(["backup", str(tmp_path / "cadangan.db")]) == 2
    assert "--overwrite" in capsys.readouterr().err
