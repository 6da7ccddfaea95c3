"""st.Page objects built once per process, not on every rerun.

Building a page resolves its file on disk (about a tenth of a learner rerun's CPU). The menu
depends only on the language and the role, so each such menu is built once; every run gets shallow
copies, because st.navigation marks the page it hands back as runnable on the object itself, and
two sessions running at once must not share that mark.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Hashable
from typing import Any

_menus: dict[Hashable, Any] = {}
_targets: dict[Hashable, dict[str, Any]] = {}  # menu key -> a page's file (absolute) -> its st.Page
_running = threading.local()  # the menu of the script run on this thread
_lock = threading.Lock()


def _copied(menu: Any) -> Any:
    if isinstance(menu, dict):
        return {section: [copy.copy(page) for page in pages] for section, pages in menu.items()}
    return [copy.copy(page) for page in menu]


def menu(key: Hashable, build: Callable[[], Any]) -> Any:
    """The pages (a list, or sections of lists) for `key`, built by `build` the first time."""
    with _lock:
        if key not in _menus:
            _menus[key] = built = build()
            pages = [page for pages in built.values() for page in pages] if isinstance(built, dict) else built
            _targets[key] = {str(page._page): page for page in reversed(pages)}  # the first one of a file
        _running.targets = _targets[key]
        return _copied(_menus[key])


def link_target(path: str) -> Any | None:
    """The st.Page of the page file at `path` (absolute) in the menu this script run registered, to
    hand to st.page_link: given a file name instead, st.page_link resolves it on disk and searches
    every page (a tenth of a millisecond per link). st.page_link only reads it. None outside a run
    that built its menu here (a fragment's rerun, a test): then the file name does."""
    return getattr(_running, "targets", {}).get(path)
