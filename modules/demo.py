"""A seeded, believable demo cohort: the province's ASN in six staggered batches.

Every demo account is marked: its name starts with `[DEMO]` and its batch's name too, so the demo
can be told apart and removed without touching real people. All demo accounts share one password,
hashed once (argon2 is deliberately slow; 18,000 separate hashes would take minutes).

How learners behave (a simple item-response model, seeded, so the same seed gives the same cohort):
- each learner has an ability; lessons raise it; each pillar shifts it (digital safety the most,
  downwards, as national surveys find); a retake after a fail adds a little (they reviewed);
- each question has its own difficulty (from its declared level plus noise), discrimination and
  distractor appeal, so item analysis finds easy, hard, weak and never-chosen options;
- some never start, some stall part-way (some of them after failing a quiz twice), the rest finish;
  work happens in sessions spread over the batch's weeks; nothing is dated after "now".
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from modules import auth, certificates, evaluation, quiz
from modules.attempts import TEST_QUESTIONS_PER_PILLAR, bank_version
from modules.config import load_settings
from modules.course import PILLARS, Catalogue, Question
from modules.store import DemoLoader, Store, stamp

DEMO_MARK = "[DEMO]"
DEMO_PASSWORD = "literasi-demo-banten"
DEFAULT_LEARNERS = 18_000
DEFAULT_SEED = 2026
BATCHES = 6
BATCH_DAYS = 28
BATCH_STAGGER_DAYS = 14
CHUNK = 2_000  # learners generated and inserted at a time, so 200,000 fit in memory

REGIONS = {  # kabupaten/kota of Banten, weighted roughly by their number of provincial ASN
    "Kab. Lebak": 10, "Kab. Pandeglang": 10, "Kab. Serang": 12, "Kab. Tangerang": 18,
    "Kota Cilegon": 8, "Kota Serang": 20, "Kota Tangerang": 12, "Kota Tangerang Selatan": 10,
}
AGENCIES = (  # (provincial agency, weight, region it sits in or None when spread over the province)
    ("Dinas Pendidikan dan Kebudayaan", 30, None),
    ("Dinas Kesehatan", 5, None),
    ("RSUD Banten", 5, "Kota Serang"),
    ("RSUD Malingping", 3, "Kab. Lebak"),
    ("RSUD Labuan", 2, "Kab. Pandeglang"),
    ("RSUD Cilograng", 1, "Kab. Lebak"),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", 3, "Kota Serang"),
    ("Badan Kepegawaian Daerah", 2, "Kota Serang"),
    ("Badan Pengembangan Sumber Daya Manusia Daerah", 2, "Kota Serang"),
    ("Badan Pendapatan Daerah", 5, None),
    ("Badan Perencanaan Pembangunan Daerah", 2, "Kota Serang"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", 2, "Kota Serang"),
    ("Badan Penanggulangan Bencana Daerah", 1, "Kota Serang"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 4, None),
    ("Dinas Perhubungan", 3, None),
    ("Dinas Sosial", 2, None),
    ("Dinas Pertanian", 3, None),
    ("Dinas Kelautan dan Perikanan", 2, None),
    ("Dinas Lingkungan Hidup dan Kehutanan", 2, None),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 2, "Kota Serang"),
    ("Dinas Tenaga Kerja dan Transmigrasi", 2, None),
    ("Dinas Kependudukan dan Pencatatan Sipil", 1, "Kota Serang"),
    ("Satuan Polisi Pamong Praja", 3, None),
    ("Inspektorat Daerah", 2, "Kota Serang"),
    ("Sekretariat Daerah", 4, "Kota Serang"),
)
FIRST_NAMES = (
    "Ahmad", "Siti", "Dewi", "Budi", "Rina", "Agus", "Nurul", "Eka", "Yuli", "Hendra", "Asep", "Dede", "Iis",
    "Ujang", "Neneng", "Rizky", "Fitri", "Wahyu", "Lina", "Andi", "Ratna", "Dian", "Teguh", "Mega", "Fajar",
    "Intan", "Rudi", "Sri", "Yanti", "Irfan", "Maya", "Taufik", "Nur", "Heri", "Rini", "Dadang", "Euis", "Cucu",
    "Lilis", "Iwan", "Tati", "Yusuf", "Ayu", "Bambang", "Wulan", "Arif", "Desi", "Hasan", "Ika", "Jajang",
)
LAST_NAMES = (
    "Hidayat", "Permana", "Setiawan", "Rahayu", "Kurniawan", "Sulastri", "Nugraha", "Saputra", "Suryana",
    "Wijaya", "Lestari", "Maulana", "Rahman", "Hakim", "Fauzi", "Susanti", "Pratama", "Ramdani", "Gunawan",
    "Hasanah", "Mulyana", "Supriadi", "Firmansyah", "Nurhayati", "Sobari", "Jaenudin", "Mulyadi", "Purnama",
    "Kusumah", "Syahputra", "Anggraeni", "Rohman", "Sutisna", "Komarudin", "Hermawan", "Safitri",
)

# How each pillar shifts a learner's ability: digital safety is the weakest pillar nationally.
PILLAR_SHIFT = {"digital-skills": 0.35, "digital-safety": -0.55, "digital-culture": 0.25, "digital-ethics": 0.1}
# Where people work shifts it a little too: the urban-rural digital divide, and the ICT agency.
REGION_SHIFT = {"Kab. Lebak": -0.25, "Kab. Pandeglang": -0.3, "Kab. Serang": -0.1, "Kab. Tangerang": 0.0,
                "Kota Cilegon": 0.1, "Kota Serang": 0.05, "Kota Tangerang": 0.2, "Kota Tangerang Selatan": 0.3}
AGENCY_SHIFT = {"Dinas Komunikasi, Informatika, Statistik dan Persandian": 0.45, "Badan Kepegawaian Daerah": 0.15,
                "Satuan Polisi Pamong Praja": -0.2, "Dinas Pertanian": -0.15}
LEVEL_DIFFICULTY = {"easy": -0.9, "medium": -0.1, "hard": 0.9}
LESSON_BOOST = 0.2       # ability gained by studying a pillar's lessons
RETAKE_BOOST = 0.25      # gained by reviewing after a failed attempt
COURSE_BOOST = 0.85      # what the whole course adds by the post-test
NEVER_START = 0.07
STALL = 0.2
PRETEST_TAKEN = 0.85
POSTTEST_TAKEN = 0.93
IMPROVE_AFTER_PASS = 0.55  # retake a passed quiz to raise the score (best score counts)
ABANDONED = 0.3            # of those who stop before a quiz, the share who left it open
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class ItemModel:
    """How a question behaves in the demo: 3-parameter logistic item plus its distractors' pull."""

    question: Question
    discrimination: float
    difficulty: float
    guessing: float
    right: str                      # chosen indexes when right, as stored (JSON)
    wrong: tuple[str, ...]          # the wrong answers people give, as stored
    wrong_weights: tuple[float, ...]

    def p_correct(self, ability: float) -> float:
        return self.guessing + (1 - self.guessing) / (1 + math.exp(-self.discrimination * (ability - self.difficulty)))


def item_models(catalogue: Catalogue, seed: int) -> dict[str, ItemModel]:
    """Each question's demo behaviour, fixed by the seed and the question id."""
    models = {}
    for qid, question in sorted(catalogue.questions.items()):
        rng = random.Random(f"{seed}:{qid}")
        difficulty = LEVEL_DIFFICULTY[question.difficulty] + rng.gauss(0, 0.45)
        discrimination = rng.uniform(1.5, 3.0)
        kind = rng.random()
        if kind < 0.06:          # badly written: barely tells who knows from who does not
            discrimination = rng.uniform(-0.5, 0.15)
        elif kind < 0.11:        # giveaway
            difficulty = -3.8
        elif kind < 0.15:        # trick question
            difficulty = 2.9
        correct = sorted(question.correct_indexes)
        wrong_options = [i for i in range(len(question.options)) if i not in question.correct_indexes]
        if question.type == "multiple":
            wrong = [sorted({*correct, extra}) for extra in wrong_options]
            wrong += [[c for c in correct if c != drop] for drop in correct if len(correct) > 1]
            guessing = 0.08
        else:
            wrong = [[i] for i in wrong_options]
            guessing = 1 / len(question.options)
        # Distractor appeal: about one in twenty is so implausible that almost nobody picks it.
        weights = [0.004 if rng.random() < 0.05 else rng.uniform(0.3, 1.0) for _ in wrong]
        models[qid] = ItemModel(question, discrimination, difficulty, guessing, json.dumps(correct),
                                tuple(json.dumps(w) for w in wrong), tuple(weights))
    return models


# ---------------------------------------------------------------- people

def demo_nip(rng: random.Random, taken: set[str], pppk: bool = False) -> str:
    """A NIP that passes the BKN format check and is not used yet."""
    while True:
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randrange(35 * 365))
        year = rng.randint(max(birth.year + 20, 1990), min(birth.year + 35, 2024))
        code = rng.choice((21, 22, 23)) if pppk else rng.randint(1, 12)
        nip = f"{birth:%Y%m%d}{year:04d}{code:02d}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"
        if nip not in taken:
            taken.add(nip)
            return nip


def demo_name(rng: random.Random) -> str:
    return f"{DEMO_MARK} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def place(rng: random.Random) -> tuple[str, str]:
    """A provincial agency and the kabupaten/kota where the person works."""
    agency, _, region = rng.choices(AGENCIES, weights=[a[1] for a in AGENCIES])[0]
    if region is None:
        region = rng.choices(list(REGIONS), weights=list(REGIONS.values()))[0]
    return agency, region


# ---------------------------------------------------------------- one learner's journey

@dataclass
class Journey:
    """What one learner did, as rows ready for the store (attempts still without ids)."""

    lessons: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    attempts: list[dict[str, Any]] = field(default_factory=list)
    answers: list[list[tuple[str, str, int, str]]] = field(default_factory=list)  # per attempt
    certificate: tuple[str, str] | None = None  # (issued_at, snapshot)


class Clock:
    """A learner's time: short steps within a study session, days between sessions."""

    def __init__(self, rng: random.Random, start: dt.datetime, session_odds: float) -> None:
        self.rng, self.now, self.session_odds = rng, start, session_odds

    def step(self, minutes: tuple[int, int]) -> dt.datetime:
        if self.rng.random() < self.session_odds:
            days = self.rng.expovariate(1 / 2.2)
            day = (self.now + dt.timedelta(days=max(days, 0.6))).date()
            self.now = dt.datetime(day.year, day.month, day.day, self.rng.randint(0, 9),
                                   self.rng.randrange(60), tzinfo=dt.UTC)
        else:
            self.now += dt.timedelta(minutes=self.rng.randint(*minutes), seconds=self.rng.randrange(60))
        return self.now


class CohortBuilder:
    """Generates learners' journeys against the real catalogue."""

    def __init__(self, catalogue: Catalogue, seed: int, pass_mark: int, now: dt.datetime, jp: int = 20) -> None:
        self.catalogue, self.pass_mark, self.now, self.jp = catalogue, pass_mark, now, jp
        self.models = item_models(catalogue, seed)
        self.pool_ids = {p: sorted(q.id for q in catalogue.pillar_questions(p)) for p in PILLARS}
        # Every order a question's options can be shown in (Benar/Salah always keep theirs).
        self.orders = {q.id: [tuple(range(len(q.options)))] if q.type == "true_false"
                       else list(itertools.permutations(range(len(q.options))))
                       for q in catalogue.questions.values()}
        self.lessons = {p: [lesson.id for lesson in catalogue.pillar_lessons(p)] for p in PILLARS}
        self.versions = {q: bank_version(catalogue, q) for q in (*PILLARS, "pretest", "posttest")}

    def _draw(self, rng: random.Random, quiz_id: str, exclude: set[str]) -> tuple[list[str], dict[str, list[int]]]:
        """Questions and option orders as the course draws them (10 from the pillar's bank, or five per
        pillar for a test, never one of `exclude`), made with the generator's own random stream: the
        course's seeded draw costs a fresh generator per attempt, too slow for 200,000 attempts."""
        if quiz_id in PILLARS:
            question_ids = rng.sample(self.pool_ids[quiz_id], 10)
        else:
            question_ids = []
            for pillar in sorted(PILLARS):  # the course's test order
                pool = [q for q in self.pool_ids[pillar] if q not in exclude] if exclude else self.pool_ids[pillar]
                question_ids += rng.sample(pool, TEST_QUESTIONS_PER_PILLAR)
        orders = {qid: list(rng.choice(self.orders[qid])) for qid in question_ids}
        return question_ids, orders

    def _answer(self, rng: random.Random, question_ids: Sequence[str],
                ability: float) -> list[tuple[str, str, int, str]]:
        rows = []
        for qid in question_ids:
            model = self.models[qid]
            pillar = model.question.pillar
            level = ability + PILLAR_SHIFT[pillar]
            if rng.random() < model.p_correct(level):
                rows.append((qid, model.right, 1, pillar))
            else:
                chosen = rng.choices(model.wrong, weights=model.wrong_weights)[0]
                rows.append((qid, chosen, 0, pillar))
        return rows

    def _attempt(self, journey: Journey, rng: random.Random, user_id: int, quiz_id: str, ability: float,
                 clock: Clock, exclude: set[str] | None = None) -> dict[str, Any] | None:
        """Take one attempt; None if it would end after now."""
        started = clock.step((3, 15))
        submitted = started + dt.timedelta(minutes=rng.randint(4, 25), seconds=rng.randrange(60))
        if submitted > self.now:
            return None
        clock.now = submitted
        return self._add_attempt(journey, rng, user_id, quiz_id, started, submitted, ability, exclude)

    def _add_attempt(self, journey: Journey, rng: random.Random, user_id: int, quiz_id: str,
                     started: dt.datetime, submitted: dt.datetime | None, ability: float,
                     exclude: set[str] | None) -> dict[str, Any]:
        seed = rng.randrange(2**31)
        question_ids, orders = self._draw(rng, quiz_id, exclude or set())
        answers = [] if submitted is None else self._answer(rng, question_ids, ability)
        score = sum(row[2] for row in answers)
        total = len(question_ids)
        row = {"user_id": user_id, "quiz_id": quiz_id, "kind": "pillar" if quiz_id in PILLARS else quiz_id,
               "bank_version": self.versions[quiz_id], "seed": seed, "question_ids": question_ids,
               "option_orders": orders, "started_at": stamp(started),
               "submitted_at": stamp(submitted) if submitted else None,
               "score": score if submitted else None, "max_score": total if submitted else None,
               "passed": quiz.is_pass(score, total, self.pass_mark) if submitted else None}
        journey.attempts.append(row)
        journey.answers.append(answers)
        return row

    def journey(self, rng: random.Random, user_id: int, user: dict[str, Any], batch_start: dt.datetime) -> Journey:
        """One learner from enrolment to (maybe) certificate."""
        journey = Journey()
        if rng.random() < NEVER_START:
            return journey
        ability = rng.gauss(0, 1) + REGION_SHIFT.get(user["region"], 0.0) + AGENCY_SHIFT.get(user["agency"], 0.0)
        # Stallers stop after a random number of steps; the rest go as far as time allows.
        stall_after = rng.randint(2, 34) if rng.random() < STALL else 10**6
        steps = 0
        start = batch_start + dt.timedelta(days=rng.expovariate(1 / 4), hours=rng.randint(0, 9))
        clock = Clock(rng, start, session_odds=rng.uniform(0.12, 0.3))

        def go_on() -> bool:
            nonlocal steps
            steps += 1
            return steps <= stall_after and clock.now <= self.now

        pretest: dict[str, Any] | None = None
        if rng.random() < PRETEST_TAKEN:
            pretest = self._attempt(journey, rng, user_id, "pretest", ability, clock)
        order = list(PILLARS) if rng.random() < 0.8 else rng.sample(PILLARS, len(PILLARS))
        for pillar in order:
            for lesson_id in self.lessons[pillar]:
                if not go_on():
                    return journey
                opened = clock.step((2, 10))
                if opened > self.now:
                    return journey
                done = opened + dt.timedelta(minutes=rng.randint(6, 30))
                finished = done <= self.now and steps < stall_after
                journey.lessons.append((user_id, lesson_id, stamp(opened), stamp(done) if finished else None))
                clock.now = done
            level = ability + LESSON_BOOST
            for tries in range(MAX_ATTEMPTS):
                if not go_on():
                    opened = clock.step((3, 20))
                    if rng.random() < ABANDONED and opened <= self.now:  # left a quiz open and went away
                        self._add_attempt(journey, rng, user_id, pillar, opened, None, 0.0, None)
                    return journey
                attempt = self._attempt(journey, rng, user_id, pillar, level, clock)
                if attempt is None:
                    return journey
                if attempt["passed"]:
                    for _ in range(3):
                        if rng.random() > IMPROVE_AFTER_PASS or attempt is None \
                                or attempt["score"] == attempt["max_score"]:
                            break
                        level += 0.2
                        attempt = self._attempt(journey, rng, user_id, pillar, level, clock)
                    break
                if tries == 1 and rng.random() < 0.35:  # failed twice and gave up for now
                    return journey
                level += RETAKE_BOOST
            else:
                return journey
        if rng.random() > POSTTEST_TAKEN or not go_on():
            return journey
        seen = set(pretest["question_ids"]) if pretest else set()
        posttest = self._attempt(journey, rng, user_id, "posttest", ability + COURSE_BOOST, clock, exclude=seen)
        if posttest is not None:
            # The course issues the certificate as the post-test is submitted (modules/certificates.py).
            done = {lesson_id: {"completed_at": completed} for _, lesson_id, _, completed in journey.lessons}
            completed_at = certificates.requirements_met_at(journey.attempts, done,
                                                            certificates.required_lessons(self.catalogue))
            if completed_at is not None:
                snapshot = certificates.build_snapshot(user, journey.attempts, self.jp, completed_at)
                journey.certificate = (posttest["submitted_at"],
                                       json.dumps(snapshot, ensure_ascii=False, sort_keys=True))
        return journey


# ---------------------------------------------------------------- the whole cohort

@dataclass
class DemoResult:
    learners: int = 0
    staff: int = 0
    attempts: int = 0
    answers: int = 0
    lessons: int = 0
    certificates: int = 0
    seconds: float = 0.0
    accounts: list[dict[str, str]] = field(default_factory=list)  # role, nip, name: to sign in with


def batch_plan(today: dt.date) -> list[dict[str, Any]]:
    """Six four-week batches, two weeks apart; the last one is half-way through today."""
    first = today - dt.timedelta(days=BATCH_STAGGER_DAYS * (BATCHES - 1) + BATCH_DAYS // 2)
    plan = []
    for number in range(1, BATCHES + 1):
        starts = first + dt.timedelta(days=BATCH_STAGGER_DAYS * (number - 1))
        plan.append({"name": f"{DEMO_MARK} Angkatan {number}", "starts_on": starts.isoformat(),
                     "ends_on": (starts + dt.timedelta(days=BATCH_DAYS - 1)).isoformat()})
    return plan


def generate(store: Store, catalogue: Catalogue, *, learners: int = DEFAULT_LEARNERS, seed: int = DEFAULT_SEED,
             pass_mark: int = 70, jp: int = 20, now: dt.datetime | None = None,
             progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> DemoResult:
    """Insert a demo cohort of `learners` learners plus trainers, managers and an admin.

    All in one transaction. Raises FileExistsError when demo accounts already exist. Journeys are
    generated in `workers` processes (default: one per CPU, at most 4, for large cohorts) while
    this process inserts; each chunk has its own seeded generator, so the cohort is the same
    whatever the number of workers.
    """
    began = time.perf_counter()
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    if learners < 1:
        raise ValueError("learners")
    if store.demo_account_count(DEMO_MARK):
        raise FileExistsError(DEMO_MARK)
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if learners >= 4 * CHUNK else 1
    rng = random.Random(seed)
    password_hash = auth.hash_password(DEMO_PASSWORD)
    setup = (catalogue, seed, pass_mark, now, jp)
    plan = batch_plan(now.date())
    result = DemoResult()
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=setup) if workers > 1 else None
    try:
        if pool is None:
            _start_worker(*setup)
        with store.demo_loader() as loader:
            taken = loader.existing_nips()
            batch_ids = loader.insert_batches(plan)
            result.accounts = _insert_staff(loader, rng, taken, batch_ids, password_hash, now, result)
            per_batch = [learners // BATCHES + (1 if i < learners % BATCHES else 0) for i in range(BATCHES)]
            chunks = []
            for number, (batch_id, size, batch) in enumerate(zip(batch_ids, per_batch, plan, strict=True)):
                batch_start = dt.datetime.fromisoformat(batch["starts_on"]).replace(hour=1, tzinfo=dt.UTC)
                created = batch_start - dt.timedelta(days=5)
                for offset in range(0, size, CHUNK):
                    rows = [_user(rng, taken, "learner", batch_id, password_hash, created)
                            for _ in range(min(CHUNK, size - offset))]
                    people = list(zip(loader.insert_users(rows), rows, strict=True))
                    chunks.append((f"{seed}:{number}:{offset}", people, batch_start))
            made = pool.map(_chunk_rows, chunks) if pool else map(_chunk_rows, chunks)
            done = 0
            for (_, people, _), rows in zip(chunks, made, strict=True):
                _insert_chunk(loader, rows, result)
                if rows.sample is not None and people[0][1]["batch_id"] == batch_ids[-1] and \
                        not any(a["role"] == "learner" for a in result.accounts):
                    # A learner part-way through the running batch shows the most of the learner's pages.
                    row = people[rows.sample][1]
                    result.accounts.append({"role": "learner", "nip": row["nip"], "name": row["name"]})
                done += len(people)
                result.learners += len(people)
                if progress:
                    progress(done, learners)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    store.db.dialect.analyze(store.db)  # PostgreSQL: statistics for the new cohort before its first dashboard
    result.seconds = time.perf_counter() - began
    return result


@dataclass
class ChunkRows:
    """One chunk of learners' journeys as rows for the store (attempts still without ids)."""

    lessons: list[tuple] = field(default_factory=list)
    attempts: list[tuple] = field(default_factory=list)
    answers: list[list[tuple]] = field(default_factory=list)  # per attempt: (question, chosen, correct, pillar)
    certificates: list[tuple] = field(default_factory=list)   # (user_id, issued_at, snapshot)
    sample: int | None = None  # index of a learner part-way through, to offer as the demo learner


_builder: CohortBuilder | None = None


def _start_worker(catalogue: Catalogue, seed: int, pass_mark: int, now: dt.datetime, jp: int) -> None:
    global _builder
    _builder = CohortBuilder(catalogue, seed, pass_mark, now, jp)


def _chunk_rows(chunk: tuple[str, list[tuple[int, dict[str, Any]]], dt.datetime]) -> ChunkRows:
    """The journeys of one chunk of learners, from the chunk's own seeded generator."""
    seed_text, people, batch_start = chunk
    rng = random.Random(seed_text)
    rows = ChunkRows()
    for index, (user_id, user) in enumerate(people):
        journey = _builder.journey(rng, user_id, user, batch_start)
        if rows.sample is None and journey.attempts and not journey.certificate:
            rows.sample = index
        rows.lessons += journey.lessons
        rows.attempts += [(a["user_id"], a["quiz_id"], a["kind"], a["bank_version"], a["seed"],
                           json.dumps(a["question_ids"]), json.dumps(a["option_orders"]), a["started_at"],
                           a["submitted_at"], a["score"], a["max_score"],
                           None if a["passed"] is None else int(a["passed"])) for a in journey.attempts]
        rows.answers += journey.answers
        if journey.certificate:
            rows.certificates.append((user_id, *journey.certificate))
    return rows


def _user(rng: random.Random, taken: set[str], role: str, batch_id: int | None, password_hash: str,
          created: dt.datetime, name: str | None = None, agency: str | None = None,
          region: str | None = None) -> dict[str, Any]:
    pppk = role == "learner" and rng.random() < 0.12
    home_agency, home_region = place(rng)
    return {"nip": demo_nip(rng, taken, pppk), "nip_kind": "pppk" if pppk else "pns",
            "name": name or demo_name(rng), "email": None, "role": role,
            "agency": agency or home_agency, "unit": None, "region": region or home_region,
            "batch_id": batch_id, "password_hash": password_hash, "created_at": stamp(created)}


def _insert_staff(loader: DemoLoader, rng: random.Random, taken: set[str], batch_ids: list[int],
                  password_hash: str, now: dt.datetime, result: DemoResult) -> list[dict[str, str]]:
    """An admin, two trainers per batch and managers for the province, each region and some agencies."""
    created = now - dt.timedelta(days=120)
    bkd, kota = "Badan Kepegawaian Daerah", "Kota Serang"
    staff = [_user(rng, taken, "admin", None, password_hash, created, f"{DEMO_MARK} Admin BKD", bkd, kota)]
    trainer_batches = []
    for number, batch_id in enumerate(batch_ids, start=1):
        for _ in range(2):
            staff.append(_user(rng, taken, "trainer", None, password_hash, created,
                               agency="Badan Pengembangan Sumber Daya Manusia Daerah", region=kota))
            trainer_batches.append(batch_id)
            staff[-1]["name"] += f" (Pelatih Angkatan {number})"
    scopes: list[tuple[str, str]] = [("all", "")]
    scopes += [("region", region) for region in REGIONS]
    scopes += [("agency", agency) for agency in ("Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan",
                                                 "Dinas Komunikasi, Informatika, Statistik dan Persandian")]
    scopes.append(("batch", str(batch_ids[0])))
    for kind, value in scopes:
        staff.append(_user(rng, taken, "manager", None, password_hash, created, agency=bkd, region=kota))
        staff[-1]["name"] += {"all": " (Manajer Provinsi)", "batch": " (Manajer Angkatan 1)"}.get(
            kind, f" (Manajer {value})")
    ids = loader.insert_users(staff)
    trainers = [i for i, row in zip(ids, staff, strict=True) if row["role"] == "trainer"]
    loader.assign_trainers(list(zip(trainer_batches, trainers, strict=True)))
    managers = [i for i, row in zip(ids, staff, strict=True) if row["role"] == "manager"]
    loader.add_manager_scopes([(m, kind, value) for m, (kind, value) in zip(managers, scopes, strict=True)])
    result.staff = len(staff)
    # The admin, a trainer of the batch that is running now, the province's and one region's manager.
    shown = (0, len(trainers) - 1, 1 + len(trainers), 2 + len(trainers))
    return [{"role": staff[i]["role"], "nip": staff[i]["nip"], "name": staff[i]["name"]} for i in shown]


def _insert_chunk(loader: DemoLoader, rows: ChunkRows, result: DemoResult) -> None:
    loader.insert_lesson_progress(rows.lessons)
    attempt_ids = loader.insert_attempts(rows.attempts)
    loader.insert_answers([(attempt_id, qid, chosen, correct, pillar)
                           for attempt_id, answers in zip(attempt_ids, rows.answers, strict=True)
                           for qid, chosen, correct, pillar in answers])
    # A fresh random code, as for every certificate: a code derived from the seed could be guessed.
    loader.insert_certificates([(certificates.new_code(), user_id, issued, snapshot)
                                for user_id, issued, snapshot in rows.certificates])
    # Certified learners have evaluated the course (its last condition), anonymously as in the app.
    form = evaluation.load_form(load_settings().content_dir)[0]
    if form is not None:
        loader.insert_evaluations([evaluation.demo_rows(random.Random(f"evaluasi:{user_id}"), form, user_id, issued)
                                   for user_id, issued, _ in rows.certificates])
    result.lessons += len(rows.lessons)
    result.attempts += len(rows.attempts)
    result.answers += sum(len(a) for a in rows.answers)
    result.certificates += len(rows.certificates)


# ---------------------------------------------------------------- command line

MAX_LEARNERS = 1_000_000


def run_command(store: Store, catalogue: Catalogue, *, learners: int, seed: int, replace: bool, pass_mark: int,
                jp: int, out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """`python -m modules demo-data`: refuse politely, or create the demo and say how to sign in."""
    from modules.i18n import t

    if not 1 <= learners <= MAX_LEARNERS:
        err(t("demo.bad_learners", max=MAX_LEARNERS))
        return 2
    if catalogue.problems or not catalogue.questions:
        err(t("demo.content_problems"))
        return 2
    existing = store.demo_account_count(DEMO_MARK)
    if existing and not replace:
        err(t("demo.exists", n=existing))
        return 1
    if existing:
        err(t("demo.deleted", n=store.delete_demo_data(DEMO_MARK)))
    step = max(CHUNK, learners // 10)

    def report(done: int, total: int) -> None:
        if done % step < CHUNK or done == total:
            err(t("demo.progress", done=done, total=total))

    result = generate(store, catalogue, learners=learners, seed=seed, pass_mark=pass_mark, jp=jp, progress=report)
    out(t("demo.created", learners=result.learners, staff=result.staff, attempts=result.attempts,
          answers=result.answers, lessons=result.lessons, certificates=result.certificates,
          seconds=f"{result.seconds:.1f}"))
    out(t("demo.password", password=DEMO_PASSWORD))
    out(t("demo.accounts"))
    for account in result.accounts:
        out(f"  {t('role.' + account['role']):<8} NIP {account['nip']}  {account['name']}")
    return 0
