"""Create the PostgreSQL database the test suite runs against, if it is not there yet.

python -m tools.testdb postgresql+psycopg://postgres@127.0.0.1:5432/assistant_test
"""

from __future__ import annotations

import sys

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def ensure(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        ).first()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


LOCAL = "postgresql+psycopg://postgres@127.0.0.1:5432"


def fresh(name: str) -> str:
    """An empty database ``name`` on the local server; returns its URL."""
    admin = create_engine(f"{LOCAL}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{LOCAL}/{name}"


if __name__ == "__main__":
    ensure(sys.argv[1])
