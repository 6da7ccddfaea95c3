"""What keeping quiz choices as they are made costs: one small write per choice.

A learner makes about as many choices as a quiz has questions (10 for a pillar quiz, 20 for a test),
so the cost per learner is about ten of these per quiz. Prints the time and CPU per saved choice,
alone and with four threads saving at once (a busy process), beside a quiz submission. No pass/fail.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules import attempts  # noqa: E402
from modules.course import load_catalogue  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

CHOICES = 2_000
THREADS = 4


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95)]
    median, top = statistics.median(ordered), ordered[-1]
    return f"median {median * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, max {top * 1000:.2f} ms"


def learner(store: Store, catalogue, n: int):
    user_id = store.create_user(nip=f"1986092620150510{n:02d}", nip_kind="pns", name=f"Bench {n}", password_hash="x")
    return attempts.start_or_resume(store, catalogue, user_id, "digital-safety", 10, utcnow())


def save_many(store: Store, catalogue, attempt, count: int, times: list[float]) -> None:
    for k in range(count):
        qid = attempt["question_ids"][k % len(attempt["question_ids"])]
        started = time.perf_counter()
        attempts.save_choice(store, catalogue, attempt, qid, [k % 2], utcnow())
        times.append(time.perf_counter() - started)


def main() -> None:
    catalogue = load_catalogue(ROOT / "content", ROOT / "quizzes")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        alone: list[float] = []
        cpu = time.process_time()
        save_many(store, catalogue, learner(store, catalogue, 0), CHOICES, alone)
        cpu_per_choice = (time.process_time() - cpu) / CHOICES
        print(f"one learner, {CHOICES} choices: {percentiles(alone)}; CPU {cpu_per_choice * 1000:.2f} ms per choice")

        together: list[float] = []
        people = [learner(store, catalogue, n) for n in range(1, THREADS + 1)]
        threads = [threading.Thread(target=save_many, args=(store, catalogue, a, CHOICES // THREADS, together))
                   for a in people]
        started, cpu = time.perf_counter(), time.process_time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        print(f"{THREADS} threads at once: {percentiles(together)}; {CHOICES / wall:.0f} choices/s, "
              f"CPU {used / CHOICES * 1000:.2f} ms per choice")

        submits: list[float] = []
        for n in range(50):
            attempt = learner(store, catalogue, 10 + n)
            chosen = {qid: [0] for qid in attempt["question_ids"]}
            begun = time.perf_counter()
            attempts.submit(store, catalogue, attempt, chosen, 70, utcnow())
            submits.append(time.perf_counter() - begun)
        print(f"for comparison, a quiz submission: {percentiles(submits)}")
        print(f"a pillar quiz's 10 choices cost about {10 * cpu_per_choice * 1000:.1f} ms of server CPU per learner")


if __name__ == "__main__":
    main()
