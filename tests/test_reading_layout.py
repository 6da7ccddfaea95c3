"""Lessons and a quiz review read well on a laptop and on a phone: rendered in headless Chromium at
1280 px and 390 px, with nothing wider than the screen. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from modules import attempts, auth
from modules.course import PILLARS, load_catalogue
from modules.store import Store, utcnow
from tests.browser import needs_chromium, settle, shot
from tests.conftest import ROOT

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")
WIDTHS = {"laptop": (1280, 900), "phone": (390, 844)}
pytestmark = needs_chromium


def sign_in_by_code(page, url: str, store: Store, nip: str) -> int:
    user = store.get_user_by_nip(nip)
    user_id = user["id"] if user else store.create_user(
        nip=nip, nip_kind="pns", name="Dewi Lestari", agency="BKPSDM", region="Kab. Lebak",
        password_hash=auth.hash_password("teh manis di sore hari"))
    # As the sign-in page does: the app's own page POSTs the one-time code, then opens the home page.
    page.goto(url)
    settle(page)
    code = store.create_signin_code(user_id, utcnow())
    page.evaluate("""code => fetch('/auth/masuk', {method: 'POST', credentials: 'same-origin',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'kode=' + code})""", code)
    page.goto(url)
    settle(page)
    return user_id


def overflow(page) -> int:
    """How many CSS pixels the main content is wider than the window (0 when it fits)."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return Math.max(0, main.scrollWidth - window.innerWidth);
    }""")


@pytest.mark.parametrize("device", WIDTHS)
def test_one_lesson_per_pillar_fits_the_screen(served_app, page, device):
    url, db_path = served_app
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[device], strict=True)))
    sign_in_by_code(page, url, Store(db_path), "199203152019032007")
    for pillar in PILLARS:
        lesson = COURSE.pillar_lessons(pillar)[1]
        page.goto(f"{url}/pelajaran?id={lesson.id}")
        settle(page)
        assert page.get_by_role("heading", name=lesson.title).is_visible()
        assert page.get_by_text("Yang perlu diingat").is_visible()
        assert overflow(page) == 0, f"{lesson.id} is wider than a {device} screen"
        shot(page, f"lesson-{device}-{lesson.id}")


@pytest.mark.parametrize("device", WIDTHS)
def test_quiz_review_fits_the_screen(served_app, page, device):
    url, db_path = served_app
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[device], strict=True)))
    store = Store(db_path)
    # One learner per device: a failed attempt asks for lessons to be reread before the next one.
    user_id = sign_in_by_code(page, url, store, "199203152019032007" if device == "laptop" else "199203152019032008")
    attempt = attempts.start_or_resume(store, COURSE, user_id, "digital-culture", 10, utcnow())
    chosen = {qid: [0] for qid in attempt["question_ids"]}
    attempts.submit(store, COURSE, attempt, chosen, 70, utcnow())
    page.goto(f"{url}/kuis?percobaan={attempt['id']}")
    settle(page)
    assert page.get_by_text("Pembahasan:").first.is_visible()
    assert overflow(page) == 0
    shot(page, f"review-{device}")
