"""A whole batch at once: thousands of learners on `make serve` (N uvicorn processes behind HAProxy).

Two parts, in one run, against a fresh temporary database:

1. **Cost of a rerun, per page**, next to a hello-world Streamlit page served the same way
   (`uvicorn` + st.App, same .streamlit/config.toml): one session reruns each page many times on
   its own quiet process; server CPU seconds / reruns.
2. **The batch**: learners arrive over `--arrival` seconds through the proxy and study as people do:
   open the sign-in page, sign in through the form (argon2), post its code to /auth/masuk as the page does
   (cookie), load the home page on a new websocket, open a lesson, read, mark it done, open and mark
   a second one, open their pillar's quiz, start it, answer (each choice POSTed to /pilihan-kuis as
   the answer sheet does, a busy answer sent again a second later), submit (the sheet's choices
   go with it), open Progres Saya, then keep the
   tab open (idle) until every learner has arrived and `--hold` seconds have passed, so that all
   sessions are open together. Think times are compressed (`--think`).

Prints p50/p95/max per step, reruns per second, server CPU per rerun, memory per open session,
errors and the load generator's own CPU (it runs in `--workers` processes of its own), then checks
the database: every acknowledged submission stored exactly once with all its answers.

    .venv/bin/python bench/bench_batch_load.py --learners 3000 --arrival 300
    .venv/bin/python bench/bench_batch_load.py --learners 500 --arrival 30     # the burst
    .venv/bin/python bench/bench_batch_load.py --calibrate-only
    .venv/bin/python bench/bench_batch_load.py --engine both --learners 300 --arrival 30 --hold 30 \
        --think 1 --processes 2 --no-calibrate --kill-at 35   # SQLite, then PostgreSQL; kill -9 of app0

`--engine postgresql` runs on a throwaway cluster (tests/pg_cluster.py, durable settings), or
`--database-url` on a given empty database; every app process gets it through supervisord's
environment. `--kill-at S` sends SIGKILL to app0 S seconds after the first arrival: supervisord
restarts it; its learners reconnect through the proxy (to a live process), still signed in, and go
on from what the database holds; a submit whose answer never came is found stored or sent again.
The final check: every acknowledged submit, and every one found stored after a reconnection, is in
the database exactly once; nobody has more submitted attempts than they made.

The protocol is Streamlit's internal one (pinned by requirements.txt).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import http.client
import json
import multiprocessing as mp
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_batch_submissions import database  # noqa: E402
from streamlit_client import STEP_TIMEOUT, Run, Session, fetch_questions, open_session, sheet_state  # noqa: E402

from modules import auth  # noqa: E402
from modules.db.dialect import shown_target  # noqa: E402
from modules.store import Store, utcnow  # noqa: E402

PASSWORD = "kopi tubruk pagi hari"
PILLARS = {"digital-skills": "cakap", "digital-safety": "aman", "digital-culture": "budaya",
           "digital-ethics": "etis"}
# A choice on the answer sheet shows at once in the browser, which saves it in the background
# (a POST): listed as a step of its own, not a click anyone waits for.
CLICKS = ("sign_in", "lesson_done", "quiz_start", "submit")
LOADS = ("signin_page", "first_load", "lesson_open", "quiz_open", "progress_open")
STEPS = ("signin_page", "sign_in", "first_load", "lesson_open", "lesson_done", "quiz_open", "quiz_start",
         "choice", "submit", "progress_open", "reconnect")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


# ---------------------------------------------------------------- HTTP and processes

def http_get(port: int, path: str, cookies: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    """GET without following redirects: the status and the cookies set."""
    return _http(port, "GET", path, cookies)


def post_code(port: int, code: str, cookies: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    """Hand the one-time sign-in code over as the app's page does: a same-origin POST of a form."""
    return _http(port, "POST", "/auth/masuk", cookies, urllib.parse.urlencode({"kode": code}))


def _http(port: int, method: str, path: str, cookies: dict[str, str] | None = None,
          body: str | None = None) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=STEP_TIMEOUT)
    try:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        if body is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        found = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return response.status, found
    finally:
        conn.close()


def wait_healthy(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if http_get(port, "/_stcore/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"nothing healthy on port {port}")


def proc_figures(pid: int) -> tuple[float, float]:
    """RSS in MB and CPU seconds (user + system) of a process, from /proc."""
    rss_kb = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return rss_kb / 1024, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_uvicorn(app: str, port: int, env: dict[str, str], log: Path, app_dir: Path | None = None
                  ) -> subprocess.Popen:
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
               "--no-access-log", "--log-level", "warning", "--ws-per-message-deflate", "false"]
    if app_dir:
        command += ["--app-dir", str(app_dir)]
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ | env, stdout=open(log, "wb"),  # noqa: SIM115
                               stderr=subprocess.STDOUT)
    wait_healthy(port)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# ---------------------------------------------------------------- one Streamlit session

# ---------------------------------------------------------------- part 1: cost of a rerun per page

def calibrate(folder: Path, target: str, user_id: int, reruns: int, rounds: int = 5) -> dict[str, float]:
    """Server CPU ms per rerun of each learner page and of the hello-world page, side by side.

    The servers run at once; each page's reruns alternate with hello-world reruns in `rounds`
    blocks, so a busy moment on a shared machine weighs on both alike. Beside them, the same
    hello-world page as the one page of an st.navigation app: what a multipage app pays anyway."""
    store = Store(target)
    spent: dict[str, float] = {}
    counted: dict[str, int] = {}

    async def open_page(port: int, cookies: dict[str, str], page: str, query: str,
                        prepare: list[str]) -> Session:
        session = Session(await open_session(port, cookies))
        run = await session.rerun(page, query)
        if run.problems:  # e.g. "page not found": the default page would be measured instead
            raise RuntimeError(f"{page}?{query}: {run.problems}")
        for label in prepare:  # e.g. "Mulai kuis" so the reruns redraw the open quiz
            run = await session.rerun("", session.query, [{"id": run.buttons[label].id, "trigger_value": True}])
        for _ in range(5):  # warm up
            await session.rerun("", session.query)
        return session

    async def block(name: str, session: Session, pid: int, count: int) -> None:
        _, before = proc_figures(pid)
        for _ in range(count):
            run = await session.rerun("", session.query)
            if run.problems:
                raise RuntimeError(f"{name}: {run.problems}")
        _, after = proc_figures(pid)
        spent[name] = spent.get(name, 0.0) + after - before
        counted[name] = counted.get(name, 0) + count

    hello_port, multipage_port, port = free_port(), free_port(), free_port()
    hello = start_uvicorn("hello_app:app", hello_port, {}, folder / "hello.log", ROOT / "bench" / "hello")
    multipage = start_uvicorn("multipage_app:app", multipage_port, {}, folder / "multipage.log",
                              ROOT / "bench" / "hello")
    app = start_uvicorn("app:app", port, database_env(target), folder / "calibrate.log")
    # Page names are url paths; the home page is the default one, at "".
    pages = [("home (beranda)", "", "", []), ("pillar (aman)", "digital-safety", "", []),
             ("lesson (pelajaran)", "pelajaran", "id=aman-01", []), ("quiz list (kuis)", "kuis", "", []),
             ("quiz, 10 questions open", "kuis", "pilar=digital-safety", ["Mulai kuis"]),
             ("progress (progres)", "progres", "", []), ("glossary (istilah)", "istilah", "", [])]
    figures: dict[str, float] = {}

    async def run_all() -> None:
        _, hello_cookies = http_get(hello_port, "/_stcore/health")
        hello_session = await open_page(hello_port, hello_cookies, "", "", [])
        _, multipage_cookies = http_get(multipage_port, "/_stcore/health")
        multipage_session = await open_page(multipage_port, multipage_cookies, "", "", [])
        for _ in range(rounds):
            await block("hello", hello_session, hello.pid, reruns // rounds)
            await block("hello, one page of st.navigation", multipage_session, multipage.pid, reruns // rounds)
        await multipage_session.ws.close()
        _, cookies = post_code(port, store.create_signin_code(user_id, utcnow()))
        cookies.update(http_get(port, "/_stcore/health")[1])
        for name, page, query, prepare in pages:
            session = await open_page(port, cookies, page, query, prepare)
            for _ in range(rounds):
                await block(f"hello beside {name}", hello_session, hello.pid, reruns // rounds)
                await block(name, session, app.pid, reruns // rounds)
            await session.ws.close()
            figures[name] = spent[name] / counted[name] * 1000
            figures[f"hello beside {name}"] = spent[f"hello beside {name}"] / counted[f"hello beside {name}"] * 1000
        await hello_session.ws.close()

    try:
        asyncio.run(run_all())
    finally:
        stop(hello)
        stop(multipage)
        stop(app)
    figures["hello, one page of st.navigation"] = (spent["hello, one page of st.navigation"]
                                                   / counted["hello, one page of st.navigation"] * 1000)
    figures["hello beside hello, one page of st.navigation"] = spent["hello"] / counted["hello"] * 1000
    return figures


def print_calibration(figures: dict[str, float]) -> None:
    print(f"{'page':<26} {'CPU ms/rerun':>13} {'hello-world beside it':>22} {'ratio':>6}")
    for name, ms in figures.items():
        if not name.startswith("hello beside"):
            hello = figures[f"hello beside {name}"]
            print(f"{name:<26} {ms:>13.2f} {hello:>22.2f} {ms / hello:>6.2f}")


# ---------------------------------------------------------------- part 2: the batch (worker processes)

@dataclass
class Plan:
    port: int
    nips: list[tuple[int, str, float]]  # (learner number, NIP, arrival offset in seconds)
    start_at: float  # wall clock (time.time) of the first arrival
    hold_until: float  # wall clock when every tab may close
    think: float  # think-time scale in seconds
    seed: int
    grace: float  # seconds after hold_until before unfinished learners are stopped
    reconnects: int = 5  # how often one learner reconnects after a dropped connection before giving up


@dataclass
class WorkerResult:
    samples: list[tuple[float, str, float]] = field(default_factory=list)  # (wall clock, step, seconds)
    errors: list[str] = field(default_factory=list)
    reruns: int = 0
    choices: int = 0  # choices POSTed as the answer sheet does (not reruns)
    choice_retries: int = 0  # answered 5xx (busy, or the process died on the way) and sent again
    submitted: dict[str, int] = field(default_factory=dict)  # NIP -> submissions acknowledged
    sent: set[str] = field(default_factory=set)  # NIPs that sent a submit (acknowledged or not)
    resubmitted: set[str] = field(default_factory=set)  # sent again after a dropped connection
    landed_unacknowledged: set[str] = field(default_factory=set)  # no answer came, found stored after reconnecting
    unresolved: set[str] = field(default_factory=set)  # sent, never acknowledged, gave up
    dropped: list[str] = field(default_factory=list)  # connections that died (each followed by a reconnection)
    reconnects: int = 0
    resumed_on: collections.Counter = field(default_factory=collections.Counter)  # sticky cookie after reconnecting
    submitted_on: collections.Counter = field(default_factory=collections.Counter)  # sticky cookie at each ack
    open_peak: int = 0
    cpu: float = 0.0
    unfinished: int = 0


def random_choices(data: dict, rng: random.Random) -> dict[str, list[int]]:
    """What a learner ticks on the answer sheet (its questions, `data`): one option per
    single-choice question, some boxes on multiple-choice ones."""
    return {q["id"]: (sorted(rng.sample([i for i, _ in q["options"]], rng.randint(1, len(q["options"]))))
                      if q["multiple"] else [rng.choice(q["options"])[0]])
            for q in data["questions"]}


def post_choice(port: int, cookies: dict[str, str], attempt: int, question: str, chosen: list[int]) -> int:
    """One choice as the answer sheet saves it when it is made (modules/answer_sheet.js)."""
    body = urllib.parse.urlencode({"percobaan": attempt, "soal": question, "pilihan": ",".join(map(str, chosen))})
    return _http(port, "POST", "/pilihan-kuis", cookies, body)[0]


class Dropped(Exception):
    """The server or the proxy dropped this learner (a 502/503, no cookie): reconnect and go on."""


def _reconnectable() -> tuple[type[BaseException], ...]:
    from websockets.exceptions import WebSocketException

    # A closed or refused websocket (its process died; the proxy answered 502/503 while it noticed),
    # a reset HTTP connection, or the proxy's error page instead of the app's answer.
    return (WebSocketException, OSError, EOFError, http.client.HTTPException, Dropped)


@dataclass
class Journey:
    """How far one learner got, kept across reconnections (what a browser tab and the server know)."""
    cookies: dict[str, str] | None = None  # signed in: the session cookie (and the proxy's sticky cookie)
    lessons_done: set[str] = field(default_factory=set)
    submit_sent: bool = False  # a submit went out (acknowledged or not)
    submitted: bool = False  # acknowledged, or found stored after a reconnection
    progress_seen: bool = False
    resumed: bool = False  # at least one reconnection: a page may show what an earlier click stored


async def learner(plan: Plan, number: int, nip: str, offset: float, result: WorkerResult,
                  counter: dict[str, int], rng: random.Random) -> None:
    """One learner's whole visit. When their connection dies (their process was killed), they
    reconnect through the proxy as a browser does, to a live process, still signed in by their
    cookie, and carry on from where the database says they are: a lesson already marked done shows
    no button, a quiz whose submit landed shows no open answer sheet, one whose submit was lost shows
    the sheet again (with the choices kept) and is submitted again."""
    await asyncio.sleep(max(0.0, plan.start_at + offset - time.time()))
    journey = Journey()
    reconnectable = _reconnectable()
    tries = 0
    while True:
        try:
            await _visit(plan, number, nip, journey, result, counter, rng)
            return
        except reconnectable as error:
            tries += 1
            result.dropped.append(f"learner {number}: {type(error).__name__}: {str(error)[:120]}")
            if tries > plan.reconnects:
                result.errors.append(f"learner {number} gave up after {tries - 1} reconnections: "
                                     f"{type(error).__name__}: {str(error)[:160]}")
                if journey.submit_sent and not journey.submitted:
                    result.unresolved.add(nip)
                return
            journey.resumed = True
            result.reconnects += 1
            await asyncio.sleep(rng.uniform(0.5, 2.0))  # the browser's reconnection back-off
        except Exception as error:  # counted; the others go on
            result.errors.append(f"learner {number}: {type(error).__name__}: {str(error)[:200]}")
            if journey.submit_sent and not journey.submitted:
                result.unresolved.add(nip)
            return
        except asyncio.CancelledError:  # stopped at the run's deadline, perhaps waiting for a submit's answer
            if journey.submit_sent and not journey.submitted:
                result.unresolved.add(nip)
            raise


async def _visit(plan: Plan, number: int, nip: str, journey: Journey, result: WorkerResult,
                 counter: dict[str, int], rng: random.Random) -> None:
    step = "signin_page"
    sessions: list[Session] = []
    pillar = list(PILLARS)[number % 4]
    slug = PILLARS[pillar]

    async def timed(name: str, action) -> Run:
        nonlocal step
        step = name
        started = time.perf_counter()
        run = await action
        result.samples.append((time.time(), name, time.perf_counter() - started))
        if run.problems:
            raise RuntimeError(f"at {name}: " + "; ".join(run.problems))
        return run

    async def think(low: float, high: float) -> None:
        await asyncio.sleep(rng.uniform(low, high) * plan.think)

    def press(run: Run, label: str) -> list[dict]:
        button = run.buttons.get(label)
        if button is None:
            raise RuntimeError(f"at {step}: no button {label!r} (buttons: {sorted(run.buttons)[:6]})")
        return [{"id": button.id, "trigger_value": True}]

    async def connect(cookies: dict[str, str]) -> object:
        ws = await open_session(plan.port, cookies)
        counter["open"] += 1
        result.open_peak = max(result.open_peak, counter["open"])
        # A redispatched tab gets the proxy's cookie for its new process, as a browser keeps it.
        for header in ws.response.headers.get_all("Set-Cookie"):
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        return ws

    ws = None
    try:
        if journey.cookies is None:
            # The first visit: index and health (the XSRF cookie and the proxy's sticky cookie).
            status, cookies = await asyncio.to_thread(http_get, plan.port, "/")
            if status != 200:
                raise Dropped(f"the index answered {status}")
            cookies.update((await asyncio.to_thread(http_get, plan.port, "/_stcore/health", cookies))[1])
            started = time.perf_counter()
            ws = await connect(cookies)
            session = Session(ws)
            sessions.append(session)
            run = await session.rerun("", "")
            result.samples.append((time.time(), "signin_page", time.perf_counter() - started))
            if run.problems:
                raise RuntimeError("; ".join(run.problems))
            await think(0.3, 1.0)  # typing NIP and password
            form = run.buttons.get("Masuk")
            inputs = {box.id.rsplit("-", 1)[-1]: box.id for box in run.text_inputs}
            if form is None or "signin_nip" not in inputs:
                raise RuntimeError("no sign-in form")
            run = await timed("sign_in", session.rerun("", session.query, [
                {"id": inputs["signin_nip"], "string_value": nip},
                {"id": inputs["signin_password"], "string_value": PASSWORD},
                {"id": form.id, "trigger_value": True}]))
            code = next((m.group(1) for body in run.html for m in [re.search(r"kode=([^'\"&]+)", body)] if m), None)
            if code is None:
                raise RuntimeError("sign-in did not hand over a code: " + " | ".join(run.text)[:200])
            # The browser follows the script to /auth/masuk, gets the cookie and reloads: a new session.
            step = "cookie"
            status, set_cookies = await asyncio.to_thread(post_code, plan.port, code, cookies)
            if auth.SESSION_COOKIE not in set_cookies:
                raise (Dropped if status >= 500 else RuntimeError)(
                    f"/auth/masuk answered {status} without a session cookie")
            cookies.update(set_cookies)
            journey.cookies = cookies
            counter["open"] -= 1
            await ws.close()
            ws = None
        step = "reconnect" if journey.resumed else "first_load"
        started = time.perf_counter()
        ws = await connect(journey.cookies)
        session = Session(ws)
        sessions.append(session)
        run = await session.rerun("", "")
        result.samples.append((time.time(), step, time.perf_counter() - started))
        if run.problems:
            raise RuntimeError(f"at {step}: " + "; ".join(run.problems))
        if journey.resumed:
            result.resumed_on[journey.cookies.get("kelas_srv", "?")] += 1

        for lesson in (f"{slug}-01", f"{slug}-02"):
            if lesson in journey.lessons_done:
                continue
            await think(0.5, 1.5)
            run = await timed("lesson_open", session.rerun("pelajaran", f"id={lesson}"))
            if not (journey.resumed and "Tandai selesai" not in run.buttons):  # else marked before the drop
                await think(3, 9)  # reading
                run = await timed("lesson_done", session.rerun("", session.query, press(run, "Tandai selesai")))
            journey.lessons_done.add(lesson)
        if not journey.submitted:
            await think(1, 3)
            run = await timed("quiz_open", session.rerun("kuis", f"pilar={pillar}"))
            if "Kirim jawaban" not in run.buttons and journey.submit_sent:
                # No open answer sheet after a submit whose answer never came: it was stored before
                # the connection died (the final check counts it exactly once).
                journey.submitted = True
                result.landed_unacknowledged.add(nip)
            elif "Kirim jawaban" not in run.buttons:
                await think(0.5, 1.5)
                run = await timed("quiz_start", session.rerun("", session.query, press(run, "Mulai kuis")))
        if not journey.submitted:
            if run.sheet is None:
                raise RuntimeError("no questions after 'Mulai kuis'")
            questions = await asyncio.to_thread(fetch_questions, plan.port, journey.cookies, run.sheet[1])
            choices = random_choices(questions, rng)
            for question, chosen in choices.items():
                await think(0.2, 0.6)  # reading the question
                step = "choice"
                started = time.perf_counter()
                for _ in range(30):  # as the sheet does: a busy server (503) or a process that died on the
                    # way (the proxy's 502) gets the choice again a second later
                    status = await asyncio.to_thread(post_choice, plan.port, journey.cookies, run.sheet[1]["attempt"],
                                                     question, chosen)
                    if status < 500:
                        break
                    result.choice_retries += 1
                    await asyncio.sleep(1)
                result.choices += 1
                result.samples.append((time.time(), "choice", time.perf_counter() - started))
                if status != 204:
                    raise RuntimeError(f"at choice: the server answered {status}")
            submit = press(run, "Kirim jawaban")
            if journey.submit_sent:
                result.resubmitted.add(nip)
            journey.submit_sent = True
            result.sent.add(nip)
            run = await timed("submit", session.rerun("", session.query, [sheet_state(run.sheet[0], choices), *submit]))
            if "percobaan=" not in session.query:
                raise RuntimeError(f"no review after submitting (query {session.query!r})")
            journey.submitted = True
            result.submitted[nip] = result.submitted.get(nip, 0) + 1
            result.submitted_on[journey.cookies.get("kelas_srv", "?")] += 1
        if not journey.progress_seen:
            await think(1, 3)
            await timed("progress_open", session.rerun("progres", ""))
            journey.progress_seen = True
        step = "idle"
        # The tab stays open (the learner reads on) until the whole batch has been together. A tab
        # whose process dies meanwhile reconnects too, as a browser does.
        while time.time() < plan.hold_until:
            try:
                await asyncio.wait_for(ws.wait_closed(), max(0.0, plan.hold_until - time.time()))
            except TimeoutError:
                break
            raise Dropped("the open tab was closed by the server")
    finally:
        result.reruns += sum(s.reruns for s in sessions)
        if ws is not None:
            counter["open"] -= 1
            try:
                await ws.close()
            except Exception as error:  # closing a socket the server already dropped
                result.errors.append(f"learner {number} closing: {type(error).__name__}")


def worker(plan: Plan, queue: mp.Queue) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    result = WorkerResult()
    counter = {"open": 0}

    async def main() -> None:
        # Plain HTTP calls (sign-in, the sheet's questions, each choice) run in threads: enough of
        # them that a learner's call never waits for another learner's (the default is 6).
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=128))
        tasks = [asyncio.create_task(learner(plan, n, nip, offset, result, counter, random.Random(plan.seed + n)))
                 for n, nip, offset in plan.nips]
        # A bounded run: whoever is still mid-journey at the deadline is stopped and counted.
        _, late = await asyncio.wait(tasks, timeout=max(1.0, plan.hold_until + plan.grace - time.time()))
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        result.unfinished = len(late)

    asyncio.run(main())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.cpu = usage.ru_utime + usage.ru_stime
    queue.put(result)


# ---------------------------------------------------------------- part 2: the server side and the report

def established(ports: set[int]) -> int:
    """Open TCP connections to the app processes (one per open Streamlit session, roughly)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as lines:
                next(lines)
                for line in lines:
                    parts = line.split()
                    if parts[3] == "01" and int(parts[1].rsplit(":", 1)[1], 16) in ports:
                        count += 1
        except FileNotFoundError:
            continue
    return count


def supervised_pids(run_dir: Path, programs: list[str]) -> dict[str, int]:
    ctl = Path(sys.executable).with_name("supervisorctl")
    pids = {}
    for program in programs:
        out = subprocess.run([str(ctl), "-c", str(run_dir / "supervisord.conf"), "pid", program],
                             capture_output=True, text=True).stdout.strip()
        pids[program] = int(out) if out.isdigit() else 0
    return pids


def make_learners(store: Store, count: int) -> list[str]:
    password_hash = auth.hash_password(PASSWORD)
    nips = [f"19900101{2000 + n // 1000:04d}05{1 + n % 2}{n % 1000:03d}" for n in range(count)]
    for n, nip in enumerate(nips):
        store.create_user(nip=nip, nip_kind="pns", name=f"Peserta Uji {n}", agency="Dinas Uji",
                          region="Kota Serang", password_hash=password_hash)
    return nips


def error_kind(error: str) -> str:
    """'learner 12: RuntimeError: sign-in did not hand over a code: …' -> its class and first words."""
    text = re.sub(r"^learner \d+(?: gave up after \d+ reconnections)?: ", "", error)
    return ": ".join(text.split(": ")[:2])[:100]


def print_steps(samples: list[tuple[float, str, float]]) -> None:
    print(f"{'step':<14} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for step in STEPS:
        values = [seconds for _, name, seconds in samples if name == step]
        if values:
            print(f"{step:<14} {len(values):>6} {statistics.median(values) * 1000:>9.0f} "
                  f"{percentile(values, 0.95) * 1000:>9.0f} {max(values) * 1000:>9.0f}")
    for label, group in (("all clicks", CLICKS), ("all page loads", LOADS)):
        values = [seconds for _, name, seconds in samples if name in group]
        if values:
            print(f"{label:<14} {len(values):>6} {statistics.median(values) * 1000:>9.0f} "
                  f"{percentile(values, 0.95) * 1000:>9.0f} {max(values) * 1000:>9.0f}")


def print_windows(samples: list[tuple[float, str, float]], timeline: list[tuple[float, int, float]],
                  start: float, window: float) -> None:
    """Per window: sessions open, arrivals/s, clicks p95, loads p95, server CPU: where p95 crosses 1 s."""
    print(f"{'from s':>7} {'open':>6} {'arrive/s':>9} {'reruns/s':>9} {'click p95':>10} {'load p95':>9} "
          f"{'server CPU':>10}")
    end = max(t for t, _, _ in samples) if samples else start
    edge = start
    ceiling = None  # (from s, open, arrivals/s) of the first window whose click p95 passed 1 s
    while edge < end:
        inside = [(name, sec) for t, name, sec in samples if edge <= t < edge + window]
        clicks = [sec for name, sec in inside if name in CLICKS]
        loads = [sec for name, sec in inside if name in LOADS]
        arrivals = sum(1 for name, _ in inside if name == "signin_page")
        points = [(t, n, c) for t, n, c in timeline if edge <= t < edge + window]
        open_now = max((n for _, n, _ in points), default=0)
        cpu = (points[-1][2] - points[0][2]) / max(points[-1][0] - points[0][0], 1e-9) if len(points) > 1 else 0
        print(f"{edge - start:>7.0f} {open_now:>6} {arrivals / window:>9.1f} {len(inside) / window:>9.1f} "
              f"{percentile(clicks, 0.95) * 1000 if clicks else 0:>8.0f}ms "
              f"{percentile(loads, 0.95) * 1000 if loads else 0:>7.0f}ms {cpu * 100:>9.0f}%")
        if ceiling is None and clicks and percentile(clicks, 0.95) > 1.0:
            ceiling = (edge - start, open_now, arrivals / window)
        edge += window
    if ceiling is None:
        print("ceiling: click p95 stayed under 1 s in every window")
    else:
        print(f"ceiling: click p95 first passed 1 s in the window from {ceiling[0]:.0f} s, "
              f"with {ceiling[1]} sessions open and {ceiling[2]:.1f} arrivals/s")


@dataclass
class Landed:
    """What the final database check found."""
    acknowledged: int = 0
    stored_attempts: int = 0
    stored_answers: int = 0
    lost: int = 0  # acknowledged (or found stored after a reconnection) but not in the database
    duplicates: int = 0  # a learner with more submitted attempts than submissions, or an answer twice
    problems: list[str] = field(default_factory=list)


def check_database(store: Store, nips: list[str], result: WorkerResult) -> Landed:
    """Every submission that was acknowledged, or whose connection died and that the learner found
    stored after reconnecting, is exactly one submitted attempt with all its answers; a learner who
    never sent one has none; nothing is stored twice. The learners share nothing, so each one's
    stored attempts must be exactly what that learner did."""
    landed = Landed(acknowledged=sum(result.submitted.values()))
    for nip in nips:
        user = store.get_user_by_nip(nip)
        attempts = store.submitted_attempts(user["id"])
        acknowledged = result.submitted.get(nip, 0)
        expected = acknowledged or (1 if nip in result.landed_unacknowledged else 0)
        for attempt in attempts:
            answers = store.attempt_answers(attempt["id"])
            landed.stored_attempts += 1
            landed.stored_answers += len(answers)
            asked = len(store.get_attempt(attempt["id"], user["id"])["question_ids"])
            if len(answers) != asked:
                landed.problems.append(f"{nip}: attempt {attempt['id']} has {len(answers)} answers for {asked} "
                                       "questions")
        if nip in result.unresolved:  # sent, never acknowledged, gave up: stored once or not at all
            if len(attempts) > 1:
                landed.duplicates += len(attempts) - 1
                landed.problems.append(f"{nip}: unresolved submit stored {len(attempts)} times")
            continue
        if len(attempts) < expected:
            landed.lost += expected - len(attempts)
            landed.problems.append(f"{nip}: {expected} submissions landed, {len(attempts)} stored")
        elif len(attempts) > expected:
            landed.duplicates += len(attempts) - expected
            landed.problems.append(f"{nip}: {expected} submissions landed, {len(attempts)} stored"
                                   + (" (never sent one)" if nip not in result.sent else ""))
    conn = store.db
    twice = conn.execute("SELECT count(*) FROM (SELECT attempt_id FROM answers GROUP BY attempt_id, question_id "
                         "HAVING count(*) > 1) AS twice").fetchone()[0]
    if twice:
        landed.duplicates += twice
        landed.problems.append(f"{twice} answers stored twice")
    print(f"database: {landed.acknowledged} submissions acknowledged, {len(result.landed_unacknowledged)} more "
          f"found stored after a reconnection ({len(result.resubmitted)} sent again after one), "
          f"{len(result.unresolved)} unresolved; {landed.stored_attempts} submitted attempts stored with "
          f"{landed.stored_answers} answers; lost {landed.lost}, duplicates {landed.duplicates}, "
          f"problems {len(landed.problems)}")
    return landed


def merged(results: list[WorkerResult]) -> WorkerResult:
    total = WorkerResult()
    for r in results:
        total.samples += r.samples
        total.errors += r.errors
        total.dropped += r.dropped
        total.reruns += r.reruns
        total.choices += r.choices
        total.choice_retries += r.choice_retries
        total.reconnects += r.reconnects
        total.submitted.update(r.submitted)
        for name in ("sent", "resubmitted", "landed_unacknowledged", "unresolved"):
            getattr(total, name).update(getattr(r, name))
        total.resumed_on.update(r.resumed_on)
        total.submitted_on.update(r.submitted_on)
        total.open_peak += r.open_peak
        total.cpu += r.cpu
        total.unfinished += r.unfinished
    total.samples.sort()
    return total


def database_env(target: str) -> dict[str, str]:
    """The settings that point the app processes at `target` (they inherit them through supervisord)."""
    if target.startswith(("postgresql://", "postgres://")):
        return {"KELAS_DATABASE_URL": target}
    return {"KELAS_DB_PATH": target, "KELAS_DATABASE_URL": ""}


def run_batch(args: argparse.Namespace, folder: Path, target: str, nips: list[str]) -> dict[str, object]:
    run_dir = folder / "run"
    proxy_port, first_app = free_port(), free_port()
    serve = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--processes", str(args.processes), "--port",
         str(proxy_port), "--bind", "127.0.0.1", "--first-app-port", str(first_app), "--run-dir", str(run_dir),
         "--sessions-per-process", str(args.sessions_per_process)],
        cwd=ROOT, env=os.environ | database_env(target), start_new_session=True,
        stdout=open(folder / "serve.log", "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    try:
        try:
            wait_healthy(proxy_port)
        except SystemExit:
            print((folder / "serve.log").read_text(errors="replace")[-3000:])
            raise
        for n in range(args.processes):
            wait_healthy(first_app + n)
        programs = [f"app{n}" for n in range(args.processes)] + ["proxy"]
        pids = supervised_pids(run_dir, programs)
        app_ports = {first_app + n for n in range(args.processes)}
        before = {name: proc_figures(pid) for name, pid in pids.items()}
        print(f"served by {args.processes} uvicorn processes behind HAProxy (pids {pids}) on "
              f"{shown_target(target)}; {len(nips)} learners arriving over {args.arrival:g} s, think scale "
              f"{args.think:g} s, hold {args.hold:g} s; load generator: {args.workers} processes"
              + (f"; app0 gets kill -9 at {args.kill_at:g} s" if args.kill_at is not None else ""))

        start = time.time() + 3
        hold_until = start + args.arrival + args.hold
        rng = random.Random(args.seed)
        offsets = sorted(rng.uniform(0, args.arrival) for _ in nips)
        shares: list[list[tuple[int, str, float]]] = [[] for _ in range(args.workers)]
        for n, (nip, offset) in enumerate(zip(nips, offsets, strict=True)):
            shares[n % args.workers].append((n, nip, offset))
        queue: mp.Queue = mp.get_context("spawn").Queue()
        workers = [mp.get_context("spawn").Process(target=worker, args=(
            Plan(proxy_port, share, start, hold_until, args.think, args.seed + w, args.grace, args.reconnects),
            queue))
            for w, share in enumerate(shares)]
        for process in workers:
            process.start()

        timeline: list[tuple[float, int, float]] = []  # (wall clock, open connections, server CPU s)
        rss_peak = {name: 0.0 for name in pids}
        open_peak, rss_at_peak = 0, 0.0
        rss_warm: float | None = None
        open_warm = 0
        results: list[WorkerResult] = []
        figures: dict[str, tuple[float, float]] = dict(before)
        dead_cpu = 0.0  # CPU the killed process had spent in this run (its /proc is gone)
        killed: dict[str, float] = {}  # what happened to the killed process, seconds after the start
        while len(results) < len(workers):
            while not queue.empty():
                results.append(queue.get())
            if args.kill_at is not None and "at" not in killed and time.time() >= start + args.kill_at:
                victim = pids["app0"]
                dead_cpu += figures["app0"][1] - before["app0"][1]
                os.kill(victim, signal.SIGKILL)
                killed.update(at=time.time() - start, pid=victim, open=established({first_app}))
                pids["app0"] = 0
            if "at" in killed and "restarted" not in killed:
                new = supervised_pids(run_dir, ["app0"])["app0"]
                if new not in (0, killed["pid"]):
                    pids["app0"], before["app0"] = new, (0.0, 0.0)  # its start-up CPU counts too
                    killed.update(restarted=time.time() - start, new_pid=new)
            if "restarted" in killed and "healthy" not in killed:
                try:
                    if http_get(first_app, "/_stcore/health")[0] == 200:
                        killed["healthy"] = time.time() - start
                except OSError:
                    pass
            figures = {name: proc_figures(pid) for name, pid in pids.items() if pid and Path(f"/proc/{pid}").exists()}
            cpu = dead_cpu + sum(c - before[name][1] for name, (_, c) in figures.items())
            open_now = established(app_ports)
            timeline.append((time.time(), open_now, cpu))
            for name, (rss, _) in figures.items():
                rss_peak[name] = max(rss_peak[name], rss)
            app_rss = sum(rss for name, (rss, _) in figures.items() if name != "proxy")
            if open_now >= open_peak:
                open_peak, rss_at_peak = open_now, app_rss
            if rss_warm is None and open_now >= min(100, len(nips) // 10):
                rss_warm, open_warm = app_rss, open_now  # every page imported and warm by now
            if len(results) < len(workers):
                time.sleep(1.0)
        for process in workers:
            process.join()
        after = {name: proc_figures(pid) for name, pid in pids.items() if pid and Path(f"/proc/{pid}").exists()}
        elapsed = time.time() - start

        total = merged(results)
        samples, errors = total.samples, total.errors
        submitted = total.submitted
        print_steps(samples)
        print()
        print_windows(samples, timeline, start, args.window)
        app_cpu = dead_cpu + sum(after[n][1] - before[n][1] for n in after if n != "proxy")
        proxy_cpu = after.get("proxy", (0, 0))[1] - before["proxy"][1]
        rss_before = sum(before[n][0] for n in before if n != "proxy")
        generator_cpu = total.cpu
        print()
        print(f"wall {elapsed:.0f} s; reruns {total.reruns} ({total.reruns / elapsed:.1f}/s); choices POSTed "
              f"{total.choices} ({total.choice_retries} sent again after a 5xx); errors {len(errors)}; "
              f"quiz submissions acknowledged {sum(submitted.values())} "
              f"({sum(submitted.values()) / elapsed:.2f}/s); learners stopped unfinished at the deadline "
              f"{total.unfinished}")
        if killed:
            restarted, healthy = killed.get("restarted", float("nan")), killed.get("healthy", float("nan"))
            print(f"kill -9 of app0 (pid {killed['pid']}) at {killed['at']:.0f} s with {killed['open']} connections "
                  f"open to it; supervisord restarted it as pid {killed.get('new_pid', '-')} at "
                  f"{restarted:.0f} s, healthy at {healthy:.0f} s")
        print(f"connections dropped {len(total.dropped)}, reconnections {total.reconnects}; reconnected tabs by the "
              f"proxy's cookie afterwards: {dict(total.resumed_on) or '-'}; acknowledged submissions by process: "
              f"{dict(total.submitted_on)}")
        for line in total.dropped[:3]:
            print("  dropped, e.g.", line)
        print(f"open sessions at peak {open_peak} (connections to app processes; load generator saw "
              f"{total.open_peak} at most)")
        print(f"app processes: CPU {app_cpu:.0f} s ({app_cpu / elapsed * 100:.0f}% of one core), "
              f"{app_cpu / max(total.reruns, 1) * 1000:.1f} ms per rerun (sign-in, first loads, argon2 and the "
              f"choice POSTs included); "
              f"RSS {rss_before:.0f} MB before, {rss_warm or 0:.0f} MB at {open_warm} open, {rss_at_peak:.0f} MB at "
              f"the peak -> {(rss_at_peak - (rss_warm or rss_before)) / max(open_peak - open_warm, 1) * 1024:.0f} KB "
              f"per further open session")
        print(f"proxy: CPU {proxy_cpu:.1f} s, RSS peak {rss_peak['proxy']:.0f} MB; load generator: CPU "
              f"{generator_cpu:.0f} s ({generator_cpu / elapsed * 100:.0f}% of one core) in {args.workers} processes")
        load = os.getloadavg()
        print(f"machine load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
              f"on {os.cpu_count()} cores (shared)")
        kinds = collections.Counter(error_kind(e) for e in errors)
        for kind, count in kinds.most_common(8):
            print(f"  errors {count:>5} x {kind}")
        for error in errors[:4]:
            print("  e.g.", error)
        for log in sorted(run_dir.glob("app*.log")) if errors else ():
            text = log.read_text(errors="replace")
            if "Traceback" in text:
                print(f"  last traceback in {log.name}:\n" + text[text.rindex("Traceback"):][:2500])
                break
        store = Store(target)
        landed = check_database(store, nips, total)
        store.close()
        for line in landed.problems[:10]:
            print("  problem:", line)
        clicks = [sec for _, name, sec in samples if name in CLICKS]
        loads = [sec for _, name, sec in samples if name in LOADS]
        submits = [sec for _, name, sec in samples if name == "submit"]
        return {"elapsed": elapsed, "errors": len(errors), "acknowledged": landed.acknowledged,
                "landed_later": len(total.landed_unacknowledged), "unresolved": len(total.unresolved),
                "rate": landed.acknowledged / elapsed, "lost": landed.lost, "duplicates": landed.duplicates,
                "problems": len(landed.problems), "dropped": len(total.dropped), "reconnects": total.reconnects,
                "killed": killed, "cpu": app_cpu / elapsed,
                "clicks": (statistics.median(clicks), percentile(clicks, 0.95)) if clicks else (0, 0),
                "loads": (statistics.median(loads), percentile(loads, 0.95)) if loads else (0, 0),
                "submit": (statistics.median(submits), percentile(submits, 0.95)) if submits else (0, 0)}
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(143)  # so the served processes are stopped by run_batch's `finally`


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--arrival", type=float, default=300.0, help="seconds over which learners arrive")
    parser.add_argument("--hold", type=float, default=60.0, help="seconds every tab stays open after the last arrival")
    parser.add_argument("--grace", type=float, default=90.0,
                        help="seconds after the hold before learners still mid-journey are stopped")
    parser.add_argument("--think", type=float, default=2.0, help="think-time scale in seconds")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="app processes")
    parser.add_argument("--sessions-per-process", type=int, default=4000, help="the proxy's per-process maxconn")
    parser.add_argument("--workers", type=int, default=2, help="load generator processes")
    parser.add_argument("--window", type=float, default=30.0, help="seconds per line of the timeline")
    parser.add_argument("--calibrate-reruns", type=int, default=200)
    parser.add_argument("--calibrate-only", action="store_true")
    parser.add_argument("--no-calibrate", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default=None,
                        help="sqlite (default), postgresql (a throwaway cluster unless --database-url), or both "
                             "one after the other, side by side at the end")
    parser.add_argument("--database-url", default=None,
                        help="an empty PostgreSQL database (postgresql://…; 'env' reads KELAS_DATABASE_URL)")
    parser.add_argument("--kill-at", type=float, default=None,
                        help="seconds after the first arrival at which app0 gets kill -9 (supervisord restarts it)")
    parser.add_argument("--pg-synchronous-commit", choices=("on", "off"), default="on",
                        help="the throwaway cluster's synchronous_commit (fsync stays on)")
    parser.add_argument("--reconnects", type=int, default=5, help="reconnections one learner tries before giving up")
    args = parser.parse_args()
    url = os.environ.get("KELAS_DATABASE_URL", "") if args.database_url == "env" else args.database_url
    if args.database_url and not url:
        raise SystemExit("--database-url env: KELAS_DATABASE_URL is not set")
    engine = args.engine or ("postgresql" if url else "sqlite")
    outcomes: dict[str, dict[str, object]] = {}
    for name in ("sqlite", "postgresql") if engine == "both" else (engine,):
        with tempfile.TemporaryDirectory(prefix="kelas-batch-") as folder_name:
            folder = Path(folder_name)
            with database(name, url, folder, args.pg_synchronous_commit) as target:
                print(f"== {name}: {shown_target(target)}")
                store = Store(target)
                started = time.perf_counter()
                nips = make_learners(store, 1 if args.calibrate_only else args.learners)
                print(f"{len(nips)} learners created in {time.perf_counter() - started:.0f} s")
                if not args.no_calibrate:
                    figures = calibrate(folder, target, store.get_user_by_nip(nips[0])["id"], args.calibrate_reruns)
                    print_calibration(figures)
                    print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
                store.close()
                if not args.calibrate_only:
                    outcomes[name] = run_batch(args, folder, target, nips)
                print()
    if len(outcomes) > 1:
        print(f"{'engine':<11} {'clicks p50/p95 s':>17} {'loads p50/p95 s':>16} {'submit p50/p95 s':>17} "
              f"{'acked':>6} {'/s':>5} {'errors':>6} {'dropped':>7} {'lost':>5} {'dupl.':>5}")
        for name, o in outcomes.items():
            print(f"{name:<11} {o['clicks'][0]:>8.2f}/{o['clicks'][1]:<8.2f} "
                  f"{o['loads'][0]:>7.2f}/{o['loads'][1]:<8.2f} {o['submit'][0]:>8.2f}/{o['submit'][1]:<8.2f} "
                  f"{o['acknowledged']:>6} {o['rate']:>5.2f} "
                  f"{o['errors']:>6} {o['dropped']:>7} {o['lost']:>5} {o['duplicates']:>5}")
    return 1 if any(o["problems"] for o in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
