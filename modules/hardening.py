"""Changes to Streamlit's server behaviour that a shared course server needs, applied at start-up."""

from __future__ import annotations

import secrets
import sys
import traceback

from modules.db import DATABASE_ERRORS

# Words of SQLite's and PostgreSQL's messages when the disk is full or the database cannot be written.
_STORAGE_WORDS = ("readonly", "read-only", "disk is full", "database or disk is full", "disk i/o error",
                  "unable to open database", "attempt to write", "no space left on device",
                  "could not extend file", "could not write")


def _database_says(error: BaseException, words: tuple[str, ...]) -> bool:
    return isinstance(error, DATABASE_ERRORS) and any(word in str(error).lower() for word in words)


def storage_problem(error: BaseException) -> bool:
    """Whether an error means the database cannot be written (disk full, read-only file or disk)."""
    return _database_says(error, _STORAGE_WORDS)


# Words of SQLite's and PostgreSQL's messages when a write waited out the write lock's timeout.
_BUSY_WORDS = ("database is locked", "lock timeout")


def busy_problem(error: BaseException) -> bool:
    """Whether a write gave up waiting for the lock (a whole batch writing at once): nothing of it
    was written, and the same step shortly after can succeed."""
    return _database_says(error, _BUSY_WORDS)


def logged_failure(error: BaseException, where: str) -> tuple[str, str]:
    """Write `error` with its stack to the server log under a short reference; returns (message
    key, reference) for what the person is told: no details, and whether nothing was saved."""
    reference = secrets.token_hex(3)
    print(f"kelas: error {reference} {where}:", file=sys.stderr)
    traceback.print_exception(error, file=sys.stderr)
    key = "storage.write_failed" if storage_problem(error) else "storage.busy" if busy_problem(error) else \
        "error.unexpected"
    return key, reference


def keep_shared_caches() -> None:
    """Ignore a browser's request to clear the server's caches.

    Streamlit lets any browser session, signed in or not, ask the server to clear every cache of
    the process (the "Clear cache" menu item, or one websocket message); every dashboard would then
    be computed again for everyone. Nobody here needs it: cached data expires by itself (ttl).
    """
    from streamlit.runtime.app_session import AppSession

    def ignore_clear_cache(self: AppSession) -> None:
        return None

    AppSession._handle_clear_cache_request = ignore_clear_cache
