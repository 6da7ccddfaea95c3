"""Synthetic question banks for the fairness tests: one with no surface cue, one full of them.

Both are written as bank YAML (the real format, with `style` and `why`), so they go through the
same loader as the real banks.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

WORDS = tuple(re.findall(r"\w+", """laporan surel dinas data warga akun kantor pejabat aplikasi dokumen server
    tautan berkas pesan atasan rekan layanan publik izin tanda tangan sandi perangkat jaringan unggah catat
    periksa kirim simpan hapus minta tolak teruskan tanyakan verifikasi arsip"""))
CUES = ("karena lebih cepat", "agar tidak repot", "supaya atasan senang", "sehingga pasti aman",
        "hanya untuk sementara", "selalu begitu", "semua orang melakukannya", "tidak pernah gagal")


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _option(rng: random.Random, correct: bool, cue_laden: bool, rank_target: int | None = None) -> dict:
    if cue_laden:
        text = _phrase(rng, 9 if correct else rng.choice((5, 11, 6)))
        if not correct and rng.random() < 0.7:
            text += ", " + rng.choice(CUES)
    else:  # keys and distractors alike: same lengths, same cue words, same chance
        text = _phrase(rng, rng.randint(5, 12))
        if rng.random() < 0.3:
            text += ", " + rng.choice(CUES)
    return {"text": text + ".", "correct": correct, "why": "Alasan singkat untuk pilihan ini."}


def bank(pillar: str, prefix: str, *, cue_laden: bool, seed: int, items: int = 60) -> dict:
    """A bank of `items` questions for `pillar`: 10 % true/false, 20 % "pilih semua", the rest single."""
    rng = random.Random(seed)
    questions = []
    for n in range(1, items + 1):
        kind = "true_false" if n % 10 == 0 else "multiple" if n % 5 == 0 else "single"
        question = {"id": f"{prefix}-q{n:02d}", "lesson": f"{prefix}-01", "type": kind, "difficulty": "medium",
                    "style": "scenario" if n % 4 else "recall", "prompt": _phrase(rng, 14) + "?",
                    "explanation": "Penjelasan umum yang cukup panjang untuk menerangkan jawaban yang benar."}
        if kind == "true_false":
            statement = _phrase(rng, 12)
            benar = (n // 10) % 2 == 0 if not cue_laden else False
            if cue_laden or rng.random() < 0.3:
                statement += " " + rng.choice(("hanya", "selalu", "pasti"))
            question["prompt"] = statement + "."
            question["options"] = [{"text": "Benar", "correct": benar, "why": "Alasan."},
                                   {"text": "Salah", "correct": not benar, "why": "Alasan."}]
        elif kind == "multiple":
            keys = 3 if cue_laden else 1 + (n // 5) % 4
            flags = [True] * keys + [False] * (5 - keys)
            rng.shuffle(flags)
            question["options"] = [_option(rng, flag, cue_laden) for flag in flags]
        else:
            key = rng.randrange(4)
            question["options"] = [_option(rng, i == key, cue_laden) for i in range(4)]
        questions.append(question)
    return {"pillar": pillar, "title": f"Kuis {prefix}", "questions": questions}


def write_banks(folder: Path, *, cue_laden: bool, seed: int = 7, items: int = 60) -> Path:
    """Four synthetic banks in `folder` (one per pillar); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    prefixes = {"digital-skills": "cakap", "digital-safety": "aman", "digital-culture": "budaya",
                "digital-ethics": "etis"}
    for index, (pillar, prefix) in enumerate(prefixes.items()):
        data = bank(pillar, prefix, cue_laden=cue_laden, seed=seed + index, items=items)
        (folder / f"{pillar}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
    return folder
