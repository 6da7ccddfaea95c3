"""The first screen in a real browser: from opening the URL to the sign-in form, for a first visit
(an empty browser cache) and a repeat visit (the same browser profile opens the URL again), on
`uvicorn app:app` (one process, as `make serve` runs each). Prints medians of `--runs` visits:
"headline" (the title shows), "form" (the NIP field of the sign-in form shows and takes typing: the
plain first screen's form, which signs in without any script, or on an older checkout Streamlit's)
and "complete" (Streamlit's page script has finished: the app behind the plain screen is ready, the
most a sign-in click or a link on it waits for before going through the app). The database holds a
small demo cohort (`--learners`), so the registration form offers the agencies and regions as lists,
as on a real site. No pass/fail; the target is under 1 s.

    .venv/bin/python bench/bench_first_screen.py [--runs 7] [--learners 300] [--compare /path/to/other/worktree]

`--compare` serves another checkout of the app too and alternates visits between the two, so a
busy machine slows both alike. `--trace` prints each request of one first visit with its timing.
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

from bench.bench_felt_speed import serve  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

TITLE = "Kelas Literasi Digital ASN"


def nip_field(page):
    """The first NIP field on the page that a person can see: the plain screen's, or Streamlit's."""
    return page.get_by_label("NIP", exact=True).first


def visit(page, url: str) -> tuple[float, float, float]:
    from playwright.sync_api import expect

    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.get_by_role("heading", name=TITLE).first.wait_for(timeout=60_000)
    headline = time.perf_counter() - started
    nip_field(page).wait_for(timeout=60_000)
    expect(nip_field(page)).to_be_editable(timeout=60_000)
    form = time.perf_counter() - started
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached",
                                                                                       timeout=60_000)
    return headline, form, time.perf_counter() - started


def trace(browser, url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen: list[tuple[float, str]] = []
    started = time.perf_counter()
    page.on("requestfinished", lambda request: seen.append((time.perf_counter() - started, request.url)))
    page.goto(url, wait_until="commit")
    nip_field(page).wait_for(timeout=60_000)
    shown = time.perf_counter() - started
    page.wait_for_timeout(1000)
    for at, address in seen:
        print(f"  {at:6.3f}s {address.replace(url, '')}")
    print(f"  {shown:6.3f}s (form shown)")
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--compare", type=Path, action="append", default=[])
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    roots = [ROOT, *args.compare]
    with tempfile.TemporaryDirectory() as folder:
        servers = []
        try:
            for number, root in enumerate(roots):
                port = free_port()
                db_path = Path(folder) / f"first{number}.db"
                subprocess.run([sys.executable, "-m", "modules", "demo-data", "--learners", str(args.learners)],
                               cwd=root, env=os.environ | {"KELAS_DB_PATH": str(db_path)}, check=True,
                               capture_output=True)
                servers.append(serve(db_path, port, root))
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()  # a warm process
                servers[-1].url = f"http://127.0.0.1:{port}/"
            results = {root: {"first": [], "repeat": []} for root in roots}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                for root, server in zip(roots, servers, strict=True):
                    visit(browser.new_page(), server.url)  # each server's first page run, not measured
                    if args.trace:
                        print(f"first visit to {root}:")
                        trace(browser, server.url)
                for _ in range(args.runs):
                    for root, server in zip(roots, servers, strict=True):
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        page = context.new_page()
                        results[root]["first"].append(visit(page, server.url))
                        page.close()
                        page = context.new_page()
                        results[root]["repeat"].append(visit(page, server.url))
                        context.close()
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=20)
    print(f"\n{'app':<28} {'visit':<7} {'headline':>9} {'form':>7} {'complete':>9}  (median of {args.runs})")
    for root in roots:
        for kind, rows in results[root].items():
            medians = [statistics.median(column) for column in zip(*rows, strict=True)]
            print(f"{str(root)[-28:]:<28} {kind:<7} " + " ".join(f"{m:>8.2f}s" for m in medians))


if __name__ == "__main__":
    main()
