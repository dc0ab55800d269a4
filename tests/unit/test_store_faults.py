"""PostgreSQL or Redis down: every language still gets a reply, HTTP 200 (TwiML for SMS), and
what had to be kept for staff waits in the spool until the store is back.

The api runs in process with a fake Rasa; PostgreSQL and Redis are the real local servers,
reached through a proxy the test takes down and brings back.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from api.main import create_app
from api.rasa_client import RasaClient
from api.settings import Settings
from tests.conftest import PUBLIC_URL, TWILIO_TOKEN, FakeRasa, make_settings
from tests.faultproxy import FaultProxy
from tests.unit.test_content import LANGUAGES, RENDERER
from tools.testdb import fresh

DATABASE = "assistant_faults"
REDIS_DB = 12


@pytest.fixture(scope="module")
def postgres_proxy() -> Iterator[FaultProxy]:
    fresh(DATABASE)
    proxy = FaultProxy("127.0.0.1", 5432)
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def redis_proxy() -> Iterator[FaultProxy]:
    proxy = FaultProxy("127.0.0.1", 6379)
    yield proxy
    proxy.close()


@pytest.fixture
def faulty(
    tmp_path: Any,
    fake_rasa: FakeRasa,
    postgres_proxy: FaultProxy,
    redis_proxy: FaultProxy,
) -> Iterator[tuple[TestClient, Settings]]:
    settings = make_settings(tmp_path).model_copy(
        update={
            "database_url": f"postgresql+psycopg://postgres@127.0.0.1:{postgres_proxy.port}/{DATABASE}",
            "redis_url": f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}",
        }
    )
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_s, httpx.MockTransport(fake_rasa))
    with TestClient(create_app(settings, rasa=rasa)) as client:
        _sql("TRUNCATE review_items, conversations, sms_optouts, turn_records, sms_messages")
        yield client, settings


def _sql(statement: str) -> list[Any]:
    engine = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{DATABASE}")
    with engine.begin() as conn:
        result = conn.execute(text(statement))
        rows = list(result) if result.returns_rows else []
    engine.dispose()
    return rows


def _wait_for_flush(client: TestClient, timeout: float = 20) -> None:
    spool = client.app.state.container.spool  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while len(spool) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(spool) == 0, "the spool was not flushed after the store came back"


def _chat(client: TestClient, cid: str, text: str, language: str) -> dict[str, Any]:
    started = time.monotonic()
    r = client.post(
        "/api/v1/chat", json={"conversation_id": cid, "text": text, "language": language}
    )
    assert r.status_code == 200, r.text
    assert time.monotonic() - started < 10, "the reply must come inside the turn's budget"
    return dict(r.json())


TAGS = [lang.tag for lang in LANGUAGES]


def test_postgres_down_every_language_is_answered_and_questions_are_spooled(
    faulty: tuple[TestClient, Settings], fake_rasa: FakeRasa, postgres_proxy: FaultProxy
) -> None:
    client, _ = faulty
    postgres_proxy.down()
    try:
        for i, tag in enumerate(TAGS):
            fake_rasa.answer("out_of_scope", confidence=0.05)  # a fallback: queued for staff
            body = _chat(client, f"pgdown-{i:04d}-a", "something the bot cannot place", tag)
            assert body["topic"] == "out_of_scope" and body["messages"]
            # And with Rasa failing too: the localized "could not answer" reply.
            fake_rasa.handler = lambda _r: httpx.Response(500)
            body = _chat(client, f"pgdown-{i:04d}-b", "another question", tag)
            expected = RENDERER.ui("ui.bot_unavailable", tag)
            assert body["language"] == tag and body["messages"][0]["text"] == expected
    finally:
        postgres_proxy.up()
    _wait_for_flush(client)
    reasons = _sql("SELECT language, reason FROM review_items")
    assert sorted(reasons) == sorted(
        [(tag, "fallback") for tag in TAGS] + [(tag, "bot_unavailable") for tag in TAGS]
    )
    # The dashboard's counts were kept too.
    assert _sql("SELECT count(*) FROM turn_records")[0][0] == 2 * len(TAGS)


def test_redis_down_every_language_is_answered_and_queued(
    faulty: tuple[TestClient, Settings], fake_rasa: FakeRasa, redis_proxy: FaultProxy
) -> None:
    client, _ = faulty
    redis_proxy.down()
    try:
        for i, tag in enumerate(TAGS):
            fake_rasa.answer("out_of_scope", confidence=0.05)
            body = _chat(client, f"redisdown-{i:04d}", "something else entirely", tag)
            assert body["language"] == tag and body["messages"]
        # SMS too: rate limits and MessageSid locks fall back to this process.
        fake_rasa.answer("school_meals")
        assert _sms(client, "is lunch free", "SMredis1", sender="+12035550172")
        assert _sms(client, "is lunch free", "SMredis1", sender="+12035550172")  # a retry
    finally:
        redis_proxy.up()
    assert sorted(r[0] for r in _sql("SELECT language FROM review_items")) == sorted(TAGS)
    assert _sql("SELECT count(*) FROM sms_messages") == [(1,)]  # the retry was one turn


def test_rate_limits_and_locks_use_redis_when_it_is_up(
    faulty: tuple[TestClient, Settings], fake_rasa: FakeRasa
) -> None:
    client, _ = faulty
    r = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    r.flushdb()
    _chat(client, "redis-up-0001", "hello", "en")
    assert any(k.startswith(b"rl:web:") for k in r.keys("*"))
    r.close()


def _signed(fields: dict[str, str]) -> dict[str, str]:
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(f"{PUBLIC_URL}/sms", fields)
    return {"X-Twilio-Signature": signature}


def _sms(client: TestClient, body: str, sid: str, sender: str = "+12035550171") -> str:
    fields = {"From": sender, "Body": body, "MessageSid": sid}
    r = client.post("/sms", data=fields, headers=_signed(fields))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    return "".join(m.text or "" for m in ET.fromstring(r.text).iter("Message"))


def test_sms_with_postgres_down_gets_twiml_and_stop_is_honoured_later(
    faulty: tuple[TestClient, Settings], fake_rasa: FakeRasa, postgres_proxy: FaultProxy
) -> None:
    client, _ = faulty
    postgres_proxy.down()
    try:
        fake_rasa.handler = lambda _r: httpx.Response(500)
        reply = _sms(client, "hola, tengo una pregunta sobre la escuela", "SMfault1")
        assert reply == RENDERER.ui("ui.bot_unavailable", "es")
        assert _sms(client, "STOP", "SMfault2")  # confirmed, and spooled
    finally:
        postgres_proxy.up()
    _wait_for_flush(client)
    assert _sql("SELECT count(*) FROM sms_optouts")[0][0] == 1
    assert _sms(client, "another question", "SMfault3") == ""  # opted out: no reply


def test_delete_with_postgres_down_is_carried_out_when_it_returns(
    faulty: tuple[TestClient, Settings], fake_rasa: FakeRasa, postgres_proxy: FaultProxy
) -> None:
    client, _ = faulty
    fake_rasa.answer("out_of_scope", confidence=0.05)
    _chat(client, "erase-me-0001", "a question to erase", "en")
    assert _sql("SELECT count(*) FROM review_items")[0][0] == 1
    postgres_proxy.down()
    try:
        body = _chat(client, "erase-me-0001", "DELETE", "en")
        # Not "deleted": it is not done yet, so the family is not told it is.
        assert body["messages"][0]["text"] == RENDERER.ui("ui.bot_unavailable", "en")
    finally:
        postgres_proxy.up()
    _wait_for_flush(client)
    assert _sql("SELECT count(*) FROM review_items")[0][0] == 0
