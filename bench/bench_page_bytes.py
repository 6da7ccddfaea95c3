"""Bytes a learner downloads on a slow connection: a first visit (the sign-in page, empty cache),
and opening a lesson once signed in (warm cache, as on a second page). Counts every HTTP response
(transfer size as Chromium reports it: compressed bodies plus headers) and the websocket frames
Streamlit sends the page in, through a real `streamlit run` in headless Debian chromium.
Prints figures; no pass/fail."""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modules.course import load_catalogue  # noqa: E402
from tests.a11y import demo_database, sign_in, wait_rendered  # noqa: E402
from tests.browser import browser_page, running_app  # noqa: E402


class Meter:
    """HTTP transfer sizes and websocket bytes received, per kind of resource, while switched on."""

    def __init__(self, page) -> None:
        self.on = False
        self.http: dict[str, int] = defaultdict(int)
        self.files: list[tuple[int, str]] = []
        self.socket = 0
        page.on("requestfinished", self._finished)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _finished(self, request) -> None:
        if not self.on:
            return
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        kind = request.resource_type
        self.http[kind] += size
        self.files.append((size, request.url.rsplit("/", 1)[-1][:60]))

    def _frame(self, payload) -> None:
        if self.on:
            self.socket += len(payload) if isinstance(payload, bytes | str) else 0

    def start(self) -> None:
        self.http.clear()
        self.files.clear()
        self.socket = 0
        self.on = True

    def report(self, title: str) -> None:
        self.on = False
        total = sum(self.http.values()) + self.socket
        print(f"\n{title}: {total / 1024:,.0f} KiB in total")
        for kind, size in sorted(self.http.items(), key=lambda item: -item[1]):
            print(f"  http {kind:<12} {size / 1024:>9,.1f} KiB")
        print(f"  websocket         {self.socket / 1024:>9,.1f} KiB")
        for size, name in sorted(self.files, reverse=True)[:8]:
            print(f"    {size / 1024:>8,.1f} KiB  {name}")


def main() -> None:
    course = load_catalogue(ROOT / "content", ROOT / "quizzes")
    lesson = course.pillar_lessons("digital-safety")[0]
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bytes.db"
        accounts = demo_database(db_path)
        with running_app(db_path) as url, browser_page() as page:
            meter = Meter(page)
            meter.start()
            page.goto(url)
            wait_rendered(page)
            meter.report("First visit (sign-in page, empty cache)")
            sign_in(page, url, accounts["learner"])
            page.goto(f"{url}/digital-safety")
            wait_rendered(page)
            meter.start()
            page.get_by_test_id("stMain").get_by_role("link", name=lesson.title).click()
            wait_rendered(page)
            meter.report(f"Opening a lesson ({lesson.id}, signed in, warm cache)")
            meter.start()
            page.reload()
            wait_rendered(page)
            meter.report("The same lesson reloaded (browser cache kept)")


if __name__ == "__main__":
    main()
