"""What the serving tests share: `uvicorn app:app` processes on free ports and plain HTTP calls."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import free_port
from tests.conftest import ROOT


def http_get(port: int, path: str, headers: dict[str, str] | None = None,
             timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects: status, headers (lower-case names), body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        headers: dict[str, str] = {}
        for name, value in response.getheaders():  # repeated headers (Set-Cookie) one per line
            headers[name.lower()] = headers[name.lower()] + "\n" + value if name.lower() in headers else value
        return response.status, headers, body
    finally:
        conn.close()


def signed_in_cookies(port: int, code: str) -> dict[str, str]:
    """The cookies a browser holds after signing in with a one-time code (session and XSRF)."""
    cookies: dict[str, str] = {}
    for method, path, body in (("POST", "/auth/masuk", urllib.parse.urlencode({"kode": code})),
                               ("GET", "/_stcore/health", None)):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"} \
                if body else {}
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            cookies |= {name.strip(): rest.split(";", 1)[0] for name, _, rest in
                        (header.partition("=") for header in response.headers.get_all("Set-Cookie") or [])}
        finally:
            conn.close()
    return cookies


def wait_healthy(port: int, process: subprocess.Popen | None = None, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail("server exited: " + (process.stdout.read().decode() if process.stdout else ""))
        try:
            if http_get(port, "/_stcore/health", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"nothing healthy on port {port}")


@contextmanager
def uvicorn_app(db_path: Path, env: dict[str, str] | None = None) -> Iterator[int]:
    """`uvicorn app:app` as a rollout starts it, on a free port; yields the port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=os.environ | {"KELAS_DB_PATH": str(db_path)} | (env or {}),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_healthy(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)


def cookie(headers: dict[str, str], name: str) -> str | None:
    """A cookie's value from the Set-Cookie lines of `http_get`'s headers."""
    for line in headers.get("set-cookie", "").splitlines():
        if line.startswith(name + "="):
            return line.split("=", 1)[1].split(";", 1)[0]
    return None


def served_settings(port: int) -> dict:
    status, _, body = http_get(port, "/_kelas/pengaturan")
    assert status == 200, body
    return json.loads(body)
