"""The plain first screen (modules/first_screen.py) in headless Chromium, at desktop and phone width:
it is drawn with the page and takes typing at once, nothing typed is wiped when Streamlit's scripts
have loaded behind it, signing in lands on the role's own page (through the app once it is ready,
or natively without any script), its links work, and it sits exactly where the app's own first
screen draws the same things."""

from __future__ import annotations

import pytest

from modules import auth
from modules.i18n import speaking, t
from modules.store import Store
from tests.browser import browser_page, needs_chromium, running_app, settle, shot
from tests.conftest import PASSWORD, VALID_NIP, make_learner

pytestmark = needs_chromium

TRAINER_NIP = "197001011995031001"
WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("first") / "first.db"
    store = Store(db_path)
    make_learner(store)
    store.create_user(nip=TRAINER_NIP, nip_kind="pns", name="Budi Pelatih", role="trainer",
                      password_hash=auth.hash_password(PASSWORD))
    with running_app(db_path) as url:
        yield url


def text(key: str) -> str:
    with speaking("id"):
        return t(key)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_nip_typed_at_once_survives_the_app_loading_and_signing_in_lands_on_the_roles_page(app, width):
    from playwright.sync_api import expect

    with browser_page(viewport={"width": width, "height": 900}) as page:
        page.goto(app, wait_until="commit")
        nip = page.locator("#kf-nip")
        nip.fill(TRAINER_NIP)  # as soon as it can be typed into, while Streamlit's scripts still load
        shot(page, f"first-screen-{width}-typed")
        settle(page)  # the app behind it has loaded and drawn its own sign-in page
        expect(nip).to_be_visible()
        expect(nip).to_have_value(TRAINER_NIP)
        shot(page, f"first-screen-{width}")
        page.locator("#kf-password").fill(PASSWORD)
        page.locator("#kf-signin").get_by_role("button", name="Masuk", exact=True).click()
        expect(page.get_by_role("heading", name="Dasbor Pelatih").first).to_be_visible(timeout=20_000)
        assert page.url.rstrip("/") == app.rstrip("/") or page.url.endswith("/dasbor-pelatih")
        settle(page)
        cookie = next(c for c in page.context.cookies() if c["name"] == auth.SESSION_COOKIE)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        shot(page, f"first-screen-{width}-landed")


@pytest.mark.parametrize("width", WIDTHS)
def test_it_sits_where_the_apps_own_first_screen_draws_the_same_things(app, width):
    pairs = {"heading": ("#kelas-first h1", "#root h1"),
             "language": ("#kelas-first .kf-lang", "#root .st-key-language_switch"),
             "first link": ("#kelas-first .kf-link", "#root [data-testid=stPageLink-NavLink]"),
             "form": ("#kf-signin", "#root [data-testid=stForm]"),
             "nip": ("#kf-nip", "#root .st-key-signin_nip input"),
             "button": ("#kf-signin .kf-primary", "#root [data-testid=stFormSubmitButton] button")}
    with browser_page(viewport={"width": width, "height": 900}) as page:
        page.goto(app)
        settle(page)
        for name, (plain, streamlit) in pairs.items():
            mine, theirs = (page.locator(selector).first.bounding_box() for selector in (plain, streamlit))
            for side in ("x", "y", "width", "height"):
                assert abs(mine[side] - theirs[side]) <= 3, (name, side, mine, theirs)


def test_without_any_script_the_form_signs_in_and_tells_what_went_wrong(app):
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            plain = browser.new_context(java_script_enabled=False)
            page = plain.new_page()
            page.goto(app)
            page.locator("#kf-nip").fill(VALID_NIP)
            page.locator("#kf-password").fill("bukan sandinya")
            page.locator("#kf-signin").get_by_role("button", name="Masuk", exact=True).click()
            expect(page.get_by_role("alert")).to_have_text(text("signin.wrong"))
            expect(page.locator("#kf-nip")).to_have_value(VALID_NIP)
            expect(page.locator("#kf-password")).to_have_value("")
            page.locator("#kf-password").fill(PASSWORD)
            page.locator("#kf-signin").get_by_role("button", name="Masuk", exact=True).click()
            page.wait_for_url(app.rstrip("/") + "/")
            session = [c for c in plain.cookies() if c["name"] == auth.SESSION_COOKIE]
            assert session and session[0]["httpOnly"]
            # The same browser with scripts: the session cookie opens the learner's own page.
            scripted = browser.new_context()
            scripted.add_cookies(session)
            later = scripted.new_page()
            later.goto(app)
            expect(later.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=20_000)
            expect(later.locator("#kelas-first")).to_have_count(0)
        finally:
            browser.close()


def test_its_links_and_language_switch_work(app):
    from playwright.sync_api import expect

    with browser_page() as page:
        page.goto(app)
        page.get_by_role("radio", name="Daftar").click()
        expect(page.get_by_label("Nama lengkap")).to_be_visible(timeout=20_000)
        expect(page.locator("#kelas-first")).to_have_count(0)  # the app's own registration form
        shot(page, "first-screen-register")

        for link, heading in (("Lupa kata sandi?", "reset.title"), ("Aktifkan akun Anda di sini", "activate.title")):
            page.goto(app)
            page.get_by_role("link", name=link).click()
            expect(page.get_by_role("heading", name=text(heading)).first).to_be_visible(timeout=20_000)

        page.goto(app)
        page.locator("#kf-nip").fill(VALID_NIP)
        page.get_by_role("radio", name="English").click()
        with speaking("en"):
            expect(page.locator("#kelas-first h1")).to_have_text(t("signin.title"))
        expect(page.locator("#kf-nip")).to_have_value(VALID_NIP)
        shot(page, "first-screen-english")
        settle(page)
        page.locator("#kf-password").fill("bukan sandinya")
        page.locator("#kf-signin").get_by_role("button", name="Sign in", exact=True).click()
        with speaking("en"):  # through the app, in the language chosen
            expect(page.get_by_text(t("signin.wrong"))).to_be_visible(timeout=20_000)
