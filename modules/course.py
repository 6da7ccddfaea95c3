"""The course catalogue: pillars, lessons (content/) and question banks (quizzes/), with checks.

Loading never stops at the first problem: every problem is reported as `file:line: message`, and
what is broken is left out of the catalogue so that one bad question cannot break a quiz.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml

PILLARS = ("digital-skills", "digital-safety", "digital-culture", "digital-ethics")
PILLAR_PREFIX = {"digital-skills": "cakap", "digital-safety": "aman",
                 "digital-culture": "budaya", "digital-ethics": "etis"}
QUESTION_TYPES = ("single", "multiple", "true_false")
DIFFICULTIES = ("easy", "medium", "hard")
LESSON_FIELDS = ("id", "title", "minutes", "objectives", "sources")
QUESTION_FIELDS = ("id", "lesson", "type", "difficulty", "prompt", "options", "explanation")
WORDS_PER_MINUTE = 200
QUESTION_STYLES = ("scenario", "recall")  # scenario: a described situation asking what to do
REVIEW_MAX_AGE_DAYS = 365  # a lesson whose facts were last checked longer ago gets a warning
MULTIPLE_OPTIONS = 5  # "pilih semua": five options, one to four of them correct
# Items without `style`, options without `why` and "pilih semua" items off the 5-option / 1–4-key
# convention are warnings while the banks are being rewritten; True makes them errors (the
# question is then left out of the catalogue, like any broken question).
STRICT_ITEM_FIELDS = False


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Lesson:
    id: str
    pillar: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    sources: tuple[Source, ...]
    body: str
    path: str
    reviewed: dt.date | None = None  # when the lesson's facts were last checked


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str = ""  # why this option is right, or why it is wrong


@dataclass(frozen=True)
class Question:
    id: str
    pillar: str
    lesson: str
    type: str
    difficulty: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    style: str = ""  # scenario | recall ("" when the bank does not say)

    @property
    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


@dataclass
class Catalogue:
    lessons: dict[str, Lesson] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    bank_versions: dict[str, str] = field(default_factory=dict)
    glossary: list[dict[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # worth fixing; nothing is left out for them

    def pillar_lessons(self, pillar: str) -> list[Lesson]:
        """The pillar's lessons in course order (file name order)."""
        return sorted((lesson for lesson in self.lessons.values() if lesson.pillar == pillar),
                      key=lambda lesson: lesson.path)

    def pillar_questions(self, pillar: str) -> list[Question]:
        return [q for q in self.questions.values() if q.pillar == pillar]

    def neighbours(self, lesson_id: str) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after this one in its pillar."""
        lessons = self.pillar_lessons(self.lessons[lesson_id].pillar)
        index = [lesson.id for lesson in lessons].index(lesson_id)
        return (lessons[index - 1] if index > 0 else None,
                lessons[index + 1] if index + 1 < len(lessons) else None)


# ---------------------------------------------------------------- helpers

def body_words(body: str) -> int:
    """Words a reader reads: the rendered text, without Markdown markup."""
    html = markdown.markdown(body)
    return len(re.findall(r"\w+(?:[-'’]\w+)*", re.sub(r"<[^>]+>", " ", html)))


def _line_of(node: yaml.Node | None, offset: int = 0) -> int:
    return (node.start_mark.line + 1 + offset) if node is not None else 1 + offset


def _mapping_lines(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """Key → value node of a YAML mapping, for line numbers."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value}


def _is_url(text: Any) -> bool:
    return isinstance(text, str) and re.fullmatch(r"https?://[^\s/$.?#][^\s]*\.[^\s]+", text) is not None


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- lessons

def _reviewed_date(meta: dict[str, Any], name: str, line: int, today: dt.date,
                   problems: list[Problem], warnings: list[Problem]) -> dt.date | None:
    """The lesson's `reviewed: YYYY-MM-DD`; missing or over a year old is a warning, malformed an error."""
    raw = meta.get("reviewed")
    if raw in (None, ""):
        warnings.append(Problem(name, 2, "front matter field 'reviewed' (YYYY-MM-DD, when the facts were last "
                                         "checked) is missing"))
        return None
    try:
        reviewed = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        problems.append(Problem(name, line, f"'reviewed' must be a date YYYY-MM-DD, not '{raw}'"))
        return None
    if reviewed > today:
        problems.append(Problem(name, line, f"'reviewed' {reviewed.isoformat()} is in the future"))
    elif (today - reviewed).days > REVIEW_MAX_AGE_DAYS:
        warnings.append(Problem(name, line, f"facts last reviewed {reviewed.isoformat()}, more than 12 months ago"))
    return reviewed


def _load_lesson(path: Path, pillar: str, root: Path, problems: list[Problem],
                 warnings: list[Problem] | None = None, today: dt.date | None = None) -> Lesson | None:
    name = _relative(path, root)
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    if not match:
        problems.append(Problem(name, 1, "front matter missing: the file must start with a '---' block"))
        return None
    try:
        node = yaml.compose(match.group(1))
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 2
        problems.append(Problem(name, line, f"front matter is not valid YAML: {error}"))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(name, 2, "front matter must be a mapping of fields"))
        return None
    lines = _mapping_lines(node)
    before = len(problems)
    for key in LESSON_FIELDS:
        if key not in meta or meta[key] in (None, "", []):
            problems.append(Problem(name, 2, f"front matter field '{key}' is missing"))
    if len(problems) > before:
        return None
    if not isinstance(meta["minutes"], int) or meta["minutes"] <= 0:
        problems.append(Problem(name, _line_of(lines.get("minutes"), 1), "'minutes' must be a positive whole number"))
    if not isinstance(meta["objectives"], list) or not all(isinstance(o, str) for o in meta["objectives"]):
        problems.append(Problem(name, _line_of(lines.get("objectives"), 1), "'objectives' must be a list of sentences"))
    sources = meta["sources"] if isinstance(meta["sources"], list) else []
    if not sources:
        problems.append(Problem(name, _line_of(lines.get("sources"), 1), "'sources' must be a list of {title, url}"))
    source_nodes = lines["sources"].value if isinstance(lines.get("sources"), yaml.SequenceNode) else []
    for index, source in enumerate(sources):
        line = _line_of(source_nodes[index] if index < len(source_nodes) else None, 1)
        if not isinstance(source, dict) or not source.get("title"):
            problems.append(Problem(name, line, "a source needs a 'title'"))
        elif not _is_url(source.get("url")):
            problems.append(Problem(name, line, f"source '{source.get('title')}' needs a well-formed http(s) 'url'"))
    reviewed = _reviewed_date(meta, name, _line_of(lines.get("reviewed"), 1), today or dt.date.today(),
                              problems, [] if warnings is None else warnings)
    if len(problems) > before:
        return None
    return Lesson(id=str(meta["id"]), pillar=pillar, title=str(meta["title"]), minutes=meta["minutes"],
                  objectives=tuple(meta["objectives"]),
                  sources=tuple(Source(str(s["title"]), s["url"]) for s in sources),
                  body=match.group(2).strip(), path=name, reviewed=reviewed)


# ---------------------------------------------------------------- question banks

def _check_question(raw: dict[str, Any], name: str, line: int) -> list[Problem]:
    problems = [Problem(name, line, f"question field '{key}' is missing")
                for key in QUESTION_FIELDS if raw.get(key) in (None, "", [])]
    if problems:
        return problems
    qid = raw["id"]
    if raw["type"] not in QUESTION_TYPES:
        problems.append(Problem(name, line, f"{qid}: type must be one of {', '.join(QUESTION_TYPES)}"))
    if raw["difficulty"] not in DIFFICULTIES:
        problems.append(Problem(name, line, f"{qid}: difficulty must be one of {', '.join(DIFFICULTIES)}"))
    options = raw["options"]
    if not isinstance(options, list) or not all(isinstance(o, dict) and o.get("text") for o in options):
        return [*problems, Problem(name, line, f"{qid}: every option needs a 'text'")]
    texts = [str(o["text"]).strip() for o in options]
    if len(set(texts)) != len(texts):
        problems.append(Problem(name, line, f"{qid}: two options have the same text"))
    correct = sum(1 for o in options if o.get("correct") is True)
    if raw["type"] in ("single", "true_false") and correct != 1:
        problems.append(Problem(name, line, f"{qid}: a {raw['type']} question needs exactly one correct option, "
                                            f"found {correct}"))
    if raw["type"] == "multiple" and correct < 1:
        problems.append(Problem(name, line, f"{qid}: a multiple question needs at least one correct option"))
    if raw["type"] == "true_false" and sorted(texts) != ["Benar", "Salah"]:
        problems.append(Problem(name, line, f"{qid}: a true_false question has exactly the options Benar and Salah"))
    if len(options) < 2:
        problems.append(Problem(name, line, f"{qid}: a question needs at least two options"))
    if raw.get("style") not in (None, "") and raw["style"] not in QUESTION_STYLES:
        problems.append(Problem(name, line, f"{qid}: style must be one of {', '.join(QUESTION_STYLES)}"))
    if any(o.get("why") not in (None, "") and not isinstance(o["why"], str) for o in options):
        problems.append(Problem(name, line, f"{qid}: an option's 'why' must be a sentence"))
    return problems


def _check_item_conventions(raw: dict[str, Any], name: str, line: int) -> list[Problem]:
    """The bank conventions that are warnings until STRICT_ITEM_FIELDS (see there)."""
    qid, options = raw["id"], raw["options"]
    found = []
    if raw.get("style") in (None, ""):
        found.append(Problem(name, line, f"{qid}: 'style' (scenario or recall) is missing"))
    missing_why = [str(i + 1) for i, o in enumerate(options) if not str(o.get("why") or "").strip()]
    if missing_why:
        found.append(Problem(name, line, f"{qid}: option(s) {', '.join(missing_why)} have no 'why'"))
    if raw["type"] == "multiple":
        correct = sum(1 for o in options if o.get("correct") is True)
        if len(options) != MULTIPLE_OPTIONS or not 1 <= correct <= MULTIPLE_OPTIONS - 1:
            found.append(Problem(name, line, f"{qid}: a multiple question has {MULTIPLE_OPTIONS} options with 1 to "
                                             f"{MULTIPLE_OPTIONS - 1} correct; found {correct} of {len(options)}"))
    return found


def _load_bank(path: Path, root: Path, problems: list[Problem]) -> tuple[str | None, list[tuple[dict, int]]]:
    """The pillar of a bank file and its questions with their line numbers."""
    name = _relative(path, root)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        problems.append(Problem(name, line, f"not valid YAML: {error}"))
        return None, []
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        problems.append(Problem(name, 1, "a question bank is a mapping with 'pillar' and a list 'questions'"))
        return None, []
    pillar = data.get("pillar")
    if pillar not in PILLARS:
        problems.append(Problem(name, 1, f"'pillar' must be one of {', '.join(PILLARS)}"))
        return None, []
    nodes = _mapping_lines(node)["questions"].value
    questions = []
    for index, raw in enumerate(data["questions"]):
        line = _line_of(nodes[index])
        if not isinstance(raw, dict):
            problems.append(Problem(name, line, "a question must be a mapping of fields"))
            continue
        questions.append((raw, line))
    return pillar, questions


# ---------------------------------------------------------------- catalogue

def load_catalogue(content_dir: Path, quizzes_dir: Path, today: dt.date | None = None) -> Catalogue:
    """Read and check the whole course; `catalogue.problems` lists everything wrong,
    `catalogue.warnings` what should be fixed but does not break anything."""
    catalogue = Catalogue()
    problems = catalogue.problems
    for pillar in PILLARS:
        folder = content_dir / pillar
        if not folder.is_dir():
            problems.append(Problem(_relative(folder, content_dir), 1, "pillar folder is missing"))
            continue
        for path in sorted(folder.glob("*.md")):
            lesson = _load_lesson(path, pillar, content_dir, problems, catalogue.warnings, today)
            if lesson is None:
                continue
            if lesson.id in catalogue.lessons:
                problems.append(Problem(lesson.path, 2, f"lesson id '{lesson.id}' is also used by "
                                                        f"{catalogue.lessons[lesson.id].path}"))
                continue
            catalogue.lessons[lesson.id] = lesson

    seen_at: dict[str, str] = {}
    for path in sorted(quizzes_dir.glob("*.yaml")):
        name = _relative(path, quizzes_dir)
        pillar, questions = _load_bank(path, quizzes_dir, problems)
        if pillar is None:
            continue
        catalogue.bank_versions[pillar] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for raw, line in questions:
            found = _check_question(raw, name, line)
            qid = str(raw.get("id"))
            if qid in seen_at:
                found.append(Problem(name, line, f"question id '{qid}' is also used at {seen_at[qid]}"))
            seen_at.setdefault(qid, f"{name}:{line}")
            lesson = catalogue.lessons.get(str(raw.get("lesson")))
            if raw.get("lesson") and lesson is None:
                found.append(Problem(name, line, f"{qid}: lesson '{raw['lesson']}' does not exist"))
            elif lesson is not None and lesson.pillar != pillar:
                found.append(Problem(name, line, f"{qid}: lesson '{lesson.id}' belongs to another pillar"))
            if not found:
                conventions = _check_item_conventions(raw, name, line)
                if STRICT_ITEM_FIELDS:
                    found += conventions
                else:
                    catalogue.warnings.extend(conventions)
            if found:
                problems.extend(found)
                continue
            catalogue.questions[qid] = Question(
                id=qid, pillar=pillar, lesson=str(raw["lesson"]), type=raw["type"],
                difficulty=raw["difficulty"], prompt=str(raw["prompt"]).strip(),
                options=tuple(Option(str(o["text"]).strip(), o.get("correct") is True, str(o.get("why") or "").strip())
                              for o in raw["options"]),
                explanation=str(raw["explanation"]).strip(), style=str(raw.get("style") or ""))

    for pillar in PILLARS:
        if pillar not in catalogue.bank_versions:
            problems.append(Problem(f"{quizzes_dir.name}/{pillar}.yaml", 1, "question bank is missing"))
    catalogue.glossary = _load_glossary(content_dir / "glossary", problems)
    return catalogue


def _load_glossary(folder: Path, problems: list[Problem]) -> list[dict[str, str]]:
    terms: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as error:
            problems.append(Problem(_relative(path, folder.parent), 1, f"not valid YAML: {error}"))
            continue
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and entry.get("term") and entry.get("definition"):
                terms.append({"term": str(entry["term"]), "definition": str(entry["definition"]).strip()})
            else:
                problems.append(Problem(_relative(path, folder.parent), 1,
                                        "a glossary entry needs 'term' and 'definition'"))
    return sorted(terms, key=lambda entry: entry["term"].lower())
