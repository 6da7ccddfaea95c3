"""Showing stored UTC times to people in Indonesia."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DISPLAY_ZONE = ZoneInfo("Asia/Jakarta")


def local_time(stamp: str | None) -> str:
    """`2026-11-23T03:04:00+00:00` → `23-11-2026 10:04 WIB`."""
    if not stamp:
        return "–"
    return dt.datetime.fromisoformat(stamp).astimezone(DISPLAY_ZONE).strftime("%d-%m-%Y %H:%M WIB")
