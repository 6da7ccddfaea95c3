"""Starlette routes served beside the Streamlit app by `st.App`: they set and clear the session cookie.

Streamlit scripts cannot set cookies, so a successful sign-in in the app hands the browser a
one-time code (valid two minutes); `/auth/masuk` spends it, creates the server-side session and
sets an HttpOnly, SameSite, signed, expiring cookie, then redirects so no secret stays in the URL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route

from modules import auth
from modules.config import load_settings
from modules.store import default_store, utcnow

SIGNIN_PATH = "/auth/masuk"
SIGNOUT_PATH = "/auth/keluar"
SERVED_SETTINGS_PATH = "/_kelas/pengaturan"
# The Streamlit options a rollout depends on, as the serving process holds them (no secrets here).
SERVED_OPTIONS = ("server.fileWatcherType", "server.runOnSave", "client.showErrorDetails",
                  "runner.postScriptGC", "server.enableXsrfProtection", "server.websocketPingInterval",
                  "server.disconnectedSessionTTL", "server.maxUploadSize", "global.developmentMode")


async def sign_in(request: Request) -> RedirectResponse:
    settings = load_settings()
    store = default_store()
    response = RedirectResponse("/", status_code=303)
    user_id = store.redeem_signin_code(request.query_params.get("kode", ""), utcnow())
    if user_id is None:
        return response
    token = store.create_session(user_id, utcnow(), settings.session_hours)
    response.set_cookie(
        auth.SESSION_COOKIE, auth.sign_cookie(store.secret_key(settings.secret_key), token),
        max_age=settings.session_hours * 3600, httponly=True, samesite="lax",
        secure=settings.cookie_secure or request.url.scheme == "https", path="/")
    return response


async def sign_out(request: Request) -> RedirectResponse:
    settings = load_settings()
    store = default_store()
    cookie = request.cookies.get(auth.SESSION_COOKIE)
    if cookie:
        token = auth.unsign_cookie(store.secret_key(settings.secret_key), cookie,
                                   settings.session_hours * 3600)
        if token:
            store.delete_session(token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


async def served_settings(request: Request) -> PlainTextResponse | JSONResponse:
    """The Streamlit settings in force in this process, for an operator on this machine only:
    asked directly on the loopback address (never through the proxy, which also refuses the path)."""
    direct = request.client is not None and request.client.host in ("127.0.0.1", "::1")
    if not direct or "x-forwarded-for" in request.headers:
        return PlainTextResponse("Not Found", status_code=404)
    from streamlit import config

    return JSONResponse({name: config.get_option(name) for name in SERVED_OPTIONS})


def routes() -> list[Route]:
    return [Route(SIGNIN_PATH, sign_in, methods=["GET"]),
            Route(SIGNOUT_PATH, sign_out, methods=["GET"]),
            Route(SERVED_SETTINGS_PATH, served_settings, methods=["GET"])]


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Apply database migrations before the first request."""
    default_store()
    yield


def token_from_cookie(cookie_value: str | None) -> str | None:
    """The session token inside a signed, unexpired session cookie, or None."""
    if not cookie_value:
        return None
    settings = load_settings()
    return auth.unsign_cookie(default_store().secret_key(settings.secret_key), cookie_value,
                              settings.session_hours * 3600)


def user_for_token(token: str) -> dict[str, Any] | None:
    """The active person behind a live session token (its row not revoked, not expired), or None."""
    return default_store().user_for_session(token, utcnow())


def user_from_cookie(cookie_value: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """The signed-in user and session token behind a session cookie, or (None, None)."""
    token = token_from_cookie(cookie_value)
    user = user_for_token(token) if token else None
    return (user, token) if user else (None, None)
