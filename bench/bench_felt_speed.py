"""Felt speed in a real browser: from a click in the menu to the page's own content, per page and
role, on a 3,000-learner demo cohort served by `uvicorn app:app` (one process, as `make serve` runs
each). Prints, per page, the median of three clicks until the page's title shows ("headline") and
until the script has finished drawing ("complete"). No pass/fail; the target is under 1 s.

    .venv/bin/python bench/bench_felt_speed.py [--learners 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, sign_in_form  # noqa: E402

PASSWORD = "literasi-demo-banten"
# (role, the demo-data line that names the account, [(menu link, heading the page draws first)])
PEOPLE = [
    ("learner", "peserta", [("Beranda", "Selamat belajar"),
                                       ("Aman Bermedia Digital", "Aman Bermedia Digital"), ("Kuis", "Kuis"),
                                       ("Progres Saya", "Progres Saya"), ("Istilah", "Istilah")]),
    ("trainer", "pelatih", [("Dasbor Pelatih", "Dasbor Pelatih"),
                                       ("Sertifikat angkatan", "Sertifikat angkatan")]),
    ("manager (province)", "Manajer Provinsi", [("Dasbor Manajer", "Dasbor Manajer")]),
    ("manager (region)", "Manajer Kab.", [("Dasbor Manajer", "Dasbor Manajer")]),
    ("admin", "admin ", [("Orang & batch", "Orang & batch"), ("Log audit", "Log audit"),
                                     ("Dasbor Manajer", "Dasbor Manajer")]),
]


def wait_idle(page, timeout: float = 60_000) -> None:
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached",
                                                                                       timeout=timeout)


def serve(db_path: Path, port: int, root: Path = ROOT) -> subprocess.Popen:
    """`uvicorn app:app` of the checkout at `root` on `port`, once it answers its health check."""
    env = os.environ | {"KELAS_DB_PATH": str(db_path)}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port",
                                str(port)], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return process
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise SystemExit(f"the app in {root} did not start")


def demo_nips(printed: str) -> dict[str, str]:
    """The NIP of each demo account the command printed (`  peserta  NIP 1972…  [DEMO] Hendra`)."""
    nips = {}
    for role, marker, _ in PEOPLE:
        line = next(line for line in printed.splitlines() if " NIP " in line and marker in line)
        nips[role] = line.split(" NIP ", 1)[1].split()[0]
    return nips


def measure(url: str, runs: int, nips: dict[str, str]) -> list[tuple[str, str, float, float, float]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for role, _, pages in PEOPLE:
            nip = nips[role]
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            started = time.perf_counter()
            page.goto(url)
            page.get_by_label("NIP", exact=True).first.wait_for(timeout=60_000)
            first_load = time.perf_counter() - started
            # A person takes longer to type a NIP and a password than the app behind the plain first
            # screen takes to get ready; the click then signs in through the app (modules/first_screen.py).
            wait_idle(page)
            form = sign_in_form(page)
            form.get_by_label("NIP", exact=True).fill(nip)
            form.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
            started = time.perf_counter()
            form.get_by_role("button", name="Masuk", exact=True).click()
            page.get_by_test_id("stSidebarNav").wait_for(timeout=60_000)
            wait_idle(page)
            rows.append((role, "(first screen, then sign-in)", first_load, time.perf_counter() - started, 0.0))
            for link, heading in pages:
                headline, complete = [], []
                for _ in range(runs):
                    nav = page.get_by_test_id("stSidebarNav")
                    nav.get_by_role("link", name=link, exact=True).click()
                    began = time.perf_counter()
                    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
                    headline.append(time.perf_counter() - began)
                    page.wait_for_timeout(50)
                    wait_idle(page)
                    complete.append(time.perf_counter() - began)
                    # Leave and come back: every click is a page change, as a person makes it.
                    other = "Istilah" if link != "Istilah" else "Beranda"
                    nav.get_by_role("link", name=other, exact=True).click()
                    wait_idle(page)
                rows.append((role, link, statistics.median(headline), statistics.median(complete), max(complete)))
            page.context.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "felt.db"
        env = os.environ | {"KELAS_DB_PATH": str(db_path)}
        started = time.perf_counter()
        made = subprocess.run([sys.executable, "-m", "modules", "demo-data", "--learners", str(args.learners)],
                              cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        print(f"demo cohort of {args.learners} learners made in {time.perf_counter() - started:.0f} s")
        port = free_port()
        process = serve(db_path, port)
        try:
            rows = measure(f"http://127.0.0.1:{port}", args.runs, demo_nips(made.stdout))
        finally:
            process.terminate()
            process.wait(timeout=20)
    print(f"\n{'role':<20} {'page':<30} {'headline':>9} {'complete':>9} {'max':>7}")
    for role, page, headline, complete, worst in rows:
        print(f"{role:<20} {page:<30} {headline:>8.2f}s {complete:>8.2f}s {worst:>6.2f}s")


if __name__ == "__main__":
    main()
