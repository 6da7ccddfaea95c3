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
_lock = threading.Lock()


def _copied(menu: Any) -> Any:
    if isinstance(menu, dict):
        return {section: [copy.copy(page) for page in pages] for section, pages in menu.items()}
    return [copy.copy(page) for page in menu]


def menu(key: Hashable, build: Callable[[], Any]) -> Any:
    """The pages (a list, or sections of lists) for `key`, built by `build` the first time."""
    with _lock:
        if key not in _menus:
            _menus[key] = build()
        return _copied(_menus[key])
