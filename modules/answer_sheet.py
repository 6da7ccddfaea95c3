"""The open quiz's questions as one element (a component of our own, modules/answer_sheet.js).

Every element a page draws is a message through Streamlit's event loop on every rerun, and a widget
costs more than text: ten questions as Streamlit radio groups and check boxes made the open quiz the
costliest page to redraw (bench/bench_batch_load.py). Here the browser draws native radio buttons
and check boxes from plain data and sends back one value. The questions do not change while the
attempt is open, so the browser fetches them once from `SHEET_PATH` (modules/web.py, `sent_sheet`)
each time it draws the sheet, instead of receiving them with every rerun.

The sheet sits in a form with the submit button, so a choice reruns nothing: its value goes with
the submit. Each choice is also saved as it is made, by a small POST to `CHOICE_PATH`
(modules/web.py, `save_sent_choice`), so a refresh or a restart loses nothing; a POST the server
could not take is tried again by the browser. What the browser sends either way is checked as
anything a stranger sends: only real options of this attempt's questions are kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from modules.course import Catalogue
from modules.store import Store

NAME = "kelas.answer_sheet"
CHOICE_PATH = "/pilihan-kuis"  # where the browser saves each choice (a route of modules/web.py)
SHEET_PATH = "/lembar-kuis"  # where the browser fetches an attempt's questions (modules/web.py)
_HERE = Path(__file__).resolve().parent
_JS = (_HERE / "answer_sheet.js").read_text(encoding="utf-8")
_CSS = (_HERE / "answer_sheet.css").read_text(encoding="utf-8")
_mount: Callable[..., Any] | None = None


def sheet_data(attempt: Mapping[str, Any], catalogue: Catalogue, question_label: Callable[[int], str],
               pick_all_hint: str) -> str:
    """What the browser draws, as JSON text: each question's label and its options in the attempt's
    order. No answer key: only option texts and their indexes. It does not change while the attempt
    is open, so a page makes it once (Streamlit would inspect and encode a nested dict on every
    rerun) and sends the choices beside it."""
    questions = []
    for number, qid in enumerate(attempt["question_ids"], start=1):
        question = catalogue.questions[qid]
        multiple = question.type == "multiple"
        options = [[index, question.options[index].text] for index in attempt["option_orders"][qid]]
        questions.append({"id": qid, "label": f"{question_label(number)} {question.prompt}", "multiple": multiple,
                          "hint": pick_all_hint if multiple else "", "options": options})
    return json.dumps({"attempt": attempt["id"], "questions": questions}, ensure_ascii=False)


def choices_from_state(state: Any, attempt: Mapping[str, Any], catalogue: Catalogue) -> dict[str, list[int]]:
    """The choices the browser reported, kept only where they are real: a question of this attempt,
    indexes of its options (whole numbers, not booleans), at most one for a single-answer question.
    Anything else is dropped, never stored."""
    if not isinstance(state, Mapping):
        return {}
    choices: dict[str, list[int]] = {}
    for qid in attempt["question_ids"]:
        value = state.get(qid)
        if not isinstance(value, list) or len(value) > len(catalogue.questions[qid].options):
            continue
        question = catalogue.questions[qid]
        indexes = sorted({i for i in value if type(i) is int and 0 <= i < len(question.options)})
        if len(indexes) != len(value) or (question.type != "multiple" and len(indexes) > 1):
            continue  # a malformed answer to a question counts as no answer to it
        choices[qid] = indexes
    return choices


def _renderer() -> Callable[..., Any]:
    """The component's mount command, registered with the running Streamlit runtime once (a new
    runtime, as each test's AppTest starts, has an empty registry and gets it again)."""
    global _mount
    from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager

    if _mount is None or get_bidi_component_manager().get(NAME) is None:
        _mount = st.components.v2.component(NAME, js=_JS, css=_CSS, isolate_styles=False)
    return _mount


def _declared() -> None:
    """Streamlit declares a component's state by its on_<name>_change callback; the page reads the
    value `show` returns instead, so a value set any way (a browser, a test) is handled alike."""


def sheet_address(attempt_id: int, language: str) -> str:
    """Where the browser fetches the attempt's questions in `language`, relative to the page."""
    return f".{SHEET_PATH}?{urlencode({'percobaan': attempt_id, 'bahasa': language})}"


def sent_sheet(store: Store, catalogue: Catalogue, user_id: int, query: Mapping[str, str]) -> str | None:
    """The questions (`sheet_data`) of the attempt `query` names (`percobaan`), in its language
    (`bahasa`), if the attempt is this person's; None otherwise."""
    from modules.i18n import DEFAULT_LANGUAGE, LANGUAGES, speaking, t

    attempt_id = query.get("percobaan", "")
    if not (attempt_id.isascii() and attempt_id.isdigit() and len(attempt_id) <= 12):
        return None
    attempt = store.get_attempt(int(attempt_id), user_id)
    if attempt is None:
        return None
    language = query.get("bahasa", "")
    with speaking(language if language in LANGUAGES else DEFAULT_LANGUAGE):
        return sheet_data(attempt, catalogue, lambda n: t("quiz.question", n=n), t("quiz.pick_all_scoring"))


def show(attempt_id: int, language: str, chosen: Mapping[str, Sequence[int]], *, key: str, notes: Mapping[str, str]
         ) -> Any:
    """Draw the sheet of the attempt with the choices already made; returns the state the browser
    last reported (None before the first choice). `notes`: what the sheet says while a choice it
    sent is not saved yet ("unsaved") and while its questions cannot be fetched ("loading")."""
    initial = {qid: list(indexes) for qid, indexes in chosen.items() if indexes}
    data = {"src": sheet_address(attempt_id, language), "attempt": attempt_id, "chosen": initial,
            "save": f".{CHOICE_PATH}", "unsaved": notes["unsaved"], "loading": notes["loading"]}
    result = _renderer()(key=key, data=data, default={"choices": initial}, on_choices_change=_declared)
    return result.get("choices")  # a dict-like result; "choices" is absent without a running app


def save_sent_choice(store: Store, catalogue: Catalogue, user_id: int, form: Mapping[str, str],
                     now: dt.datetime) -> str:
    """One choice the browser sent (`percobaan`: the attempt, `soal`: the question, `pilihan`: the
    option indexes, comma-separated, empty for none): "saved"; "busy" when the database could not
    take it now (the browser tries again); "refused" when it is not a real choice on an open attempt
    of this person (nothing is stored)."""
    from modules import attempts

    attempt_id, question_id, sent = form.get("percobaan", ""), form.get("soal", ""), form.get("pilihan", "")
    if not (attempt_id.isascii() and attempt_id.isdigit() and len(attempt_id) <= 12) or len(sent) > 64:
        return "refused"
    parts = sent.split(",") if sent else []
    if not all(part.isascii() and part.isdigit() and len(part) <= 3 for part in parts):
        return "refused"
    attempt = store.get_attempt(int(attempt_id), user_id)
    if attempt is None or attempt["submitted_at"] is not None:
        return "refused"
    choice = choices_from_state({question_id: [int(part) for part in parts]}, attempt, catalogue)
    if question_id not in choice:
        return "refused"
    waiting, refused = attempts.save_choices(store, catalogue, attempt, choice, now)
    return "busy" if waiting else "refused" if refused else "saved"

