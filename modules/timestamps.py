"""Time helpers of the store: timestamps are kept as ISO-8601 UTC text (see `stamp`)."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def stamp(moment: dt.datetime) -> str:
    """Timestamps are stored as ISO-8601 UTC text, which sorts in time order."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_stamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
