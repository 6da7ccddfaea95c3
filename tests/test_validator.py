"""`validate-content`: every problem reported as file:line: message, non-zero exit."""

import os
import shutil
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


# ---------------------------------------------------------------- reviewed, style, why

REVIEWED_BANK = """\
pillar: digital-safety
title: Kuis Aman
questions:
  - id: aman-q01
    lesson: aman-01
    type: single
    difficulty: easy
    style: scenario
    prompt: Pertanyaan satu?
    options:
      - text: A
        correct: true
        why: A melindungi akun.
      - text: B
        why: B membuka celah.
    explanation: Karena A.
  - id: aman-q02
    lesson: aman-01
    type: multiple
    difficulty: easy
    prompt: Pertanyaan dua?
    options:
      - text: A
        correct: true
      - text: B
      - text: C
      - text: D
    explanation: Karena A.
"""


def test_lesson_review_date_is_loaded_and_old_or_missing_dates_are_warnings(tmp_path):
    import datetime as dt

    fresh = LESSON.replace("minutes: 5\n", "minutes: 5\nreviewed: 2026-11-20\n")
    catalogue = load_catalogue(*write_course(tmp_path / "a", lesson=fresh, bank=REVIEWED_BANK),
                               today=dt.date(2026, 12, 1))
    assert catalogue.lessons["aman-01"].reviewed == dt.date(2026, 11, 20)
    assert not [w for w in catalogue.warnings if "review" in w.message]
    old = load_catalogue(*write_course(tmp_path / "b", lesson=fresh, bank=REVIEWED_BANK), today=dt.date(2027, 12, 2))
    assert [str(w) for w in old.warnings if "review" in w.message] == [
        "content/digital-safety/01-kata-sandi.md:5: facts last reviewed 2026-11-20, more than 12 months ago"]
    assert "aman-01" in old.lessons and not [p for p in old.problems if p.file.startswith("content")]
    missing = load_catalogue(*write_course(tmp_path / "c", bank=REVIEWED_BANK))
    assert any("'reviewed'" in w.message and "missing" in w.message for w in missing.warnings)
    bad = load_catalogue(*write_course(tmp_path / "d", lesson=LESSON.replace("minutes: 5\n", "minutes: 5\nreviewed: kemarin\n"),
                                       bank=REVIEWED_BANK))
    assert "content/digital-safety/01-kata-sandi.md:5: 'reviewed' must be a date YYYY-MM-DD, not 'kemarin'" in [
        str(p) for p in bad.problems]


def test_style_and_why_are_loaded_and_missing_ones_are_warnings_until_strict(tmp_path, monkeypatch):
    from modules import course

    catalogue = load_catalogue(*write_course(tmp_path / "a", bank=REVIEWED_BANK))
    q1 = catalogue.questions["aman-q01"]
    assert q1.style == "scenario" and [o.why for o in q1.options] == ["A melindungi akun.", "B membuka celah."]
    warnings = [str(w) for w in catalogue.warnings if w.file.startswith("quizzes")]
    assert warnings == [
        "quizzes/digital-safety.yaml:17: aman-q02: 'style' (scenario or recall) is missing",
        "quizzes/digital-safety.yaml:17: aman-q02: option(s) 1, 2, 3, 4 have no 'why'",
        "quizzes/digital-safety.yaml:17: aman-q02: a multiple question has 5 options with 1 to 4 correct; found 1 of 4"]
    assert "aman-q02" in catalogue.questions
    assert not [p for p in catalogue.problems if p.file == "quizzes/digital-safety.yaml"]
    monkeypatch.setattr(course, "STRICT_ITEM_FIELDS", True)
    strict = load_catalogue(*write_course(tmp_path / "b", bank=REVIEWED_BANK))
    assert [str(p) for p in strict.problems if p.file == "quizzes/digital-safety.yaml"] == warnings
    assert list(strict.questions) == ["aman-q01"]


def test_an_unknown_style_is_an_error(tmp_path):
    bank = REVIEWED_BANK.replace("style: scenario", "style: skenario")
    messages = [str(p) for p in load_catalogue(*write_course(tmp_path, bank=bank)).problems]
    assert "quizzes/digital-safety.yaml:4: aman-q01: style must be one of scenario, recall" in messages


def test_command_prints_warnings_and_cue_statistics_on_stderr_and_passes(tmp_path):
    content, quizzes = write_course(tmp_path, bank=REVIEWED_BANK)
    shutil.copy(ROOT / "content" / "evaluasi.yaml", content / "evaluasi.yaml")  # the course evaluation form
    for pillar in PILLARS:
        if pillar != "digital-safety":
            (quizzes / f"{pillar}.yaml").write_text(f"pillar: {pillar}\nquestions: []\n", encoding="utf-8")
    env = os.environ | {"KELAS_CONTENT_DIR": str(content), "KELAS_QUIZZES_DIR": str(quizzes),
                        "KELAS_DB_PATH": str(tmp_path / "x.db")}
    result = subprocess.run([sys.executable, "-m", "modules", "validate-content"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == ""
    assert "peringatan: aman-q02: 'style' (scenario or recall) is missing" in result.stderr
    assert "digital-safety: 2 items — scenario 1 (50%)" in result.stderr
    assert "test-wise learner" in result.stderr


def test_command_warns_about_course_rule_settings_that_mean_nothing(tmp_path):
    env = os.environ | {"KELAS_RETAKE_RULE": "tunggu", "KELAS_COMPLETION_RULE": "longgar",
                        "KELAS_DB_PATH": str(tmp_path / "x.db")}
    result = subprocess.run([sys.executable, "-m", "modules", "validate-content"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert "KELAS_RETAKE_RULE='tunggu' bukan lessons" in result.stderr
    assert "KELAS_COMPLETION_RULE='longgar' bukan strict atau quizzes" in result.stderr
