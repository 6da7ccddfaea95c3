"""Starlette routes served beside the Streamlit app by `st.App`: they set and clear the session cookie.

Streamlit scripts cannot set cookies, so a successful sign-in in the app hands the browser a
one-time code (valid two minutes); the page the person lands on POSTs it to `/auth/masuk` in the
background (the tab itself is signed in already, no reload), which spends it, creates the
server-side session and sets an HttpOnly, SameSite, signed, expiring cookie. The code travels in
the request body, never in a URL (so never in an access log), and both routes accept only a POST
from the app's own pages: a cross-site page can neither sign a visitor in as someone else (login
CSRF) nor sign them out.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from modules import auth
from modules.answer_sheet import CHOICE_PATH, SHEET_PATH
from modules.config import load_settings
from modules.safetext import js_literal
from modules.store import default_store, utcnow

SIGNIN_PATH = "/auth/masuk"
# The session-state key holding a tab's sign-in code until the page it lands on has POSTed it.
PENDING_SIGNIN_CODE = "pending_signin_code"
SIGNOUT_PATH = "/auth/keluar"
SERVED_SETTINGS_PATH = "/_kelas/pengaturan"
LESSON_FILE_PATH = "/unduh/pelajaran"
# The Streamlit options a rollout depends on, as the serving process holds them (no secrets here).
SERVED_OPTIONS = ("server.fileWatcherType", "server.runOnSave", "client.showErrorDetails",
                  "runner.postScriptGC", "server.enableXsrfProtection", "server.websocketPingInterval",
                  "server.disconnectedSessionTTL", "server.maxUploadSize", "global.developmentMode")


MAX_FORM_BYTES = 1024


def same_origin(request: Request) -> bool:
    """Whether a request comes from a page of this app (not from another site's page).

    Browsers say so in `Sec-Fetch-Site`; older ones send an `Origin` that must name this host.
    A request with neither (not from a browser page) is refused too: only the app's pages sign in.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    return bool(origin and host) and urlsplit(origin).netloc.lower() == host.lower()


async def read_form(request: Request, limit: int = MAX_FORM_BYTES) -> dict[str, str] | None:
    """The urlencoded body's fields (the first value of each), or None when the body is larger than
    `limit` bytes: read as it arrives and given up at the limit, never gathered whole first."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return {name: values[0] for name, values in parse_qs(body.decode("utf-8", "replace")).items()}


def set_session_cookie(response: Response, request: Request, user_id: int) -> None:
    """Create a session for `user_id` and hand the browser its HttpOnly, SameSite, signed,
    expiring cookie."""
    settings = load_settings()
    store = default_store()
    token = store.create_session(user_id, utcnow(), settings.session_hours)
    response.set_cookie(
        auth.SESSION_COOKIE, auth.sign_cookie(store.secret_key(settings.secret_key), token),
        max_age=settings.session_hours * 3600, httponly=True, samesite="lax",
        secure=settings.cookie_secure or request.url.scheme == "https", path="/")


async def sign_in(request: Request) -> Response:
    if not same_origin(request):
        return Response(status_code=403)
    form = await read_form(request)
    user_id = default_store().redeem_signin_code((form or {}).get("kode", ""), utcnow())
    if user_id is None:
        return Response(status_code=403)
    response = Response(status_code=204)
    set_session_cookie(response, request, user_id)
    return response


async def sign_out(request: Request) -> Response:
    if not same_origin(request):
        return Response(status_code=403)
    settings = load_settings()
    store = default_store()
    cookie = request.cookies.get(auth.SESSION_COOKIE)
    if cookie:
        token = auth.unsign_cookie(store.secret_key(settings.secret_key), cookie,
                                   settings.session_hours * 3600)
        if token:
            store.delete_session(token)
    response = Response(status_code=204)
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


async def lesson_file(request: Request) -> Response:
    """A lesson as one printable file (modules/lesson_export.py) for a signed-in person: a plain link
    on the lesson page, where a download button would be one more element on every rerun. Labels in
    the reader's language (the language cookie)."""
    from modules.certificates import COURSE_TITLE
    from modules.db import DATABASE_ERRORS
    from modules.i18n import DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LANGUAGES, STRINGS
    from modules.lesson_export import file_name, lesson_html
    from modules.pages.common import catalogue

    language = request.cookies.get(LANGUAGE_COOKIE)
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    try:
        user, _ = await run_in_threadpool(user_from_cookie, request.cookies.get(auth.SESSION_COOKIE))
    except DATABASE_ERRORS:
        return PlainTextResponse(STRINGS["storage.busy_file"][language], status_code=503)
    if user is None:
        return PlainTextResponse(STRINGS["lesson.file_signin"][language], status_code=403)
    lesson = catalogue().lessons.get(request.query_params.get("id", ""))
    if lesson is None:
        return PlainTextResponse(STRINGS["lesson.not_found"][language], status_code=404)
    return Response(lesson_html(lesson, COURSE_TITLE, language), media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{file_name(lesson)}"',
                             "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


_CHOICE_WRITERS: anyio.CapacityLimiter | None = None


def _choice_writers() -> anyio.CapacityLimiter:
    """At most two choices saved at once per process, the rest wait their turn here: a whole batch
    choosing at once would otherwise have dozens of threads polling for the database's one write
    lock, each holding it longer while the process's cores are busy."""
    global _CHOICE_WRITERS
    if _CHOICE_WRITERS is None:
        _CHOICE_WRITERS = anyio.CapacityLimiter(2)
    return _CHOICE_WRITERS


async def quiz_choice(request: Request) -> Response:
    """One choice on an open quiz's answer sheet, saved as it is made (modules/answer_sheet.py): only
    from the app's own pages, for the signed-in owner of the attempt, a body of at most 1 KB.
    204 saved, 503 busy (the browser tries again), 400 not a real choice, 403 not signed in."""
    from modules.answer_sheet import save_sent_choice
    from modules.db import DATABASE_ERRORS
    from modules.pages.common import catalogue

    if not same_origin(request):
        return Response(status_code=403)
    form = await read_form(request)
    if form is None:
        return Response(status_code=413)

    def save() -> str:
        user, _ = user_from_cookie(request.cookies.get(auth.SESSION_COOKIE))
        if user is None:
            return "signed out"
        return save_sent_choice(default_store(), catalogue(), user["id"], form, utcnow())

    try:  # in a worker thread: a write may wait for the lock, and the event loop serves everyone
        outcome = await anyio.to_thread.run_sync(save, limiter=_choice_writers())
    except DATABASE_ERRORS:  # the session or the attempt could not even be read now
        outcome = "busy"
    return Response(status_code={"saved": 204, "busy": 503, "signed out": 403}.get(outcome, 400))


async def quiz_sheet(request: Request) -> Response:
    """An open quiz's questions for its answer sheet (modules/answer_sheet.py), for the signed-in
    owner of the attempt. Fetched once each time the sheet is drawn anew, never kept by the browser
    (ASN share office computers). 503 while the database cannot be read (the sheet tries again)."""
    from modules.answer_sheet import sent_sheet
    from modules.db import DATABASE_ERRORS
    from modules.pages.common import catalogue

    def find() -> str | None:
        user, _ = user_from_cookie(request.cookies.get(auth.SESSION_COOKIE))
        return sent_sheet(default_store(), catalogue(), user["id"], request.query_params) if user else None

    try:
        sheet = await run_in_threadpool(find)
    except DATABASE_ERRORS:
        return Response(status_code=503)
    if sheet is None:
        return Response(status_code=404)
    return Response(sheet, media_type="application/json",
                    headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


def routes() -> list[Route]:
    return [Route(SIGNIN_PATH, sign_in, methods=["POST"]),
            Route(SIGNOUT_PATH, sign_out, methods=["POST"]),
            Route(SERVED_SETTINGS_PATH, served_settings, methods=["GET"]),
            Route(LESSON_FILE_PATH, lesson_file, methods=["GET"]),
            Route(CHOICE_PATH, quiz_choice, methods=["POST"]),
            Route(SHEET_PATH, quiz_sheet, methods=["GET"])]


def _fetch(path: str, form: dict[str, str] | None) -> str:
    return ("fetch(" + js_literal(path) + ", {method: 'POST', credentials: 'same-origin', "
            "headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: "
            + js_literal(urlencode(form or {})) + "})")


def post_then_go_home(path: str, form: dict[str, str] | None = None) -> str:
    """A script for a page of the app: POST `form` to one of these routes, then open the home page."""
    return "<script>" + _fetch(path, form) + ".finally(() => window.location.replace('/'))</script>"


def post_in_background(path: str, form: dict[str, str] | None = None) -> str:
    """A script for a page of the app: POST `form` to one of these routes and stay on the page (a
    tab that has just signed in is signed in already; the cookie is for the next visit)."""
    return "<script>" + _fetch(path, form) + "</script>"


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Apply database migrations before the first request, and say plainly if the database cannot
    be written (the pages then show a banner; nothing is lost that was saved before). Read the
    course before the first request too: reading it takes about a second, which the first person
    to open a lesson after every start would otherwise wait."""
    import logging
    import sys

    from modules.db import DATABASE_ERRORS
    from modules.db.dialect import shown_target
    from modules.pages.common import catalogue

    # Outside a script run Streamlit warns that there is no script context; here that is expected.
    context_log = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = context_log.level
    context_log.setLevel(logging.ERROR)
    try:
        catalogue()
    finally:
        context_log.setLevel(level)

    try:
        problem = default_store().can_write(utcnow())
    except DATABASE_ERRORS as error:
        problem = str(error)
    if problem:
        where = shown_target(load_settings().database)
        print(f"kelas: PERINGATAN: basis data {where} tidak dapat ditulis ({problem}). "
              "Periksa ruang disk dan izin berkas; sampai itu diperbaiki, jawaban peserta tidak tersimpan.",
              file=sys.stderr)
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
