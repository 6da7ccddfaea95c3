"""The course evaluation (evaluasi penyelenggaraan, Kirkpatrick level 1): its form, its rules.

After the post-test a learner rates the material and method, the platform and facilities, the
relevance to their work and their overall satisfaction on a Likert scale, and may answer two open
questions; the certificate is issued once the evaluation is submitted (`evaluation_done`).
The form lives in `content/evaluasi.yaml` so a training centre can adapt it; `load_form` checks it
for `validate-content`. Answers are stored apart from identity (see Store.save_evaluation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modules.course import Catalogue, Problem
from modules.store import Store

FORM_FILE = "evaluasi.yaml"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MIN_SCALE, MAX_SCALE = 3, 7
MAX_OPEN_QUESTIONS = 3
MAX_COMMENT = 1000  # characters of one open answer


@dataclass(frozen=True)
class Item:
    id: str
    aspect: str
    text: str


@dataclass(frozen=True)
class Aspect:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    text: str


@dataclass(frozen=True)
class EvaluationForm:
    version: str
    scale: tuple[str, ...]
    aspects: tuple[Aspect, ...]
    open_questions: tuple[OpenQuestion, ...]

    @property
    def items(self) -> list[Item]:
        return [item for aspect in self.aspects for item in aspect.items]

    @property
    def agree_from(self) -> int:
        """The lowest rating that counts as agreeing: the upper part of the scale above its middle."""
        return len(self.scale) // 2 + 2 if len(self.scale) % 2 else len(self.scale) // 2 + 1


# ---------------------------------------------------------------- the form file

def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None


def _entries(node: yaml.Node | None) -> list[yaml.Node | None]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def load_form(content_dir: Path) -> tuple[EvaluationForm | None, list[Problem]]:
    """The evaluation form in `content_dir/evaluasi.yaml`, or None with the problems found (file:line)."""
    path = content_dir / FORM_FILE
    name = f"{content_dir.name}/{FORM_FILE}"
    if not path.is_file():
        return None, [Problem(name, 1, "the course evaluation form is missing")]
    text = path.read_text(encoding="utf-8")
    try:
        root, data = yaml.compose(text), yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return None, [Problem(name, line, f"not valid YAML: {error}")]
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [Problem(name, 1, "the evaluation form is a mapping with version, scale, aspects and open")]

    def problem(node: yaml.Node | None, message: str) -> None:
        problems.append(Problem(name, _line(node), message))

    version = data.get("version")
    if not isinstance(version, int | str) or isinstance(version, bool) or not str(version).strip():
        problem(_child(root, "version") or root, "'version' is required (a number or a short text)")
    scale = data.get("scale")
    if not isinstance(scale, list) or not MIN_SCALE <= len(scale) <= MAX_SCALE \
            or not all(isinstance(label, str) and label.strip() for label in scale):
        problem(_child(root, "scale") or root,
                f"'scale' must list {MIN_SCALE} to {MAX_SCALE} labels, from the lowest rating to the highest")
    elif len(set(scale)) != len(scale):
        problem(_child(root, "scale"), "two labels of 'scale' are the same")
    seen: set[str] = set()

    def check_id(raw: Any, node: yaml.Node | None, what: str) -> str | None:
        if not isinstance(raw, str) or not ID_PATTERN.match(raw):
            problem(node, f"{what} needs an 'id' of lowercase letters, digits and dashes")
            return None
        if raw in seen:
            problem(node, f"id '{raw}' is used twice")
            return None
        seen.add(raw)
        return raw

    aspects = []
    raw_aspects = data.get("aspects")
    if not isinstance(raw_aspects, list) or not raw_aspects:
        problem(_child(root, "aspects") or root, "'aspects' must list at least one aspect with its items")
        raw_aspects = []
    for raw, node in zip(raw_aspects, _entries(_child(root, "aspects")), strict=False):
        if not isinstance(raw, dict):
            problem(node, "an aspect is a mapping with id, title and items")
            continue
        aspect_id = check_id(raw.get("id"), node, "an aspect")
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(node, "an aspect needs a 'title'")
        items = []
        raw_items = raw.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            problem(_child(node, "items") or node, "an aspect needs at least one item")
            raw_items = []
        for raw_item, item_node in zip(raw_items, _entries(_child(node, "items")), strict=False):
            if not isinstance(raw_item, dict):
                problem(item_node, "an item is a mapping with id and text")
                continue
            item_id = check_id(raw_item.get("id"), item_node, "an item")
            item_text = raw_item.get("text")
            if not isinstance(item_text, str) or not item_text.strip():
                problem(item_node, "an item needs a 'text' (the statement rated)")
            elif item_id and aspect_id:
                items.append(Item(item_id, aspect_id, " ".join(item_text.split())))
        if aspect_id and isinstance(title, str) and title.strip():
            aspects.append(Aspect(aspect_id, " ".join(title.split()), tuple(items)))
    open_questions = []
    raw_open = data.get("open") or []
    if not isinstance(raw_open, list) or len(raw_open) > MAX_OPEN_QUESTIONS:
        problem(_child(root, "open") or root, f"'open' lists at most {MAX_OPEN_QUESTIONS} open questions")
        raw_open = []
    for raw, node in zip(raw_open, _entries(_child(root, "open")), strict=False):
        if not isinstance(raw, dict):
            problem(node, "an open question is a mapping with id and text")
            continue
        question_id = check_id(raw.get("id"), node, "an open question")
        question_text = raw.get("text")
        if not isinstance(question_text, str) or not question_text.strip():
            problem(node, "an open question needs a 'text'")
        elif question_id:
            open_questions.append(OpenQuestion(question_id, " ".join(question_text.split())))
    if problems:
        return None, problems
    return EvaluationForm(str(version).strip(), tuple(label.strip() for label in scale), tuple(aspects),
                          tuple(open_questions)), []


# ---------------------------------------------------------------- when, and the certificate

def evaluation_open(history: Sequence[Mapping[str, Any]]) -> bool:
    """The evaluation opens once the post-test is submitted (it evaluates the whole course)."""
    return any(a["kind"] == "posttest" and a["submitted_at"] for a in history)


def evaluation_done(store: Store, user_id: int) -> bool:
    """The certificate's condition on the evaluation: the person has submitted it."""
    return store.evaluation_submitted(user_id)


# ---------------------------------------------------------------- submitting

@dataclass(frozen=True)
class Refusal:
    """Why a submission was not saved: an i18n key and its values."""

    key: str
    values: dict[str, Any]


def check_answers(form: EvaluationForm, ratings: Mapping[str, int | None],
                  comments: Mapping[str, str | None]) -> Refusal | None:
    """Every item rated on the scale; open answers optional and at most MAX_COMMENT characters."""
    missing = [number for number, item in enumerate(form.items, start=1)
               if not isinstance(ratings.get(item.id), int) or not 1 <= ratings[item.id] <= len(form.scale)]
    if missing:
        return Refusal("eval.missing", {"numbers": ", ".join(map(str, missing))})
    for question in form.open_questions:
        if len((comments.get(question.id) or "").strip()) > MAX_COMMENT:
            return Refusal("eval.too_long", {"n": MAX_COMMENT})
    return None


def submit(store: Store, form: EvaluationForm, user_id: int, history: Sequence[Mapping[str, Any]],
           ratings: Mapping[str, int | None], comments: Mapping[str, str | None], now: dt.datetime,
           catalogue: Catalogue | None = None) -> Refusal | None:
    """Save the person's evaluation once; None when saved, else why not (nothing changes then).
    `catalogue`: the course (whose lessons and JP the certificate follows); default the configured one."""
    if not evaluation_open(history):
        return Refusal("eval.not_open", {})
    refusal = check_answers(form, ratings, comments)
    if refusal is not None:
        return refusal
    answers = [(item.aspect, item.id, int(ratings[item.id])) for item in form.items]
    texts = [(q.id, " ".join((comments.get(q.id) or "").split())) for q in form.open_questions
             if (comments.get(q.id) or "").strip()]
    if not store.save_evaluation(user_id=user_id, form_version=form.version, ratings=answers, comments=texts,
                                 now=now):
        return Refusal("eval.already", {})
    # The evaluation is the certificate's last condition: issue it now, as a quiz submission would.
    # (Imported here because the certificate module imports `evaluation_done` from this one.)
    from modules import certificates, jp

    course = catalogue if catalogue is not None else certificates.configured_catalogue()
    certificates.issue_if_earned(store, user_id, jp=jp.course_jp(course), now=now, catalogue=course)
    return None


# ---------------------------------------------------------------- demo data

DEMO_COMMENTS = {
    "manfaat": ("Cara mengenali email phishing yang menyamar sebagai surat dinas.",
                "Latihan memeriksa hoaks sebelum membagikan ke grup kantor.",
                "Pembahasan UU PDP dan data pribadi warga yang kami kelola.",
                "Skenario kerja yang mirip dengan pekerjaan saya di layanan publik."),
    "saran": ("Tambahkan contoh dari layanan di kabupaten/kota.",
              "Video singkat akan membantu di sela jam kerja.",
              "Kuis keamanan digital terasa sulit; perlu lebih banyak contoh.",
              "Halaman kadang lambat dibuka dari kantor kecamatan."),
}
_DEMO_SHIFT = {"platform": -0.35, "relevansi": 0.15}


def demo_rows(rng: Any, form: EvaluationForm, user_id: int, submitted_at: str) -> tuple:
    """One learner's believable evaluation for demo data: mostly agreeing, the platform rated lowest."""
    top = len(form.scale)
    mood = rng.gauss(top - 1.0, 0.6)
    ratings = [(item.aspect, item.id, max(1, min(top, round(mood + _DEMO_SHIFT.get(item.aspect, 0.0)
                                                          + rng.gauss(0, 0.55)))))
               for item in form.items]
    comments = [(q.id, rng.choice(DEMO_COMMENTS[q.id])) for q in form.open_questions
                if q.id in DEMO_COMMENTS and rng.random() < 0.3]
    return (user_id, submitted_at, form.version, ratings, comments)
