"""The SMS and WhatsApp webhook (DESIGN 3.2)."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import httpx
import pytest
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from api.container import build_container
from api.rasa_client import RasaClient
from api.settings import Settings
from api.sms.segments import count, plain
from api.sms.service import InboundSms, SmsService
from api.sms.shaping import split_to_budget
from tests.conftest import PUBLIC_URL, TWILIO_TOKEN, FakeRasa, bot_answer, store_dump
from tests.unit.test_content import LANGUAGES, RENDERER

NUMBER = "+12035550187"


def signed(fields: dict[str, str], url: str = f"{PUBLIC_URL}/sms") -> dict[str, str]:
    return {"X-Twilio-Signature": RequestValidator(TWILIO_TOKEN).compute_signature(url, fields)}


def post(client: TestClient, body: str, sid: str, sender: str = NUMBER, **extra: str) -> list[str]:
    fields = {"From": sender, "To": "+18605550100", "Body": body, "MessageSid": sid, **extra}
    r = client.post("/sms", data=fields, headers=signed(fields))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(r.text)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


# ---------------------------------------------------------------- signature
def test_twilio_published_vector() -> None:
    params = {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675309", "Digits": "1234",
              "From": "+14158675309", "To": "+18005551212"}  # fmt: skip
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    validator = RequestValidator("12345")
    assert validator.compute_signature(url, params) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    assert validator.validate(url, dict(reversed(params.items())), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Twilio-Signature": "forged"},
        # signed for the URL the api sees, not the public URL Twilio was given
        signed({"From": NUMBER, "Body": "hi", "MessageSid": "SM1"}, "http://testserver/sms"),
        # signed over other fields
        signed({"From": NUMBER, "Body": "something else", "MessageSid": "SM1"}),
    ],
)
def test_bad_signature_is_403_and_reaches_nobody(
    client: TestClient, fake_rasa: FakeRasa, headers: dict[str, str]
) -> None:
    r = client.post("/sms", data={"From": NUMBER, "Body": "hi", "MessageSid": "SM1"},
                    headers=headers)  # fmt: skip
    assert r.status_code == 403
    assert fake_rasa.sent == []


def test_signature_holds_whatever_the_field_order(client: TestClient) -> None:
    fields = {"MessageSid": "SM2", "Body": "hola", "From": NUMBER, "AccountSid": "AC1"}
    r = client.post("/sms", data=dict(reversed(fields.items())), headers=signed(fields))
    assert r.status_code == 200


def test_oversized_body_is_413(client: TestClient) -> None:
    fields = {"From": NUMBER, "Body": "a" * 20_000, "MessageSid": "SM3"}
    assert client.post("/sms", data=fields, headers=signed(fields)).status_code == 413


# ---------------------------------------------------------------- privacy
def test_number_is_pseudonymised_and_location_dropped(
    client: TestClient, fake_rasa: FakeRasa, settings: Settings
) -> None:
    post(client, "hello", "SM4", FromCity="HARTFORD", FromZip="06103")
    sender = fake_rasa.sent[0]["sender"]
    assert sender.startswith("sms-v1-")
    assert "5550187" not in sender
    dump = store_dump(settings)
    assert b"sms-v1-" in dump  # the scan does see the stored rows
    for needle in (b"5550187", b"HARTFORD", b"06103"):
        assert needle not in dump


def test_whatsapp_sender_works_as_its_own_channel(client: TestClient, fake_rasa: FakeRasa) -> None:
    assert post(client, "hello", "SM5", sender=f"whatsapp:{NUMBER}")
    assert fake_rasa.sent[0]["sender"].startswith("whatsapp-v1-")


def test_number_formats_give_one_pseudonym(client: TestClient, fake_rasa: FakeRasa) -> None:
    post(client, "hello", "SM6", sender="+1 (203) 555-0187")
    post(client, "hello", "SM7", sender="+12035550187")
    assert fake_rasa.sent[0]["sender"] == fake_rasa.sent[1]["sender"]


# ---------------------------------------------------------------- retries
def test_same_message_sid_five_times_gives_one_turn(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    replies = [post(client, "ssn?", "SM8") for _ in range(5)]
    assert len(fake_rasa.sent) == 1
    assert all(r == replies[0] for r in replies)


def test_fifty_concurrent_retries_give_one_turn(settings: Settings) -> None:
    fake = FakeRasa()

    async def slow(_req: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.05)
        return httpx.Response(200, json=bot_answer("ssn_not_required"))

    fake.handler = slow

    async def scenario() -> list[list[str]]:
        rasa = RasaClient(settings.rasa_url, 5.0, httpx.MockTransport(fake))
        container = await build_container(settings, rasa)
        try:
            sms = InboundSms(sender=NUMBER, body="ssn?", message_sid="SM9")
            return await asyncio.gather(*(container.sms.handle(sms) for _ in range(50)))
        finally:
            await container.aclose()

    replies = asyncio.run(scenario())
    assert len(fake.sent) == 1
    assert all(r == replies[0] for r in replies)
    assert replies[0]


# ---------------------------------------------------------------- rate limit
def test_rate_limit_sends_one_notice_and_no_rasa_call(settings: Settings) -> None:
    now = [1000.0]
    fake = FakeRasa()

    async def scenario() -> list[list[str]]:
        rasa = RasaClient(settings.rasa_url, 5.0, httpx.MockTransport(fake))
        c = await build_container(settings, rasa)
        sms = SmsService(turns=c.turns, renderer=c.renderer, languages=c.languages,
                         sessionmaker=c.sessionmaker, pseudonyms=c.pseudonyms,
                         max_segments=3, budget_s=5, clock=lambda: now[0])  # fmt: skip
        try:
            replies = []
            for i in range(13):
                replies.append(await sms.handle(InboundSms(NUMBER, "hello", f"SMr{i}")))
            now[0] += 61  # a minute later the family can write again
            replies.append(await sms.handle(InboundSms(NUMBER, "hello", "SMr-later")))
            return replies
        finally:
            await c.aclose()

    replies = asyncio.run(scenario())
    assert len(fake.sent) == 11
    assert "wait" in replies[10][0]
    assert replies[11] == [] and replies[12] == []
    assert replies[13]


# ---------------------------------------------------------------- keywords
def first_word(context: str, language: str) -> str:
    # A word only this language uses (a shared one is answered in the first language that
    # has it), the shortest, alphabetically first on ties so every run picks the same.
    others = {
        w for lang in LANGUAGES if lang.tag != language for w in RENDERER.words(context, lang.tag)
    }
    return min(RENDERER.words(context, language) - others, key=lambda w: (len(w), w))


@pytest.mark.parametrize("language", [lang.tag for lang in LANGUAGES])
def test_stop_start_help_in_every_language(
    client: TestClient, fake_rasa: FakeRasa, language: str
) -> None:
    stop = post(client, first_word("words.stop", language).upper(), "SMk1")
    assert stop == [RENDERER.ui("sms.stopped", language)]
    assert post(client, "hello?", "SMk2") == []  # nothing until START
    start = post(client, first_word("words.start", language), "SMk3")
    assert start == [RENDERER.ui("sms.started", language)]
    help_ = post(client, first_word("words.help", language), "SMk4")
    assert help_ == [RENDERER.ui("sms.help", language)]
    assert fake_rasa.sent == []


@pytest.mark.parametrize("language", [lang.tag for lang in LANGUAGES])
def test_delete_in_every_language(client: TestClient, fake_rasa: FakeRasa, language: str) -> None:
    post(
        client,
        "hello",
        "SMd1",
    )
    word = RENDERER.catalogs[language].get("words.delete").split("|")[0]
    fake_rasa.answer("greeting")
    reply = post(client, word.upper(), "SMd2")
    assert reply  # confirmed
    assert len(fake_rasa.sent) == 1  # DELETE never reaches Rasa


# ---------------------------------------------------------------- shaping
def test_numbered_options_round_trip(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("ice_at_school_procedure")
    fake_rasa.handler = lambda _r: httpx.Response(200, json=[
        {"text": "An answer.", "buttons": [
            {"title": "Sources", "payload": "sources"},
            {"title": "Talk to a person", "payload": "topic:ask_human"}]},
        bot_answer("ice_at_school_procedure")[1],
    ])  # fmt: skip
    reply = "\n".join(post(client, "what happens if ice comes", "SMo1"))
    assert "1) Sources" in reply and "2) Talk to a person" in reply
    assert "Reply 1 or 2." in reply
    assert "/" not in reply.replace("1/", "")  # no payload like /intent reaches a family
    fake_rasa.handler = lambda _r: httpx.Response(
        200, json=[{"text": "A person will help."}, bot_answer("ask_human")[1]]
    )
    post(client, "2", "SMo2")
    assert fake_rasa.sent[-1]["message"] == "/ask_human"  # the api's own button, forwarded
    post(client, "1", "SMo3")  # the last reply had no options: "1" is just text
    assert fake_rasa.sent[-1]["message"] == "1"


def test_media_gets_a_text_only_reply(client: TestClient, fake_rasa: FakeRasa) -> None:
    reply = post(client, "", "SMm1", NumMedia="1", MediaUrl0="https://example.org/x.jpg")
    assert reply == [RENDERER.ui("sms.media", "en")]
    assert fake_rasa.sent == []


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("a" * 160, "GSM-7", 1), ("a" * 161, "GSM-7", 2), ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3), ("a" * 459, "GSM-7", 3), ("a" * 460, "GSM-7", 4),
        ("€" * 80, "GSM-7", 1), ("{" * 81, "GSM-7", 2), ("ñé@£" * 40, "GSM-7", 1),
        ("á" * 70, "UCS-2", 1), ("á" * 71, "UCS-2", 2), ("í" * 134, "UCS-2", 2),
        ("ó" * 135, "UCS-2", 3), ("مرحبا" * 14, "UCS-2", 1), ("你好" * 100, "UCS-2", 3),
        ("😀" * 35, "UCS-2", 1), ("😀" * 36, "UCS-2", 2),
    ],
)  # fmt: skip
def test_segment_counter(text: str, encoding: str, segments: int) -> None:
    assert (count(text).encoding, count(text).segments) == (encoding, segments)


@pytest.mark.parametrize("language", [lang.tag for lang in LANGUAGES])
def test_every_answer_splits_within_the_budget(language: str) -> None:
    for topic in RENDERER.topics:
        text = RENDERER.answer(topic, language, None).text
        parts = split_to_budget(text, 3)
        assert all(count(p).segments <= 3 for p in parts)
        assert "".join(parts).replace(" ", "") == plain(text).replace(" ", "")


def test_english_answers_stay_gsm7() -> None:
    for topic in RENDERER.topics:
        if topic.id in {"greeting", "change_language"}:
            continue  # they name each language in its own script, by design
        assert count(plain(RENDERER.answer(topic, "en", None).text)).encoding == "GSM-7", topic.id
