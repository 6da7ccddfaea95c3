"""Learner-side speed: a quiz submission on the server (score + write), and full AppTest runs of
the lesson and quiz pages. Prints medians of many runs; no pass/fail."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import attempts, auth, quiz  # noqa: E402
from modules.course import load_catalogue  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

RUNS = 200
PAGE_RUNS = 30


def median_ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p90 {p90 * 1000:.2f} ms"


def bench_submission(folder: Path) -> None:
    catalogue = load_catalogue(ROOT / "content", ROOT / "quizzes")
    store = Store(folder / "bench.db")
    user_id = store.create_user(nip="198609262015051001", nip_kind="pns", name="Bench", password_hash="x")
    grade_times, submit_times = [], []
    for _ in range(RUNS):
        attempt = attempts.start_or_resume(store, catalogue, user_id, "digital-safety", 10, utcnow())
        chosen = {qid: sorted(catalogue.questions[qid].correct_indexes) for qid in attempt["question_ids"]}
        started = time.perf_counter()
        attempts.submit(store, catalogue, attempt, chosen, 70, utcnow())
        submit_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        quiz.grade(attempt["question_ids"], catalogue.questions, chosen, 70)
        grade_times.append(time.perf_counter() - started)
    print(f"quiz submission, score + transaction ({RUNS} runs): {median_ms(submit_times)}")
    print(f"  of which scoring alone: {median_ms(grade_times)}")


def bench_pages(folder: Path) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["KELAS_DB_PATH"] = str(folder / "pages.db")
    store = Store(folder / "pages.db")
    user_id = store.create_user(nip="199009132015052014", nip_kind="pns", name="Bench Halaman",
                                password_hash=auth.hash_password("kopi tubruk pagi hari"))
    at = AppTest.from_file(str(ROOT / "modules" / "navigation.py"), default_timeout=60)
    at.session_state["session_token"] = store.create_session(user_id, utcnow(), 8)  # signed in
    at.run()
    for label, page, params in (("lesson page", "pages/lesson.py", {"id": "aman-01"}),
                                ("quiz page (10 questions)", "pages/quiz.py", {"pilar": "digital-ethics"})):
        at.query_params.clear()
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page).run()
        if page == "pages/quiz.py":
            next(b for b in at.button if b.label == "Mulai kuis").click()
            at.run()
            assert at.get("bidi_component"), "the answer sheet did not render"
        samples = []
        for _ in range(PAGE_RUNS):
            started = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - started)
        assert not at.exception, at.exception
        print(f"AppTest full run of the {label} ({PAGE_RUNS} runs): {median_ms(samples)}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        bench_submission(Path(folder))
        bench_pages(Path(folder))
