"""The first screen as plain HTML, inside the page Streamlit serves: the sign-in form a visitor
without a session sees and can use at once, before Streamlit's scripts have loaded and run.

Why: Streamlit's frontend (about 2.8 MB of scripts) takes 0.8–1.1 s to load and run in a browser,
even from its cache, and only then draws the sign-in form. This markup is drawn with the page itself.

It sits beside Streamlit's `#root`, which React never leaves, so nothing typed here is wiped when
the app mounts; Streamlit's own sign-in page loads hidden behind it. The form posts natively to
`/` (modules/plain_signin.py: the same sign-in rules) and works without any script. With
scripts, a sign-in or a link is done through the hidden app's own form or link once the app is
ready (an in-app step, as fast as the app's own sign-in, no reload): the values typed are handed to
it and the app's page takes this one's place; if the app is not ready within a few seconds, the
browser does the plain thing. Only our own strings (modules/i18n.py) and escaped values go in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from modules import auth
from modules.i18n import LANGUAGES, speaking, t
from modules.safetext import js_literal

SCREEN_ID = "kelas-first"
FORM_ID = "kf-signin"
# The form's field names (the route reads them; see modules/plain_signin.py).
NIP_FIELD, PASSWORD_FIELD, LANGUAGE_FIELD = "nip", "sandi", "bahasa"
LANGUAGE_NAMES = {"id": "Indonesia", "en": "English"}
NIP_MAX_CHARS = 40  # as the app's own field (modules/pages/signin.py)

# Looks like Streamlit's first screen with this theme (.streamlit/config.toml), measured from it:
# the same font (its own @font-face, already in the page's stylesheet), sizes, gaps and colours, so
# nothing jumps when the app's page takes this one's place. Everything under #kelas-first, so that
# Streamlit's global styles cannot reach in; what follows the screen (the app) is hidden behind it.
_CSS = """
#kelas-first ~ * { visibility: hidden; }
#kelas-first { position: fixed; inset: 0; z-index: 999999; overflow-y: auto; overscroll-behavior: contain;
  background: #fff; color: #111; font: 400 16px/1.6 "Source Sans", sans-serif; display: flex; }
#kelas-first *, #kelas-first *::before, #kelas-first *::after { box-sizing: border-box; }
#kelas-first[aria-busy="true"] { cursor: progress; }
#kelas-first .kf-side { display: none; }
@media (min-width: 769px) {
  #kelas-first .kf-side { display: block; flex: 0 0 300px; background: #f8f8f7; border-right: 1px solid #e2e2e2;
    min-height: 100%; }
}
#kelas-first .kf-main { flex: 1 1 auto; min-width: 0; }
#kelas-first .kf-block { max-width: 736px; margin: 0 auto; padding: 96px 16px 160px; display: flex;
  flex-direction: column; gap: 16px; }
#kelas-first .kf-group { display: inline-flex; align-self: flex-start; }
#kelas-first .kf-lang { align-self: flex-end; margin: 0; }
#kelas-first .kf-seg { display: inline-flex; align-items: center; height: 32px; padding: 4px 16px; margin: 0;
  font: 400 14px/22.4px "Source Sans", sans-serif; color: #111; background: #fff; text-decoration: none;
  border: 1px solid rgba(17, 17, 17, 0.2); border-radius: 0; cursor: pointer; }
#kelas-first .kf-seg + .kf-seg { margin-left: -1px; }
#kelas-first .kf-seg:first-child { border-radius: 8px 0 0 8px; }
#kelas-first .kf-seg:last-child { border-radius: 0 8px 8px 0; }
#kelas-first .kf-seg:hover { color: #0b5cad; border-color: #0b5cad; position: relative; }
#kelas-first .kf-seg.kf-on { color: #0b5cad; background: rgba(11, 92, 173, 0.1); border-color: #0b5cad;
  position: relative; }
#kelas-first h1 { margin: 0 0 -16px; padding: 20px 0 16px; font: 700 44px/52.8px "Source Sans", sans-serif; color: #111;
  overflow-wrap: break-word; }
#kelas-first p { margin: 0 0 16px; padding: 0; font-size: 16px; line-height: 25.6px; }
#kelas-first .kf-intro p:last-child { margin-bottom: 0; }
#kelas-first strong { font-weight: 600; }
#kelas-first .kf-links { display: flex; flex-direction: column; gap: 4px; margin: -6px 0; }
#kelas-first .kf-link { display: inline-flex; align-self: flex-start; align-items: center; gap: 8px; margin: 2px 0;
  padding: 0 8px; border-radius: 8px; color: #111; text-decoration: none; font-size: 14px; line-height: 28px; }
#kelas-first .kf-link p { margin: 0; font-size: 14px; line-height: 28px; }
#kelas-first .kf-link:hover { background: rgba(17, 17, 17, 0.05); }
#kelas-first .kf-icon { display: block; width: 16px; height: 16px; flex: 0 0 16px; }
#kelas-first form.kf-form { margin: 0; padding: 15px; border: 1px solid rgba(17, 17, 17, 0.2); border-radius: 8px;
  display: flex; flex-direction: column; gap: 16px; }
#kelas-first label { display: block; margin: 0 0 4px; min-height: 24px; font: 400 14px/22.4px "Source Sans", sans-serif;
  color: #111; }
#kelas-first .kf-field { display: flex; align-items: center; height: 40px; background: #f8f8f7;
  border: 1px solid rgba(17, 17, 17, 0.2); border-radius: 8px; }
#kelas-first .kf-field:focus-within { border-color: #0b5cad; }
#kelas-first input { flex: 1 1 auto; min-width: 0; height: 38px; margin: 0; padding: 8px 8px 8px 12px; border: 0;
  background: transparent; color: #111; font: 400 14px/19.6px "Source Sans", sans-serif; outline: none; }
#kelas-first input::placeholder { color: rgba(17, 17, 17, 0.6); opacity: 1; }
#kelas-first .kf-eye { flex: 0 0 auto; height: 38px; padding: 0 8px; border: 0; background: transparent;
  color: #111; cursor: pointer; border-radius: 0 8px 8px 0; }
#kelas-first .kf-eye .kf-icon { width: 16px; height: 16px; }
#kelas-first .kf-primary { align-self: flex-start; min-height: 40px; margin: 0; padding: 4px 12px;
  font: 400 14px/22.4px "Source Sans", sans-serif; color: #fff; background: #0b5cad; border: 1px solid #0b5cad;
  border-radius: 8px; cursor: pointer; }
#kelas-first .kf-primary:hover { background: #094c8f; border-color: #094c8f; }
#kelas-first button:focus-visible, #kelas-first a:focus-visible { outline: 2px solid #0b5cad; outline-offset: 2px; }
#kelas-first .kf-error { margin: 0; padding: 16px; border-radius: 8px; background: rgb(255, 241, 242);
  color: rgb(158, 48, 59); }
"""

# No user text in here. `through` acts on the hidden app's own element once the app is idle and
# connected (Streamlit's own markers, the ones its e2e tests wait for), or after WAIT ms gives up
# and lets the browser do the plain thing. Values are handed to React's inputs the way a person's
# typing reaches them (the native value setter, then an input event).
_SCRIPT = """
(function () {
  var screen = document.getElementById('kelas-first');
  var form = document.getElementById('kf-signin');
  if (!screen || !form) return;
  var WAIT = 4000;
  function ready() {
    return document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]'
      + '[data-test-connection-state="CONNECTED"]');
  }
  function find(selector, text) {
    if (!ready()) return null;
    var found = document.querySelectorAll('#root ' + selector);
    for (var i = 0; i < found.length; i++) {
      if (!text || found[i].textContent.trim() === text) return found[i];
    }
    return null;
  }
  function through(selector, text, act, plain) {
    var started = Date.now();
    screen.setAttribute('aria-busy', 'true');
    (function attempt() {
      var twin = find(selector, text);
      if (twin) { act(twin); return; }
      if (Date.now() - started > WAIT) { screen.removeAttribute('aria-busy'); plain(); return; }
      setTimeout(attempt, 50);
    })();
  }
  function reveal() { screen.remove(); }
  function put(input, value) {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  }
  var sending = false;
  var language = screen.querySelector('.kf-lang');
  language.addEventListener('submit', function () { language.elements.nip.value = form.elements.nip.value; });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (sending) return;
    sending = true;
    through('[data-testid="stFormSubmitButton"] button', null, function (button) {
      var nip = find('.st-key-signin_nip input'), password = find('.st-key-signin_password input');
      if (!nip || !password) { form.submit(); return; }
      put(nip, form.elements.nip.value);
      put(password, form.elements.sandi.value);
      reveal();
      button.click();
    }, function () { form.submit(); });
  });
  screen.querySelectorAll('a[data-twin]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      through(link.dataset.twin, link.dataset.twinText, function (twin) { reveal(); twin.click(); },
              function () { window.location.assign(link.href); });
    });
  });
  var eye = screen.querySelector('.kf-eye');
  eye.hidden = false;
  eye.addEventListener('click', function () {
    var shown = form.elements.sandi.type === 'text';
    form.elements.sandi.type = shown ? 'password' : 'text';
    eye.setAttribute('aria-pressed', shown ? 'false' : 'true');
  });
  if (form.dataset.failed) form.elements.sandi.focus();
  // The answer to a POST becomes a plain entry in the history: a reload asks again, it does not re-send.
  if (window.history.replaceState) window.history.replaceState(null, '', window.location.href);
})();
"""


def _markdown(text: str) -> str:
    """Our own strings' Markdown (paragraphs, **bold**) as HTML; the text itself escaped first."""
    paragraphs = (re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(part)) for part in text.split("\n\n"))
    return "".join(f"<p>{part}</p>" for part in paragraphs)


# Material icons as inline SVG (24 × 24 paths): the icon font (375 KB) would be fetched and decoded
# on the main thread before the screen's first layout.
_ICONS = {
    "key": "M12.65 10C11.83 7.67 9.61 6 7 6c-3.31 0-6 2.69-6 6s2.69 6 6 6c2.61 0 4.83-1.67 5.65-4H17v4h4v-4h2v-4"
           "H12.65zM7 14c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2z",
    "lock_reset": "M13 3c-4.97 0-9 4.03-9 9H1l4 3.99L9 12H6c0-3.87 3.13-7 7-7s7 3.13 7 7-3.13 7-7 7c-1.9 0-3.62-.76"
                  "-4.88-2.02l-1.42 1.42C8.27 19.99 10.51 21 13 21c4.97 0 9-4.03 9-9s-4.03-9-9-9zm2 8v-1c0-1.1-.9-2-2"
                  "-2s-2 .9-2 2v1c-.55 0-1 .45-1 1v3c0 .55.45 1 1 1h4c.55 0 1-.45 1-1v-3c0-.55-.45-1-1-1zm-1 0h-2v-1c0"
                  "-.55.45-1 1-1s1 .45 1 1v1z",
    "visibility": "M12 6c3.79 0 7.17 2.13 8.82 5.5C19.17 14.87 15.79 17 12 17s-7.17-2.13-8.82-5.5C4.83 8.13 8.21 6 12 6"
                  "m0-2C7 4 2.73 7.11 1 11.5 2.73 15.89 7 19 12 19s9.27-3.11 11-7.5C21.27 7.11 17 4 12 4zm0 5"
                  "c1.38 0 2.5 1.12 2.5 2.5S13.38 14 12 14s-2.5-1.12-2.5-2.5S10.62 9 12 9m0-2c-2.48 0-4.5 2.02-4.5 4.5"
                  "S9.52 16 12 16s4.5-2.02 4.5-4.5S14.48 7 12 7z",
}


def _icon(name: str) -> str:
    return (f'<svg class="kf-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
            f'<path fill="currentColor" d="{_ICONS[name]}"/></svg>')


def _page_link(href: str, url_path: str, icon: str, label: str) -> str:
    twin = f'a[data-testid="stPageLink-NavLink"][href$="/{url_path}"]'
    return (f'<a class="kf-link" href="{href}" data-twin="{html.escape(twin)}">{_icon(icon)}'
            f'{_markdown(label)}</a>')


def screen(language: str, *, nip: str = "", errors: Sequence[str] = ()) -> str:
    """The plain first screen in `language`: the sign-in form with `nip` filled in (escaped; the
    password is never put back) and `errors` shown under it."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    with speaking(language):
        return _screen(language, nip, errors)


def _screen(language: str, nip: str, errors: Sequence[str]) -> str:
    # Its own form (a button of the sign-in form before it would be the one Enter presses), which the
    # script gives the NIP typed so far.
    switch = "".join(
        f'<button type="submit" name="{LANGUAGE_FIELD}" value="{code}" '
        f'class="kf-seg{" kf-on" if code == language else ""}" role="radio" '
        f'aria-checked="{str(code == language).lower()}">'
        f'{name}</button>' for code, name in LANGUAGE_NAMES.items())
    twin_register = html.escape('.st-key-signin_mode button')
    failed = ' data-failed="1"' if errors else ""
    alert = "".join(f'<div class="kf-error" role="alert">{html.escape(error)}</div>' for error in errors)
    return (
        f'<div id="{SCREEN_ID}" lang="{language}"><style>{_CSS}</style><div class="kf-side"></div>'
        f'<main class="kf-main"><div class="kf-block">'
        f'<form class="kf-group kf-lang" method="post" action="./" role="radiogroup" '
        f'aria-label="{html.escape(t("nav.language"))}"><input type="hidden" name="{NIP_FIELD}">{switch}</form>'
        f'<h1>{html.escape(t("signin.title"))}</h1>'
        f'<div class="kf-intro">{_markdown(t("signin.intro"))}</div>'
        f'<div class="kf-links">{_page_link("./aktivasi", "aktivasi", "key", t("activate.link"))}'
        f'{_page_link("./lupa-sandi", "lupa-sandi", "lock_reset", t("reset.link"))}</div>'
        f'<div class="kf-group" role="radiogroup" aria-label="{html.escape(t("signin.mode"))}">'
        f'<a class="kf-seg kf-on" href="./" role="radio" aria-checked="true">{html.escape(t("signin.tab"))}</a>'
        f'<a class="kf-seg" href="./?daftar=1" role="radio" aria-checked="false" data-twin="{twin_register}" '
        f'data-twin-text="{html.escape(t("register.tab"))}">{html.escape(t("register.tab"))}</a></div>'
        f'<form id="{FORM_ID}" class="kf-form" method="post" action="./"{failed}>'
        f'<div><label for="kf-nip">{html.escape(t("field.nip"))}</label><div class="kf-field">'
        f'<input id="kf-nip" name="{NIP_FIELD}" maxlength="{NIP_MAX_CHARS}" placeholder="19860926 201505 1 001" '
        f'autocomplete="username" value="{html.escape(nip[:NIP_MAX_CHARS])}"></div></div>'
        f'<div><label for="kf-password">{html.escape(t("field.password"))}</label><div class="kf-field">'
        f'<input id="kf-password" name="{PASSWORD_FIELD}" type="password" maxlength="{auth.PASSWORD_MAX_LENGTH}" '
        f'autocomplete="current-password"><button type="button" class="kf-eye" hidden aria-pressed="false" '
        f'aria-label="{html.escape(t("signin.show_password"))}">{_icon("visibility")}</button></div></div>'
        f'<button type="submit" class="kf-primary">{html.escape(t("signin.button"))}</button>{alert}</form>'
        f'</div></main><script>{_SCRIPT}</script></div>')


# Streamlit's main script and the modules it preloads, in its index page.
_MAIN_SCRIPT = re.compile(rb'<script type="module" crossorigin src="(\./static/js/[\w.-]+\.js)"></script>')
_PRELOAD = re.compile(rb'<link rel="modulepreload" crossorigin href="\./static/js/[\w.-]+\.js">')
# Started once the plain screen has been painted. Fetched at once, Streamlit's 80 modules are parsed
# on the browser's worker threads and its main script evaluated (about 0.15 s) before the first
# paint, all competing with it for the processor. requestAnimationFrame runs just before a frame is
# painted, its timeout just after; the later timeout is a fallback. (Scripts that markup inserts do
# not run: the main script is made as an element.)
_BOOT = """<script>(function (src, preloads) {
  var started = false;
  function boot() {
    if (started) return;
    started = true;
    document.head.insertAdjacentHTML('beforeend', preloads);
    var script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = 'anonymous';
    script.src = src;
    document.head.appendChild(script);
  }
  requestAnimationFrame(function () { setTimeout(boot, 0); });
  setTimeout(boot, 500);
})(%s, %s);</script>"""


def with_screen(page: bytes, markup: str) -> bytes:
    """Streamlit's index page with `markup` first in its body (before `#root`, which React fills),
    and Streamlit's scripts started after the screen has been painted."""
    main = _MAIN_SCRIPT.search(page)
    if main is not None:
        preloads = b"".join(_PRELOAD.findall(page))
        page = _PRELOAD.sub(b"", page[:main.start()] + page[main.end():])
        markup += _BOOT % (js_literal(main.group(1).decode()), js_literal(preloads.decode()))
    return page.replace(b"<body>", b"<body>" + markup.encode(), 1)
