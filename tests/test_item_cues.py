"""Cue statistics of a bank (modules/item_cues.py) and the `cue-stats` command."""

import os
import subprocess
import sys

import pytest

from modules import item_cues
from modules.item_cues import CueItem, CueOption
from tests.conftest import ROOT
from tests.synthetic_banks import write_banks


def single(qid: str, key_text: str, *distractors: str) -> CueItem:
    return CueItem(qid, "single", "Apa yang Anda lakukan?",
                   (CueOption(key_text, True), *(CueOption(d, False) for d in distractors)))


def test_cue_words_are_found_as_words_not_inside_other_words():
    assert item_cues.has_justifying_clause("Kirim saja, karena lebih cepat.")
    assert item_cues.has_justifying_clause("Oleh  karena itu dia menolak.")
    assert not item_cues.has_justifying_clause("Periksa pengirimnya dulu.")
    assert item_cues.has_absolute_word("Itu tidak pernah terjadi.")
    assert item_cues.has_absolute_word("Semua data harus dihapus.")
    assert not item_cues.has_absolute_word("Hanyalah")  # not the word "hanya"


def test_length_rank_and_cue_rates_of_a_bank():
    items = [single("q1", "ab", "abcd", "a", "abc"), single("q2", "abcd", "ab", "a", "abc")]
    cues = item_cues.bank_cues("digital-safety", items)
    assert cues.key_length_rank == {1: 1, 3: 1}
    assert cues.why_missing == 8 and cues.style_missing == 2


def test_pass_chance_is_exact_for_a_random_draw():
    # Three of ten items always right, the rest never: a 2-item draw passes (≥ 70 %, so 2 of 2) in C(3,2)/C(10,2).
    chances = [1.0] * 3 + [0.0] * 7
    assert item_cues.pass_chance(chances, 2, 70) == pytest.approx(3 / 45)
    assert item_cues.pass_chance([0.5] * 10, 10, 70) == pytest.approx(sum(__import__("math").comb(10, k)
                                                                          for k in range(7, 11)) / 1024)


def test_the_learner_finds_cues_in_a_cue_laden_bank_but_not_in_a_fair_one(tmp_path):
    laden = item_cues.load_banks(write_banks(tmp_path / "laden", cue_laden=True))
    fair = item_cues.load_banks(write_banks(tmp_path / "fair", cue_laden=False))
    laden_cues = item_cues.bank_cues("digital-safety", laden["digital-safety"])
    fair_cues = item_cues.bank_cues("digital-safety", fair["digital-safety"])
    assert laden_cues.testwise_expected > 0.7 and laden_cues.testwise_pass > 0.5
    assert fair_cues.testwise_expected < 0.4 and fair_cues.testwise_pass < 0.05
    assert item_cues.cue_warnings(fair_cues) == []
    assert any("test-wise" in w for w in item_cues.cue_warnings(laden_cues))


def test_cue_stats_command_reads_another_folder_and_reports_missing_fields(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "digital-safety.yaml").write_text(
        (ROOT / "quizzes" / "digital-safety.yaml").read_text(encoding="utf-8").replace("\n    style: scenario", ""),
        encoding="utf-8")
    env = {**os.environ, "KELAS_QUIZZES_DIR": str(folder)}
    result = subprocess.run([sys.executable, "-m", "modules", "cue-stats"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "digital-safety:" in result.stdout and "digital-skills" not in result.stdout
    assert "have no 'style'" in result.stdout and "options missing 'why'" in result.stdout
    flag = subprocess.run([sys.executable, "-m", "modules", "cue-stats", "--quizzes-dir", str(tmp_path / "none")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert flag.returncode == 2 and "Tidak ada bank soal" in flag.stderr
