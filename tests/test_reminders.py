"""Trainers' reminders: risk first in the table, mail to the chosen learners of their own batches
through a real SMTP server, each one in the audit log."""

from __future__ import annotations

import pytest

from modules import analytics, mailer, reminders
from tests.browser import free_port
from tests.cohort_builder import NOW, Cohort, add_activity, build
from tests.smtp_server import smtp_server

SUBJECT = "Pengingat untuk {nama}"
BODY = "Yth. {nama}, lanjutkan kursus di {angkatan}: {tautan}"


@pytest.fixture
def cohort(store) -> Cohort:
    built = build(store)
    add_activity(built)
    for n, user_id in enumerate(built.learners_1):
        if n % 2 == 0:  # half of batch 1 has an address on record
            store.db.execute("UPDATE users SET email = ? WHERE id = ?", (f"peserta{n}@bantenprov.go.id", user_id))
    return built


@pytest.fixture
def mailbox(monkeypatch):
    with smtp_server() as box:
        for name, value in box.env().items():
            monkeypatch.setenv(name, value)
        yield box


def send(cohort, viewer, user_ids):
    return reminders.send_reminders(cohort.store, viewer, user_ids, subject=SUBJECT, body=BODY, now=NOW,
                                    base_url="https://kelas.test", settings=mailer.mail_settings())


def test_learners_at_risk_come_first_most_reasons_and_longest_silent_first(cohort):
    rows = analytics.learners_table(cohort.store, cohort.trainer_a, NOW)
    flags = [row["at_risk"] for row in rows]
    assert any(flags) and flags == sorted(flags, reverse=True)
    at_risk = [row for row in rows if row["at_risk"]]
    keys = [(-len(row["risk"]), row["last_activity"] or "") for row in at_risk]
    assert keys == sorted(keys)
    assert all("email" in row for row in rows)


def test_a_reminder_reaches_each_chosen_learner_filled_in_and_audited(cohort, mailbox):
    rows = {row["id"]: row for row in analytics.learners_table(cohort.store, cohort.trainer_a, NOW)}
    chosen = cohort.learners_1[:4]
    result = send(cohort, cohort.trainer_a, chosen)
    with_mail = [rows[i] for i in chosen if rows[i]["email"]]
    messages = mailbox.wait_for(len(with_mail))
    assert sorted(m["To"] for m in messages) == sorted(r["email"] for r in with_mail)
    for message in messages:
        row = next(r for r in with_mail if r["email"] == message["To"])
        assert message["Subject"] == f"Pengingat untuk {row['name']}"
        assert message.get_content().strip() == f"Yth. {row['name']}, lanjutkan kursus di {row['batch']}: https://kelas.test"
    assert sorted(result.sent) == sorted(r["nip"] for r in with_mail)
    assert sorted(result.without_email) == sorted(rows[i]["name"] for i in chosen if not rows[i]["email"])
    audited = [e for e in cohort.store.audit_entries(action="reminder_sent")]
    assert sorted(e["target"] for e in audited) == sorted(result.sent)
    assert all(e["actor_id"] == cohort.trainer_a["id"] for e in audited)


def test_learners_outside_the_trainers_batches_get_nothing(cohort, mailbox):
    cohort.store.db.execute("UPDATE users SET email = 'lain@bantenprov.go.id' WHERE id = ?", (cohort.learners_2[0],))
    result = send(cohort, cohort.trainer_a, [cohort.learners_2[0]])
    assert result.refused == 1 and result.sent == [] and mailbox.messages == []
    assert send(cohort, cohort.learner, [cohort.learners_1[0]]).sent == []  # a learner is no trainer


def test_a_name_cannot_reach_into_the_template(cohort, mailbox):
    target = cohort.learners_1[0]
    cohort.store.db.execute("UPDATE users SET name = '{tautan} {0.__class__}' WHERE id = ?", (target,))
    send(cohort, cohort.trainer_a, [target])
    [message] = mailbox.wait_for(1)
    assert message["Subject"] == "Pengingat untuk {tautan} {0.__class__}"


def test_a_refusing_mail_server_is_reported_and_nothing_is_audited(cohort, monkeypatch):
    monkeypatch.setenv("KELAS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KELAS_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("KELAS_SMTP_SECURITY", "none")
    result = send(cohort, cohort.trainer_a, cohort.learners_1[:2])
    assert result.error and result.sent == []
    assert cohort.store.audit_entries(action="reminder_sent") == []


@pytest.mark.parametrize("subject, body, problem", [("", "x", "remind.empty"), ("x", " ", "remind.empty"),
                                                    ("x" * 201, "x", "remind.too_long"), ("Hi", "Isi", None)])
def test_a_template_is_checked_before_sending(subject, body, problem):
    assert reminders.template_problem(subject, body) == problem
