"""Learning records as xAPI 1.0.3 statements, for a Learning Record Store or a personnel system.

Five kinds of event become statements: a lesson opened or completed, a quiz (or the pre- or
post-test) attempted, a quiz passed or failed (a test: completed) with its score, and the course
completed. The learner appears only as an `account` whose name is a keyed hash of the NIP: stable
across exports, meaningless without the app's secret key, never the NIP itself. Statement ids are
derived from the event, so exporting the same period twice gives the same statements and an LRS
keeps one copy of each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import hmac
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TextIO

from modules.certificates import COURSE_TITLE
from modules.course import Catalogue
from modules.i18n import STRINGS
from modules.store import Store
from modules.timefmt import DISPLAY_ZONE

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi"
VERBS = {
    # The ADL vocabulary; "experienced" is its verb for opening content that asks for no result.
    "opened": (f"{ADL}/verbs/experienced", {"id-ID": "membuka", "en-US": "experienced"}),
    "completed": (f"{ADL}/verbs/completed", {"id-ID": "menyelesaikan", "en-US": "completed"}),
    "attempted": (f"{ADL}/verbs/attempted", {"id-ID": "mencoba", "en-US": "attempted"}),
    "passed": (f"{ADL}/verbs/passed", {"id-ID": "lulus", "en-US": "passed"}),
    "failed": (f"{ADL}/verbs/failed", {"id-ID": "tidak lulus", "en-US": "failed"}),
}
ACTIVITY_TYPES = {"course": f"{ADL}/activities/course", "lesson": f"{ADL}/activities/lesson",
                  "quiz": f"{ADL}/activities/assessment"}
EPOCH = "0000"  # sorts before every stored timestamp: "no --since" means everything


Maker = Callable[["StatementBuilder", Mapping[str, Any]], dict[str, Any]]


def actor_name(secret_key: str, nip: str) -> str:
    """An opaque, stable name for a learner: HMAC-SHA256 of the NIP under the app's secret key."""
    return hmac.new(secret_key.encode(), f"xapi-actor:{nip}".encode(), hashlib.sha256).hexdigest()[:40]


def iso_utc(stamp: str) -> str:
    """A stored timestamp as ISO 8601 in UTC with a `Z`, the form LRSs compare most reliably."""
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_since(text: str) -> str | None:
    """`--since` as a stored timestamp: a date means its start in WIB; None when unreadable."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=DISPLAY_ZONE)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


class StatementBuilder:
    """Turns the app's rows into statements; everything stable about an export lives here."""

    def __init__(self, base_url: str, secret_key: str, catalogue: Catalogue | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.secret_key = secret_key
        self.catalogue = catalogue
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, self.base_url + "/xapi")
        self._names: dict[str, str] = {}

    def activity_id(self, kind: str, key: str = "") -> str:
        return f"{self.base_url}/xapi/{kind}" + (f"/{key}" if key else "")

    def actor(self, nip: str) -> dict[str, Any]:
        if nip not in self._names:
            if len(self._names) > 100_000:  # bounded memory on national-scale exports
                self._names.clear()
            self._names[nip] = actor_name(self.secret_key, nip)
        return {"objectType": "Agent", "account": {"homePage": self.base_url, "name": self._names[nip]}}

    def course(self) -> dict[str, Any]:
        return {"objectType": "Activity", "id": self.activity_id("course"),
                "definition": {"type": ACTIVITY_TYPES["course"],
                               "name": {"id-ID": COURSE_TITLE, "en-US": COURSE_TITLE}}}

    def lesson(self, lesson_id: str) -> dict[str, Any]:
        activity: dict[str, Any] = {"objectType": "Activity", "id": self.activity_id("lesson", lesson_id),
                                    "definition": {"type": ACTIVITY_TYPES["lesson"]}}
        lesson = self.catalogue.lessons.get(lesson_id) if self.catalogue else None
        if lesson is not None:
            activity["definition"]["name"] = {"id-ID": lesson.title}
        return activity

    def quiz(self, quiz_id: str) -> dict[str, Any]:
        key = f"test.{quiz_id}.title" if quiz_id in ("pretest", "posttest") else f"pillar.{quiz_id}.title"
        definition: dict[str, Any] = {"type": ACTIVITY_TYPES["quiz"]}
        if key in STRINGS:
            definition["name"] = {"id-ID": STRINGS[key]["id"], "en-US": STRINGS[key]["en"]}
        return {"objectType": "Activity", "id": self.activity_id("quiz", quiz_id), "definition": definition}

    def statement(self, event_key: str, verb: str, nip: str, activity: dict[str, Any], at: str,
                  result: dict[str, Any] | None = None) -> dict[str, Any]:
        verb_id, display = VERBS[verb]
        statement: dict[str, Any] = {
            "id": str(uuid.uuid5(self.namespace, event_key)),
            "actor": self.actor(nip),
            "verb": {"id": verb_id, "display": display},
            "object": activity,
            "timestamp": iso_utc(at),
            "version": VERSION,
        }
        if result is not None:
            statement["result"] = result
        if activity["id"] != self.activity_id("course"):
            statement["context"] = {"platform": COURSE_TITLE, "language": "id-ID",
                                    "contextActivities": {"parent": [{"objectType": "Activity",
                                                                      "id": self.activity_id("course")}]}}
        else:
            statement["context"] = {"platform": COURSE_TITLE, "language": "id-ID"}
        return statement


def score(row: Mapping[str, Any]) -> dict[str, Any]:
    """An attempt's score in xAPI's terms: scaled 0..1, raw between min and max."""
    raw, most = row["score"], row["max_score"]
    return {"scaled": round(raw / most, 4) if most else 0.0, "raw": raw, "min": 0, "max": most}


def _lesson_opened(builder: StatementBuilder, row: Mapping[str, Any]) -> dict[str, Any]:
    return builder.statement(f"lesson-opened:{row['user_id']}:{row['lesson_id']}", "opened", row["nip"],
                             builder.lesson(row["lesson_id"]), row["at"])


def _lesson_completed(builder: StatementBuilder, row: Mapping[str, Any]) -> dict[str, Any]:
    return builder.statement(f"lesson-completed:{row['user_id']}:{row['lesson_id']}", "completed", row["nip"],
                             builder.lesson(row["lesson_id"]), row["at"], {"completion": True})


def _attempt_started(builder: StatementBuilder, row: Mapping[str, Any]) -> dict[str, Any]:
    return builder.statement(f"attempt-started:{row['id']}", "attempted", row["nip"],
                             builder.quiz(row["quiz_id"]), row["at"])


def _attempt_submitted(builder: StatementBuilder, row: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"score": score(row), "completion": True}
    if row["kind"] == "pillar":
        verb = "passed" if row["passed"] else "failed"
        result["success"] = bool(row["passed"])
    else:
        verb = "completed"  # the pre- and post-test measure; nobody passes or fails them
    return builder.statement(f"attempt-submitted:{row['id']}", verb, row["nip"], builder.quiz(row["quiz_id"]),
                             row["at"], result)


def _course_completed(builder: StatementBuilder, row: Mapping[str, Any]) -> dict[str, Any]:
    return builder.statement(f"course-completed:{row['user_id']}", "completed", row["nip"], builder.course(),
                             row["at"], {"completion": True, "success": True})


def _tagged(rows: Iterable[Mapping[str, Any]], order: int,
            make: Maker) -> Iterator[tuple[str, int, Mapping[str, Any], Maker]]:
    for row in rows:
        yield row["at"], order, row, make


def statements(store: Store, builder: StatementBuilder, since: str | None = None) -> Iterator[dict[str, Any]]:
    """Every statement from `since` (a stored timestamp) on, oldest first, one at a time."""
    since = since or EPOCH
    sources: tuple[tuple[Iterable[Mapping[str, Any]], Maker], ...] = (
        (store.xapi_lesson_events("opened_at", since), _lesson_opened),
        (store.xapi_lesson_events("completed_at", since), _lesson_completed),
        (store.xapi_attempt_events("started_at", since), _attempt_started),
        (store.xapi_attempt_events("submitted_at", since), _attempt_submitted),
        (store.xapi_course_completions(since), _course_completed),
    )
    # Each source is already in time order; merging keeps memory flat. At equal times the source
    # order decides: opened before completed, started before submitted.
    streams = [_tagged(rows, order, make) for order, (rows, make) in enumerate(sources)]
    for _, _, row, make in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
        yield make(builder, row)


def write_jsonl(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line; returns how many were written."""
    count = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count
