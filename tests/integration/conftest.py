"""Start the real assistant once for the integration tests: a trained model served by a real
``rasa run`` process and the api over real HTTP, exactly as ``make run`` starts them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tools.stack import Stack, running

ChatFn = Callable[..., dict[str, Any]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    env = {"ASSISTANT_TWILIO_AUTH_TOKEN": "integration-twilio-token"}
    with running(tmp_path_factory.mktemp("stack"), extra_env=env) as s:
        yield s


@pytest.fixture(scope="session")
def http(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.api_url, timeout=30) as client:
        yield client


@pytest.fixture
def new_conversation(http: httpx.Client) -> Callable[[], ChatFn]:
    """Returns a factory: each call starts a fresh conversation and returns its chat()."""

    def factory() -> ChatFn:
        cid = f"it-{uuid.uuid4().hex[:20]}"

        def chat(text: str, **extra: Any) -> dict[str, Any]:
            r = http.post("/api/v1/chat", json={"conversation_id": cid, "text": text, **extra})
            assert r.status_code == 200, r.text
            body: dict[str, Any] = r.json()
            body["_cid"] = cid
            return body

        return chat

    return factory
