"""The database engines: SQLite (the embedded default) and PostgreSQL (KELAS_DATABASE_URL).

`dialect.py` holds every difference between them; `connection.py` opens a connection to either;
`migrations.py` applies the schema's versioned steps on both.
"""

from modules.db.connection import Connection, connect
from modules.db.dialect import DATABASE_ERRORS, INTEGRITY_ERRORS, dialect_for, is_postgres_url
from modules.db.migrations import Migrations

__all__ = ["DATABASE_ERRORS", "INTEGRITY_ERRORS", "Connection", "Migrations", "connect", "dialect_for",
           "is_postgres_url"]
