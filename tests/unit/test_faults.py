"""Rasa down, slow, empty, malformed: the family still gets a friendly reply, HTTP 200, and
the question is queued for staff (DESIGN section 6)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from api.store import repository
from tests.conftest import FakeRasa, bot_answer

CID = "conv-faults-1"


def refused(_req: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused")


async def slow(_req: httpx.Request) -> httpx.Response:
    await asyncio.sleep(1.0)  # longer than the test settings' 0.5 s budget
    return httpx.Response(200, json=bot_answer("greeting"))


FAULTS = {
    "down": refused,
    "slow": slow,
    "empty": lambda _r: httpx.Response(200, json=[]),
    "malformed": lambda _r: httpx.Response(
        200, content=b"{oops", headers={"content-type": "application/json"}
    ),
    "http_500": lambda _r: httpx.Response(500, text="boom"),
    "wrong_shape": lambda _r: httpx.Response(200, json={"text": "not a list"}),
    "only_custom": lambda _r: httpx.Response(200, json=bot_answer("greeting")[1:]),
}


def queued(client: TestClient) -> list[repository.ReviewItem]:  # type: ignore[name-defined]
    container = client.app.state.container  # type: ignore[attr-defined]

    async def read() -> list:  # type: ignore[type-arg]
        async with container.sessionmaker() as session:
            return await repository.review_items(session)

    return asyncio.run(read())


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_gets_friendly_reply_and_queues(
    client: TestClient, fake_rasa: FakeRasa, fault: str
) -> None:
    fake_rasa.handler = FAULTS[fault]
    started = time.monotonic()
    r = client.post(
        "/api/v1/chat", json={"conversation_id": CID, "text": "my number is 203-555-0199 help"}
    )
    assert time.monotonic() - started < 3
    assert r.status_code == 200
    body = r.json()
    assert body["topic"] == "out_of_scope"
    assert "2-1-1" in body["messages"][0]["text"]
    assert "could not answer" in body["messages"][0]["text"]
    items = queued(client)
    assert len(items) == 1
    assert items[0].reason == "bot_unavailable"
    assert "203-555-0199" not in items[0].text_redacted
    assert "[phone]" in items[0].text_redacted
