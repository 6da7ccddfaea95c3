"""A trainer reminds the at-risk learners of their batch from Dasbor Pelatih, in headless Chromium
against a real server; the mails arrive in a real SMTP server."""

from __future__ import annotations

from modules import auth
from modules.store import Store
from tests.browser import fill_sign_in, needs_chromium, running_app, settle, shot
from tests.cohort_builder import add_activity, build
from tests.conftest import PASSWORD
from tests.smtp_server import smtp_server

pytestmark = needs_chromium


def test_a_trainer_sends_a_reminder_that_arrives(tmp_path, page):
    from playwright.sync_api import expect

    db_path = tmp_path / "remind.db"
    store = Store(db_path)
    cohort = build(store)
    add_activity(cohort)
    for n, user_id in enumerate(cohort.learners_1):
        store.db.execute("UPDATE users SET email = ? WHERE id = ?", (f"peserta{n}@bantenprov.go.id", user_id))
    store.db.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                     (auth.hash_password(PASSWORD), cohort.trainer_a["id"]))
    from modules import analytics
    from tests.cohort_builder import NOW
    at_risk = [r for r in analytics.learners_table(store, cohort.trainer_a, NOW) if r["at_risk"]]
    assert at_risk, "the cohort has learners at risk"

    with smtp_server() as mailbox, running_app(db_path, env=mailbox.env()) as url:
        page.set_viewport_size({"width": 1280, "height": 1000})
        page.goto(url)
        settle(page)
        fill_sign_in(page, cohort.trainer_a["nip"], PASSWORD)
        page.get_by_test_id("stSidebarNav").wait_for(timeout=20_000)
        settle(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Dasbor Pelatih").click()
        settle(page)
        expect(page.get_by_role("heading", name="Kirim pengingat lewat surel")).to_be_visible(timeout=20_000)
        page.get_by_role("button", name="Kirim pengingat").click()
        expect(page.get_by_text("Pengingat terkirim ke")).to_be_visible(timeout=20_000)
        shot(page, "remind-01-sent")
        messages = mailbox.wait_for(1)
        assert all(m["To"].endswith("@bantenprov.go.id") for m in messages)
        assert "Pengingat" in messages[0]["Subject"]
        assert len(store.audit_entries(action="reminder_sent")) == len(mailbox.messages)
