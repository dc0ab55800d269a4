"""Shared fixtures. Unit tests use a fake Rasa (httpx.MockTransport) behind the real api;
integration tests (tests/integration) start real processes."""

from __future__ import annotations

import inspect
import json
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


def make_settings(tmp_path: Path) -> Settings:
    """Settings for an api with its own store in ``tmp_path`` and a fake Rasa."""
    return Settings(
        environment="test",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'api.db'}",
        rasa_tracker_db=f"sqlite+aiosqlite:///{tmp_path / 'trackers.db'}",
        rasa_url="http://rasa.test",
        rasa_timeout_s=0.5,
        districts_file=TESTS / "data" / "districts.yml",
        twilio_auth_token=SecretStr(TWILIO_TOKEN),
        public_base_url=PUBLIC_URL,
    )


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
