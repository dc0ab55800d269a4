"""Engine, sessions and the schema. The api applies Alembic migrations at start-up, on SQLite
(embedded) and PostgreSQL (scaled) alike; on PostgreSQL an advisory lock makes replicas that
start together migrate one at a time."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from api.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant; PostgreSQL advisory locks are keyed by a 64-bit number.
_MIGRATION_LOCK = 7_261_994_001


def make_engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, pool_pre_ping=True)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # WAL lets readers (the console) work while the chat path writes; the busy
            # timeout covers the moments Rasa's tracker store and the api both write.
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last
            # commits, and each commit no longer waits for an fsync (about 4 ms per turn).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    tables = set(inspect(connection).get_table_names())
    if "conversations" in tables and "alembic_version" not in tables:
        # A store made before migrations existed; its columns may differ, so do not guess.
        raise StoreError(
            "this database predates migrations: for development data, delete var/assistant.db"
        )
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the latest revision (a no-op when it is there already)."""
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:  # type: ignore[type-arg]
    return async_sessionmaker(engine, expire_on_commit=False)
