"""`make serve`: N `uvicorn app:app` processes behind HAProxy under supervisord. The generated proxy
configuration is valid; a learner signed in through the proxy keeps going when their process is
killed; a full house gets the Indonesian "penuh" page while open sessions carry on."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from modules import auth
from modules.course import load_catalogue
from modules.store import Store, utcnow
from tests.browser import fill_sign_in, free_port, needs_chromium, settle, shot
from tests.conftest import PASSWORD, ROOT, VALID_NIP
from tests.serving import cookie, http_get, wait_healthy

HAPROXY = shutil.which("haproxy")
needs_haproxy = pytest.mark.skipif(HAPROXY is None, reason="Debian haproxy is not installed")
SERVE = ROOT / "scripts" / "serve.py"


def generate(run_dir: Path, *args: str) -> Path:
    subprocess.run([sys.executable, str(SERVE), "--check", "--run-dir", str(run_dir), *args],
                   check=True, cwd=ROOT, capture_output=True)
    return run_dir / "haproxy.cfg"


@needs_haproxy
@pytest.mark.parametrize("processes", [1, 2, 8])
def test_the_generated_proxy_configuration_is_valid(tmp_path, processes):
    config = generate(tmp_path, "--processes", str(processes))
    checked = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = config.read_text()
    assert text.count("    server app") == 2 * processes  # the sessions' backend and the short calls'
    assert text.count(" track streamlit/app") == processes  # the calls' servers go by the sessions' checks
    assert "cookie kelas_srv insert indirect nocache" in text
    assert "option httpchk GET /_stcore/health" in text
    assert "http-request set-header X-Forwarded-For %[src]" in text
    supervisord = (tmp_path / "supervisord.conf").read_text()
    assert supervisord.count("autorestart = true") == processes + 1  # every app process and the proxy


@contextmanager
def served(tmp_path: Path, *args: str) -> Iterator[tuple[int, Path, Path]]:
    """`scripts/serve.py` as `make serve` runs it: yields (proxy port, run folder, database path)."""
    run_dir, db_path, port = tmp_path / "run", tmp_path / "serve.db", free_port()
    process = subprocess.Popen(
        [sys.executable, str(SERVE), "--port", str(port), "--bind", "127.0.0.1", "--run-dir", str(run_dir),
         "--first-app-port", str(free_port()), *args],
        cwd=ROOT, env=os.environ | {"KELAS_DB_PATH": str(db_path)}, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_healthy(port, process)
        yield port, run_dir, db_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # supervisord stops its programs, then itself
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def app_pid(run_dir: Path, program: str) -> int:
    out = subprocess.run([str(Path(sys.executable).with_name("supervisorctl")), "-c",
                          str(run_dir / "supervisord.conf"), "pid", program],
                         capture_output=True, text=True).stdout.strip()
    return int(out) if out.isdigit() else 0


def wait_for(check, seconds: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


@needs_haproxy
@needs_chromium
def test_a_learner_keeps_their_progress_when_their_process_is_killed(tmp_path, page):
    from playwright.sync_api import expect

    with served(tmp_path, "--processes", "2") as (port, run_dir, db_path):
        store = Store(db_path)
        user_id = store.create_user(nip=VALID_NIP, nip_kind="pns", name="Siti Rahmawati", agency="Diskominfo",
                                    region="Kota Serang", password_hash=auth.hash_password(PASSWORD))
        url = f"http://127.0.0.1:{port}"
        # Through the proxy: the sign-in form, whose one-time code the page posts for the session cookie.
        page.goto(url)
        settle(page)
        fill_sign_in(page, VALID_NIP, PASSWORD)
        expect(page.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=30_000)
        # Opened an hour ago, so "Tandai selesai" counts now (a lesson must be open a while first).
        store.mark_lesson_opened(user_id, "aman-01", utcnow() - dt.timedelta(hours=1))
        page.goto(f"{url}/pelajaran?id=aman-01")
        settle(page)
        page.get_by_role("button", name="Tandai selesai").click()
        expect(page.get_by_text("sudah Anda tandai selesai")).to_be_visible(timeout=20_000)

        sticky = next(c["value"] for c in page.context.cookies() if c["name"] == "kelas_srv")
        program = "app" + sticky.removeprefix("p")
        victim = app_pid(run_dir, program)
        assert victim > 0
        os.kill(victim, signal.SIGKILL)

        # The next page loads from the live process, still signed in, with the stored progress. The
        # proxy needs up to ~9 s to mark the dead process down while supervisord starts it again;
        # the page's websocket keeps trying meanwhile, as in a browser.
        page.goto(f"{url}/progres")
        settle(page, connect_ms=90_000)
        expect(page.get_by_text("Progres Saya").first).to_be_visible(timeout=30_000)
        lessons = len(load_catalogue(ROOT / "content", ROOT / "quizzes").pillar_lessons("digital-safety"))
        expect(page.get_by_role("cell", name=f"1/{lessons}", exact=True)).to_be_visible(timeout=30_000)
        shot(page, "serve-after-kill")
        # ... and supervisord has started the dead process again.
        wait_for(lambda: app_pid(run_dir, program) not in (0, victim), what=f"{program} restarted")


async def script_run(ws) -> bool:
    """Ask an open Streamlit session for a run of its script; True when it finishes."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    await ws.send(msg.SerializeToString())
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(ws.recv(), 30))
        if reply.WhichOneof("type") == "script_finished":
            return reply.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY


@needs_haproxy
def test_a_full_house_gets_the_indonesian_penuh_page_and_open_sessions_carry_on(tmp_path):
    from websockets.asyncio.client import connect

    with served(tmp_path, "--processes", "1", "--sessions-per-process", "1", "--queue-seconds", "1") as (
            port, _, _):
        xsrf = cookie(http_get(port, "/_stcore/health")[1], "_streamlit_xsrf")  # where Streamlit sets it
        sticky = cookie(http_get(port, "/")[1], "kelas_srv")  # the page: the proxy's sticky cookie
        assert xsrf and sticky

        async def scenario() -> tuple[int, bytes, bool]:
            # One open session takes the only slot ...
            async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit", xsrf],
                               origin=f"http://127.0.0.1:{port}",
                               additional_headers={"Cookie": f"_streamlit_xsrf={xsrf}; kelas_srv={sticky}"}) as ws:
                assert await script_run(ws)
                # ... the short calls of a visitor already in do not wait behind it ...
                started = time.monotonic()
                calls = [(await asyncio.to_thread(http_get, port, path, None, 20))[0]
                         for path in ("/_stcore/health", "/lembar-kuis?percobaan=1")]
                waited = time.monotonic() - started
                # ... and a newcomer waits in the queue, then is told plainly.
                status, _, body = await asyncio.to_thread(http_get, port, "/", None, 20)
                return status, body, await script_run(ws), calls, waited  # the open session still runs

        status, body, still_open, calls, waited = asyncio.run(scenario())
        assert calls == [200, 404] and waited < 1  # answered at once (404: nobody signed in), not queued
        assert status == 503
        assert "Kelas Literasi Digital ASN sedang penuh" in body.decode()
        assert "tetap tersimpan" in body.decode()
        assert still_open
