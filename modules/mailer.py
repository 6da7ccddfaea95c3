"""Sending e-mail through the organisation's SMTP server (password resets, trainers' reminders).

Configured by environment variables; with no `KELAS_SMTP_HOST` the product sends nothing and the
pages that would mail say so. Each message is sent in its own short connection with a timeout, so a
slow mail server delays only the click that sends, never other learners.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

SECURITY_MODES = ("none", "starttls", "ssl")
MAX_RECIPIENTS_PER_SEND = 500  # one trainer's click; a batch is 3,000 in all


class MailError(Exception):
    """The message could not be handed to the SMTP server."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    sender_name: str
    user: str | None
    password: str | None
    security: str  # none | starttls | ssl
    timeout: float


def mail_settings() -> MailSettings | None:
    """The SMTP settings from the environment, or None when e-mail is not configured."""
    host = os.environ.get("KELAS_SMTP_HOST", "").strip()
    if not host:
        return None
    security = os.environ.get("KELAS_SMTP_SECURITY", "starttls").strip().lower()
    if security not in SECURITY_MODES:
        raise ValueError(f"KELAS_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}")
    default_port = {"none": 25, "starttls": 587, "ssl": 465}[security]
    return MailSettings(
        host=host,
        port=int(os.environ.get("KELAS_SMTP_PORT", "") or default_port),
        sender=os.environ.get("KELAS_SMTP_FROM", "").strip() or f"noreply@{host}",
        sender_name=os.environ.get("KELAS_SMTP_FROM_NAME", "Kelas Literasi Digital ASN"),
        user=os.environ.get("KELAS_SMTP_USER") or None,
        password=os.environ.get("KELAS_SMTP_PASSWORD") or None,
        security=security,
        timeout=float(os.environ.get("KELAS_SMTP_TIMEOUT", "") or 10),
    )


def build_message(settings: MailSettings, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message; recipient and subject are single header lines whatever was typed."""
    message = EmailMessage()
    message["From"] = formataddr((settings.sender_name, settings.sender))
    message["To"] = to.replace("\r", "").replace("\n", "")
    message["Subject"] = " ".join(subject.split())
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body)
    return message


def send_mail(settings: MailSettings, messages: list[EmailMessage],
              on_sent: Callable[[int], None] | None = None) -> None:
    """Hand `messages` to the SMTP server over one connection, calling `on_sent(index)` after each
    one it accepted; MailError if it cannot take them (those accepted before stay accepted)."""
    if len(messages) > MAX_RECIPIENTS_PER_SEND:
        raise MailError(f"at most {MAX_RECIPIENTS_PER_SEND} messages per send")
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                    context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.user:
                client.login(settings.user, settings.password or "")
            for index, message in enumerate(messages):
                client.send_message(message)
                if on_sent is not None:
                    on_sent(index)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(str(error)) from error
