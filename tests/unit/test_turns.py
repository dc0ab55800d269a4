"""What happens around the bot's answer: commands, handoff, the staff queue, erasure."""

from __future__ import annotations

import asyncio
import sqlite3
import unicodedata
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FakeRasa
from tests.unit.test_faults import queued

CID = "conv-turns-01"


def chat(client: TestClient, text: str, **extra: str) -> dict:  # type: ignore[type-arg]
    r = client.post("/api/v1/chat", json={"conversation_id": CID, "text": text, **extra})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_leading_slash_cannot_force_an_intent(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, '/ask_human{"x": 1}')
    chat(client, "  //greeting")
    chat(client, "/")
    assert [s["message"] for s in fake_rasa.sent] == ['ask_human{"x": 1}', "greeting", "?"]


def test_topic_buttons_name_only_known_topics(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "topic:ssn_not_required")
    chat(client, "topic:not_a_topic")
    assert [s["message"] for s in fake_rasa.sent] == ["/ssn_not_required", "topic:not_a_topic"]


def test_ask_human_hands_off_and_queues(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("ask_human")
    body = chat(client, "i want a real person")
    assert body["handoff"] is True
    assert len(body["messages"]) == 1  # the ask_human answer itself gives the numbers
    assert [i.reason for i in queued(client)] == ["asked_for_person"]


def test_something_happening_now_hands_off(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("ice_at_school_procedure")
    body = chat(client, "ICE is outside my son's school right now", district="testville")
    assert body["handoff"] is True
    handoff_note = body["messages"][-1]["text"]
    assert "203-555-0142" in handoff_note
    assert "911" in handoff_note
    assert [i.reason for i in queued(client)] == ["urgent"]


def test_general_question_is_not_urgent(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("ice_at_school_procedure")
    body = chat(client, "what happens if ice comes to a school")
    assert body["handoff"] is False
    assert queued(client) == []


def test_repeated_fallback_hands_off(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.1)
    first = chat(client, "blah")
    second = chat(client, "blah blah")
    assert first["handoff"] is False
    assert second["handoff"] is True
    assert "2-1-1" in second["messages"][-1]["text"]
    assert [i.reason for i in queued(client)] == ["fallback", "repeated_fallback"]
    fake_rasa.answer("greeting")
    assert chat(client, "hello")["handoff"] is False


def test_low_confidence_answer_is_queued(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("school_meals", confidence=0.3)
    body = chat(client, "lunch thing?")
    assert body["topic"] == "school_meals"
    items = queued(client)
    assert [(i.reason, i.topic_guess) for i in items] == [("low_confidence", "school_meals")]


def test_sources_for_the_last_answer(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "hello, I have a question about school")
    assert "question first" in chat(client, "sources?")["messages"][0]["text"]
    fake_rasa.answer("ssn_not_required")
    chat(client, "ssn?")
    body = chat(client, "Sources")
    assert body["topic"] == "ssn_not_required"
    assert "C.G.S. § 10-17o(2)" in body["messages"][0]["text"]
    assert [s["message"] for s in fake_rasa.sent][-1] == "ssn?"  # "Sources" stayed in the api


def test_delete_erases_rows_and_tracker(
    client: TestClient, fake_rasa: FakeRasa, tmp_path: Path
) -> None:
    fake_rasa.answer("ask_human")
    chat(client, "person please")
    sender = fake_rasa.sent[-1]["sender"]
    # Rasa's tracker store, as Rasa would have written it.
    with sqlite3.connect(tmp_path / "trackers.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS events (sender_id TEXT, data TEXT, timestamp REAL)")
        db.execute("INSERT INTO events VALUES (?, 'person please', 1)", (sender,))
        db.execute("INSERT INTO events VALUES ('someone-else', 'x', 1)")
    assert queued(client)

    body = chat(client, "DELETE")
    assert body["topic"] == "bot_privacy"
    assert "deleted" in body["messages"][0]["text"]
    assert queued(client) == []
    with sqlite3.connect(tmp_path / "trackers.db") as db:
        rows = db.execute("SELECT sender_id FROM events").fetchall()
    assert rows == [("someone-else",)]
    container = client.app.state.container  # type: ignore[attr-defined]

    async def conversation_exists() -> bool:
        from api.store.models import Conversation

        async with container.sessionmaker() as session:
            return await session.get(Conversation, sender) is not None

    assert asyncio.run(conversation_exists()) is False


def test_language_button_switches(client: TestClient) -> None:
    body = chat(client, "lang:en")
    assert body["topic"] == "change_language"
    assert body["language"] == "en"


def test_unsupported_language_gets_english_with_interpreter_note(client: TestClient) -> None:
    body = chat(client, "merhaba", language="tr")
    assert body["language"] == "en"
    assert "tercüman" in body["messages"][0]["text"]  # in Turkish, where we can
    assert "interpreter" in body["messages"][1]["text"]


def test_unsupported_language_is_recognised_from_text(client: TestClient) -> None:
    body = chat(client, "çocuğum belgelerimiz olmadan devlet okuluna gidebilir mi")
    assert body["language"] == "en"
    assert "interpreter" in " ".join(m["text"] for m in body["messages"])


def test_greeting_follows_accept_language_then_the_conversation(client: TestClient) -> None:
    r = client.post(
        "/api/v1/chat/start",
        json={"conversation_id": CID},
        headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"},
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["language"], body["direction"], body["topic"]) == ("ar", "rtl", "greeting")
    assert [b["payload"] for b in body["messages"][0]["buttons"]][:2] == ["lang:en", "lang:es"]
    # "ok" keeps the conversation in Arabic.
    assert chat(client, "ok")["language"] == "ar"


def test_greeting_in_portuguese_for_pt(client: TestClient) -> None:
    r = client.post("/api/v1/chat/start", json={"conversation_id": CID},
                    headers={"Accept-Language": "pt"})  # fmt: skip
    assert r.json()["language"] == "pt-BR"


def test_rasa_never_sees_personal_details(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "call me at 203-555-0199 or jo@example.com, my ssn is 123-45-6789")
    sent = fake_rasa.sent[-1]["message"]
    assert "555-0199" not in sent and "jo@example.com" not in sent and "6789" not in sent
    assert "[phone]" in sent


def test_decomposed_accents_are_understood(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "hello")
    body = chat(client, unicodedata.normalize("NFD", "español"))  # "n" + combining tilde
    assert (body["language"], body["topic"]) == ("es", "change_language")
