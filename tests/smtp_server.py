"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the mail tests."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.browser import free_port


@dataclass
class Mailbox:
    """What the server was handed: one parsed message per delivery, in order."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def env(self) -> dict[str, str]:
        """The product's settings that send through this server."""
        return {"KELAS_SMTP_HOST": "127.0.0.1", "KELAS_SMTP_PORT": str(self.port),
                "KELAS_SMTP_SECURITY": "none", "KELAS_SMTP_FROM": "kelas@bkpsdm.test"}

    def wait_for(self, count: int, timeout: float = 20) -> list[EmailMessage]:
        """The first `count` messages, waiting for them to arrive."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.messages) >= count, f"{len(self.messages)} of {count} messages arrived"
        return self.messages[:count]


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox(port=free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
