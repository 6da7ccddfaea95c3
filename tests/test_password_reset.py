"""'Lupa kata sandi?': a one-time code by e-mail through a real SMTP server, single use, expiring,
neutral to strangers, and harmless to the password a person still knows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from modules import auth, mailer, password_reset
from modules.signin import sign_in
from tests.browser import free_port
from tests.conftest import PASSWORD, VALID_NIP
from tests.smtp_server import smtp_server

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

NEW_PASSWORD = "sambal terasi di warung pojok"
EMAIL = "siti.rahmawati@bantenprov.go.id"


@pytest.fixture
def mailbox(monkeypatch):
    with smtp_server() as box:
        for name, value in box.env().items():
            monkeypatch.setenv(name, value)
        yield box


@pytest.fixture
def person(store) -> int:
    return store.create_user(nip=VALID_NIP, nip_kind="pns", name="Siti Rahmawati", email=EMAIL,
                             password_hash=auth.hash_password(PASSWORD))


def ask(store, now, *, nip=VALID_NIP, email=EMAIL) -> None:
    password_reset.request_reset(store, nip=nip, email=email, now=now, base_url="https://kelas.test",
                                 settings=mailer.mail_settings())


def mailed_code(message) -> str:
    return re.search(r"Kode Anda: (\S+)", message.get_content()).group(1)


def reset(store, now, code, nip=VALID_NIP):
    return password_reset.complete_reset(store, nip=nip, code=code, password=NEW_PASSWORD,
                                         password_again=NEW_PASSWORD, now=now)


def test_the_code_arrives_by_mail_and_sets_a_new_password(store, person, mailbox, now):
    token = store.create_session(person, now, 8)
    ask(store, now, email="  Siti.Rahmawati@BantenProv.go.id ")
    [message] = mailbox.wait_for(1)
    assert message["To"] == EMAIL and "kata sandi" in message["Subject"].lower()
    assert "https://kelas.test/lupa-sandi" in message.get_content()
    # Asking changes nothing yet: the old password and session still work.
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors == []
    assert store.user_for_session(token, now) is not None

    outcome = reset(store, now + dt.timedelta(minutes=5), mailed_code(message))
    assert outcome.errors == [] and outcome.user["id"] == person
    assert sign_in(store, nip=VALID_NIP, password=NEW_PASSWORD, now=now).errors == []
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors != []
    assert store.user_for_session(token, now) is None  # every old session ended
    assert "password_reset" in {e["action"] for e in store.audit_entries(limit=20)}


def test_a_code_works_once(store, person, mailbox, now):
    ask(store, now)
    code = mailed_code(mailbox.wait_for(1)[0])
    assert reset(store, now, code).errors == []
    assert reset(store, now, code).errors == [password_reset.t("reset.wrong")]


def test_a_code_expires(store, person, mailbox, now):
    ask(store, now)
    code = mailed_code(mailbox.wait_for(1)[0])
    later = now + dt.timedelta(minutes=password_reset.RESET_VALID_MINUTES + 1)
    assert "kedaluwarsa" in reset(store, later, code).errors[0]
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=later).errors == []


@pytest.mark.parametrize("nip, email", [(VALID_NIP, "someone.else@example.test"),
                                        ("199001012020121002", EMAIL),
                                        ("bukan nip", EMAIL)])
def test_strangers_get_no_mail_and_the_same_answer(store, person, mailbox, now, nip, email):
    ask(store, now, nip=nip, email=email)
    ask(store, now, email="")  # an empty address never matches either
    assert mailbox.messages == []
    assert store.password_reset_code(person) is None


def test_asking_again_within_two_minutes_sends_one_mail(store, person, mailbox, now):
    ask(store, now)
    ask(store, now + dt.timedelta(seconds=30))
    mailbox.wait_for(1)
    ask(store, now + password_reset.RESEND_AFTER + dt.timedelta(seconds=1))
    first, second = mailbox.wait_for(2)
    assert mailed_code(first) != mailed_code(second)
    assert reset(store, now + dt.timedelta(minutes=3), mailed_code(first)).errors  # replaced by the newer one
    assert reset(store, now + dt.timedelta(minutes=3), mailed_code(second)).errors == []


def test_five_wrong_codes_lock_like_activation(store, person, mailbox, now):
    ask(store, now)
    code = mailed_code(mailbox.wait_for(1)[0])
    for _ in range(5):
        reset(store, now, "AAAA-AAAA-AA")
    outcome = reset(store, now, code)
    assert outcome.errors and "menit" in outcome.errors[0]
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors == []


def test_an_unreachable_mail_server_loses_nothing(store, person, monkeypatch, now):
    monkeypatch.setenv("KELAS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KELAS_SMTP_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("KELAS_SMTP_SECURITY", "none")
    ask(store, now)
    assert store.password_reset_code(person) is None  # withdrawn: the person may ask again at once
    assert sign_in(store, nip=VALID_NIP, password=PASSWORD, now=now).errors == []


def test_without_smtp_settings_nothing_is_sent(store, person, monkeypatch, now):
    monkeypatch.delenv("KELAS_SMTP_HOST", raising=False)
    assert mailer.mail_settings() is None
    ask(store, now)
    assert store.password_reset_code(person) is None


def test_a_header_cannot_be_smuggled_through_an_address(monkeypatch):
    import email
    import email.policy

    monkeypatch.setenv("KELAS_SMTP_HOST", "mail.test")
    message = mailer.build_message(mailer.mail_settings(), "a@b.test\r\nBcc: evil@x.test", "Hi\nBcc: x", "body")
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed.get_all("To") == [parsed["To"]]
    assert "\n" not in parsed["Subject"]
