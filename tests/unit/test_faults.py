"""Rasa down, slow, empty, malformed: the family still gets a friendly reply, HTTP 200, and
the question is queued for staff (DESIGN section 6)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from api.sms.segments import plain
from api.store import repository
from tests.conftest import FakeRasa, bot_answer
from tests.unit.test_content import LANGUAGES, RENDERER
from tests.unit.test_sms import post

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


TAGS = [lang.tag for lang in LANGUAGES]


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("tag", TAGS)
def test_every_language_gets_its_own_reply_on_the_web_and_by_sms(
    client: TestClient, fake_rasa: FakeRasa, fault: str, tag: str
) -> None:
    fake_rasa.handler = FAULTS[fault]
    expected = RENDERER.ui("ui.bot_unavailable", tag)
    r = client.post(
        "/api/v1/chat",
        json={"conversation_id": f"fault-{fault}-{tag}", "text": "a question", "language": tag},
    )
    assert r.status_code == 200
    assert r.json()["language"] == tag and r.json()["messages"][0]["text"] == expected

    number = f"+120355501{TAGS.index(tag):02d}"
    post(client, f"lang:{tag}", f"SM{fault}{tag}a", sender=number)  # the family's language
    replies = post(client, "a question", f"SM{fault}{tag}b", sender=number)  # TwiML, HTTP 200
    # SMS drops the bidi isolation marks (they cost segments and phones show them as boxes).
    assert "".join("".join(replies).split()) == "".join(plain(expected).split())
    assert [i.reason for i in queued(client)] == ["bot_unavailable", "bot_unavailable"]
