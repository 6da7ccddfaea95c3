"""What the browser needs beyond Streamlit's own markup for WCAG 2.2 AA: the page language, and
a sectioned sidebar menu that screen readers can read as lists.

Streamlit serves `<html lang="en">`, draws a sectioned menu as `<ul><div><header/><li/>…</div></ul>`,
which is not a list to assistive technology, and date fields with day and month segments smaller
than the 24 px targets WCAG 2.5.8 asks for. `LangMiddleware` serves the first HTML with the
course language, with `PAGE_HEAD` (our CSS and a small script, served once with the page instead
of as an element on every rerun) at the end of its `<head>`: the script sets `lang` from the language
cookie and gives each menu section the role of a named list; `lang_switched` keeps `lang` in step
when the language is switched on the page.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from modules.asgi_body import rewrite_page
from modules.i18n import LANGUAGE_COOKIE
from modules.link_panel import NAV_ATTRIBUTE

DEFAULT_LANG = "id"
_STREAMLIT_HTML = b'<html lang="en">'

# Link labels wrap on a phone instead of ending in "…" (Streamlit draws them on one line), the
# language switch keeps to the right, and date fields' day and month segments are tap targets of at
# least 24 × 24 px (WCAG 2.5.8). The quiz's answer sheet brings its own (modules/answer_sheet.css).
_CSS = """<style>
[data-testid='stPageLink-NavLink'] span, [data-testid='stPageLink-NavLink'] div,
[data-testid='stPageLink-NavLink'] p { white-space: normal; overflow: visible; text-overflow: clip; }
[data-testid='stPageLink-NavLink'] { height: auto; }
.st-key-language_switch { align-self: flex-end; }
[data-testid='stMarkdownContainer'] blockquote { color: inherit; border-left-color: #0B5CAD; }
.kelas-panel { display: flex; flex-direction: column; gap: 0.5rem; }
.kelas-card { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: calc(1rem - 1px); }
.kelas-panel p { margin: 0; }
.kelas-meter { display: flex; flex-direction: column; gap: 0.5rem; }
.kelas-meter progress { width: 100%; height: 0.5rem; border: none; border-radius: 0.25rem;
  background: rgba(49, 51, 63, 0.1); color: #0B5CAD; appearance: none; -webkit-appearance: none; }
.kelas-meter progress::-webkit-progress-bar { background: rgba(49, 51, 63, 0.1); border-radius: 0.25rem; }
.kelas-meter progress::-webkit-progress-value { background: #0B5CAD; border-radius: 0.25rem; }
.kelas-meter progress::-moz-progress-bar { background: #0B5CAD; border-radius: 0.25rem; }
.kelas-links { display: flex; flex-direction: column; gap: 0.125rem; }
.kelas-link { display: flex; align-items: flex-start; gap: 0.5rem; padding: 0.25rem 0.5rem;
  margin-left: -0.5rem; border-radius: 0.5rem; min-height: 2rem; line-height: 1.5rem;
  color: inherit !important; text-decoration: none !important; }
.kelas-unseen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
.kelas-plain { color: rgba(17, 17, 17, 0.75); }
a.kelas-link:hover { background: rgba(151, 166, 195, 0.15); }
.kelas-link:focus-visible { outline: 2px solid #0B5CAD; outline-offset: 1px; }
.kelas-icon { font-family: "Material Symbols Rounded"; font-weight: 400; font-style: normal;
  font-size: 1.25rem; line-height: 1.5rem; letter-spacing: normal; text-transform: none;
  white-space: nowrap; direction: ltr; font-feature-settings: "liga"; -webkit-font-smoothing: antialiased;
  user-select: none; flex: none; width: 1.25rem; overflow: hidden; color: rgba(17, 17, 17, 0.6); }
[role="spinbutton"][contenteditable] { display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; text-align: center; }
</style>"""

_SCRIPT = """<script>
(function () {
  const chosen = document.cookie.match(/(?:^|; )%(cookie)s=(id|en)(?:;|$)/);
  document.documentElement.lang = chosen ? chosen[1] : %(default)s;
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
  // Our links drawn as one element (modules/link_panel.py): a plain left click becomes Streamlit's
  // in-app navigation, the way its Back button works (it runs the page the address names).
  document.addEventListener('click', function (event) {
    const link = event.target.closest && event.target.closest('a[%(nav)s]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
        || event.shiftKey || event.altKey || link.origin !== location.origin) return;
    event.preventDefault();
    history.pushState({}, '', link.href);
    window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));
  });
  document.addEventListener('DOMContentLoaded', function () {
    fixMenu();
    new MutationObserver(fixMenu).observe(document.body, {childList: true, subtree: true});
  });
})();
</script>""".replace("%(cookie)s", LANGUAGE_COOKIE).replace("%(nav)s", NAV_ATTRIBUTE).replace(
    "%(default)s", json.dumps(DEFAULT_LANG))

PAGE_HEAD = (_CSS + _SCRIPT).encode()


def lang_switched(language: str) -> str:
    """The script for `st.html(..., unsafe_allow_javascript=True)` when the language is switched: keep
    it for a year and say it to screen readers at once. No user text goes into it."""
    language = language if language in ("id", "en") else DEFAULT_LANG
    return (f"<script>document.cookie = '{LANGUAGE_COOKIE}={language}; path=/; max-age=31536000; SameSite=Lax';"
            f"document.documentElement.lang = '{language}';</script>")


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
