"""'Lupa kata sandi?' in headless Chromium against a real server and a real SMTP server: ask, read
the mail, set a new password, sign in with it."""

from __future__ import annotations

import re

from modules import auth
from modules.store import Store
from tests.browser import needs_chromium, running_app, settle, shot
from tests.conftest import PASSWORD, VALID_NIP
from tests.smtp_server import smtp_server

pytestmark = needs_chromium
NEW_PASSWORD = "sambal terasi di warung pojok"


def test_a_learner_resets_a_forgotten_password_by_mail(tmp_path, page):
    from playwright.sync_api import expect

    db_path = tmp_path / "reset.db"
    Store(db_path).create_user(nip=VALID_NIP, nip_kind="pns", name="Siti Rahmawati",
                               email="siti@bantenprov.go.id", password_hash=auth.hash_password(PASSWORD))
    with smtp_server() as mailbox, running_app(db_path, env=mailbox.env()) as url:
        page.goto(url)
        settle(page)
        page.get_by_role("link", name="Lupa kata sandi?").click()
        settle(page)
        request = page.get_by_test_id("stForm").nth(0)
        request.get_by_label("NIP").fill(VALID_NIP)
        request.get_by_label("Alamat surel").fill("siti@bantenprov.go.id")
        request.get_by_role("button", name="Kirim kode").click()
        expect(page.get_by_text("kodenya sudah kami kirim")).to_be_visible(timeout=15_000)
        [message] = mailbox.wait_for(1)
        code = re.search(r"Kode Anda: (\S+)", message.get_content()).group(1)
        shot(page, "reset-01-requested")

        use = page.get_by_test_id("stForm").nth(1)
        use.get_by_label("NIP").fill(VALID_NIP)
        use.get_by_label("Kode dari surel").fill(code)
        use.get_by_label("Kata sandi", exact=True).fill(NEW_PASSWORD)
        use.get_by_label("Ulangi kata sandi").fill(NEW_PASSWORD)
        use.get_by_role("button", name="Simpan kata sandi baru").click()
        expect(page.get_by_text("sudah diganti")).to_be_visible(timeout=15_000)
        shot(page, "reset-02-done")

        page.get_by_role("link", name="Ke halaman masuk").click()
        settle(page)
        form = page.get_by_test_id("stForm").nth(0)
        form.get_by_label("NIP").fill(VALID_NIP)
        form.get_by_label("Kata sandi").fill(NEW_PASSWORD)
        form.get_by_role("button", name="Masuk").click()
        expect(page.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=20_000)


def test_the_reset_page_reads_well_on_a_phone(tmp_path):
    from playwright.sync_api import expect

    from tests.browser import browser_page

    with smtp_server() as mailbox, running_app(tmp_path / "phone.db", env=mailbox.env()) as url, \
            browser_page(viewport={"width": 390, "height": 844}) as phone:
        phone.goto(url + "/lupa-sandi")
        settle(phone)
        expect(phone.get_by_role("button", name="Kirim kode")).to_be_visible()
        box = phone.get_by_role("button", name="Simpan kata sandi baru").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        shot(phone, "reset-03-phone")
