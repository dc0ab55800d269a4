"""The scaled configuration of docker-compose.yml, started as processes on this machine: two
api processes sharing PostgreSQL and Redis, two `rasa run` replicas sharing a Redis tracker
and lock store. PostgreSQL and Redis are the real local servers (127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text

from tools.stack import ScaledStack, running_scaled
from tools.testdb import fresh

DATABASE = "assistant_scaled"
REDIS_DBS = (13, 14, 15)  # Rasa trackers, Rasa locks, the api


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)
            item.add_marker(pytest.mark.scaled)


def redis_db(n: int) -> redis.Redis:
    return redis.Redis(host="127.0.0.1", port=6379, db=n)


@pytest.fixture(scope="session")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
    url = fresh(DATABASE)
    for n in REDIS_DBS:
        redis_db(n).flushdb()
    with running_scaled(
        tmp_path_factory.mktemp("scaled"), postgres_url=url, redis_dbs=REDIS_DBS
    ) as stack:
        yield stack


def sql(statement: str) -> list[tuple[object, ...]]:
    engine = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{DATABASE}")
    with engine.begin() as conn:
        result = conn.execute(text(statement))
        rows = [tuple(r) for r in result] if result.returns_rows else []
    engine.dispose()
    return rows
