"""One learner's progress, computed from their stored rows and the catalogue — pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from modules.course import PILLARS, Catalogue
from modules.quiz import gain_band, hake_gain, percent


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


def lessons_completed(lessons: Mapping[str, Mapping[str, Any]]) -> int:
    """How many lessons the learner has marked done, from their lesson_progress rows."""
    return sum(1 for row in lessons.values() if row.get("completed_at"))


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


@dataclass(frozen=True)
class Gain:
    """Pre- and post-test result for one pillar (or overall) and Hake's normalised gain."""

    scope: str  # a pillar slug, or "overall"
    pre_percent: int
    post_percent: int
    gain: float | None
    band: str | None


def pillar_scores(catalogue: Catalogue, answers: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    """(right, asked) per pillar among an attempt's answers — a test's score pillar by pillar."""
    scores: dict[str, tuple[int, int]] = {}
    for qid, answer in answers.items():
        question = catalogue.questions.get(qid)
        if question is None:
            continue
        right, asked = scores.get(question.pillar, (0, 0))
        scores[question.pillar] = (right + int(answer["correct"]), asked + 1)
    return scores


def learning_gain(catalogue: Catalogue, pre_answers: Mapping[str, Mapping[str, Any]],
                  post_answers: Mapping[str, Mapping[str, Any]]) -> list[Gain]:
    """Hake's gain per pillar and overall, from the answers of the pre-test and the post-test."""
    pre, post = pillar_scores(catalogue, pre_answers), pillar_scores(catalogue, post_answers)
    rows = []
    for scope in [*PILLARS, "overall"]:
        if scope == "overall":
            pre_pair = (sum(r for r, _ in pre.values()), sum(n for _, n in pre.values()))
            post_pair = (sum(r for r, _ in post.values()), sum(n for _, n in post.values()))
        elif scope in pre and scope in post:
            pre_pair, post_pair = pre[scope], post[scope]
        else:
            continue
        pre_pct, post_pct = percent(*pre_pair), percent(*post_pair)
        gain = hake_gain(100 * pre_pair[0] / pre_pair[1], 100 * post_pair[0] / post_pair[1]) \
            if pre_pair[1] and post_pair[1] else None
        rows.append(Gain(scope, pre_pct, post_pct, gain, gain_band(gain) if gain is not None else None))
    return rows


@dataclass(frozen=True)
class NextStep:
    """Where a learner carries on: a lesson (id), a pillar quiz (pillar), the post-test, or done."""

    kind: str  # "lesson" | "quiz" | "posttest" | "done"
    target: str | None = None


def next_step(catalogue: Catalogue, lessons: Mapping[str, Mapping[str, Any]],
              attempts: list[dict[str, Any]], posttest_open: bool) -> NextStep:
    """The lesson last opened and not finished; else, pillar by pillar, the first lesson not done or
    the quiz not passed; else the post-test if it is open; else done."""
    unfinished = [(row["opened_at"], lesson_id) for lesson_id, row in lessons.items()
                  if row.get("opened_at") and not row.get("completed_at") and lesson_id in catalogue.lessons]
    if unfinished:
        return NextStep("lesson", max(unfinished)[1])
    passed = {a["quiz_id"] for a in attempts if a["kind"] == "pillar" and a["passed"]}
    for pillar in PILLARS:
        for lesson in catalogue.pillar_lessons(pillar):
            if not (lessons.get(lesson.id) or {}).get("completed_at"):
                return NextStep("lesson", lesson.id)
        if pillar not in passed:
            return NextStep("quiz", pillar)
    if posttest_open:
        return NextStep("posttest")
    return NextStep("done")


def overall_share(progress: list[PillarProgress], posttest_done: bool) -> tuple[int, int]:
    """(steps done, steps in all): every lesson, every pillar quiz passed, and the post-test."""
    done = sum(row.lessons_done + row.passed for row in progress) + posttest_done
    total = sum(row.lessons_total + 1 for row in progress) + 1
    return done, total
