"""When a failed pillar quiz may be taken again — pure rules, no storage.

KELAS_RETAKE_RULE chooses the rule:
- "lessons" (default): after a failed attempt the learner rereads the lessons of the questions they
  missed; the next attempt opens once each of those lessons has been opened after the failure.
- "wait:<minutes>": the next attempt opens that many minutes after the failure.
- "none": a retake is open at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

RULES = ("lessons", "wait", "none")


@dataclass(frozen=True)
class RetakeRule:
    kind: str  # one of RULES
    minutes: int = 0  # for "wait"


DEFAULT_RULE = RetakeRule("lessons")


def parse_rule(text: str | None) -> RetakeRule | None:
    """`lessons`, `wait:30` or `none` (any case, spaces ignored); None when it is none of these."""
    raw = re.sub(r"\s+", "", text or "").lower()
    if raw in ("", "lessons"):
        return DEFAULT_RULE
    if raw == "none":
        return RetakeRule("none")
    match = re.fullmatch(r"wait:(\d{1,5})", raw)
    return RetakeRule("wait", int(match.group(1))) if match else None


@dataclass(frozen=True)
class RetakeGate:
    open: bool
    failed_at: dt.datetime | None = None  # the failed attempt this gate follows
    lessons: tuple[str, ...] = ()  # lessons of the missed questions, in course order
    to_reopen: tuple[str, ...] = ()  # of those, the ones not opened since the failure
    wait_until: dt.datetime | None = None


def retake_gate(rule: RetakeRule, failed_at: dt.datetime | None, missed_lessons: Sequence[str],
                opened_since: Mapping[str, dt.datetime], now: dt.datetime) -> RetakeGate:
    """Whether the next attempt may start.

    `failed_at`: when the learner's latest attempt at this quiz was submitted, if it failed (None
    when there is no attempt yet or the latest one passed). `missed_lessons`: the lessons of that
    attempt's wrong answers, in course order. `opened_since`: lesson id → the latest time the
    learner opened it.
    """
    if failed_at is None or rule.kind == "none":
        return RetakeGate(True)
    if rule.kind == "wait":
        until = failed_at + dt.timedelta(minutes=rule.minutes)
        return RetakeGate(now >= until, failed_at, tuple(missed_lessons), (), until)
    lessons = tuple(dict.fromkeys(missed_lessons))
    # Stored times have whole seconds: an opening in the failure's second counts as after it.
    pending = tuple(lid for lid in lessons if not (opened_since.get(lid) and opened_since[lid] >= failed_at))
    return RetakeGate(not pending, failed_at, lessons, pending)
