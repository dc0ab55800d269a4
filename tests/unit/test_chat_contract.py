"""The web chat contract (DESIGN 3.1): shape, validation, and no 5xx for client input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FakeRasa

CID = "conv-12345678"


def test_reply_follows_the_contract(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("ssn_not_required")
    r = client.post("/api/v1/chat", json={"conversation_id": CID, "text": "ssn?"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"conversation_id", "language", "direction", "topic", "messages", "handoff"}
    assert body["conversation_id"] == CID
    assert body["language"] == "en"
    assert body["direction"] == "ltr"
    assert body["topic"] == "ssn_not_required"
    assert body["handoff"] is False
    assert body["messages"] == [
        {"text": "an answer", "buttons": [{"title": "Sources", "payload": "sources"}]}
    ]


def test_rasa_gets_a_pseudonym_and_metadata(client: TestClient, fake_rasa: FakeRasa) -> None:
    client.post(
        "/api/v1/chat", json={"conversation_id": CID, "text": "hi", "district": "testville"}
    )
    sent = fake_rasa.sent[-1]
    assert CID not in sent["sender"]
    assert sent["sender"].startswith("web-v1-")
    assert sent["metadata"] == {"language": "en", "district": "testville"}


@pytest.mark.parametrize(
    "body",
    [
        {"conversation_id": CID, "text": ""},
        {"conversation_id": CID, "text": "   "},
        {"conversation_id": CID, "text": "x" * 1001},
        {"conversation_id": "short", "text": "hi"},
        {"conversation_id": "has spaces in it", "text": "hi"},
        {"conversation_id": "x" * 65, "text": "hi"},
        {"conversation_id": CID},
        {"text": "hi"},
        {"conversation_id": CID, "text": 42},
        {"conversation_id": CID, "text": "hi", "language": "not a tag!"},
        {"conversation_id": CID, "text": "hi", "district": "../etc"},
        [],
        "just a string",
    ],
)
def test_invalid_input_is_422_with_a_reason(client: TestClient, body: object) -> None:
    r = client.post("/api/v1/chat", json=body)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail
    assert all("msg" in d and "loc" in d for d in detail)
    # The error says what is wrong without echoing what was sent.
    assert "input" not in r.text


def test_non_json_is_422(client: TestClient) -> None:
    r = client.post(
        "/api/v1/chat", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    r = client.post("/api/v1/chat", content=b"text=hi", headers={"content-type": "text/plain"})
    assert r.status_code == 422


def test_oversized_body_is_413(client: TestClient) -> None:
    r = client.post(
        "/api/v1/chat",
        content=b'{"text": "' + b"a" * 20_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413


def test_unknown_fields_are_ignored(client: TestClient) -> None:
    r = client.post("/api/v1/chat", json={"conversation_id": CID, "text": "hi", "extra": 1})
    assert r.status_code == 200


def test_max_length_text_is_accepted(client: TestClient) -> None:
    r = client.post("/api/v1/chat", json={"conversation_id": CID, "text": "é" * 1000})
    assert r.status_code == 200


def test_rate_limit_is_429(client: TestClient) -> None:
    codes = [
        client.post("/api/v1/chat", json={"conversation_id": CID, "text": "hi"}).status_code
        for _ in range(25)
    ]
    assert codes[:20] == [200] * 20
    assert codes[-1] == 429


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]
