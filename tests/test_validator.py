"""`validate-content`: every problem reported as file:line: message, non-zero exit."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from modules.course import PILLARS, load_catalogue
from tests.conftest import ROOT

LESSON = """\
---
id: aman-01
title: Kata Sandi
minutes: 5
objectives:
  - Memahami kata sandi.
sources:
  - title: NIST SP 800-63B
    url: https://pages.nist.gov/800-63-4/sp800-63b.html
---

Isi pelajaran.
"""

BANK = """\
pillar: digital-safety
title: Kuis Aman
questions:
  - id: aman-q01
    lesson: aman-01
    type: single
    difficulty: easy
    prompt: Pertanyaan satu?
    options:
      - text: A
        correct: true
      - text: B
    explanation: Karena A.
  - id: aman-q01
    lesson: aman-09
    type: single
    difficulty: easy
    prompt: Pertanyaan dua?
    options:
      - text: A
        correct: true
      - text: B
        correct: true
    explanation: Karena.
  - id: aman-q03
    lesson: aman-01
    type: true_false
    difficulty: hard
    prompt: Pernyataan.
    options:
      - text: Benar
      - text: Salah
        correct: true
"""


def write_course(root: Path, lesson: str = LESSON, bank: str = BANK) -> tuple[Path, Path]:
    content, quizzes = root / "content", root / "quizzes"
    for pillar in PILLARS:
        (content / pillar).mkdir(parents=True)
    (content / "digital-safety" / "01-kata-sandi.md").write_text(lesson, encoding="utf-8")
    quizzes.mkdir()
    (quizzes / "digital-safety.yaml").write_text(bank, encoding="utf-8")
    return content, quizzes


def test_each_broken_question_is_reported_with_its_line(tmp_path):
    catalogue = load_catalogue(*write_course(tmp_path))
    messages = [str(p) for p in catalogue.problems]
    assert "quizzes/digital-safety.yaml:14: aman-q01: a single question needs exactly one correct option, found 2" in messages
    assert "quizzes/digital-safety.yaml:14: question id 'aman-q01' is also used at quizzes/digital-safety.yaml:4" in messages
    assert "quizzes/digital-safety.yaml:14: aman-q01: lesson 'aman-09' does not exist" in messages
    assert "quizzes/digital-safety.yaml:25: question field 'explanation' is missing" in messages
    assert list(catalogue.questions) == ["aman-q01"]  # only the sound question is kept


def test_lesson_front_matter_problems_are_reported(tmp_path):
    lesson = LESSON.replace("minutes: 5\n", "").replace("https://pages.nist.gov/800-63-4/sp800-63b.html", "not a link")
    catalogue = load_catalogue(*write_course(tmp_path, lesson=lesson))
    messages = [str(p) for p in catalogue.problems]
    assert "content/digital-safety/01-kata-sandi.md:2: front matter field 'minutes' is missing" in messages
    assert "aman-01" not in catalogue.lessons


def test_bad_url_in_sources_is_reported_on_its_line(tmp_path):
    lesson = LESSON.replace("https://pages.nist.gov/800-63-4/sp800-63b.html", "pages.nist.gov")
    messages = [str(p) for p in load_catalogue(*write_course(tmp_path, lesson=lesson)).problems]
    assert "content/digital-safety/01-kata-sandi.md:8: source 'NIST SP 800-63B' needs a well-formed http(s) 'url'" in messages


def test_malformed_yaml_is_reported_not_raised(tmp_path):
    catalogue = load_catalogue(*write_course(tmp_path, bank="pillar: digital-safety\nquestions:\n  - id: [unclosed\n"))
    assert catalogue.problems and catalogue.problems[0].file == "quizzes/digital-safety.yaml"
    assert "not valid YAML" in catalogue.problems[0].message


def test_command_prints_problems_and_exits_non_zero(tmp_path):
    content, quizzes = write_course(tmp_path)
    env = os.environ | {"KELAS_CONTENT_DIR": str(content), "KELAS_QUIZZES_DIR": str(quizzes),
                        "KELAS_DB_PATH": str(tmp_path / "x.db")}
    result = subprocess.run([sys.executable, "-m", "modules", "validate-content"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "quizzes/digital-safety.yaml:14:" in result.stdout


def test_the_real_course_passes_the_validator():
    result = subprocess.run([sys.executable, "-m", "modules", "validate-content"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert textwrap.dedent(result.stdout).strip() == ""
