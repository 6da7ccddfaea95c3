"""Everyday use in headless Chromium: the language is kept across reloads, each role lands on its
own work, and link labels wrap on a phone instead of being cut off."""

from __future__ import annotations

import pytest

from modules import auth
from modules.course import load_catalogue
from modules.store import Store
from tests.browser import browser_page, fill_sign_in, needs_chromium, running_app, settle, shot, submit_sign_in
from tests.cohort_builder import add_activity, build
from tests.conftest import PASSWORD, ROOT

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("everyday") / "everyday.db"
    store = Store(db_path)
    cohort = build(store)
    add_activity(cohort)
    people = {"learner": cohort.learner, "trainer": cohort.trainer_a, "manager": cohort.manager_all,
              "admin": cohort.admin}
    for person in people.values():
        store.db.execute("UPDATE users SET password_hash = ? WHERE id = ?", (auth.hash_password(PASSWORD), person["id"]))
    with running_app(db_path) as url:
        yield url, people


def sign_in(page, url: str, nip: str) -> None:
    submit_sign_in(page, url, nip, PASSWORD)
    page.get_by_test_id("stSidebarNav").wait_for(timeout=20_000)
    settle(page)


@pytest.mark.parametrize("role, heading", [("learner", "Selamat belajar, Peserta"), ("trainer", "Dasbor Pelatih"),
                                           ("manager", "Dasbor Manajer"), ("admin", "Orang & batch")])
def test_each_role_lands_on_its_own_work(app, page, role, heading):
    from playwright.sync_api import expect

    url, people = app
    sign_in(page, url, people[role]["nip"])
    expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=20_000)
    assert page.get_by_text("Kerjakan pre-test").count() == 0 or role == "learner"


def test_the_chosen_language_is_kept_across_reloads_and_sign_in(app, page):
    from playwright.sync_api import expect

    url, people = app
    page.goto(url)
    settle(page)
    page.get_by_role("radio", name="English").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=15_000)
    settle(page)
    page.reload()
    settle(page)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=15_000)
    fill_sign_in(page, people["learner"]["nip"], PASSWORD, english=True)
    expect(page.get_by_role("heading", name="Welcome, Peserta")).to_be_visible(timeout=20_000)
    shot(page, "everyday-01-english-kept")


def test_link_labels_wrap_at_phone_width(app):
    from playwright.sync_api import expect

    url, _ = app
    with browser_page(viewport={"width": 390, "height": 844}) as phone:
        phone.goto(url)
        settle(phone)
        link = phone.get_by_role("link", name="Aktifkan akun Anda di sini")
        expect(link).to_be_visible()
        label = link.locator("p")
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the label is cut off"
        assert label.bounding_box()["height"] > 30, "the label should wrap onto a second line"
        expect(phone.get_by_role("radio", name="English")).to_be_visible()  # no hidden menu needed
        shot(phone, "everyday-02-phone-signin")


def test_a_landing_page_answers_at_its_own_address_too(app, page):
    """A bookmarked landing page (the menu's default answers at "/") opens without Streamlit's
    English "Page not found" dialog; so does /masuk before sign-in."""
    from playwright.sync_api import expect

    url, people = app
    page.goto(url + "/masuk")
    settle(page)
    assert page.get_by_text("Page not found").count() == 0
    sign_in(page, url, people["trainer"]["nip"])
    expect(page.get_by_role("heading", name="Dasbor Pelatih").first).to_be_visible(timeout=20_000)
    page.goto(url + "/dasbor-pelatih")
    settle(page)
    expect(page.get_by_role("heading", name="Dasbor Pelatih").first).to_be_visible(timeout=20_000)
    assert page.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_links_drawn_as_one_element_open_their_page_in_the_app(app, width, height):
    """The links of modules/link_panel.py: a click opens the page inside the app (nothing is
    reloaded, the address follows, Back returns); a Ctrl-click still opens a new tab."""
    from playwright.sync_api import expect

    url, people = app
    with browser_page(viewport={"width": width, "height": height}) as page:
        submit_sign_in(page, url, people["learner"]["nip"], PASSWORD)
        expect(page.get_by_role("heading", name="Selamat belajar")).to_be_visible(timeout=20_000)
        page.goto(url + "/digital-safety")
        settle(page)
        page.evaluate("window.kelasNotReloaded = true")
        lesson = page.get_by_test_id("stMain").get_by_role("link", name="2. ")
        href = lesson.get_attribute("href")
        assert href == "./pelajaran?id=aman-02"
        lesson.click()
        expect(page.get_by_role("heading", name=COURSE.lessons["aman-02"].title, level=1)).to_be_visible(
            timeout=20_000)
        settle(page)
        assert page.url == url + "/pelajaran?id=aman-02"
        assert page.evaluate("window.kelasNotReloaded === true"), "the click reloaded the page"
        shot(page, f"everyday-03-lesson-from-panel-{width}")
        with page.expect_download() as saved:  # the lesson as a file: saved, the page stays
            page.get_by_test_id("stMain").get_by_role("link", name="Unduh pelajaran").click()
        assert saved.value.suggested_filename == "pelajaran-aman-02.html"
        assert page.evaluate("window.kelasNotReloaded === true")
        page.get_by_test_id("stMain").get_by_role("link", name="Berikutnya").click()  # same page, other lesson
        expect(page).to_have_url(url + "/pelajaran?id=aman-03", timeout=20_000)
        settle(page)
        assert page.get_by_role("heading", level=1).inner_text() == COURSE.lessons["aman-03"].title
        page.go_back()
        expect(page).to_have_url(url + "/pelajaran?id=aman-02", timeout=20_000)
        expect(page.get_by_role("heading", name=COURSE.lessons["aman-02"].title, level=1)).to_be_visible(
            timeout=20_000)
        settle(page)
        page.go_back()
        expect(page).to_have_url(url + "/digital-safety", timeout=20_000)
        expect(page.get_by_role("heading", name="Aman Bermedia Digital", level=1)).to_be_visible(timeout=20_000)
        assert page.evaluate("window.kelasNotReloaded === true")
        with page.context.expect_page() as opened:
            page.get_by_test_id("stMain").get_by_role("link", name="Kerjakan kuis pilar ini").click(
                modifiers=["Control"])
        new_tab = opened.value
        new_tab.wait_for_load_state()
        assert new_tab.url == url + "/kuis?pilar=digital-safety"
        assert page.url == url + "/digital-safety"
