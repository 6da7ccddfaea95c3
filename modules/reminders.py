"""Trainers' reminders: an e-mail to the learners they choose, from a template they can edit.

Only learners the trainer may see (their own batches; admins: everyone) receive one; every mail sent
is recorded in the audit log. Placeholders are replaced literally ({nama}, {angkatan}, {tautan}), so
a learner's name can never reach into the template machinery.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from modules import analytics, mailer
from modules.store import Store

MAX_SUBJECT = 200
MAX_BODY = 5_000
_PLACEHOLDER = re.compile(r"\{nama\}|\{angkatan\}|\{tautan\}")

log = logging.getLogger(__name__)


@dataclass
class ReminderResult:
    sent: list[str] = field(default_factory=list)  # NIPs mailed
    without_email: list[str] = field(default_factory=list)  # names with no address on record
    refused: int = 0  # chosen ids outside the trainer's batches
    error: str | None = None  # the mail server refused the whole send


def fill(template: str, learner: dict[str, Any], base_url: str) -> str:
    """The template with the learner's placeholders replaced in one pass, so text that came in with a
    value (a name containing "{tautan}", say) is never replaced again."""
    values = {"{nama}": learner["name"], "{angkatan}": learner.get("batch") or "", "{tautan}": base_url}
    return _PLACEHOLDER.sub(lambda match: values[match.group(0)], template)


def template_problem(subject: str, body: str) -> str | None:
    """What is wrong with a reminder before anything is sent (an i18n key), or None."""
    if not subject.strip() or not body.strip():
        return "remind.empty"
    if len(subject) > MAX_SUBJECT or len(body) > MAX_BODY:
        return "remind.too_long"
    return None


def send_reminders(store: Store, viewer: dict[str, Any], user_ids: list[int], *, subject: str, body: str,
                   now: dt.datetime, base_url: str, settings: mailer.MailSettings) -> ReminderResult:
    """Mail each chosen learner the filled template; audit each one sent."""
    visible = {row["id"]: row for row in analytics.learners_table(store, viewer, now)}
    result = ReminderResult(refused=sum(1 for user_id in set(user_ids) if user_id not in visible))
    chosen = [visible[user_id] for user_id in dict.fromkeys(user_ids) if user_id in visible]
    result.without_email = [row["name"] for row in chosen if not row.get("email")]
    reachable = [row for row in chosen if row.get("email")][:mailer.MAX_RECIPIENTS_PER_SEND]
    messages = [mailer.build_message(settings, row["email"], fill(subject, row, base_url),
                                     fill(body, row, base_url)) for row in reachable]
    def record(index: int) -> None:
        row = reachable[index]
        store.audit(viewer["id"], "reminder_sent", row["nip"], " ".join(subject.split())[:MAX_SUBJECT])
        result.sent.append(row["nip"])

    try:
        mailer.send_mail(settings, messages, on_sent=record)
    except mailer.MailError as error:
        log.warning("reminders stopped after %d of %d: %s", len(result.sent), len(messages), error)
        result.error = str(error)
    return result
