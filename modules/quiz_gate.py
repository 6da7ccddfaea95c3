"""Whether a quiz can be offered with the question banks as loaded, and if not, why (file:line).

A broken bank leaves its broken questions out of the catalogue (modules/course.py). A quiz whose
bank then holds fewer valid questions than one attempt draws is refused with the bank's problems,
so that nobody takes a quiz of "0 soal" and no attempt without questions is ever stored.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from modules.attempts import TESTS
from modules.course import PILLARS, Catalogue, Problem

SHOWN_PROBLEMS = 5


def bank_problems(catalogue: Catalogue, pillar: str) -> list[Problem]:
    """The problems found in a pillar's bank file (`quizzes/<pillar>.yaml`)."""
    return [problem for problem in catalogue.problems if PurePosixPath(problem.file).stem == pillar]


def quiz_refusal(catalogue: Catalogue, quiz_id: str, count: int, per_pillar: int) -> list[str]:
    """Empty when the quiz can be offered; else what is wrong, as `file:line: message` lines.

    A pillar quiz needs `count` valid questions in its bank; the pre- and post-test `per_pillar`
    in every bank.
    """
    pillars = PILLARS if quiz_id in TESTS else (quiz_id,)
    need = per_pillar if quiz_id in TESTS else count
    lines: list[str] = []
    for pillar in pillars:
        have = len(catalogue.pillar_questions(pillar))
        if have >= need:
            continue
        problems = bank_problems(catalogue, pillar)
        lines += [str(problem) for problem in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(f"… (+{len(problems) - SHOWN_PROBLEMS})")
        if not problems:
            lines.append(f"{pillar}.yaml: {have} / {need}")
    return lines
