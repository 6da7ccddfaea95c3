"""What the browser tests share: a real `streamlit run` on a free port, Debian's chromium driven by
Playwright, and waiting the way Streamlit's own e2e helpers do."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync",
                 "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(db_path: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the app with `streamlit run` on a free port against `db_path` (and any further
    environment `env`); yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=os.environ | {"KELAS_DB_PATH": str(db_path)} | (env or {}),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            process.kill()
            pytest.fail("streamlit did not start: " + process.stdout.read().decode())
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def browser_page(**context_options) -> Iterator:
    """A fresh page in headless Debian chromium (Playwright never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(**({"viewport": {"width": 1280, "height": 900}} | context_options))
        try:
            yield context.new_page()
        finally:
            browser.close()


def settle(page, connect_ms: int = 30_000) -> None:
    """Wait as Streamlit's own e2e helpers do: connected, then the script has finished."""
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=connect_ms)
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=30_000)


def open_tab(page, name: str, shows, role: str = "tab") -> None:
    """Click a tab (or another `role`, such as the first screen's sign-in/registration switch, a
    radio) until its content shows: on a busy machine the first click can land before the page is
    interactive."""
    from playwright.sync_api import expect

    for _ in range(5):
        page.get_by_role(role, name=name).click()
        try:
            expect(shows).to_be_visible(timeout=3_000)
            return
        except AssertionError:
            continue
    expect(shows).to_be_visible()


def shot(page, name: str) -> None:
    """Keep a screenshot to look at (artifacts/ is git-ignored)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in_form(page):
    """The sign-in form a person sees: the plain first screen's (modules/first_screen.py) on a page
    opened afresh, the app's own after a step inside the app (signing out, "Ke halaman masuk")."""
    return page.locator("#kf-signin:visible, [data-testid='stForm']:visible").first


def fill_sign_in(page, nip: str, password: str, *, english: bool = False) -> None:
    """Type NIP and password into the sign-in form a person sees and send it."""
    form = sign_in_form(page)
    form.get_by_label("NIP", exact=True).fill(nip)
    form.get_by_label("Password" if english else "Kata sandi", exact=True).fill(password)
    form.get_by_role("button", name="Sign in" if english else "Masuk", exact=True).click()


def submit_sign_in(page, url: str, nip: str, password: str) -> None:
    """Open the first screen and send the sign-in form, as a person does; the caller waits for the
    page the person lands on (each role lands somewhere else)."""
    page.goto(url)
    settle(page)
    fill_sign_in(page, nip, password)
