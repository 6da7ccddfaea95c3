"""Settings read from environment variables, each with a safe default.

A newcomer's `streamlit run app.py` needs none of them; production sets what it needs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _optional_int(name: str) -> int | None:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else None


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    db_path: Path
    content_dir: Path
    quizzes_dir: Path
    pass_mark: int
    questions_per_quiz: int
    session_hours: int
    language: str
    cookie_secure: bool
    secret_key: str | None
    course_jp: int | None  # KELAS_COURSE_JP: may lower the computed JP (modules/jp.py), never raise it
    base_url: str  # public address of the app, printed in the certificate's QR code
    retake_rule: str = "lessons"  # KELAS_RETAKE_RULE, see modules/retakes.py
    completion_rule: str = "strict"  # KELAS_COMPLETION_RULE, see modules/completion.py
    min_reading_percent: int = 40  # KELAS_MIN_READING_PERCENT, see modules/completion.py
    production: bool = False  # KELAS_PRODUCTION=1 (set by `make serve`): no certificate with a loopback QR address
    database_url: str | None = None  # KELAS_DATABASE_URL=postgresql://…: PostgreSQL instead of the SQLite file

    @property
    def database(self) -> str:
        """Where the data lives: the PostgreSQL URL when one is set, else the SQLite file."""
        return self.database_url or str(self.db_path)


# Every variable load_settings reads (tests/test_rerun_costs.py checks the list is complete).
SETTING_NAMES = ("KELAS_DB_PATH", "KELAS_CONTENT_DIR", "KELAS_QUIZZES_DIR", "KELAS_PASS_MARK",
                 "KELAS_QUESTIONS_PER_QUIZ", "KELAS_SESSION_HOURS", "KELAS_LANGUAGE", "KELAS_COOKIE_SECURE",
                 "KELAS_SECRET_KEY", "KELAS_COURSE_JP", "KELAS_BASE_URL", "KELAS_RETAKE_RULE",
                 "KELAS_COMPLETION_RULE", "KELAS_MIN_READING_PERCENT", "KELAS_PRODUCTION", "KELAS_DATABASE_URL")
_held: tuple[tuple[str | None, ...], Settings] | None = None


def current_settings() -> Settings:
    """The settings, read again only when one of their variables changed: a page asks several times
    per rerun, and reading them is a tenth of a millisecond each time."""
    global _held
    values = tuple(map(os.environ.get, SETTING_NAMES))
    held = _held
    if held is None or held[0] != values:
        held = _held = (values, load_settings())
    return held[1]


def load_settings() -> Settings:
    """Read the settings from the environment (called at start-up and by tests)."""
    return Settings(
        db_path=Path(os.environ.get("KELAS_DB_PATH", PROJECT_ROOT / "progress.db")),
        content_dir=Path(os.environ.get("KELAS_CONTENT_DIR", PROJECT_ROOT / "content")),
        quizzes_dir=Path(os.environ.get("KELAS_QUIZZES_DIR", PROJECT_ROOT / "quizzes")),
        pass_mark=_int("KELAS_PASS_MARK", 70),
        questions_per_quiz=_int("KELAS_QUESTIONS_PER_QUIZ", 10),
        session_hours=_int("KELAS_SESSION_HOURS", 8),
        language=os.environ.get("KELAS_LANGUAGE", "id"),
        cookie_secure=os.environ.get("KELAS_COOKIE_SECURE", "0") == "1",
        secret_key=os.environ.get("KELAS_SECRET_KEY") or None,
        course_jp=_optional_int("KELAS_COURSE_JP"),
        base_url=os.environ.get("KELAS_BASE_URL", "http://localhost:8501").rstrip("/"),
        retake_rule=os.environ.get("KELAS_RETAKE_RULE", "lessons"),
        completion_rule=os.environ.get("KELAS_COMPLETION_RULE", "strict"),
        min_reading_percent=_int("KELAS_MIN_READING_PERCENT", 40),
        production=os.environ.get("KELAS_PRODUCTION", "0") == "1",
        database_url=os.environ.get("KELAS_DATABASE_URL", "").strip() or None,
    )
