"""The plain first screen's own route, `POST /`: the same sign-in rules as the app's form (lock,
throttle, messages, language), the session cookie and the app on success, the same page with the
message on failure (the NIP kept and escaped, the password never sent back), and only same-origin,
small requests. And the page itself: served to visitors without a session, in their language."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import pytest

from modules import auth, plain_signin
from modules.first_screen import screen, with_screen
from modules.i18n import LANGUAGE_COOKIE, speaking, t
from modules.store import default_store
from tests.conftest import PASSWORD, VALID_NIP, make_learner
from tests.test_web import call, set_cookie
from tests.test_web import store as store  # the fixture: the app's configured store

pytestmark = pytest.mark.both_engines

PEER = ("203.0.113.7", 50000)


def post(body: dict[str, str], **options):
    return call(plain_signin.plain_sign_in, plain_signin.SCREEN_PATH, urlencode(body), client=PEER, **options)


def page_text(response) -> str:
    return response.body.decode()


def test_a_good_sign_in_sets_the_session_cookie_and_opens_the_app(store):
    user_id = make_learner(store)
    response = post({"nip": "19860926 201505 1 001", "sandi": PASSWORD})
    assert response.status_code == 303 and response.headers["location"] == "./"
    cookies = set_cookie(response)
    morsel = cookies[auth.SESSION_COOKIE]
    assert morsel["httponly"] and morsel["samesite"].lower() == "lax"
    assert plain_signin.user_from_cookie(morsel.value)[0]["id"] == user_id
    assert store.audit_entries("signin")[0]["actor_id"] == user_id


@pytest.mark.parametrize("role", ["trainer", "manager", "admin"])
def test_every_role_is_sent_to_the_app_which_opens_its_own_first_page(store, role):
    # The app's default page is the role's own (modules/navigation.py, LANDING; the browser tests
    # see each land there); that page's own URL would get Streamlit's "page not found".
    user_id = store.create_user(nip=VALID_NIP, nip_kind="pns", name="Staf", role=role,
                                password_hash=auth.hash_password(PASSWORD))
    response = post({"nip": VALID_NIP, "sandi": PASSWORD})
    assert response.headers["location"] == "./"
    assert plain_signin.user_from_cookie(set_cookie(response)[auth.SESSION_COOKIE].value)[0]["id"] == user_id


def test_a_wrong_password_answers_the_same_page_with_the_message_and_the_nip_but_not_the_password(store):
    make_learner(store)
    response = post({"nip": VALID_NIP, "sandi": "bukan sandinya 123"})
    text = page_text(response)
    assert response.status_code == 200 and auth.SESSION_COOKIE not in response.headers.get("set-cookie", "")
    with speaking("id"):
        assert t("signin.wrong") in text
    assert f'value="{VALID_NIP}"' in text and "bukan sandinya 123" not in text
    assert 'id="kelas-first"' in text and 'id="root"' in text  # the app still loads behind it
    assert response.headers["cache-control"] == "no-store"


def test_five_misses_lock_the_nip_even_for_the_right_password(store):
    make_learner(store)
    answers = [page_text(post({"nip": VALID_NIP, "sandi": f"salah {n}"})) for n in range(5)]
    assert "Terlalu banyak percobaan" not in answers[3] and "Terlalu banyak percobaan" in answers[4]
    locked = post({"nip": VALID_NIP, "sandi": PASSWORD})
    assert locked.status_code == 200 and "Terlalu banyak percobaan" in page_text(locked)
    assert "set-cookie" not in locked.headers or auth.SESSION_COOKIE not in locked.headers["set-cookie"]


@pytest.mark.parametrize("nip", ["12345", "<script>alert(1)</script>", "1986 0926 abc"])
def test_a_malformed_nip_gets_the_same_message_and_comes_back_escaped(store, nip):
    make_learner(store)
    text = page_text(post({"nip": nip, "sandi": PASSWORD}))
    with speaking("id"):
        assert t("signin.wrong") in text
    assert "<script>alert(1)" not in text
    if "<" in nip:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
                                     {"origin": "https://evil.test"}, {}])
def test_a_post_from_another_site_is_refused_and_counts_nothing(store, headers):
    make_learner(store)
    for _ in range(6):
        response = post({"nip": VALID_NIP, "sandi": "salah"}, headers=headers)
        assert response.status_code == 403 and "set-cookie" not in response.headers
    assert store.audit_entries("signin_failed") == []
    assert post({"nip": VALID_NIP, "sandi": PASSWORD}).status_code == 303  # not locked by them


def test_an_oversized_body_is_refused(store):
    make_learner(store)
    response = post({"nip": VALID_NIP, "sandi": PASSWORD, "x": "a" * plain_signin.MAX_BODY_BYTES})
    assert response.status_code == 413 and "set-cookie" not in response.headers
    assert store.audit_entries("signin") == []


def test_the_answer_speaks_the_language_the_cookie_names(store):
    make_learner(store)
    text = page_text(post({"nip": VALID_NIP, "sandi": "salah"}, cookie=f"{LANGUAGE_COOKIE}=en"))
    with speaking("en"):
        assert t("signin.wrong") in text and t("signin.title") in text
    assert 'lang="en"' in text


def test_a_language_button_answers_the_screen_in_that_language_with_the_nip_kept_and_tries_nothing(store):
    make_learner(store)
    response = post({"nip": VALID_NIP, "sandi": PASSWORD, "bahasa": "en"})
    text = page_text(response)
    assert response.status_code == 200 and set_cookie(response)[LANGUAGE_COOKIE].value == "en"
    with speaking("en"):
        assert t("signin.title") in text and t("signin.button") in text
    assert f'value="{VALID_NIP}"' in text and PASSWORD not in text
    assert store.audit_entries("signin") == [] and store.audit_entries("signin_failed") == []


def test_misses_from_one_address_behind_the_proxy_are_counted_for_that_address(store, monkeypatch):
    monkeypatch.setenv("KELAS_TRUSTED_PROXIES", "203.0.113.0/24")
    make_learner(store)
    for n in range(auth.MAX_CLIENT_ATTEMPTS):  # as many unknown NIPs from one visitor as it may try
        post({"nip": f"19860926201505{n:04d}", "sandi": "salah"}, headers={"sec-fetch-site": "same-origin",
                                                                          "x-forwarded-for": "198.51.100.9"})
    from_there = post({"nip": VALID_NIP, "sandi": PASSWORD},
                      headers={"sec-fetch-site": "same-origin", "x-forwarded-for": "1.2.3.4, 198.51.100.9"})
    assert "jaringan ini" in page_text(from_there)  # the visitor's own address, whatever they prepend
    elsewhere = post({"nip": VALID_NIP, "sandi": PASSWORD},
                     headers={"sec-fetch-site": "same-origin", "x-forwarded-for": "198.51.100.10"})
    assert elsewhere.status_code == 303


def test_the_screen_escapes_what_it_puts_back_and_never_holds_a_password():
    markup = screen("id", nip='"><img src=x onerror=alert(1)>', errors=["<b>x</b>"])
    assert "<img src=x" not in markup and "&quot;&gt;&lt;img" in markup and "&lt;b&gt;x&lt;/b&gt;" in markup
    assert 'type="password"' in markup and 'name="sandi" type="password" maxlength="128" autocomplete' in markup
    assert "value=" not in markup.split('name="sandi"')[1].split(">")[0]


def test_the_page_starts_streamlits_scripts_after_the_screen():
    page = plain_signin.plain_page("id").decode()
    head = page.split("<body>")[0]
    assert "modulepreload" not in head and '<script type="module"' not in head
    assert page.index('id="kelas-first"') < page.index('id="root"')
    assert "./static/js/index." in page.split('id="root"')[0]  # started by the screen's own script


def test_a_page_without_the_expected_scripts_is_left_as_it_is():
    assert with_screen(b"<html><body><div id=root></div></body></html>", "<p>x</p>") == \
        b"<html><body><p>x</p><div id=root></div></body></html>"


INDEX = b'<html lang="en"><head></head><body><div id="root"></div></body></html>'


def served(path: str, cookie: str = "", query: bytes = b"", headers: list | None = None,
           seen: list | None = None) -> bytes:
    """A GET through the middleware in front of a stand-in for Streamlit's index page (the request
    headers it gets are put in `seen`)."""
    sent: list[dict] = []

    async def index(scope, receive, send):
        (seen if seen is not None else []).extend(scope["headers"])
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html"), (b"content-length", str(len(INDEX)).encode())]})
        await send({"type": "http.response.body", "body": INDEX})

    async def keep(message):
        sent.append(message)

    async def nothing():
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query,
             "headers": ([(b"cookie", cookie.encode())] if cookie else []) + (headers or [])}
    asyncio.run(plain_signin.FirstScreenMiddleware(index)(scope, nothing, keep))
    return b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")


def test_visitors_without_a_session_get_the_plain_screen_in_their_language(store):
    assert b'id="kelas-first" lang="id"' in served("/")
    assert b'id="kelas-first" lang="en"' in served("/", cookie=f"{LANGUAGE_COOKIE}=en")
    assert b"kelas-first" in served("/", cookie=f"{auth.SESSION_COOKIE}=forged.value.here")


def test_signed_in_visitors_registration_and_other_pages_get_streamlits_page_untouched(store):
    user_id = make_learner(store)
    response = call(plain_signin.plain_sign_in, "/", urlencode({"nip": VALID_NIP, "sandi": PASSWORD}))
    session = set_cookie(response)[auth.SESSION_COOKIE].value
    assert default_store().get_user(user_id)
    assert served("/", cookie=f"{auth.SESSION_COOKIE}={session}") == INDEX
    assert served("/", query=b"daftar=1") == INDEX
    for path in ("/aktivasi", "/masuk"):  # (Streamlit answers /masuk itself with "page not found")
        assert served(path) == INDEX


def test_the_front_page_is_always_sent_whole(store):
    # Its copy with or without the screen depends on the cookie, not on Streamlit's file validators.
    seen: list = []
    served("/", headers=[(b"if-none-match", b'"abc"'), (b"if-modified-since", b"Tue, 01 Dec 2026 12:00:00 GMT")],
           seen=seen)
    assert [name for name, _ in seen if name.startswith(b"if-")] == []


def test_only_the_post_is_ours():
    [route] = plain_signin.routes()
    assert route.path == "/" and route.methods - {"HEAD"} == {"POST"}
