"""The server side of the plain first screen (modules/first_screen.py): the index page carries it for
a visitor without a session, and its form posts here, natively, to `POST /`.

The route runs the very rules of the app's own sign-in form (modules/signin.py: the five-misses
lock, the per-client throttle, the audit log, deactivated accounts), in the visitor's language. A
success creates the session, sets the session cookie and redirects to the app, which opens the
role's own first page (modules/navigation.py: its default page; Streamlit 1.67 answers a default
page's own URL, such as /beranda for a learner, with "page not found"); a
failure answers the same plain page with the same message and the NIP typed (escaped), never the
password. Like the other sign-in routes it takes only a same-origin POST (no login CSRF from
another site) and a small body, read no further than its limit.

`GET /` stays Streamlit's: a route that matches the path but not the method lets Starlette fall
through to Streamlit's pages. Only `/` carries the screen: Streamlit answers `/masuk` (the sign-in
page's own URL, the default page) with a "page not found" dialog that takes the focus from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from modules import certificates
from modules.accessibility import declare
from modules.asgi_body import rewrite_page
from modules.auth import SESSION_COOKIE
from modules.first_screen import LANGUAGE_FIELD, NIP_FIELD, PASSWORD_FIELD, screen, with_screen
from modules.hardening import logged_failure
from modules.i18n import DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LANGUAGES, speaking, t
from modules.preload import STATIC, first_screen_links
from modules.signin import sign_in
from modules.store import default_store, utcnow
from modules.web import read_form, same_origin, set_session_cookie, user_from_cookie

# Where a visitor without a session sees the plain first screen; `?daftar=1` opens the app's own
# registration form instead (the plain screen's Daftar link, followed before the app is ready).
SCREEN_PATH = "/"
REGISTER_QUERY = "daftar"
# The page depends on the session cookie, but Streamlit's validators (ETag, Last-Modified) are
# those of its index file: a browser revalidating would be told its copy with or without the screen
# is still good. At the screen's path the page is therefore always sent whole.
_CONDITIONAL = (b"if-none-match", b"if-modified-since")
# NIP (40) and password (128 characters, up to 12 bytes each once UTF-8 and percent-encoded) and
# the language: far below this; anything larger is not our form.
MAX_BODY_BYTES = 4096
LANGUAGE_MAX_AGE = 365 * 24 * 3600  # as the app writes it (modules/navigation.py)


def saved_language(cookies: Mapping[str, str]) -> str:
    """The language this browser chose last (its cookie), or the course default."""
    chosen = cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def wants_screen(path: str, query_string: bytes) -> bool:
    """Whether a page request is for the first screen (the sign-in form, not registration)."""
    return path == SCREEN_PATH and REGISTER_QUERY not in parse_qs(query_string.decode("latin-1"))


@cache
def _index() -> bytes:
    return (STATIC / "index.html").read_bytes()


def plain_page(language: str, *, nip: str = "", errors: Sequence[str] = ()) -> bytes:
    """The whole page as Streamlit's index serves it (preloads included), with the plain screen."""
    return with_screen(declare(_index(), language, first_screen_links()),
                       screen(language, nip=nip, errors=errors))


def _page_response(language: str, nip: str, errors: Sequence[str] = ()) -> HTMLResponse:
    response = HTMLResponse(plain_page(language, nip=nip, errors=errors),
                            headers={"Cache-Control": "no-store"})  # it may hold a NIP
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_MAX_AGE, samesite="lax", path="/")
    return response


def _answer(request: Request, form: Mapping[str, str], client: str | None) -> Response:
    chosen = form.get(LANGUAGE_FIELD)
    language = chosen if chosen in LANGUAGES else saved_language(request.cookies)
    nip = form.get(NIP_FIELD, "")
    if chosen is not None:  # a language button: the same screen in that language, the NIP kept
        return _page_response(language, nip)
    with speaking(language):
        try:
            outcome = sign_in(default_store(), nip=nip, password=form.get(PASSWORD_FIELD, ""), now=utcnow(),
                              client=client)
        except Exception as error:  # as on the app's pages (modules/pages/guard.py): no stack trace shown
            key, reference = logged_failure(error, "on the first screen's sign-in")
            return _page_response(language, nip, [t(key, ref=reference)])
    if outcome.errors or outcome.user is None:
        return _page_response(language, nip, outcome.errors)
    response = RedirectResponse("./", status_code=303)
    set_session_cookie(response, request, outcome.user["id"])
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_MAX_AGE, samesite="lax", path="/")
    return response


async def plain_sign_in(request: Request) -> Response:
    """`POST /` from the plain first screen."""
    if not same_origin(request):
        return Response(status_code=403)
    form = await read_form(request, MAX_BODY_BYTES)
    if form is None:
        return Response(status_code=413)
    client = certificates.throttle_client(request.client.host if request.client else None,
                                          request.headers.get("x-forwarded-for"))
    # Password hashing and the database are blocking work: off the event loop, which serves every
    # open page's websocket.
    return await run_in_threadpool(_answer, request, form, client)


def routes() -> list[Route]:
    return [Route(SCREEN_PATH, plain_sign_in, methods=["POST"])]


def _signed_in(cookie: str) -> bool:
    return user_from_cookie(cookie)[0] is not None


class FirstScreenMiddleware:
    """Serve Streamlit's index page with the plain first screen in it, at the sign-in paths, to a
    visitor without a valid session; everything else passes through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" \
                or not wants_screen(scope.get("path", ""), scope.get("query_string", b"")):
            await self.app(scope, receive, send)
            return
        scope = dict(scope, headers=[(name, value) for name, value in scope["headers"] if name not in _CONDITIONAL])
        cookies = Request(scope).cookies
        session = cookies.get(SESSION_COOKIE)
        if session and await run_in_threadpool(_signed_in, session):
            await self.app(scope, receive, send)
            return
        markup = screen(saved_language(cookies))
        await rewrite_page(self.app, scope, receive, send, lambda page: with_screen(page, markup))
