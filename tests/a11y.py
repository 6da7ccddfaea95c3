"""What the accessibility browser tests share: a demo cohort served by a real `streamlit run`,
signing in through the form, and axe-core (axe-playwright-python, pinned) run on a settled page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from modules import attempts, auth, demo
from modules.course import load_catalogue
from modules.store import Store
from tests.browser import fill_sign_in, settle
from tests.conftest import ROOT

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: the rules the product must pass.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = ("serious", "critical")
COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
EVALUATING_NIP = "199105052019032004"


def demo_database(path: Path) -> dict[str, str]:
    """A small seeded demo cohort plus one learner who has just taken the post-test (the evaluation
    form is open for them); returns role → NIP to sign in with (password: demo.DEMO_PASSWORD)."""
    store = Store(path)
    result = demo.generate(store, COURSE, learners=60, seed=2026, pass_mark=70, jp=20, progress=lambda *_: None)
    accounts = {}
    for account in result.accounts:
        accounts.setdefault(account["role"], account["nip"])
    user_id = store.create_user(nip=EVALUATING_NIP, nip_kind="pns", name="Rina Evaluasi", agency="Dinas Kesehatan",
                                region="Kota Serang", password_hash=auth.hash_password(demo.DEMO_PASSWORD))
    now = dt.datetime.now(dt.UTC)
    attempt = attempts.start_or_resume(store, COURSE, user_id, "posttest", 10, now)
    assert attempts.submit(store, COURSE, attempt, {qid: [0] for qid in attempt["question_ids"]}, 70, now)
    accounts["evaluating"] = EVALUATING_NIP
    return accounts


def wait_rendered(page) -> None:
    """Settled, and every element drawn: while an element's script loads, Streamlit shows a
    placeholder (`stSkeleton`), and an audit of placeholders would check nothing."""
    settle(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    page.wait_for_timeout(500)


def sign_in(page, url: str, nip: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    wait_rendered(page)
    fill_sign_in(page, nip, demo.DEMO_PASSWORD)
    expect(page.get_by_test_id("stSidebarNav")).to_be_attached(timeout=30_000)
    wait_rendered(page)


def audit(page, where: str, moderate: dict[str, set[str]]) -> list[str]:
    """axe-core's WCAG A/AA rules on the page as it is: the serious and critical violations, as lines;
    moderate ones are collected in `moderate` (rule → pages) for the README's list."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")
        else:
            moderate.setdefault(f"{violation['impact']} {violation['id']}", set()).add(where)
    return found
