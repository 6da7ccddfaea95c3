"""What the browser needs beyond Streamlit's own markup for WCAG 2.2 AA: the page language, and
a sectioned sidebar menu that screen readers can read as lists.

Streamlit serves `<html lang="en">`, draws a sectioned menu as `<ul><div><header/><li/>…</div></ul>`,
which is not a list to assistive technology, and date fields with day and month segments smaller
than the 24 px targets WCAG 2.5.8 asks for. `LangMiddleware` serves the first HTML with the
course language; `client_fixes` (a small script run by the navigation on each page) keeps `lang`
in step with the language chosen and gives each menu section the role of a named list.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from modules.asgi_body import rewrite_page

DEFAULT_LANG = "id"
_STREAMLIT_HTML = b'<html lang="en">'

_FIXES = """<style>
/* Date fields' day and month segments are tap targets: at least 24 × 24 px (WCAG 2.5.8). */
[role="spinbutton"][contenteditable] { display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; text-align: center; }
</style>
<script>
(function () {
  document.documentElement.lang = %(lang)s;
  function fixMenu() {
    const menu = document.querySelector('[data-testid="stSidebarNavItems"]');
    if (!menu || !menu.querySelector(':scope > div')) return;
    menu.setAttribute('role', 'none');
    menu.querySelectorAll(':scope > div').forEach(function (section) {
      const header = section.querySelector(':scope > header');
      section.setAttribute('role', 'list');
      if (header) {
        section.setAttribute('aria-label', header.innerText.trim());
        header.setAttribute('role', 'none');
      }
    });
  }
  fixMenu();
  if (!window.kelasMenuObserver) {
    window.kelasMenuObserver = new MutationObserver(fixMenu);
    window.kelasMenuObserver.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""


def client_fixes(language: str) -> str:
    """The script for `st.html(..., unsafe_allow_javascript=True)`: no user text goes into it."""
    return _FIXES % {"lang": json.dumps(language if language in ("id", "en") else DEFAULT_LANG)}


def declare(page: bytes, lang: str = DEFAULT_LANG, head: bytes = b"") -> bytes:
    """Streamlit's index page with `<html lang=…>` and `head` (markup of our own, e.g. preloads)
    at the end of its `<head>`."""
    page = page.replace(_STREAMLIT_HTML, f'<html lang="{lang}">'.encode(), 1)
    return page.replace(b"</head>", head + b"</head>", 1) if head else page


class LangMiddleware:
    """Serve Streamlit's index page with `<html lang="id">` (the course language), so the language is
    right before any script runs, and with `head` (markup of our own, e.g. preloads) at the end of
    its `<head>`. Other responses pass through untouched."""

    def __init__(self, app: ASGIApp, lang: str = DEFAULT_LANG, head: bytes = b"") -> None:
        self.app = app
        self.lang = lang
        self.head = head

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        await rewrite_page(self.app, scope, receive, send, lambda page: declare(page, self.lang, self.head))
