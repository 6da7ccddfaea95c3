"""A small, known cohort built through the store's own API, for the dashboard tests.

Two batches (B1 with trainer A, B2 with trainer B), learners in two regions and two agencies,
managers scoped to the province, a region, an agency and a batch, and an admin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from modules import attempts
from modules.course import PILLARS, Catalogue, load_catalogue
from modules.store import Store
from tests.certificate_helpers import submit_evaluation
from tests.conftest import ROOT

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
BIG_REGION, SMALL_REGION = "Kota Serang", "Kab. Lebak"
HEALTH, EDUCATION = "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan"


def nip(n: int, role_digit: int = 1) -> str:
    """A valid, distinct NIP for person n (born 1985, appointed 2010)."""
    return f"19850101201001{role_digit}{n:03d}"


@dataclass
class Cohort:
    store: Store
    admin: dict
    trainer_a: dict
    trainer_b: dict
    manager_all: dict
    manager_region: dict
    manager_small_region: dict
    manager_agency: dict
    manager_batch: dict
    learner: dict
    batch_1: int
    batch_2: int
    learners_1: list[int] = field(default_factory=list)
    learners_2: list[int] = field(default_factory=list)


def person(store: Store, n: int, name: str, role: str, *, batch_id: int | None = None,
           region: str = BIG_REGION, agency: str = HEALTH) -> dict:
    user_id = store.create_user(nip=nip(n, 2 if role == "learner" else 1), nip_kind="pns", name=name, role=role,
                                agency=agency, region=region, batch_id=batch_id)
    return store.get_user(user_id)


def take(store: Store, course: Catalogue, user_id: int, quiz_id: str, right: int, when: dt.datetime,
         total: int = 10) -> dict:
    """Start and submit an attempt at `quiz_id` with exactly `right` of its questions answered right."""
    if quiz_id in PILLARS:
        question_ids = sorted(q.id for q in course.pillar_questions(quiz_id))[:total]
    else:  # a test: five questions of each pillar, the post-test from the end of each bank
        question_ids = []
        for pillar in sorted(PILLARS):
            bank = sorted(q.id for q in course.pillar_questions(pillar))
            question_ids += bank[:5] if quiz_id == "pretest" else bank[-5:]
    attempt_id = store.start_attempt(user_id=user_id, quiz_id=quiz_id, kind=attempts.quiz_kind(quiz_id),
                                     bank_version="test", seed=1, question_ids=question_ids,
                                     option_orders={q: list(range(len(course.questions[q].options)))
                                                    for q in question_ids},
                                     now=when - dt.timedelta(minutes=10))
    chosen = {}
    for index, qid in enumerate(question_ids):
        question = course.questions[qid]
        if index < right:
            chosen[qid] = sorted(question.correct_indexes)
        else:
            chosen[qid] = [next(i for i in range(len(question.options)) if i not in question.correct_indexes)]
    attempt = store.get_attempt(attempt_id, user_id)
    assert attempts.submit(store, course, attempt, chosen, 70, when)
    return store.get_attempt(attempt_id, user_id)


def finish_course(store: Store, course: Catalogue, user_id: int, start: dt.datetime) -> None:
    """Every lesson done, the pre-test, every pillar quiz passed and the post-test: a certificate follows."""
    take(store, course, user_id, "pretest", 10, start, total=20)
    when = start
    for pillar in PILLARS:
        for lesson in course.pillar_lessons(pillar):
            when += dt.timedelta(minutes=20)
            store.mark_lesson_done(user_id, lesson.id, when)
        when += dt.timedelta(minutes=30)
        take(store, course, user_id, pillar, 9, when)
    take(store, course, user_id, "posttest", 18, when + dt.timedelta(hours=1), total=20)
    submit_evaluation(store, user_id, when + dt.timedelta(hours=1, minutes=5), catalogue=course)


def build(store: Store, course: Catalogue = COURSE) -> Cohort:
    admin = person(store, 1, "Admin Provinsi", "admin")
    batch_1 = store.save_batch(batch_id=None, name="Angkatan 1", starts_on="2026-10-01", ends_on="2026-10-28",
                               actor_id=admin["id"])
    batch_2 = store.save_batch(batch_id=None, name="Angkatan 2", starts_on="2026-11-01", ends_on="2026-11-28",
                               actor_id=admin["id"])
    trainer_a = person(store, 2, "Pelatih A", "trainer")
    trainer_b = person(store, 3, "Pelatih B", "trainer")
    store.set_batch_trainers(batch_1, [trainer_a["id"]], admin["id"])
    store.set_batch_trainers(batch_2, [trainer_b["id"]], admin["id"])
    managers = {}
    for n, key, scopes in ((4, "all", [("all", "")]), (5, "region", [("region", BIG_REGION)]),
                           (6, "small", [("region", SMALL_REGION)]), (7, "agency", [("agency", EDUCATION)]),
                           (8, "batch", [("batch", str(batch_2))])):
        managers[key] = person(store, n, f"Manajer {key}", "manager")
        store.set_manager_scopes(managers[key]["id"], scopes, admin["id"])
    cohort = Cohort(store, admin, trainer_a, trainer_b, managers["all"], managers["region"], managers["small"],
                    managers["agency"], managers["batch"], learner={}, batch_1=batch_1, batch_2=batch_2)
    # Batch 1: 8 learners in the big region (health), 3 in the small region (education).
    for n in range(10, 21):
        small = n >= 18
        user = person(store, n, f"Peserta Satu {n}", "learner", batch_id=batch_1,
                      region=SMALL_REGION if small else BIG_REGION, agency=EDUCATION if small else HEALTH)
        cohort.learners_1.append(user["id"])
    # Batch 2: 6 learners, big region, health.
    for n in range(30, 36):
        user = person(store, n, f"Peserta Dua {n}", "learner", batch_id=batch_2)
        cohort.learners_2.append(user["id"])
    cohort.learner = store.get_user(cohort.learners_1[0])
    return cohort


def add_activity(cohort: Cohort, course: Catalogue = COURSE) -> None:
    """What the batch-1 learners did (what batch 2 did is in `add_batch_2_activity`)."""
    store, first = cohort.store, cohort.learners_1
    start = NOW - dt.timedelta(days=30)
    finish_course(store, course, first[0], start)           # certificate
    finish_course(store, course, first[1], start)           # certificate
    # first[2]: two failed safety quizzes, nothing since 20 days → at risk twice over
    take(store, course, first[2], "digital-safety", 3, NOW - dt.timedelta(days=21))
    take(store, course, first[2], "digital-safety", 5, NOW - dt.timedelta(days=20))
    # first[3]: studying, active yesterday (one lesson, one passed quiz)
    store.mark_lesson_done(first[3], course.pillar_lessons("digital-skills")[0].id, NOW - dt.timedelta(days=1))
    take(store, course, first[3], "digital-skills", 7, NOW - dt.timedelta(days=1))
    # first[4]: failed skills once, then passed: first-attempt fail, passed on attempt 2
    take(store, course, first[4], "digital-skills", 6, NOW - dt.timedelta(days=3))
    take(store, course, first[4], "digital-skills", 8, NOW - dt.timedelta(days=2))
    # first[5..7]: never started. first[8..10] (small region): one quiz each
    for user_id, right in zip(first[8:], (4, 8, 9), strict=True):
        take(store, course, user_id, "digital-ethics", right, NOW - dt.timedelta(days=2))
    # Batch 2: everyone took the skills quiz once, half passed.
    for index, user_id in enumerate(cohort.learners_2):
        take(store, course, user_id, "digital-skills", 8 if index % 2 else 5, NOW - dt.timedelta(days=4))
