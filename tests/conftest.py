"""Shared fixtures. Unit tests use a fake Rasa (httpx.MockTransport) behind the real api;
integration tests (tests/integration) start real processes."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from api.rasa_client import META_KEY, RasaClient
from api.settings import REPO_ROOT, Settings

TESTS = Path(__file__).resolve().parent
SHARED_CONTENT = REPO_ROOT.parent / "shared" / "content"

Handler = Callable[[httpx.Request], Any]
TWILIO_TOKEN = "test-twilio-token"
PUBLIC_URL = "https://sms.example.org"


# The same suite runs against PostgreSQL when this is set (`make test` does both).
TEST_DATABASE_URL = os.environ.get("ASSISTANT_TEST_DATABASE_URL", "")


def make_settings(tmp_path: Path) -> Settings:
    """Settings for an api with its own store (a SQLite file in ``tmp_path``, or the emptied
    PostgreSQL test database) and a fake Rasa."""
    return Settings(
        environment="test",
        database_url=TEST_DATABASE_URL or f"sqlite+aiosqlite:///{tmp_path / 'api.db'}",
        rasa_tracker_db=f"sqlite+aiosqlite:///{tmp_path / 'trackers.db'}",
        rasa_url="http://rasa.test",
        rasa_timeout_s=0.5,
        districts_file=TESTS / "data" / "districts.yml",
        twilio_auth_token=SecretStr(TWILIO_TOKEN),
        public_base_url=PUBLIC_URL,
    )


@pytest.fixture(scope="session")
def _postgres_schema() -> None:
    if TEST_DATABASE_URL:
        from api.store.db import make_engine, migrate

        async def up() -> None:
            engine = make_engine(TEST_DATABASE_URL)
            await migrate(engine)
            await engine.dispose()

        asyncio.run(up())


@pytest.fixture(autouse=True)
def _empty_postgres(_postgres_schema: None) -> None:
    """Each test starts from empty tables, as it does with its own SQLite file."""
    if TEST_DATABASE_URL:
        from sqlalchemy import create_engine, text

        from api.store.models import Base

        engine = create_engine(TEST_DATABASE_URL)
        names = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def bot_answer(topic: str, text: str = "an answer", confidence: float = 0.9) -> list[Any]:
    """What Rasa's REST channel returns when the NLG webhook answered ``topic``."""
    return [
        {
            "recipient_id": "x",
            "text": text,
            "buttons": [{"title": "Sources", "payload": "sources"}],
        },
        {
            "recipient_id": "x",
            "custom": {
                META_KEY: {
                    "topic": topic,
                    "intent": topic,
                    "guess": topic,
                    "confidence": confidence,
                    "ranking": [{"name": topic, "confidence": confidence}],
                }
            },
        },
    ]


class FakeRasa:
    """Records what the api sent and answers with whatever the test sets."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.handler: Handler = lambda _req: httpx.Response(200, json=bot_answer("greeting"))

    def answer(self, topic: str, confidence: float = 0.9) -> None:
        self.handler = lambda _req: httpx.Response(
            200, json=bot_answer(topic, confidence=confidence)
        )

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(json.loads(request.content))
        response = self.handler(request)
        if inspect.isawaitable(response):
            response = await response
        return response


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client(settings: Settings, fake_rasa: FakeRasa) -> Iterator[TestClient]:
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_s, httpx.MockTransport(fake_rasa))
    with TestClient(create_app(settings, rasa=rasa)) as c:
        yield c


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def store_dump(settings: Settings) -> bytes:
    """Every value the api stored, as bytes, for scanning for things that must not be there."""
    from sqlalchemy import create_engine, select

    from api.store.models import Base

    url = settings.database_url.replace("+aiosqlite", "").replace("+psycopg", "+psycopg")
    engine = create_engine(url)
    rows = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows += [repr(tuple(row)) for row in conn.execute(select(table))]
    engine.dispose()
    return "\n".join(rows).encode()
