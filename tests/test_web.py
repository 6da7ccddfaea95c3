"""The sign-in routes: a one-time code, POSTed by the app's own page, becomes an HttpOnly, SameSite,
signed, expiring cookie backed by a session row; signing out (a same-origin POST too) revokes the
row and clears the cookie. Requests from other sites, GETs and codes in URLs are refused."""

from __future__ import annotations

import asyncio
from http.cookies import SimpleCookie

import pytest
from starlette.requests import Request

from modules import auth, web
from modules.store import default_store, utcnow
from tests.conftest import make_learner, use_database

pytestmark = pytest.mark.both_engines  # the same pages and routes on SQLite and on PostgreSQL


@pytest.fixture
def store(database, monkeypatch):
    use_database(monkeypatch, database)
    return default_store()


SAME_ORIGIN = {"sec-fetch-site": "same-origin"}


def call(route, path: str, body: str = "", cookie: str | None = None, headers: dict | None = None,
         query: str = "", client: tuple[str, int] | None = None):
    """One POST to a route, by default as the app's own page sends it (from `client`, if given)."""
    sent = SAME_ORIGIN if headers is None else headers
    raw = [(b"host", b"testserver"), *((k.encode(), v.encode()) for k, v in sent.items())]
    if cookie:
        raw.append((b"cookie", cookie.encode()))
    request = Request({"type": "http", "method": "POST", "path": path, "query_string": query.encode(),
                       "headers": raw, "scheme": "http", "server": ("testserver", 80), "client": client},
                      receive=_body(body.encode()))
    return asyncio.run(route(request))


def _body(data: bytes):
    async def receive():
        return {"type": "http.request", "body": data, "more_body": False}
    return receive


def set_cookie(response) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    return cookie


def test_a_valid_code_sets_a_protected_cookie_and_redirects_without_the_code(store):
    user_id = make_learner(store)
    response = call(web.sign_in, web.SIGNIN_PATH, f"kode={store.create_signin_code(user_id, utcnow())}")
    assert response.status_code == 204
    morsel = set_cookie(response)[auth.SESSION_COOKIE]
    assert morsel["httponly"] and morsel["samesite"].lower() == "lax" and int(morsel["max-age"]) == 8 * 3600
    user, token = web.user_from_cookie(morsel.value)
    assert user["id"] == user_id and token not in morsel.value.split(".")[1:]


def test_a_used_or_made_up_code_sets_no_cookie(store):
    user_id = make_learner(store)
    code = store.create_signin_code(user_id, utcnow())
    call(web.sign_in, web.SIGNIN_PATH, f"kode={code}")
    for query in (f"kode={code}", "kode=tebakan", ""):
        assert "set-cookie" not in call(web.sign_in, web.SIGNIN_PATH, query).headers


def test_a_forged_cookie_is_nobody(store):
    make_learner(store)
    assert web.user_from_cookie("a-token.forged.signature") == (None, None)
    assert web.user_from_cookie(None) == (None, None)


def test_sign_out_revokes_the_session_and_clears_the_cookie(store):
    user_id = make_learner(store)
    response = call(web.sign_in, web.SIGNIN_PATH, f"kode={store.create_signin_code(user_id, utcnow())}")
    value = set_cookie(response)[auth.SESSION_COOKIE].value
    out = call(web.sign_out, web.SIGNOUT_PATH, cookie=f"{auth.SESSION_COOKIE}={value}")
    assert out.status_code == 204
    assert set_cookie(out)[auth.SESSION_COOKIE]["max-age"] == "0"
    assert web.user_from_cookie(value) == (None, None)  # the old cookie opens nothing any more
    assert store.audit_entries("signout")[0]["actor_id"] == user_id


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
                                     {"origin": "https://evil.test"}, {}])
def test_a_code_sent_from_another_site_signs_nobody_in_and_stays_unspent(store, headers):
    user_id = make_learner(store)
    code = store.create_signin_code(user_id, utcnow())
    response = call(web.sign_in, web.SIGNIN_PATH, f"kode={code}", headers=headers)
    assert response.status_code == 403 and "set-cookie" not in response.headers
    assert call(web.sign_in, web.SIGNIN_PATH, f"kode={code}").status_code == 204


def test_an_old_browser_without_fetch_metadata_is_checked_by_its_origin(store):
    user_id = make_learner(store)
    code = store.create_signin_code(user_id, utcnow())
    response = call(web.sign_in, web.SIGNIN_PATH, f"kode={code}", headers={"origin": "http://testserver"})
    assert response.status_code == 204 and auth.SESSION_COOKIE in response.headers["set-cookie"]


def test_a_code_in_the_url_is_ignored(store):
    user_id = make_learner(store)
    code = store.create_signin_code(user_id, utcnow())
    assert call(web.sign_in, web.SIGNIN_PATH, query=f"kode={code}").status_code == 403


def test_sign_out_from_another_site_changes_nothing(store):
    user_id = make_learner(store)
    response = call(web.sign_in, web.SIGNIN_PATH, f"kode={store.create_signin_code(user_id, utcnow())}")
    value = set_cookie(response)[auth.SESSION_COOKIE].value
    out = call(web.sign_out, web.SIGNOUT_PATH, cookie=f"{auth.SESSION_COOKIE}={value}",
               headers={"sec-fetch-site": "cross-site"})
    assert out.status_code == 403 and "set-cookie" not in out.headers
    assert web.user_from_cookie(value)[0]["id"] == user_id


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read_whole(store):
    user_id = make_learner(store)
    code = store.create_signin_code(user_id, utcnow())
    padded = f"kode={code}&x=" + "a" * web.MAX_FORM_BYTES
    assert call(web.sign_in, web.SIGNIN_PATH, padded).status_code == 403
    assert call(web.sign_in, web.SIGNIN_PATH, f"kode={code}").status_code == 204


def test_the_routes_that_change_something_take_only_post():
    assert {route.path: route.methods - {"HEAD"} for route in web.routes()} == {
        web.SIGNIN_PATH: {"POST"}, web.SIGNOUT_PATH: {"POST"}, web.CHOICE_PATH: {"POST"},
        web.SERVED_SETTINGS_PATH: {"GET"},  # read-only, answered only on loopback
        web.LESSON_FILE_PATH: {"GET"}, web.SHEET_PATH: {"GET"}}  # read-only, for a signed-in person


@pytest.mark.parametrize("make", [web.post_then_go_home, web.post_in_background])
def test_the_page_script_posts_the_code_in_the_body_and_cannot_be_broken_out_of(make):
    script = make(web.SIGNIN_PATH, {"kode": "</script><script>alert(1)"})
    assert "method: 'POST'" in script and "?kode" not in script
    assert script.count("</script>") == 1
