"""What "done" means: a lesson completed, the post-test open, the course completed — pure rules.

KELAS_COMPLETION_RULE chooses what the certificate (and the post-test) require:
- "strict" (default): every lesson of the course marked done, every pillar quiz passed, and the
  post-test taken. The post-test opens once the lessons and the pillar quizzes are done.
- "quizzes": every pillar quiz passed and the post-test taken; lessons are not required (for a
  cohort that studied the material elsewhere, e.g. in a classroom session).
A value that is neither falls back to "strict".

A lesson can be marked done only after a minimum reading time since it was first opened:
KELAS_MIN_READING_PERCENT (default 40) per cent of the lesson's stated reading minutes; 0 turns
the minimum off.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from typing import Any

COMPLETION_RULES = ("strict", "quizzes")
DEFAULT_COMPLETION_RULE = "strict"
DEFAULT_MIN_READING_PERCENT = 40


def completion_rule(text: str | None) -> str:
    raw = (text or "").strip().lower()
    return raw if raw in COMPLETION_RULES else DEFAULT_COMPLETION_RULE


def required_lessons(lesson_ids: Collection[str], rule: str) -> list[str]:
    """The lessons the rule requires (all of the course's under "strict", none under "quizzes")."""
    return list(lesson_ids) if rule == "strict" else []


def lessons_missing(required: Collection[str], lesson_progress: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Required lessons not yet marked done, in the order given."""
    return [lid for lid in required if not (lesson_progress.get(lid) or {}).get("completed_at")]


def lessons_completed_at(required: Collection[str], lesson_progress: Mapping[str, Mapping[str, Any]]) -> str | None:
    """When the last required lesson was marked done; None while one is missing ('' if none required)."""
    if lessons_missing(required, lesson_progress):
        return None
    return max((lesson_progress[lid]["completed_at"] for lid in required), default="")


def reading_time_needed(minutes: int, percent: int) -> dt.timedelta:
    """How long a lesson must have been open before it can be marked done."""
    return dt.timedelta(seconds=math.ceil(60 * minutes * max(0, percent) / 100))


def reading_time_left(opened_at: dt.datetime | None, minutes: int, percent: int, now: dt.datetime) -> dt.timedelta:
    """Time still to wait before "Tandai selesai" counts; zero when it may be marked done now.

    Counted on the server from the first opening the database recorded, never from the browser.
    """
    needed = reading_time_needed(minutes, percent)
    if opened_at is None:
        return needed
    return max(dt.timedelta(0), opened_at + needed - now)


def minutes_text(delta: dt.timedelta) -> int:
    """Whole minutes to show, rounded up (a wait of 10 seconds shows as 1 minute)."""
    return max(1, math.ceil(delta.total_seconds() / 60)) if delta > dt.timedelta(0) else 0
