"""Attacks as a hostile site or user would make them, in headless Chromium against a real
`streamlit run`: login CSRF and logout CSRF from another site, a hostile XLSX uploaded by an
admin, and a self-registered NIP later named by a roster."""

from __future__ import annotations

import io
import urllib.request

import pytest
from openpyxl import Workbook

from modules import auth
from modules.store import Store, utcnow
from tests.browser import browser_page, fill_sign_in, needs_chromium, running_app, settle, shot
from tests.conftest import PASSWORD

pytestmark = needs_chromium
ADMIN_NIP = "197501012000031001"
ATTACKER_NIP = "199001012015011002"
VICTIM_NIP = "198609262015051001"
SQUATTED_NIP = "199203152019032001"
EVIL = "http://evil.test"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("security_e2e")
    db_path = folder / "security.db"
    store = Store(db_path)
    store.create_user(nip=ADMIN_NIP, nip_kind="pns", name="Admin Provinsi", role="admin",
                      password_hash=auth.hash_password(PASSWORD))
    for nip, name in ((ATTACKER_NIP, "Penyerang"), (VICTIM_NIP, "Siti Rahmawati")):
        store.create_user(nip=nip, nip_kind="pns", name=name, password_hash=auth.hash_password(PASSWORD))
    with running_app(db_path) as url:
        yield url, db_path, folder


def sign_in(page, url: str, nip: str, name: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    settle(page)
    fill_sign_in(page, nip, PASSWORD)
    # Signed in: the menu names the person (each role lands on its own page).
    expect(page.get_by_test_id("stSidebar").get_by_text("Masuk sebagai")).to_contain_text(name, timeout=20_000)
    settle(page)


def session_cookie(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == auth.SESSION_COOKIE), None)


def evil_page(page, html: str) -> None:
    """Serve `html` as another site's page and open it in the victim's browser."""
    page.route(f"{EVIL}/**", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(f"{EVIL}/halaman")
    page.wait_for_timeout(2_500)


def test_another_site_cannot_sign_the_visitor_in_as_the_attacker(server):
    from playwright.sync_api import expect

    url, db_path, _ = server
    store = Store(db_path)
    # The attacker's own one-time code, as their browser receives it after signing in.
    code = store.create_signin_code(store.get_user_by_nip(ATTACKER_NIP)["id"], utcnow())
    attacks = [
        # A link (or script) sending the visitor's browser to the old sign-in address with the code.
        f"<script>window.location = '{url}/auth/masuk?kode={code}'</script>",
        # A form posting the code, in a hidden frame and then as the whole page.
        f"""<img src="{url}/auth/masuk?kode={code}"><iframe name="sink"></iframe>
            <form id="f" method="POST" action="{url}/auth/masuk" target="sink">
              <input type="hidden" name="kode" value="{code}"></form>
            <form id="g" method="POST" action="{url}/auth/masuk"><input type="hidden" name="kode" value="{code}"></form>
            <script>document.getElementById('f').submit();
                    setTimeout(() => document.getElementById('g').submit(), 800)</script>""",
    ]
    for attack in attacks:
        with browser_page() as page:
            evil_page(page, f"<html><body>{attack}</body></html>")
            assert session_cookie(page) is None
            page.goto(url)
            settle(page)
            expect(page.get_by_text("Cara masuk").first).to_be_visible()
            expect(page.get_by_text("Penyerang")).to_have_count(0)
    # Refused requests never spent it: the attacker's code is still there, so none of them was accepted.
    assert store.db.execute("SELECT count(*) FROM signin_codes").fetchone()[0] >= 1


def test_another_site_cannot_sign_the_visitor_out(server):
    from playwright.sync_api import expect

    url, db_path, _ = server
    with browser_page() as page:
        sign_in(page, url, VICTIM_NIP, "Siti")
        cookie = session_cookie(page)
        assert cookie and "kode=" not in page.url
        evil_page(page, f"""<html><body>
            <img src="{url}/auth/keluar">
            <iframe name="sink"></iframe>
            <form id="f" method="POST" action="{url}/auth/keluar" target="sink"></form>
            <script>document.getElementById('f').submit();
                    setTimeout(() => window.location = "{url}/keluar", 800)</script></body></html>""")
        settle(page)
        expect(page.get_by_role("button", name="Keluar")).to_be_visible()  # it asks; nothing happened yet
        shot(page, "security-01-signout-asks")
        assert session_cookie(page) == cookie
        page.goto(url)
        settle(page)
        expect(page.get_by_text("Selamat belajar, Siti")).to_be_visible(timeout=20_000)

        # The visitor's own click does sign out, and the old cookie then opens nothing.
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Keluar").click()
        settle(page)
        page.get_by_test_id("stMain").get_by_role("button", name="Keluar").click()
        expect(page.get_by_text("Cara masuk").first).to_be_visible(timeout=20_000)
        assert session_cookie(page) is None
    token = auth.unsign_cookie(Store(db_path).secret_key(), cookie, 3600)
    assert Store(db_path).user_for_session(token, utcnow()) is None


def test_an_admin_uploading_a_hostile_xlsx_gets_a_message_and_the_server_lives(server):
    from playwright.sync_api import expect

    url, _, folder = server
    book = Workbook()
    book.active.append(["nip", "nama"])
    book.active["XFD1048576"] = "x"
    hostile = folder / "roster-berbahaya.xlsx"
    out = io.BytesIO()
    book.save(out)
    hostile.write_bytes(out.getvalue())
    with browser_page() as page:
        sign_in(page, url, ADMIN_NIP, "Admin")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Impor peserta").click()
        settle(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(hostile))
        expect(page.get_by_text("terbentang sampai baris 1.048.576")).to_be_visible(timeout=20_000)
        shot(page, "security-02-hostile-xlsx")
    assert urllib.request.urlopen(url + "/_stcore/health", timeout=5).read() == b"ok"


EVIL_NAME = "[Klik](https://evil.test) ![](https://evil.test/t.png) $x$ :red[merah] <b>tebal</b>"
INJECTOR_NIP = "198001012005011003"


def no_live_evil(page) -> None:
    """Nothing on the page links to or loads from the hostile address."""
    assert page.locator("a[href*='evil.test']").count() == 0
    assert page.locator("img[src*='evil.test']").count() == 0
    assert page.locator(".katex").count() == 0


def test_a_hostile_name_is_drawn_as_text_on_the_verification_page_and_after_sign_in(server):
    import json

    from playwright.sync_api import expect

    from modules import certificates

    url, db_path, _ = server
    store = Store(db_path)
    user_id = store.create_user(nip=INJECTOR_NIP, nip_kind="pns", name=EVIL_NAME, self_registered=True,
                                password_hash=auth.hash_password(PASSWORD))
    code = certificates.new_code()
    store.insert_certificate(code=code, user_id=user_id, issued_at="2026-11-20T03:00:00+00:00", snapshot=json.dumps(
        {"version": 1, "course": "Kelas Literasi Digital ASN", "name": EVIL_NAME, "nip": INJECTOR_NIP,
         "completed_at": "2026-11-20T03:00:00+00:00", "jp": 20, "scores": {}}))
    with browser_page() as page:
        page.goto(f"{url}/verifikasi?kode={code}")
        settle(page)
        expect(page.get_by_text("[Klik](https://evil.test)", exact=False)).to_be_visible(timeout=20_000)
        no_live_evil(page)
        shot(page, "security-04-verify-hostile-name")

        page.goto(url)
        settle(page)
        fill_sign_in(page, INJECTOR_NIP, PASSWORD)
        expect(page.get_by_test_id("stSidebar").get_by_text("[Klik](https://evil.test)", exact=False)).to_be_visible(
            timeout=20_000)
        settle(page)
        no_live_evil(page)
        assert page.locator("b", has_text="tebal").count() == 0
        shot(page, "security-05-home-hostile-name")


def test_a_squatted_nip_goes_to_the_person_the_roster_names(server):
    from playwright.sync_api import expect

    url, db_path, folder = server
    store = Store(db_path)
    store.create_user(nip=SQUATTED_NIP, nip_kind="pns", name="Penyerobot", self_registered=True,
                      password_hash=auth.hash_password(PASSWORD))
    roster = folder / "roster-angkatan-2.csv"
    roster.write_text(f"nip;nama;instansi\r\n{SQUATTED_NIP};Rina Kartika;BKD\r\n", encoding="utf-8")
    with browser_page(accept_downloads=True) as page:
        sign_in(page, url, ADMIN_NIP, "Admin")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Impor peserta").click()
        settle(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(roster))
        expect(page.get_by_text("sudah dipakai akun yang didaftarkan sendiri")).to_be_visible(timeout=20_000)
        expect(page.get_by_role("tab", name="Akun daftar mandiri — perlu aktivasi (1)")).to_be_visible()
        shot(page, "security-03-claim-preview")
        page.get_by_role("button", name="Impor (0 baru, 0 diubah)").click()
        expect(page.get_by_text("1 akun daftar mandiri diserahkan")).to_be_visible(timeout=20_000)
    user = store.get_user_by_nip(SQUATTED_NIP)
    assert user["name"] == "Rina Kartika" and user["password_hash"] is None
    assert store.activation_code(user["id"]) is not None
