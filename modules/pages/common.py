"""What every page shares: the signed-in user, the catalogue, the store, role checks, links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from modules import page_cache
from modules.config import Settings, current_settings, load_settings
from modules.course import Catalogue, load_catalogue
from modules.i18n import t
from modules.link_panel import Link, panel_html
from modules.store import Store, default_store

_SCRIPT_DIR = Path(__file__).resolve().parent.parent  # where modules/navigation.py is

PAGE_FILES = {
    "home": "pages/home.py",
    "lesson": "pages/lesson.py",
    "quiz": "pages/quiz.py",
    "progress": "pages/progress.py",
    "evaluation": "pages/evaluation.py",
}
PILLAR_PAGE_FILES = {
    "digital-skills": "pages/pillar_cakap.py",
    "digital-safety": "pages/pillar_aman.py",
    "digital-culture": "pages/pillar_budaya.py",
    "digital-ethics": "pages/pillar_etis.py",
}
PILLAR_ICONS = {"digital-skills": ":material/computer:", "digital-safety": ":material/shield_lock:",
                "digital-culture": ":material/diversity_3:", "digital-ethics": ":material/balance:"}


@st.cache_resource
def catalogue() -> Catalogue:
    """The course, read once per process; its problems go to the server log (file:line) at once,
    and quizzes they leave too short are refused on the quiz page (modules/quiz_gate.py)."""
    import sys

    settings = load_settings()
    loaded = load_catalogue(settings.content_dir, settings.quizzes_dir)
    for problem in loaded.problems:
        print(f"kelas: isi kursus bermasalah: {problem}", file=sys.stderr)
    return loaded


def settings() -> Settings:
    return current_settings()


_held_store: tuple[Path, Store] | None = None


def store() -> Store:
    """The store of the configured database (one per process and database)."""
    global _held_store
    path = current_settings().database
    held = _held_store
    if held is None or held[0] != path:
        held = _held_store = (path, default_store())
    return held[1]


def page_link(file: str, **options: Any) -> Any:
    """st.page_link to one of our page files (PAGE_FILES), through its registered st.Page."""
    target = page_cache.link_target(str(_SCRIPT_DIR / file))
    return st.page_link(target if target is not None else file, **options)


@dataclass(frozen=True)
class PageLink:
    file: str  # one of our page files (PAGE_FILES, PILLAR_PAGE_FILES); "" for a line without a link
    label: str
    icon: str
    query: Mapping[str, str] = field(default_factory=dict)
    status: str = ""  # what the icon shows, for screen readers (link_panel.Link)


def page_links(links: Sequence[PageLink | Link], **panel: Any) -> None:
    """Links to our pages as one element rather than one st.page_link each (modules/link_panel.py);
    a link_panel.Link is drawn as it is (e.g. a file to download). `panel` as for
    link_panel.panel_html (lead, meter, card)."""
    drawn = []
    for link in links:
        if isinstance(link, Link):
            drawn.append(link)
            continue
        query = f"?{urlencode(dict(link.query))}" if link.query else ""
        href = f"./{page_cache.address(str(_SCRIPT_DIR / link.file))}{query}" if link.file else ""
        drawn.append(Link(href, link.label, link.icon, link.status))
    st.html(panel_html(drawn, **panel))


def current_user() -> dict[str, Any] | None:
    return st.session_state.get("user")


def require_role(*roles: str) -> dict[str, Any]:
    """The signed-in user if their role may see this page; otherwise a refusal and stop."""
    user = current_user()
    if user is None:
        st.warning(t("access.signin_first"))
        st.stop()
    if roles and user["role"] not in roles:
        st.error(t("access.denied"))
        st.stop()
    return user


def client_key() -> str | None:
    """Whom to count sign-in and activation attempts against (certificates.throttle_client), found as
    the verification page finds the client's address."""
    from modules import certificates

    peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    return certificates.throttle_client(peer if isinstance(peer, str) else None,
                                        forwarded if isinstance(forwarded, str) else None)


def quiz_title(quiz_id: str) -> str:
    """A pillar's name for its quiz, or the name of the pre- or post-test."""
    return t(f"test.{quiz_id}.title") if quiz_id in ("pretest", "posttest") else t(f"pillar.{quiz_id}.title")


_PINNED, _PINNED_BEFORE = "query_pinned", "query_pinned_before"


def start_run() -> None:
    """Called first on every run of the app (modules/navigation.py): what `pin_query_param` wrote
    in the previous run becomes what it compares with in this one."""
    st.session_state[_PINNED_BEFORE] = st.session_state.pop(_PINNED, None)


def pin_query_param(key: str, value: str) -> None:
    """Write a query parameter back to the browser's address bar.

    A `st.page_link` to the page that is already open carries its query parameters to the
    server but leaves the address bar as it was (Streamlit 1.67), so the next rerun (a button
    click) would arrive with the old ones. Writing the value back keeps the two in step.
    Each write is a message to the browser: it is skipped when the previous run pinned the very
    same parameters, as on every click on the page (the address bar shows them already).
    """
    if st.query_params.get(key) != value or st.session_state.get(_PINNED_BEFORE) != st.query_params.to_dict():
        st.query_params[key] = value
    st.session_state[_PINNED] = st.query_params.to_dict()
