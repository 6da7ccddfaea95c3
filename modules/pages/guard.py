"""Running the chosen page so that no stack trace ever reaches a browser.

An unexpected error is written to the server log with a short reference and the person sees a
plain message with that reference. A write the database refused (disk full, read-only) says the
answer or change was NOT saved; every write is one transaction, so nothing half-written remains.
Streamlit's own st.stop/st.rerun are BaseExceptions and pass through untouched.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from typing import Any, ParamSpec

import streamlit as st

from modules.hardening import logged_failure
from modules.i18n import t
from modules.store import utcnow

P = ParamSpec("P")


def show_failure(error: Exception, where: str) -> None:
    """Log the error with a reference and tell the person in plain words (saved or not)."""
    key, reference = logged_failure(error, where)
    st.error(t(key, ref=reference), icon=":material/save:" if key == "storage.write_failed" else ":material/error:")


def run_page(navigation: Any) -> None:
    try:
        navigation.run()
    except Exception as error:  # st.stop() and st.rerun() are not Exceptions: they pass
        show_failure(error, "on a page run")


def guarded(part: Callable[P, None]) -> Callable[P, None]:
    """The same for a fragment: its own reruns run it without the page around it."""
    @functools.wraps(part)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            part(*args, **kwargs)
        except Exception as error:
            show_failure(error, f"in {part.__name__}")
    return run


_checked: dict[str, tuple[float, str | None]] = {}  # database (path or URL) -> (when checked, the problem)
CHECK_SECONDS = 30.0


def _write_problem(db_path: str) -> str | None:
    """Why the database cannot be written (None when it can), found again at most every 30 s per
    process: a module's dict, because st.cache_data would hash and copy on every rerun."""
    from modules.db import DATABASE_ERRORS
    from modules.pages.common import store

    held = _checked.get(db_path)
    now = time.monotonic()
    if held is not None and now - held[0] < CHECK_SECONDS:
        return held[1]
    try:
        problem = store().can_write(utcnow())
    except DATABASE_ERRORS as error:  # the database could not even be opened or migrated
        problem = str(error)
    _checked[db_path] = (now, problem)
    return problem


def warn_if_storage_fails(db_path: str) -> None:
    """A banner on every page while the database cannot be written (checked at most every 30 s)."""
    problem = _write_problem(db_path)
    if problem:
        print(f"kelas: database cannot be written: {problem}", file=sys.stderr)
        st.warning(t("storage.readonly_banner"), icon=":material/warning:")
