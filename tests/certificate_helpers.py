"""Shared by the certificate, PDF, xAPI and verification tests: a four-pillar course and a learner
who goes through it (quizzes taken through modules/attempts, as the quiz page does)."""

from __future__ import annotations

import datetime as dt

from modules import attempts, evaluation
from modules.certificates import Certificate
from modules.course import PILLARS, Catalogue
from modules.store import Store
from tests.conftest import ROOT, make_question

PASS_MARK = 70


def course_catalogue() -> Catalogue:
    """Twelve single-answer questions in each pillar (option 0 is right)."""
    catalogue = Catalogue()
    for pillar in PILLARS:
        for n in range(12):
            qid = f"{pillar}-q{n:02d}"
            catalogue.questions[qid] = make_question(qid, pillar)
        catalogue.bank_versions[pillar] = "test"
    return catalogue


def take(store: Store, catalogue: Catalogue, user_id: int, quiz_id: str, now: dt.datetime,
         right: int | None = None) -> dict:
    """Start and submit an attempt with `right` questions answered correctly (default: all)."""
    attempt = attempts.start_or_resume(store, catalogue, user_id, quiz_id, 10, now)
    ids = attempt["question_ids"]
    right = len(ids) if right is None else right
    chosen = {qid: [0] if n < right else [1] for n, qid in enumerate(ids)}
    assert attempts.submit(store, catalogue, attempt, chosen, PASS_MARK, now)
    return store.get_attempt(attempt["id"], user_id)


def complete_course(store: Store, catalogue: Catalogue, user_id: int, now: dt.datetime) -> Certificate:
    """Pass the four pillar quizzes, then take the post-test; the last submission issues the certificate."""
    for minutes, pillar in enumerate(PILLARS):
        take(store, catalogue, user_id, pillar, now + dt.timedelta(minutes=minutes), right=9)
    take(store, catalogue, user_id, "posttest", now + dt.timedelta(minutes=10), right=15)
    submit_evaluation(store, user_id, now + dt.timedelta(minutes=12), catalogue=catalogue)
    return Certificate.from_row(store.certificate_for_user(user_id))


def submit_evaluation(store: Store, user_id: int, now: dt.datetime, rating: int = 4,
                      comments: dict[str, str] | None = None, catalogue: Catalogue | None = None) -> None:
    """The course evaluation, every item rated `rating`: the certificate's last condition."""
    form, _ = evaluation.load_form(ROOT / "content")
    ratings = {item.id: rating for item in form.items}
    assert evaluation.submit(store, form, user_id, store.submitted_attempts(user_id), ratings, comments or {},
                             now, catalogue=catalogue) is None
