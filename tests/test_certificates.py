"""Certificates: when they are issued, their codes, verification, throttling, revocation, batches."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest

from modules import certificates, jp
from modules.certificates import ALPHABET, Certificate, issue_if_earned, parse_code, verify
from modules.course import PILLARS
from modules.store import Store
from tests.certificate_helpers import complete_course, course_catalogue, submit_evaluation, take
from tests.conftest import VALID_NIP, make_learner

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

CODE_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$")
CLIENT = "ip:test-client"


@pytest.fixture
def course():
    return course_catalogue()


# ---------------------------------------------------------------- issuing

def test_no_certificate_until_the_posttest_and_the_evaluation_are_done(store, course, now):
    user_id = make_learner(store)
    for pillar in PILLARS:
        take(store, course, user_id, pillar, now)
    assert store.certificate_for_user(user_id) is None
    assert issue_if_earned(store, user_id, jp=20, now=now) is None
    take(store, course, user_id, "posttest", now + dt.timedelta(hours=1))
    assert store.certificate_for_user(user_id) is None  # the course evaluation comes first
    assert issue_if_earned(store, user_id, jp=20, now=now) is None
    submit_evaluation(store, user_id, now + dt.timedelta(hours=2), catalogue=course)
    certificate = store.certificate_for_user(user_id)
    assert certificate is not None
    # Completion is when the learning was done; the evaluation only releases the certificate.
    assert Certificate.from_row(certificate).snapshot["completed_at"] == "2026-11-23T04:00:00+00:00"


def test_a_failed_pillar_means_no_certificate(store, course, now):
    user_id = make_learner(store)
    for pillar in PILLARS[:3]:
        take(store, course, user_id, pillar, now)
    take(store, course, user_id, PILLARS[3], now, right=6)  # 60 % < 70 %
    history = store.submitted_attempts(user_id)
    assert certificates.requirements_met_at(history) is None
    assert certificates.missing_requirements(history) == ([PILLARS[3]], True)
    assert issue_if_earned(store, user_id, jp=20, now=now) is None


def test_completion_is_when_the_last_requirement_was_met():
    def attempt(quiz_id, kind, when, passed=True):
        return {"quiz_id": quiz_id, "kind": kind, "passed": passed, "submitted_at": when,
                "score": 8, "max_score": 10}
    history = [attempt(p, "pillar", f"2026-11-0{i + 1}T00:00:00+00:00") for i, p in enumerate(PILLARS)]
    history += [attempt(PILLARS[0], "pillar", "2026-11-09T00:00:00+00:00"),  # a later retake changes nothing
                attempt("posttest", "posttest", "2026-11-05T08:00:00+00:00", passed=False)]
    assert certificates.requirements_met_at(history) == "2026-11-05T08:00:00+00:00"


def test_issued_once_the_same_code_every_time(store, course, now):
    user_id = make_learner(store)
    first = complete_course(store, course, user_id, now)
    again = issue_if_earned(store, user_id, jp=99, now=now + dt.timedelta(days=3))
    take(store, course, user_id, PILLARS[0], now + dt.timedelta(days=4))  # a retake after completion
    assert again == first == Certificate.from_row(store.certificate_for_user(user_id))
    assert again.snapshot["jp"] == jp.course_jp(course)  # computed from the course, not the 99 asked later
    assert len(store.audit_entries("certificate_issued")) == 1
    assert store.certificates_list() and len(store.certificates_list()) == 1


def test_two_processes_issuing_at_once_make_one_certificate(database, course, now):
    path = database
    setup = Store(path)
    user_id = make_learner(setup)
    for pillar in PILLARS:
        take(setup, course, user_id, pillar, now)
    # The post-test attempt is stored without the issuing hook, so the race below does the issuing.
    attempt = setup.start_attempt(user_id=user_id, quiz_id="posttest", kind="posttest", bank_version="t", seed=1,
                                  question_ids=["q"], option_orders={"q": [0]}, now=now)
    setup.submit_attempt(attempt_id=attempt, user_id=user_id, answers=[], score=1, max_score=1, passed=True,
                         now=now)
    setup.save_evaluation(user_id=user_id, form_version="1", ratings=[], comments=[], now=now)  # no hook either
    barrier = threading.Barrier(8)
    codes: list[str] = []

    def issue() -> None:
        store = Store(path)  # its own connection, as another server process would have
        barrier.wait()
        codes.append(issue_if_earned(store, user_id, jp=20, now=now, catalogue=course).code)

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(codes)) == 1 and len(codes) == 8
    assert len(setup.certificates_list()) == 1
    assert len(setup.audit_entries("certificate_issued")) == 1


def test_snapshot_keeps_name_nip_best_scores_jp_and_date(store, course, now, monkeypatch):
    monkeypatch.setenv("KELAS_COURSE_JP", "2")  # lowers the course's computed 3 JP
    user_id = make_learner(store, name="Nur'aini Siregar")
    take(store, course, user_id, PILLARS[0], now, right=6)       # failed, 60 %
    take(store, course, user_id, PILLARS[0], now, right=10)      # best, 100 %
    take(store, course, user_id, PILLARS[0], now, right=8)       # later, lower
    for pillar in PILLARS[1:]:
        take(store, course, user_id, pillar, now, right=7)
    done = now + dt.timedelta(days=2, hours=18)  # 21:00 UTC on 25 November is 04:00 WIB on the 26th
    take(store, course, user_id, "posttest", done)
    submit_evaluation(store, user_id, done + dt.timedelta(hours=1), catalogue=course)
    certificate = Certificate.from_row(store.certificate_for_user(user_id))
    snap = certificate.snapshot
    assert (snap["name"], snap["nip"], snap["jp"]) == ("Nur'aini Siregar", VALID_NIP, 2)
    assert snap["scores"] == {PILLARS[0]: 100, PILLARS[1]: 70, PILLARS[2]: 70, PILLARS[3]: 70}
    assert snap["course"] == "Kelas Literasi Digital ASN"
    assert certificate.completed_on == dt.date(2026, 11, 26)
    assert certificates.indonesian_date(certificate.completed_on) == "26 November 2026"


def test_certificate_does_not_change_when_the_account_does(store, course, now):
    user_id = make_learner(store)
    certificate = complete_course(store, course, user_id, now)
    with store.write() as conn:
        conn.execute("UPDATE users SET name = 'Nama Baru' WHERE id = ?", (user_id,))
    assert verify(store, certificate.code, CLIENT, now).name == "Siti Rahmawati"


# ---------------------------------------------------------------- codes

def test_codes_have_the_documented_shape_and_enough_entropy():
    codes = {certificates.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(CODE_SHAPE.match(code) for code in codes)
    assert certificates.RANDOM_SYMBOLS * 5 >= 100  # bits from `secrets`, before the check symbol
    # Every symbol of the alphabet turns up in every random position: nothing is fixed or skewed away.
    for position in range(certificates.RANDOM_SYMBOLS):
        column = {code.replace("-", "")[position] for code in codes}
        assert len(column) == 32, position


def test_codes_are_read_leniently():
    code = certificates.new_code()
    plain = code.replace("-", "")
    assert parse_code(code.lower()).code == code
    assert parse_code(" ".join(plain[i:i + 4] for i in range(0, 24, 4))).code == code
    with_look_alikes = code.replace("0", "O").replace("1", "l")
    assert parse_code(with_look_alikes).code == code
    assert parse_code("").problem == "verify.empty"
    assert parse_code("ABC").problem == "verify.malformed"
    assert parse_code(plain[:-1] + "!").problem == "verify.malformed"


def test_seeded_symbols_make_a_valid_code():
    code = certificates.code_from("7KQ2M4XP0JHT9WBDC3RS5NE")
    assert CODE_SHAPE.match(code) and parse_code(code).code == code
    with pytest.raises(ValueError):
        certificates.code_from("TOO-SHORT")


def test_every_single_typo_is_caught_by_the_check_symbol():
    plain = certificates.new_code().replace("-", "")
    for position in range(len(plain)):
        for symbol in ALPHABET:
            if symbol != plain[position]:
                typo = plain[:position] + symbol + plain[position + 1:]
                assert parse_code(typo).problem == "verify.typo", (position, symbol)


# ---------------------------------------------------------------- verification

def test_verification_tells_valid_revoked_unknown_and_nothing_more(store, course, now):
    admin = make_learner(store, nip="197001012000031002", name="Admin")
    user_id = make_learner(store)
    certificate = complete_course(store, course, user_id, now)
    valid = verify(store, certificate.code, CLIENT, now)
    assert valid.status == "valid"
    assert (valid.name, valid.course) == ("Siti Rahmawati", "Kelas Literasi Digital ASN")
    assert valid.completed_on == "23 November 2026"
    assert valid.masked_nip == "1986**********1001" and "2015" not in valid.masked_nip
    shown = {k for k, v in vars(valid).items() if v not in (None, 0)}
    assert shown == {"status", "name", "course", "completed_on", "masked_nip"}

    assert certificates.revoke(store, certificate.code, "nilai terbukti dikerjakan orang lain", admin, now) is None
    revoked = verify(store, certificate.code.lower(), CLIENT, now)
    assert revoked.status == "revoked" and revoked.name == "Siti Rahmawati"

    unknown = verify(store, certificates.new_code(), CLIENT, now)
    assert unknown.status == "unknown" and unknown.name is None and unknown.masked_nip is None
    assert verify(store, "bukan kode", CLIENT, now).status == "invalid"


def test_repeated_misses_are_throttled_per_client_and_shared_by_processes(store, course, tmp_path, now):
    certificate = complete_course(store, course, make_learner(store), now)
    other_process = Store(store.target)
    for n in range(certificates.MAX_MISSES):
        result = verify(store if n % 2 else other_process, certificates.new_code(), CLIENT, now)
        assert result.status == "unknown"
    assert result.wait_minutes == 15  # the tenth miss says so at once
    later = now + dt.timedelta(minutes=5)
    blocked = verify(store, certificate.code, CLIENT, later)  # even a real code waits: no free probing
    assert (blocked.status, blocked.wait_minutes, blocked.name) == ("throttled", 10, None)
    assert verify(store, certificate.code, "ip:someone-else", later).status == "valid"
    assert verify(store, "salah", CLIENT, later).status == "invalid"  # not a code: nothing looked up
    assert verify(store, certificate.code, CLIENT, now + dt.timedelta(minutes=15)).status == "valid"


def test_typos_and_valid_codes_do_not_count_as_misses(store, course, now):
    certificate = complete_course(store, course, make_learner(store), now)
    plain = certificate.code.replace("-", "")
    typo = plain[:5] + ("X" if plain[5] != "X" else "Y") + plain[6:]
    for _ in range(certificates.MAX_MISSES + 5):
        assert verify(store, typo, CLIENT, now).status == "invalid"
        assert verify(store, certificate.code, CLIENT, now).status == "valid"
    assert store.verify_misses(CLIENT) == (None, 0)


def test_clients_without_an_address_share_a_larger_bucket(store, now):
    anonymous = certificates.client_key(None)
    for _ in range(certificates.MAX_ANONYMOUS_MISSES - 1):
        assert verify(store, certificates.new_code(), anonymous, now).status == "unknown"
    assert verify(store, certificates.new_code(), anonymous, now).wait_minutes == 15
    assert verify(store, certificates.new_code(), anonymous, now).status == "throttled"


def test_client_addresses_are_hashed_and_only_the_proxys_own_entry_is_believed():
    key = certificates.client_key("203.0.113.9")
    assert key.startswith("ip:") and "203.0.113.9" not in key
    # Through the proxy on this machine: the right-most entry is the one it wrote.
    assert certificates.client_address("127.0.0.1", "203.0.113.9") == "203.0.113.9"
    assert certificates.client_address("127.0.0.1", "1.2.3.4, 203.0.113.9") == "203.0.113.9"
    assert certificates.client_address("36.80.10.20", "203.0.113.9") == "36.80.10.20"  # a public peer: header ignored
    assert certificates.client_address(None, "203.0.113.9") is None  # no connection: the anonymous bucket


# ---------------------------------------------------------------- revocation

def test_revocation_needs_a_reason_and_is_audited_once(store, course, now):
    admin = make_learner(store, nip="197001012000031002", name="Admin")
    certificate = complete_course(store, course, make_learner(store), now)
    assert certificates.revoke(store, certificate.code, "  salah ", admin, now) == "cert.revoke.reason_short"
    assert certificates.revoke(store, certificates.new_code(), "alasan yang cukup panjang", admin, now) \
        == "cert.revoke.unknown"
    assert store.certificate_by_code(certificate.code)["revoked_at"] is None
    assert certificates.revoke(store, certificate.code, "Data   nilai tidak sah", admin, now) is None
    row = store.certificate_by_code(certificate.code)
    assert (row["revoked_at"], row["revoked_reason"]) == ("2026-11-23T03:00:00+00:00", "Data nilai tidak sah")
    assert certificates.revoke(store, certificate.code, "alasan kedua yang lain", admin, now) == "cert.revoke.already"
    entries = store.audit_entries("certificate_revoked")
    assert [(e["actor_id"], e["target"], e["detail"]) for e in entries] == \
        [(admin, certificate.code, "Data nilai tidak sah")]


# ---------------------------------------------------------------- trainers' batches

def _batch(store: Store, name: str) -> int:
    with store.write() as conn:
        return conn.execute("INSERT INTO batches (name) VALUES (?) RETURNING id", (name,)).fetchone()[0]


def _assign(store: Store, batch_id: int, user_id: int) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?)", (batch_id, user_id))


def test_trainers_get_only_their_batches(store, course, now):
    first, second = _batch(store, "Angkatan 1"), _batch(store, "Angkatan 2")
    trainer = store.get_user(store.create_user(nip="197501012000031003", nip_kind="pns", name="Pelatih",
                                               role="trainer"))
    admin = store.get_user(store.create_user(nip="197001012000031002", nip_kind="pns", name="Admin", role="admin"))
    _assign(store, first, trainer["id"])
    mine = [store.create_user(nip=f"1990010120200110{n:02d}", nip_kind="pns", name=f"Peserta {n}",
                              batch_id=first) for n in (1, 2)]
    theirs = store.create_user(nip="199001012020011003", nip_kind="pns", name="Peserta Lain", batch_id=second)
    codes = {uid: complete_course(store, course, uid, now).code for uid in (*mine, theirs)}
    certificates.revoke(store, codes[mine[1]], "dicabut untuk pengujian", admin["id"], now)

    assert [b["name"] for b in certificates.allowed_batches(store, trainer)] == ["Angkatan 1"]
    assert [b["certificates"] for b in certificates.allowed_batches(store, trainer)] == [1]
    entries = certificates.batch_entries(store, trainer, [first])
    assert [c.code for _, c in entries] == [codes[mine[0]]]  # the revoked one is left out
    assert entries[0][0] == "Angkatan-1/sertifikat-199001012020011001-peserta-1.pdf"
    with pytest.raises(PermissionError):
        certificates.batch_entries(store, trainer, [first, second])
    assert len(certificates.allowed_batches(store, admin)) == 2
    assert [c.code for _, c in certificates.batch_entries(store, admin, [second])] == [codes[theirs]]
    learner = store.get_user(mine[0])
    assert certificates.allowed_batches(store, learner) == []
    with pytest.raises(PermissionError):
        certificates.batch_entries(store, learner, [first])


def test_certificates_written_by_other_tools_still_read(store, now):
    user_id = make_learner(store)
    store.insert_certificate(code="DEMO-1", user_id=user_id, issued_at="2026-11-20T01:00:00+00:00",
                             snapshot='{"name": "Siti Rahmawati", "pillars": {"digital-skills": 90}}')
    certificate = Certificate.from_row(store.certificate_for_user(user_id))
    assert certificate.snapshot["nip"] == VALID_NIP
    assert certificate.snapshot["scores"] == {"digital-skills": 90}
    assert certificate.completed_on == dt.date(2026, 11, 20)
