"""The five-misses lock holds against parallel guesses, hash checks are bounded per process, one
client cannot spray a password over many NIPs, and text typed in the NIP field is never stored
unless it is a well-formed NIP."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest

from modules import admin, auth
from modules.signin import sign_in
from modules.store import Store
from tests.conftest import PASSWORD, ROOT, VALID_NIP, make_learner, stored_bytes
from tests.test_roster import csv_bytes, nip, preview

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL


def in_parallel(count: int, action) -> list:
    """Run action(i) in `count` real threads released at the same instant."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = action(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twelve_guesses_at_the_same_instant_check_at_most_five(store, now):
    make_learner(store)
    # Twelve wrong guesses: a right password among them would, once checked, reset the count for
    # the guesses still arriving (as a real sign-in does), and the bound would depend on timing.
    passwords = [f"tebakan nomor {i}" for i in range(12)]
    outcomes = in_parallel(12, lambda i: sign_in(store, nip=VALID_NIP, password=passwords[i], now=now))
    actions = [entry["action"] for entry in store.audit_entries()]
    checked = actions.count("signin_failed") + actions.count("signin")
    assert checked <= auth.MAX_FAILED_SIGNINS
    assert actions.count("signin_refused_locked") == 12 - checked
    assert sum(1 for o in outcomes if o.errors and "15 menit" in o.errors[0]) >= 12 - checked


def test_twelve_activation_codes_at_the_same_instant_compare_at_most_five(store, now):
    admin.import_roster(store, preview(store, csv_bytes(f"{VALID_NIP};Siti Rahmawati;;;;;;")), actor_id=None,
                        now=now)
    in_parallel(12, lambda i: admin.activate(store, nip=VALID_NIP, code=f"AAAA-BBBB-{i:02d}", password=PASSWORD,
                                              password_again=PASSWORD, now=now))
    actions = [entry["action"] for entry in store.audit_entries(limit=1000)]
    assert actions.count("activation_failed") <= auth.MAX_FAILED_SIGNINS


def test_one_client_spraying_a_password_over_many_nips_is_stopped(store, now):
    for i in range(3):
        make_learner(store, nip=nip(i))
    client = "ip:penyemprot"
    answers = [sign_in(store, nip=nip(i), password="indonesia2026", now=now, client=client)
               for i in range(auth.MAX_CLIENT_ATTEMPTS + 1)]
    assert all("salah" in a.errors[0] for a in answers[:auth.MAX_CLIENT_ATTEMPTS])
    assert "Terlalu banyak percobaan dari jaringan ini" in answers[-1].errors[0]
    # Even the right password waits; another client does not; the window passes.
    assert sign_in(store, nip=nip(0), password=PASSWORD, now=now, client=client).user is None
    assert sign_in(store, nip=nip(0), password=PASSWORD, now=now, client="ip:kantor-lain").user
    later = now + dt.timedelta(minutes=auth.LOCK_MINUTES, seconds=1)
    assert sign_in(store, nip=nip(1), password=PASSWORD, now=later, client=client).user


def test_a_right_password_gives_the_client_its_attempt_back(store, now):
    make_learner(store)
    for _ in range(auth.MAX_CLIENT_ATTEMPTS + 5):
        assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now, client="ip:kantor").user


def test_a_password_typed_into_the_nip_field_is_stored_nowhere(store, now):
    make_learner(store)
    secret = "sandi rahasia ku 123"
    for _ in range(6):
        assert sign_in(store, nip=secret, password=PASSWORD, now=now, client="ip:x").errors
    admin.activate(store, nip=secret, code="AAAA-BBBB-CC", password=PASSWORD, password_again=PASSWORD, now=now)
    dump = stored_bytes(store).decode(errors="replace")
    assert "rahasia" not in dump and "sandirahasiaku123" not in dump
    assert store.audit_entries("signin_failed")[0]["target"] is None


def test_hash_checks_are_bounded_so_a_burst_stays_small_in_memory(tmp_path):
    # 24 argon2 checks at once would take 24 × 64 MiB; bounded, the process stays far below that.
    script = r"""
import re, threading
from modules import auth
stored = auth.hash_password("kata sandi yang benar")
barrier = threading.Barrier(24)
def guess():
    barrier.wait()
    auth.verify_password(stored, "tebakan yang salah")
threads = [threading.Thread(target=guess) for _ in range(24)]
[t.start() for t in threads]; [t.join() for t in threads]
# VmHWM: this process's own peak (ru_maxrss would carry the parent's peak across fork and exec).
print(int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) // 1024)
"""
    peak_mb = int(subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.strip())
    assert peak_mb < 64 * (auth.HASH_CHECKS_AT_ONCE + 4), peak_mb


def test_store_kept_for_other_processes(database, now):
    # The count lives in the database: a second Store (another process's view) sees the lock.
    first, second = Store(database), Store(database)
    make_learner(first)
    for _ in range(auth.MAX_FAILED_SIGNINS):
        sign_in(first, nip=VALID_NIP, password="salah sandi", now=now)
    assert "menit" in sign_in(second, nip=VALID_NIP, password=PASSWORD, now=now).errors[0]
