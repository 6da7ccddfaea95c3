"""Server load: many learners at once against the real server, over Streamlit's own websocket protocol.

Starts `uvicorn app:app` on a free port against a fresh temporary database, signs N learners in
through /auth/masuk (the session cookie), then each learner, on its own websocket session, opens
lesson aman-01, clicks "Tandai selesai", opens the digital-safety quiz, clicks "Mulai kuis", answers
the ten questions correctly and clicks "Kirim jawaban". Prints per-step latency (p50/p95/max),
reruns per second, errors and the server's memory and CPU, then checks the database: every lesson
marked done, every learner exactly one submitted attempt with ten answers. Exits 1 if anything is
missing or any step failed.

    /tmp/venv/bin/python bench/bench_server_load.py --learners 60

The client (bench/streamlit_client.py) speaks Streamlit's internal protocol.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit_client import (  # noqa: E402
    STEP_TIMEOUT,
    XSRF_COOKIE,
    Run,
    Session,
    fetch_questions,
    open_session,
    sheet_state,
)

from modules import auth  # noqa: E402
from modules.course import load_catalogue  # noqa: E402
from modules.i18n import set_language, t  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

LESSON_ID = "aman-01"
QUIZ_ID = "digital-safety"
STEPS = ("first_load", "lesson_done", "quiz_open", "quiz_start", "submit")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- HTTP (sign-in cookie, XSRF cookie)

def cookies_from(response: http.client.HTTPResponse) -> dict[str, str]:
    """Cookie name -> raw value exactly as set, the way a browser sends it back."""
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def http_get(port: int, path: str) -> tuple[int, dict[str, str]]:
    """GET without following redirects; the status and the cookies set."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=STEP_TIMEOUT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, cookies_from(response)
    finally:
        conn.close()


def http_post_form(port: int, path: str, form: dict[str, str]) -> tuple[int, dict[str, str]]:
    """POST a form as the app's own page does (same-origin); the status and the cookies set."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=STEP_TIMEOUT)
    try:
        conn.request("POST", path, body=urllib.parse.urlencode(form),
                     headers={"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
        response = conn.getresponse()
        response.read()
        return response.status, cookies_from(response)
    finally:
        conn.close()


def sign_in(port: int, store: Store, user_id: int) -> dict[str, str]:
    """The cookies a browser holds after signing in: the session cookie and Streamlit's XSRF cookie."""
    code = store.create_signin_code(user_id, utcnow())
    status, cookies = http_post_form(port, "/auth/masuk", {"kode": code})
    if status != 204 or auth.SESSION_COOKIE not in cookies:
        raise RuntimeError(f"sign-in returned {status} without {auth.SESSION_COOKIE}")
    _, index_cookies = http_get(port, "/")
    if XSRF_COOKIE not in index_cookies:
        _, index_cookies = http_get(port, "/_stcore/health")
    cookies.update(index_cookies)
    return cookies


# ---------------------------------------------------------------- one Streamlit session

# ---------------------------------------------------------------- one learner

class StepFailed(Exception):
    pass


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {step: [] for step in STEPS})
    errors: list[str] = field(default_factory=list)
    reruns: int = 0
    submitted: int = 0


def answer_states(store: Store, catalogue: object, user_id: int, run: Run, port: int,
                  cookies: dict[str, str]) -> list[dict]:
    """The widget state a learner sends with the submit: every question of the answer sheet
    (fetched from its address, as the browser does) answered correctly (the sheet carries no
    answer key; the bank does)."""
    attempt = store.open_attempt(user_id, QUIZ_ID)
    if attempt is None:
        raise StepFailed("no open attempt in the database after 'Mulai kuis'")
    if run.sheet is None:
        raise StepFailed("no answer sheet after 'Mulai kuis'")
    sheet_id, data = run.sheet
    if [q["id"] for q in fetch_questions(port, cookies, data)["questions"]] != attempt["question_ids"]:
        raise StepFailed("the answer sheet does not show the attempt's questions")
    return [sheet_state(sheet_id, {qid: sorted(catalogue.questions[qid].correct_indexes)
                                   for qid in attempt["question_ids"]})]


async def learner(number: int, port: int, store: Store, catalogue: object, user_id: int, think: float,
                  delay: float, results: Results) -> None:
    await asyncio.sleep(delay)
    step = "sign_in"
    session = None

    async def timed(name: str, action: object) -> Run:
        nonlocal step
        step = name
        started = time.perf_counter()
        run = await action
        results.latencies[name].append(time.perf_counter() - started)
        if run.problems:
            raise StepFailed("; ".join(run.problems))
        return run

    async def pause() -> None:
        await asyncio.sleep(random.uniform(0.2, 1.0) * think)

    try:
        cookies = await asyncio.to_thread(sign_in, port, store, user_id)
        step = "first_load"
        started = time.perf_counter()
        async with await open_session(port, cookies) as ws:
            session = Session(ws)
            run = await session.rerun("pelajaran", f"id={LESSON_ID}")
            results.latencies["first_load"].append(time.perf_counter() - started)
            if run.problems:
                raise StepFailed("; ".join(run.problems))
            done = run.buttons.get(t("lesson.mark_done"))
            if done is None:
                raise StepFailed("lesson page shows no 'Tandai selesai' button (not signed in?)")

            await pause()
            run = await timed("lesson_done", session.rerun("", session.query,
                                                            [{"id": done.id, "trigger_value": True}]))
            if t("lesson.mark_done") in run.buttons:
                raise StepFailed("'Tandai selesai' still shown after the click")

            await pause()
            run = await timed("quiz_open", session.rerun("kuis", f"pilar={QUIZ_ID}"))
            start = run.buttons.get(t("quiz.start"))
            if start is None:
                raise StepFailed("quiz page shows no 'Mulai kuis' button")

            await pause()
            run = await timed("quiz_start", session.rerun("", session.query,
                                                           [{"id": start.id, "trigger_value": True}]))
            submit = run.buttons.get(t("quiz.submit"))
            if submit is None:
                raise StepFailed("no 'Kirim jawaban' button after 'Mulai kuis'")

            step = "answer"
            states = await asyncio.to_thread(answer_states, store, catalogue, user_id, run, port, cookies)
            await pause()
            run = await timed("submit", session.rerun("", session.query,
                                                       [*states, {"id": submit.id, "trigger_value": True}]))
            if "percobaan=" not in session.query or t("quiz.submit") in run.buttons:
                raise StepFailed(f"no quiz review after submitting (query {session.query!r})")
            results.submitted += 1
    except Exception as error:  # a failed step, a timeout, a closed or refused websocket: counted, the others go on
        results.errors.append(f"learner {number} at {step}: {type(error).__name__}: {error}")
    finally:
        if session is not None:
            results.reruns += session.reruns


# ---------------------------------------------------------------- the server and its figures

def proc_figures(pid: int) -> tuple[float, float, int]:
    """RSS in MB, CPU seconds (user + system) and thread count of a process, read from /proc."""
    rss_kb, threads = 0, 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss_kb / 1024, (int(fields[11]) + int(fields[12])) / ticks, threads


async def sample_server(pid: int, samples: list[tuple[float, float, int]], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(proc_figures(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


def start_server(db_path: Path, port: int, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "wb")  # noqa: SIM115  (open for the server's lifetime)
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        # Simulated learners click "Tandai selesai" at once, so the minimum reading time is off here.
        cwd=ROOT, env=os.environ | {"KELAS_DB_PATH": str(db_path), "KELAS_MIN_READING_PERCENT": "0"},
        stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if http_get(port, "/_stcore/health")[0] == 200:
                return process
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise SystemExit("server did not start:\n" + log_path.read_text(errors="replace")[-3000:])


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def print_latencies(results: Results) -> None:
    print(f"{'step':<12} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for step in STEPS:
        samples = results.latencies[step]
        if not samples:
            print(f"{step:<12} {0:>4} {'-':>9} {'-':>9} {'-':>9}")
            continue
        print(f"{step:<12} {len(samples):>4} {statistics.median(samples) * 1000:>9.1f} "
              f"{percentile(samples, 0.95) * 1000:>9.1f} {max(samples) * 1000:>9.1f}")


def check_database(store: Store, user_ids: list[int]) -> list[str]:
    """Every learner: lesson done, exactly one submitted attempt with ten answers, all right."""
    missing = []
    lessons_done = submitted_ok = 0
    for user_id in user_ids:
        lesson = store.lesson_progress(user_id).get(LESSON_ID)
        if lesson and lesson["completed_at"]:
            lessons_done += 1
        else:
            missing.append(f"user {user_id}: lesson {LESSON_ID} not marked done")
        attempts = [a for a in store.submitted_attempts(user_id) if a["quiz_id"] == QUIZ_ID]
        if len(attempts) != 1:
            missing.append(f"user {user_id}: {len(attempts)} submitted attempts (expected 1)")
            continue
        answers = store.attempt_answers(attempts[0]["id"])
        if len(answers) != 10 or attempts[0]["score"] != 10:
            missing.append(f"user {user_id}: {len(answers)} answers stored, score {attempts[0]['score']}")
            continue
        submitted_ok += 1
    duplicates = sum(1 for user_id in user_ids
                     if sum(a["quiz_id"] == QUIZ_ID for a in store.submitted_attempts(user_id)) > 1)
    print(f"database: lessons marked done {lessons_done}/{len(user_ids)}, "
          f"submitted attempts with 10 answers and 10/10 {submitted_ok}/{len(user_ids)}, "
          f"learners with duplicate submissions {duplicates}")
    return missing


async def drive(port: int, pid: int, store: Store, user_ids: list[int], ramp: float, think: float) -> Results:
    catalogue = load_catalogue(ROOT / "content", ROOT / "quizzes")
    results = Results()
    samples: list[tuple[float, float, int]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_server(pid, samples, stop))
    await asyncio.sleep(0.6)
    rss_before, cpu_before, _ = proc_figures(pid)
    started = time.perf_counter()
    await asyncio.gather(*(learner(n, port, store, catalogue, user_id, think, ramp * n / len(user_ids), results)
                           for n, user_id in enumerate(user_ids)))
    elapsed = time.perf_counter() - started
    rss_after, cpu_after, threads = proc_figures(pid)
    stop.set()
    await sampler
    print_latencies(results)
    print(f"wall time {elapsed:.1f} s, reruns {results.reruns}, reruns/s {results.reruns / elapsed:.1f}, "
          f"quiz submissions driven {results.submitted}/{len(user_ids)}, errors {len(results.errors)}")
    peak = max([rss_after, *(rss for rss, _, _ in samples)])
    cpu = cpu_after - cpu_before
    print(f"server: RSS {rss_before:.0f} MB before, peak {peak:.0f} MB, {rss_after:.0f} MB after; "
          f"CPU {cpu:.1f} s ({cpu / elapsed * 100:.0f}% of one core over the run, "
          f"{cpu / max(results.reruns, 1) * 1000:.1f} ms per rerun); threads {threads}")
    for error in results.errors[:10]:
        print("  error:", error)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--ramp", type=float, default=5.0, help="seconds over which learners arrive")
    parser.add_argument("--think", type=float, default=1.0, help="think time scale, seconds (0.2-1x)")
    args = parser.parse_args()
    set_language("id")
    with tempfile.TemporaryDirectory(prefix="kelas-load-") as folder:
        db_path = Path(folder) / "load.db"
        store = Store(db_path)
        password_hash = auth.hash_password("kopi tubruk pagi hari")
        user_ids = [store.create_user(nip=f"1990{n:04d}2015051001", nip_kind="pns", name=f"Peserta Uji {n}",
                                      password_hash=password_hash) for n in range(args.learners)]
        port = free_port()
        server = start_server(db_path, port, Path(folder) / "server.log")
        print(f"server pid {server.pid} on port {port}; {args.learners} learners, ramp {args.ramp:g} s, "
              f"think {0.2 * args.think:.1f}-{args.think:.1f} s")
        try:
            results = asyncio.run(drive(port, server.pid, store, user_ids, args.ramp, args.think))
        finally:
            stop_server(server)
        missing = check_database(store, user_ids)
        for line in missing[:10]:
            print("  missing:", line)
        if results.errors or missing:
            log = (Path(folder) / "server.log").read_text(errors="replace")
            if log.strip():
                print("server log (tail):\n" + log[-2000:])
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
