"""xAPI export: every statement has the shape xAPI 1.0.3 requires, the learner is never named by
NIP, ids are stable, `--since` filters, and the command line refuses bad input in Indonesian."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from urllib.parse import urlparse

import pytest

from modules import xapi
from modules.cli import main
from modules.course import PILLARS
from tests.certificate_helpers import complete_course, course_catalogue, take
from tests.conftest import VALID_NIP, make_learner, use_database

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

BASE_URL = "https://kelas.example.go.id"
SECRET = "rahasia-untuk-uji"


def is_iri(value: object) -> bool:
    parsed = urlparse(value) if isinstance(value, str) else None
    return bool(parsed and parsed.scheme in ("http", "https") and parsed.netloc)


def is_language_map(value: object) -> bool:
    return isinstance(value, dict) and bool(value) and all(
        re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", k) and isinstance(v, str) and v for k, v in value.items())


def problems(statement: dict) -> list[str]:
    """What xAPI 1.0.3 (Data, section 2.4) requires of the statements this app writes."""
    found = []
    try:
        if str(uuid.UUID(statement["id"])) != statement["id"]:
            found.append("id is not a lower-case hyphenated UUID")
    except (KeyError, ValueError):
        found.append("id missing or not a UUID")
    actor = statement.get("actor", {})
    account = actor.get("account", {})
    if actor.get("objectType", "Agent") != "Agent" or not is_iri(account.get("homePage")) \
            or not isinstance(account.get("name"), str) or not account.get("name"):
        found.append("actor must be an Agent with account.homePage (IRL) and account.name")
    if any(key in actor for key in ("mbox", "mbox_sha1sum", "openid")):
        found.append("actor must have exactly one identifier")
    verb = statement.get("verb", {})
    if not is_iri(verb.get("id")) or not is_language_map(verb.get("display")):
        found.append("verb needs an IRI id and a language-map display")
    obj = statement.get("object", {})
    if obj.get("objectType") != "Activity" or not is_iri(obj.get("id")):
        found.append("object must be an Activity with an IRI id")
    definition = obj.get("definition")
    if definition is not None and (("type" in definition and not is_iri(definition["type"]))
                                   or ("name" in definition and not is_language_map(definition["name"]))):
        found.append("activity definition type must be an IRI and name a language map")
    try:
        stamp = dt.datetime.fromisoformat(statement["timestamp"])
        if stamp.tzinfo is None:
            found.append("timestamp without a time zone")
    except (KeyError, ValueError):
        found.append("timestamp missing or not ISO 8601")
    if statement.get("version") != "1.0.3":
        found.append("version must be 1.0.3")
    result = statement.get("result")
    if result is not None:
        score = result.get("score")
        if score is not None:
            if not -1 <= score.get("scaled", 0) <= 1:
                found.append("result.score.scaled outside [-1, 1]")
            if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]):
                found.append("result.score.raw outside [min, max]")
        for flag in ("success", "completion"):
            if flag in result and not isinstance(result[flag], bool):
                found.append(f"result.{flag} must be a boolean")
    context = statement.get("context")
    if context is not None:
        for parent in context.get("contextActivities", {}).get("parent", []):
            if not is_iri(parent.get("id")):
                found.append("context parent activity needs an IRI id")
    return found


@pytest.fixture
def cohort(store, now):
    """One learner who opened and finished a lesson, failed then passed quizzes and completed the
    course; another who only opened a lesson two days later."""
    course = course_catalogue()
    first = make_learner(store)
    store.mark_lesson_opened(first, "aman-01", now)
    store.mark_lesson_done(first, "aman-01", now + dt.timedelta(minutes=20))
    take(store, course, first, PILLARS[1], now + dt.timedelta(minutes=30), right=5)
    complete_course(store, course, first, now + dt.timedelta(hours=1))
    second = make_learner(store, nip="199203152019032002", name="Dewi Lestari")
    store.mark_lesson_opened(second, "cakap-01", now + dt.timedelta(days=2))
    return store


def export(store, since=None, secret=SECRET):
    return list(xapi.statements(store, xapi.StatementBuilder(BASE_URL, secret), since))


def test_every_statement_has_the_required_shape(cohort):
    statements = export(cohort)
    assert statements
    for statement in statements:
        assert problems(statement) == [], statement
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    assert verbs.count("experienced") == 2 and verbs.count("attempted") == 6
    assert verbs.count("failed") == 1 and verbs.count("passed") == 4
    assert verbs.count("completed") == 3  # a lesson, the post-test and the course
    timestamps = [s["timestamp"] for s in statements]
    assert timestamps == sorted(timestamps)


def test_quiz_results_carry_a_scaled_score(cohort):
    submitted = [s for s in export(cohort) if s["verb"]["id"].endswith(("/passed", "/failed"))]
    failed = next(s for s in submitted if s["verb"]["id"].endswith("/failed"))
    assert failed["result"]["score"] == {"scaled": 0.5, "raw": 5, "min": 0, "max": 10}
    assert failed["result"]["success"] is False
    passed = [s for s in submitted if s["verb"]["id"].endswith("/passed")]
    assert {s["result"]["score"]["scaled"] for s in passed} == {0.9}
    assert all(s["result"]["success"] is True for s in passed)
    assert passed[0]["object"]["id"].startswith(f"{BASE_URL}/xapi/quiz/")
    assert passed[0]["context"]["contextActivities"]["parent"][0]["id"] == f"{BASE_URL}/xapi/course"


def test_the_learner_is_an_opaque_stable_hash_never_the_nip(cohort):
    lines = "\n".join(json.dumps(s) for s in export(cohort))
    assert VALID_NIP not in lines and "Siti" not in lines
    names = {s["actor"]["account"]["name"] for s in export(cohort)}
    assert len(names) == 2
    assert xapi.actor_name(SECRET, VALID_NIP) in names
    assert xapi.actor_name("kunci-lain", VALID_NIP) not in names  # without the key the hash means nothing
    assert [s["id"] for s in export(cohort)] == [s["id"] for s in export(cohort)]  # stable: an LRS keeps one copy


def test_since_keeps_later_events_only(cohort, now):
    later = export(cohort, since=xapi.parse_since("2026-11-25"))
    assert len(later) == 1 and later[0]["verb"]["id"].endswith("/experienced")
    assert xapi.parse_since("2026-11-25") == "2026-11-24T17:00:00+00:00"  # midnight WIB
    assert xapi.parse_since("25-11-2026") is None


def test_command_writes_json_lines_and_refuses_bad_input(cohort, tmp_path, monkeypatch, capsys):
    use_database(monkeypatch, cohort)
    monkeypatch.setenv("KELAS_BASE_URL", BASE_URL)
    out = tmp_path / "xapi.jsonl"
    assert main(["export-xapi", "--since", "2026-11-23", "--output", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(export(cohort)) and all(problems(json.loads(line)) == [] for line in lines)
    assert f"{len(lines)} pernyataan xAPI ditulis" in capsys.readouterr().err

    assert main(["export-xapi", "--output", str(out)]) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(lines)  # the earlier export is intact
    assert main(["export-xapi", "--since", "kemarin"]) == 2
    assert "Tanggal --since tidak dikenali" in capsys.readouterr().err
