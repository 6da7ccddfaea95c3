"""Item analysis in a trainer's words: one plain verdict per question and what to do about it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Most serious first: the verdict a question gets is its most serious flag.
SEVERITY = ("negative_discrimination", "too_hard", "too_easy", "weak_discrimination", "unused_distractor")
RELIABLE, SOMEWHAT_RELIABLE = 0.7, 0.5


def item_verdict(flags: Sequence[tuple[str, Any]]) -> str:
    """The i18n key of a question's plain verdict: its most serious flag, or "fine"."""
    codes = {code for code, _ in flags}
    return next((code for code in SEVERITY if code in codes), "fine")


def item_actions(flags: Sequence[tuple[str, Any]]) -> list[str]:
    """The i18n keys of what to do, one per kind of flag, most serious first."""
    codes = {code for code, _ in flags}
    return [code for code in SEVERITY if code in codes]


def reliability(alpha: float | None) -> str | None:
    """How far a quiz's total score can be trusted (KR-20): "reliable", "somewhat" or "unreliable"."""
    if alpha is None:
        return None
    return "reliable" if alpha >= RELIABLE else "somewhat" if alpha >= SOMEWHAT_RELIABLE else "unreliable"


def short_prompt(prompt: str, limit: int = 110) -> str:
    """The question's text cut at a word for a table cell."""
    text = " ".join(prompt.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
