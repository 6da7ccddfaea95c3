"""Surface cues in a question bank, and what a learner who reads nothing can score with them.

Everything here is pure: it reads items (from a bank file or from the catalogue) and returns
figures. `python -m modules cue-stats` and `validate-content` print them; tests/test_fairness.py
plays the same test-wise learner through real quiz draws.

The test-wise learner never reads the lessons. It has seen many items of the bank (the other
folds of a 5-fold split, so it is never scored on an item it trained on) and knows, from them:
which surface features of an option go with the key (length rank, justifying clauses, absolute
and hedging words, word overlap with the stem, the "most complete" answer, being the only option
without a cue, being the option most like the others), how often "Benar" is the key of a
true/false item, and how many keys a "pilih semua" item usually has. For each kind of item it
then uses whichever trick scored best on the items it has seen: a fitted model or one of the
classic rules of thumb. For the course, "the items it has seen" are those of every bank.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import yaml

# ---------------------------------------------------------------- cue words

JUSTIFYING = ("karena", "agar", "supaya", "sehingga", "asalkan", "biar", "demi", "sebab",
              "oleh karena itu", "lantaran", "mengingat", "dengan begitu", "dengan demikian", "soalnya")
ABSOLUTE = ("pasti", "hanya", "semua", "semuanya", "selalu", "tidak pernah", "sama sekali", "otomatis",
            "mutlak", "tidak mungkin", "seluruh", "seluruhnya", "apa pun", "siapa pun", "kapan pun",
            "mana pun", "harus", "tanpa kecuali", "tanpa terkecuali", "sepenuhnya", "mustahil",
            "dijamin", "pokoknya")
HEDGING = ("biasanya", "umumnya", "sebaiknya", "bisa", "dapat", "mungkin", "kadang", "sering",
           "cenderung", "bila perlu", "jika perlu", "sesuai", "terlebih dahulu", "lebih dulu")
NEGATION = ("tidak", "bukan", "jangan", "tanpa", "belum")
CLAUSE_BREAKS = re.compile(r",|;|\b(?:dan|lalu|serta|kemudian|sambil|sebelum|setelah)\b")
STOPWORDS = frozenset((
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "ini", "itu", "atau", "dalam", "apa",
    "anda", "tidak", "akan", "ada", "adalah", "oleh", "sebagai", "juga", "lebih", "sudah", "bisa", "dapat",
    "saja", "agar", "karena", "kepada", "bagi", "secara", "mana", "saat", "para", "jika", "bila", "maka",
    "lalu", "serta", "tersebut", "tetapi", "namun", "sebaiknya", "paling",
))


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


_JUSTIFYING = _phrase_pattern(JUSTIFYING)
_ABSOLUTE = _phrase_pattern(ABSOLUTE)
_HEDGING = _phrase_pattern(HEDGING)
_NEGATION = _phrase_pattern(NEGATION)


def has_justifying_clause(text: str) -> bool:
    return _JUSTIFYING.search(text) is not None


def has_absolute_word(text: str) -> bool:
    return _ABSOLUTE.search(text) is not None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4 and w not in STOPWORDS}


# ---------------------------------------------------------------- items

@dataclass(frozen=True)
class CueOption:
    text: str
    correct: bool
    why: str | None = None


@dataclass(frozen=True)
class CueItem:
    id: str
    type: str  # single | multiple | true_false
    prompt: str
    options: tuple[CueOption, ...]
    style: str | None = None  # scenario | recall | None when the bank lacks the field

    @property
    def keys(self) -> tuple[int, ...]:
        return tuple(i for i, option in enumerate(self.options) if option.correct)


def item_from_question(question: Any) -> CueItem:
    """A catalogue `Question` as a cue item (fields the question lacks count as missing)."""
    return CueItem(id=question.id, type=question.type, prompt=question.prompt,
                   style=getattr(question, "style", None) or None,
                   options=tuple(CueOption(o.text, o.correct, getattr(o, "why", None) or None)
                                 for o in question.options))


def items_from_raw(questions: Sequence[Any]) -> list[CueItem]:
    """Cue items from a bank's raw YAML list; malformed entries are skipped (the validator reports them)."""
    items = []
    for raw in questions:
        if not isinstance(raw, dict) or raw.get("type") not in ("single", "multiple", "true_false"):
            continue
        options = raw.get("options")
        if not isinstance(options, list) or len(options) < 2 or not all(isinstance(o, dict) for o in options):
            continue
        items.append(CueItem(
            id=str(raw.get("id")), type=raw["type"], prompt=str(raw.get("prompt") or "").strip(),
            style=str(raw["style"]).strip() if raw.get("style") else None,
            options=tuple(CueOption(str(o.get("text") or "").strip(), o.get("correct") is True,
                                    str(o["why"]).strip() if o.get("why") else None) for o in options)))
    return [item for item in items if item.keys]


def load_banks(quizzes_dir: Path) -> dict[str, list[CueItem]]:
    """pillar → its items, for every readable bank file in the folder."""
    banks: dict[str, list[CueItem]] = {}
    for path in sorted(Path(quizzes_dir).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            banks[str(data.get("pillar") or path.stem)] = items_from_raw(data["questions"])
    return banks


# ---------------------------------------------------------------- option features

FEATURES = ("bias", "multiple", "length", "longest", "second", "shortest", "justifying", "absolute",
            "hedging", "negation", "only_clean", "overlap", "most_overlap", "clauses", "most_clauses")


def _length_ranks(lengths: Sequence[int]) -> list[int]:
    """1 = longest; tied options share the better rank."""
    return [1 + sum(1 for other in lengths if other > length) for length in lengths]


def option_features(item: CueItem) -> np.ndarray:
    """One row per option of a choice item: what a test-wise learner can see without reading."""
    texts = [o.text for o in item.options]
    lengths = [len(t) for t in texts]
    ranks = _length_ranks(lengths)
    mean_length = sum(lengths) / len(lengths) or 1.0
    justifying = [has_justifying_clause(t) for t in texts]
    absolute = [has_absolute_word(t) for t in texts]
    clean = [not (j or a) for j, a in zip(justifying, absolute, strict=True)]
    stem = _content_words(item.prompt)
    overlap = [len(stem & _content_words(t)) / max(1, len(_content_words(t))) for t in texts]
    clauses = [len(CLAUSE_BREAKS.findall(t)) for t in texts]
    mean_overlap, mean_clauses = sum(overlap) / len(texts), sum(clauses) / len(texts)
    rows = []
    for i, text in enumerate(texts):
        rows.append([
            1.0, float(item.type == "multiple"), (lengths[i] - mean_length) / mean_length,
            float(ranks[i] == 1), float(ranks[i] == 2), float(ranks[i] == len(texts)),
            float(justifying[i]), float(absolute[i]), float(_HEDGING.search(text) is not None),
            float(_NEGATION.search(text) is not None), float(clean[i] and sum(clean) == 1),
            overlap[i] - mean_overlap, float(overlap[i] == max(overlap) and max(overlap) > 0),
            clauses[i] - mean_clauses, float(clauses[i] == max(clauses) and max(clauses) > 0)])
    return np.array(rows)


def convergence(item: CueItem) -> list[float]:
    """Per option, its mean word overlap (Jaccard) with the other options. Distractors are often
    written as variations of the key, so the option most like the others tends to be the key."""
    words = [_content_words(o.text) for o in item.options]
    return [sum(len(w & other) / max(1, len(w | other)) for j, other in enumerate(words) if j != i)
            / max(1, len(words) - 1) for i, w in enumerate(words)]


TF_FEATURES = ("bias", "absolute", "justifying", "hedging", "negation", "length")


def statement_features(item: CueItem) -> np.ndarray:
    """A true/false statement's surface features (its prompt is the statement)."""
    text = item.prompt
    return np.array([1.0, float(has_absolute_word(text)), float(has_justifying_clause(text)),
                     float(_HEDGING.search(text) is not None), float(_NEGATION.search(text) is not None),
                     len(text) / 200])


def _fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1.0) -> np.ndarray:
    """Ridge-penalised logistic regression by Newton's method (small, exact, no dependency)."""
    w = np.zeros(x.shape[1])
    if len(y) == 0:
        return w
    penalty = ridge * np.eye(x.shape[1])
    penalty[0, 0] = 1e-6  # leave the intercept free
    for _ in range(30):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


# ---------------------------------------------------------------- the test-wise learner

def _tf_benar_index(item: CueItem) -> int:
    texts = [o.text.lower() for o in item.options]
    return texts.index("benar") if "benar" in texts else 0


@dataclass
class _Knowledge:
    """What the learner took from the items it has seen."""

    option_weights: np.ndarray
    tf_weights: np.ndarray
    tf_benar_rate: float
    key_counts: Counter
    strategy: dict[str, str] = field(default_factory=dict)


def _fit(items: Sequence[CueItem]) -> _Knowledge:
    choice = [i for i in items if i.type != "true_false"]
    tf = [i for i in items if i.type == "true_false"]
    if choice:
        x = np.vstack([option_features(i) for i in choice])
        y = np.array([float(o.correct) for i in choice for o in i.options])
    else:
        x, y = np.zeros((0, len(FEATURES))), np.zeros(0)
    benar = [float(i.keys == (_tf_benar_index(i),)) for i in tf]
    tf_x = np.vstack([statement_features(i) for i in tf]) if tf else np.zeros((0, len(TF_FEATURES)))
    return _Knowledge(option_weights=_fit_logistic(x, y),
                      tf_weights=_fit_logistic(tf_x, np.array(benar), ridge=2.0),
                      tf_benar_rate=(sum(benar) + 1) / (len(benar) + 2),
                      key_counts=Counter(len(i.keys) for i in items if i.type == "multiple"))


FITTED = frozenset({"model"})  # tricks with many learned weights: judged on items they were not fitted on


def _learn(items: Sequence[CueItem]) -> _Knowledge:
    """Fit on the items seen, then keep for each kind of item the trick that works best on them.

    A fitted model is judged by an inner 5-fold split (in-sample it would look better than it is);
    rules of thumb, with one or two learned figures, are judged on all the items seen.
    """
    knowledge = _fit(items)
    inner: dict[str, float] = Counter()
    for fold in range(FOLDS):
        held = [i for i in items if _fold(i.id, salt="inner") == fold]
        if not held:
            continue
        partial = _fit([i for i in items if _fold(i.id, salt="inner") != fold])
        for item in held:
            for name in FITTED & STRATEGIES[item.type].keys():
                inner[f"{item.type}:{name}"] += _chance_right(item, STRATEGIES[item.type][name](item, partial))
    for kind in ("single", "multiple", "true_false"):
        seen = [i for i in items if i.type == kind]
        names = list(STRATEGIES[kind])
        scores = {name: inner[f"{kind}:{name}"] if name in FITTED else
                  sum(_chance_right(i, STRATEGIES[kind][name](i, knowledge)) for i in seen) for name in names}
        knowledge.strategy[kind] = max(names, key=lambda name: (scores[name], -names.index(name)))
    return knowledge


# A choice is a list of equally liked answers (each a frozenset of option indexes); ties are guessed.
Choice = list[frozenset[int]]


def _chance_right(item: CueItem, choice: Choice) -> float:
    return sum(1 for answer in choice if answer == frozenset(item.keys)) / len(choice) if choice else 0.0


def _best(values: Sequence[float]) -> Choice:
    top = max(values)
    return [frozenset({i}) for i, v in enumerate(values) if math.isclose(v, top)]


def _model_probabilities(item: CueItem, k: _Knowledge) -> np.ndarray:
    return 1 / (1 + np.exp(-(option_features(item) @ k.option_weights)))


def _single_model(item: CueItem, k: _Knowledge) -> Choice:
    return _best(list(_model_probabilities(item, k)))


def _single_rule(column: str, sign: float = 1.0) -> Callable[[CueItem, _Knowledge], Choice]:
    index = FEATURES.index(column)
    return lambda item, _k: _best([sign * row[index] for row in option_features(item)])


def _single_clean_longest(item: CueItem, _k: _Knowledge) -> Choice:
    """The review's rule: drop options with cue words, take the longest of the rest."""
    rows = option_features(item)
    cued = [bool(r[FEATURES.index("justifying")] or r[FEATURES.index("absolute")]) for r in rows]
    return _best([(0 if c else 10) + len(o.text) / 1000 for c, o in zip(cued, item.options, strict=True)])


def _multiple_model(item: CueItem, k: _Knowledge) -> Choice:
    """The most likely set under the model and the bank's key-count prior (all-or-nothing scoring)."""
    p = np.clip(_model_probabilities(item, k), 1e-6, 1 - 1e-6)
    n = len(item.options)
    total = sum(k.key_counts.values())
    best_score, best = -math.inf, frozenset()
    for size in range(1, n + 1):
        prior = (k.key_counts[size] + 0.5) / (total + 0.5 * n)
        for chosen in combinations(range(n), size):
            score = math.log(prior) + sum(math.log(p[i]) if i in chosen else math.log(1 - p[i]) for i in range(n))
            if score > best_score:
                best_score, best = score, frozenset(chosen)
    return [best]


def _multiple_clean(item: CueItem, k: _Knowledge) -> Choice:
    """Tick the usual number of options, preferring those without cue words, then the longer."""
    size = k.key_counts.most_common(1)[0][0] if k.key_counts else 3
    order = sorted(range(len(item.options)), key=lambda i: (
        has_justifying_clause(item.options[i].text) or has_absolute_word(item.options[i].text),
        -len(item.options[i].text)))
    return [frozenset(order[:size])]


def _tf_prior(item: CueItem, k: _Knowledge) -> Choice:
    benar = _tf_benar_index(item)
    return [frozenset({benar if k.tf_benar_rate >= 0.5 else 1 - benar})]


def _tf_absolute(item: CueItem, k: _Knowledge) -> Choice:
    """Absolute statements are false; otherwise the bank's more common key."""
    if has_absolute_word(item.prompt):
        return [frozenset({1 - _tf_benar_index(item)})]
    return _tf_prior(item, k)


def _tf_model(item: CueItem, k: _Knowledge) -> Choice:
    benar = _tf_benar_index(item)
    p = 1 / (1 + math.exp(-float(statement_features(item) @ k.tf_weights)))
    return [frozenset({benar if p >= 0.5 else 1 - benar})]


STRATEGIES: dict[str, dict[str, Callable[[CueItem, _Knowledge], Choice]]] = {
    "single": {"model": _single_model, "clean_longest": _single_clean_longest,
               "longest": _single_rule("length"), "second_longest": _single_rule("second"),
               "most_overlap": _single_rule("overlap"), "most_complete": _single_rule("clauses"),
               "most_convergent": lambda item, _k: _best(convergence(item))},
    "multiple": {"model": _multiple_model, "clean": _multiple_clean},
    "true_false": {"prior": _tf_prior, "absolute_is_false": _tf_absolute, "model": _tf_model},
}

FOLDS = 5


def _fold(item_id: str, salt: str = "") -> int:
    return zlib.crc32(f"{salt}{item_id}".encode()) % FOLDS


def _crossfit(items: Sequence[CueItem], pool: Sequence[CueItem] | None = None) -> tuple[dict[str, Choice], Counter]:
    """The learner answers each item with what it learned from the other folds of `pool` (the items
    it has seen: by default the bank itself, for the course every bank); also which trick it used
    for how many items."""
    pool = items if pool is None else pool
    choices: dict[str, Choice] = {}
    used: Counter = Counter()
    for fold in range(FOLDS):
        unseen = [i for i in items if _fold(i.id) == fold]
        if not unseen:
            continue
        knowledge = _learn([i for i in pool if _fold(i.id) != fold])
        for item in unseen:
            name = knowledge.strategy[item.type]
            choices[item.id] = STRATEGIES[item.type][name](item, knowledge)
            used[f"{item.type}:{name}"] += 1
    return choices, used


def testwise_choices(items: Sequence[CueItem], pool: Sequence[CueItem] | None = None) -> dict[str, Choice]:
    """item id → the answers the test-wise learner would give (ties listed; it guesses among them)."""
    return _crossfit(items, pool)[0]


def testwise_chances(items: Sequence[CueItem], pool: Sequence[CueItem] | None = None) -> dict[str, float]:
    """item id → the test-wise learner's chance of answering it right."""
    choices = testwise_choices(items, pool)
    return {item.id: _chance_right(item, choices[item.id]) for item in items}


def _chances_and_tricks(items: Sequence[CueItem], pool: Sequence[CueItem] | None) -> tuple[dict[str, float], Counter]:
    choices, used = _crossfit(items, pool)
    return {item.id: _chance_right(item, choices[item.id]) for item in items}, used


def blind_chance(item: CueItem) -> float:
    """A blind guesser: one option at random, or any non-empty set of options for "pilih semua"."""
    n = len(item.options)
    return 1 / (2**n - 1) if item.type == "multiple" else 1 / n


def pass_chance(chances: Sequence[float], count: int, pass_mark: int) -> float:
    """Exact chance of passing a quiz of `count` items drawn at random without replacement from a
    bank whose items are answered right with these chances (pass: 100·score ≥ pass_mark·count)."""
    count = min(count, len(chances))
    if count == 0:
        return 0.0
    # ways[j][s]: over all j-item subsets, the summed probability of exactly s right answers
    ways = [[0.0] * (count + 1) for _ in range(count + 1)]
    ways[0][0] = 1.0
    for p in chances:
        for j in range(count - 1, -1, -1):
            for s in range(j, -1, -1):
                if ways[j][s]:
                    ways[j + 1][s + 1] += ways[j][s] * p
                    ways[j + 1][s] += ways[j][s] * (1 - p)
    needed = math.ceil(pass_mark * count / 100)
    return sum(ways[count][needed:]) / math.comb(len(chances), count)


# ---------------------------------------------------------------- bank statistics

@dataclass(frozen=True)
class BankCues:
    pillar: str
    items: int
    scenario: int
    recall: int
    style_missing: int
    true_false: int
    tf_benar: int
    tf_salah: int
    multiple_key_counts: dict[int, int]
    single: int
    key_length_rank: dict[int, int]  # 1 = longest … 4 = shortest (ties share the better rank)
    justifying_keys: float
    justifying_distractors: float
    absolute_keys: float
    absolute_distractors: float
    options: int
    why_missing: int
    testwise_expected: float  # mean chance per item
    testwise_pass: float
    blind_expected: float
    blind_pass: float
    strategies: dict[str, str]

    @property
    def scenario_share(self) -> float:
        return self.scenario / self.items if self.items else 0.0


def _rate(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def bank_cues(pillar: str, items: Sequence[CueItem], count: int = 10, pass_mark: int = 70,
              pool: Sequence[CueItem] | None = None) -> BankCues:
    """Every cue figure of one bank; `count` and `pass_mark` are the quiz's; `pool` is what the
    test-wise learner has seen (default: this bank; pass every bank of the course)."""
    singles = [i for i in items if i.type == "single"]
    tf = [i for i in items if i.type == "true_false"]
    choice_options = [o for i in items if i.type != "true_false" for o in i.options]
    keys = [o.text for o in choice_options if o.correct]
    distractors = [o.text for o in choice_options if not o.correct]
    ranks = Counter()
    for item in singles:
        ranks[_length_ranks([len(o.text) for o in item.options])[item.keys[0]]] += 1
    tw, strategies = _chances_and_tricks(items, pool)
    blind = [blind_chance(i) for i in items]
    benar = sum(1 for i in tf if i.keys == (_tf_benar_index(i),))
    return BankCues(
        pillar=pillar, items=len(items),
        scenario=sum(1 for i in items if i.style == "scenario"),
        recall=sum(1 for i in items if i.style == "recall"),
        style_missing=sum(1 for i in items if i.style not in ("scenario", "recall")),
        true_false=len(tf), tf_benar=benar, tf_salah=len(tf) - benar,
        multiple_key_counts=dict(sorted(Counter(len(i.keys) for i in items if i.type == "multiple").items())),
        single=len(singles), key_length_rank=dict(sorted(ranks.items())),
        justifying_keys=_rate([has_justifying_clause(t) for t in keys]),
        justifying_distractors=_rate([has_justifying_clause(t) for t in distractors]),
        absolute_keys=_rate([has_absolute_word(t) for t in keys]),
        absolute_distractors=_rate([has_absolute_word(t) for t in distractors]),
        options=sum(len(i.options) for i in items),
        why_missing=sum(1 for i in items for o in i.options if not o.why),
        testwise_expected=_rate(list(tw.values())) if tw else 0.0,
        testwise_pass=pass_chance(list(tw.values()), count, pass_mark),
        blind_expected=_rate(blind), blind_pass=pass_chance(blind, count, pass_mark),
        strategies={name: n for name, n in sorted(strategies.items())})


# Beyond these a bank's cues count as unbalanced (validate-content warns).
THRESHOLDS = {
    "scenario_share_min": 0.70,
    "tf_share_max": 0.10,
    "tf_imbalance_max": 1,  # |Benar − Salah| keys
    "multiple_one_count_max": 0.60,  # share of "pilih semua" items with the same number of keys
    "length_rank_share_max": 0.40,  # any length rank's share among single items' keys (chance 25 %)
    "cue_gap_max": 0.10,  # keys vs distractors, justifying clauses and absolute words
    "pass_margin_max": 0.05,  # test-wise pass chance above the blind guesser's
    "pass_max": 0.05,
}


def cue_warnings(cues: BankCues) -> list[str]:
    """What is unbalanced in a bank, in words (empty when the bank is fair by every threshold)."""
    th, out = THRESHOLDS, []
    if cues.style_missing:
        out.append(f"{cues.style_missing} of {cues.items} items have no 'style'")
    elif cues.scenario_share < th["scenario_share_min"]:
        out.append(f"scenario items {cues.scenario_share:.0%} < {th['scenario_share_min']:.0%}")
    if cues.items and cues.true_false / cues.items > th["tf_share_max"]:
        out.append(f"true/false items {cues.true_false / cues.items:.0%} > {th['tf_share_max']:.0%}")
    if abs(cues.tf_benar - cues.tf_salah) > th["tf_imbalance_max"]:
        out.append(f"true/false keys unbalanced: Benar {cues.tf_benar}, Salah {cues.tf_salah}")
    multiple = sum(cues.multiple_key_counts.values())
    if multiple >= 3 and max(cues.multiple_key_counts.values()) / multiple > th["multiple_one_count_max"]:
        size, n = max(cues.multiple_key_counts.items(), key=lambda kv: kv[1])
        out.append(f"{n} of {multiple} 'pilih semua' items have exactly {size} keys")
    for rank, n in cues.key_length_rank.items():
        if cues.single >= 8 and n / cues.single > th["length_rank_share_max"]:
            out.append(f"the key is length rank {rank} in {n / cues.single:.0%} of single items")
    for name, keys, distractors in (("justifying clauses", cues.justifying_keys, cues.justifying_distractors),
                                    ("absolute words", cues.absolute_keys, cues.absolute_distractors)):
        if abs(keys - distractors) > th["cue_gap_max"]:
            out.append(f"{name}: keys {keys:.0%} vs distractors {distractors:.0%}")
    if cues.why_missing:
        out.append(f"{cues.why_missing} of {cues.options} options have no 'why'")
    if cues.testwise_pass > min(cues.blind_pass + th["pass_margin_max"], th["pass_max"]):
        out.append(f"a test-wise learner who reads nothing passes {cues.testwise_pass:.1%} of quizzes "
                   f"(blind guesser {cues.blind_pass:.1%})")
    return out


def _share(n: int, total: int) -> str:
    return f"{n} ({n / total:.0%})" if total else "0"


def format_cues(cues: BankCues) -> list[str]:
    """The figures of one bank as lines of text."""
    ranks = ", ".join(f"{label} {_share(cues.key_length_rank.get(rank, 0), cues.single)}"
                      for rank, label in ((1, "longest"), (2, "2nd"), (3, "3rd"), (4, "shortest")))
    extra = sum(n for rank, n in cues.key_length_rank.items() if rank > 4)
    multiple = ", ".join(f"{k} keys: {n}" for k, n in cues.multiple_key_counts.items()) or "none"
    style = (f"scenario {_share(cues.scenario, cues.items)}, recall {cues.recall}"
             + (f", style missing {cues.style_missing}" if cues.style_missing else ""))
    return [
        f"{cues.pillar}: {cues.items} items — {style}",
        f"  true/false: {cues.true_false} (keys Benar {cues.tf_benar}, Salah {cues.tf_salah})",
        f"  pilih semua, number of keys: {multiple}",
        f"  single ({cues.single}), key's length rank: {ranks}" + (f", 5th+ {extra}" if extra else ""),
        f"  justifying clauses: keys {cues.justifying_keys:.1%}, distractors {cues.justifying_distractors:.1%}",
        f"  absolute words: keys {cues.absolute_keys:.1%}, distractors {cues.absolute_distractors:.1%}",
        f"  options missing 'why': {_share(cues.why_missing, cues.options)}",
        f"  test-wise learner (reads nothing): expected {cues.testwise_expected:.1%} per item, "
        f"passes {cues.testwise_pass:.1%} of quizzes; blind guesser {cues.blind_expected:.1%}, "
        f"passes {cues.blind_pass:.2%}",
        "  its tricks: " + ", ".join(f"{name} ×{n}" for name, n in cues.strategies.items()),
    ]
