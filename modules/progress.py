"""One learner's progress, computed from their stored rows and the catalogue — pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modules.course import PILLARS, Catalogue
from modules.quiz import percent


@dataclass(frozen=True)
class PillarProgress:
    pillar: str
    lessons_done: int
    lessons_total: int
    best_percent: int | None
    latest_percent: int | None
    attempts: int
    passed: bool

    @property
    def lesson_share(self) -> float:
        return self.lessons_done / self.lessons_total if self.lessons_total else 0.0


def pillar_progress(catalogue: Catalogue, lessons: dict[str, dict[str, Any]],
                    attempts: list[dict[str, Any]]) -> list[PillarProgress]:
    """Lessons done and quiz results per pillar; `attempts` are submitted ones, newest first."""
    result = []
    for pillar in PILLARS:
        lesson_ids = [lesson.id for lesson in catalogue.pillar_lessons(pillar)]
        done = sum(1 for lid in lesson_ids if (lessons.get(lid) or {}).get("completed_at"))
        mine = [a for a in attempts if a["quiz_id"] == pillar and a["kind"] == "pillar"]
        scores = [percent(a["score"], a["max_score"]) for a in mine]
        result.append(PillarProgress(
            pillar=pillar, lessons_done=done, lessons_total=len(lesson_ids),
            best_percent=max(scores) if scores else None,
            latest_percent=scores[0] if scores else None,
            attempts=len(mine), passed=any(a["passed"] for a in mine)))
    return result
