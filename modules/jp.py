"""Jam pelajaran (JP): the study hours the certificate credits, computed from the catalogue.

1 JP = 45 minutes of study. The course's study time is
- every lesson's stated reading minutes (checked against the text at 200 words a minute),
- one attempt at each pillar quiz, the pre-test and the post-test, at ANSWER_MINUTES_PER_ITEM to
  read and answer an item plus REVIEW_MINUTES_PER_ITEM to read its explanation and the reason for
  each option in the review (retakes are not counted: they are not required),
- any practice task (the course has none yet; a task's minutes would be added here),
and the JP is that total divided by 45, rounded down. KELAS_COURSE_JP may lower the figure (a
training centre that credits less), never raise it. Issued certificates keep the JP in their
snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from modules.course import PILLARS, Catalogue

MINUTES_PER_JP = 45
ANSWER_MINUTES_PER_ITEM = Fraction(3, 2)  # a scenario stem and 4–5 options, read and decided
REVIEW_MINUTES_PER_ITEM = Fraction(1, 2)  # the explanation and each option's "why", after submitting
MINUTES_PER_ITEM = ANSWER_MINUTES_PER_ITEM + REVIEW_MINUTES_PER_ITEM


@dataclass(frozen=True)
class JpPart:
    name: str
    detail: str
    minutes: Fraction


@dataclass(frozen=True)
class JpBreakdown:
    parts: tuple[JpPart, ...]
    cap: int | None  # KELAS_COURSE_JP, if set

    @property
    def minutes(self) -> Fraction:
        return sum((part.minutes for part in self.parts), Fraction(0))

    @property
    def computed(self) -> int:
        return int(self.minutes // MINUTES_PER_JP)

    @property
    def jp(self) -> int:
        """What the certificate credits: the computed JP, or the cap when that is lower."""
        return min(self.computed, self.cap) if self.cap is not None and self.cap >= 0 else self.computed

    def lines(self) -> list[str]:
        rows = [f"  {part.name}: {part.detail} = {_minutes(part.minutes)} min" for part in self.parts]
        rows.append(f"  total {_minutes(self.minutes)} min ÷ {MINUTES_PER_JP} = "
                    f"{float(self.minutes / MINUTES_PER_JP):.2f} → {self.computed} JP (rounded down)")
        if self.cap is not None:
            rows.append(f"  KELAS_COURSE_JP={self.cap}: " + (f"lowers it to {self.jp} JP" if self.cap < self.computed
                                                              else "ignored, it may only lower the JP"))
        return rows


def _minutes(value: Fraction) -> str:
    return f"{float(value):g}"


def breakdown(catalogue: Catalogue, questions_per_quiz: int, cap: int | None = None) -> JpBreakdown:
    """The course's study time, part by part, and the JP that follows from it."""
    from modules.attempts import TEST_QUESTIONS_PER_PILLAR

    lessons = list(catalogue.lessons.values())
    quiz_items = sum(min(questions_per_quiz, len(catalogue.pillar_questions(p))) for p in PILLARS)
    test_items = sum(min(TEST_QUESTIONS_PER_PILLAR, len(catalogue.pillar_questions(p))) for p in PILLARS)
    per_item = f"× {_minutes(MINUTES_PER_ITEM)} min ({_minutes(ANSWER_MINUTES_PER_ITEM)} answering + " \
               f"{_minutes(REVIEW_MINUTES_PER_ITEM)} review)"
    return JpBreakdown(parts=(
        JpPart("lessons", f"{len(lessons)} lessons' reading minutes", Fraction(sum(x.minutes for x in lessons))),
        JpPart("pillar quizzes", f"{quiz_items} items (one attempt per pillar) {per_item}",
               quiz_items * MINUTES_PER_ITEM),
        JpPart("pre-test and post-test", f"2 × {test_items} items {per_item}", 2 * test_items * MINUTES_PER_ITEM),
        JpPart("practice tasks", "none in the course yet", Fraction(0)),
    ), cap=cap)


def course_jp(catalogue: Catalogue) -> int:
    """The JP a certificate of this course credits now (settings: questions per quiz, KELAS_COURSE_JP)."""
    from modules.config import current_settings

    settings = current_settings()
    return breakdown(catalogue, settings.questions_per_quiz, settings.course_jp).jp
