"""st.Page objects built once per process, not on every rerun.

Building a page resolves its file on disk (about a tenth of a learner rerun's CPU). The menu
depends only on the language and the role, so each such menu is built once and shared by every
session. st.navigation marks the page it hands back as runnable on the object itself, and `.run()`
clears that mark; two sessions running the same page at once must not share it, so each run gets
a shallow copy of that one page (copying the whole menu on every rerun cost a twentieth of it).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

_menus: dict[Hashable, Any] = {}
_targets: dict[Hashable, dict[str, Any]] = {}  # menu key -> a page's file (absolute) -> its st.Page
_addresses: dict[str, str] = {}  # a page's file (absolute) -> its url path in any menu (not the default)
_running = threading.local()  # the menu of the script run on this thread
_lock = threading.Lock()


def menu(key: Hashable, build: Callable[[], Any]) -> Any:
    """The pages (a list, or sections of lists) for `key`, built by `build` the first time; shared,
    so hand them to `navigation` (st.navigation would mark one of them runnable for everyone)."""
    with _lock:
        if key not in _menus:
            _menus[key] = built = build()
            pages = [page for pages in built.values() for page in pages] if isinstance(built, dict) else built
            _targets[key] = {str(page._page): page for page in reversed(pages)}  # the first one of a file
            _addresses.update((str(page._page), page.url_path) for page in pages if page.url_path)
        _running.targets = _targets[key]
        return _menus[key]


def navigation(key: Hashable, build: Callable[[], Any], **options: Any) -> Any:
    """st.navigation over the menu for `key` (see `menu`); the page it chose comes back as this
    run's own copy, so only this run's `.run()` clears the copy's runnable mark. The shared page
    keeps the mark st.navigation set; nothing runs the shared page itself."""
    return copy.copy(st.navigation(menu(key, build), **options))


def link_target(path: str) -> Any | None:
    """The st.Page of the page file at `path` (absolute) in the menu this script run registered, to
    hand to st.page_link: given a file name instead, st.page_link resolves it on disk and searches
    every page (a tenth of a millisecond per link). st.page_link only reads it. None outside a run
    that built its menu here (a fragment's rerun, a test): then the file name does."""
    return getattr(_running, "targets", {}).get(path)


def address(path: str) -> str:
    """The url path of the page file at `path` (absolute) for a link: "" for the default page of the
    menu this run registered; outside such a run, its address in any menu built so far."""
    target = link_target(path)
    if target is not None:
        return target.url_path
    if path in _addresses:
        return _addresses[path]
    raise LookupError(f"no menu has a page for {path}")
