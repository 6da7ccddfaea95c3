"""The sign-in routes: a one-time code becomes an HttpOnly, SameSite, signed, expiring cookie backed
by a session row; signing out revokes the row and clears the cookie."""

from __future__ import annotations

import asyncio
from http.cookies import SimpleCookie

import pytest
from starlette.requests import Request

from modules import auth, web
from modules.store import default_store, utcnow
from tests.conftest import make_learner


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "web.db"))
    return default_store()


def call(route, path: str, query: str = "", cookie: str | None = None):
    headers = [(b"cookie", cookie.encode())] if cookie else []
    request = Request({"type": "http", "method": "GET", "path": path, "query_string": query.encode(),
                       "headers": headers, "scheme": "http", "server": ("testserver", 80)})
    return asyncio.run(route(request))


def set_cookie(response) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    return cookie


def test_a_valid_code_sets_a_protected_cookie_and_redirects_without_the_code(store):
    user_id = make_learner(store)
    response = call(web.sign_in, web.SIGNIN_PATH, f"kode={store.create_signin_code(user_id, utcnow())}")
    assert response.status_code == 303 and response.headers["location"] == "/"
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
    assert out.status_code == 303
    assert set_cookie(out)[auth.SESSION_COOKIE]["max-age"] == "0"
    assert web.user_from_cookie(value) == (None, None)  # the old cookie opens nothing any more
    assert store.audit_entries("signout")[0]["actor_id"] == user_id
