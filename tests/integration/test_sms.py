"""A whole SMS conversation through the real webhook and the real model, in three languages,
and afterwards no trace of the phone number anywhere: database, logs, Rasa's tracker."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from twilio.request_validator import RequestValidator

from api.sms.segments import plain
from tests.unit.test_content import RENDERER
from tools.stack import Stack

TOKEN = "integration-twilio-token"
NUMBERS = {"en": "+12035550161", "es": "+12035550162", "ar": "+12035550163"}


def text(http: httpx.Client, stack: Stack, sender: str, body: str) -> list[str]:
    fields = {"From": sender, "To": "+18605550100", "Body": body,
              "MessageSid": f"SM{uuid.uuid4().hex}", "FromCity": "HARTFORD"}  # fmt: skip
    signature = RequestValidator(TOKEN).compute_signature(f"{stack.api_url}/sms", fields)
    r = http.post("/sms", data=fields, headers={"X-Twilio-Signature": signature})
    assert r.status_code == 200, r.text
    return [m.text or "" for m in ET.fromstring(r.text).findall("Message")]


CONVERSATIONS = {
    "en": ["what happens if immigration comes to my kids school", "2", "thank you", "DELETE"],
    "es": ["que pasa si la migra llega a la escuela de mi hijo", "2", "gracias", "BORRAR"],
    "ar": ["ماذا يحدث اذا جاءت الهجرة الى مدرسة ابني؟", "2", "شكرا", "حذف"],
}


@pytest.mark.parametrize("language", sorted(CONVERSATIONS))
def test_sms_conversation(http: httpx.Client, stack: Stack, language: str) -> None:
    sender = NUMBERS[language]
    question, pick, thanks, delete = CONVERSATIONS[language]
    answer = "\n".join(text(http, stack, sender, question))
    topic = RENDERER.topics.get("ice_at_school_procedure")
    assert plain(RENDERER.answer(topic, language, None).text)[:60] in answer
    assert "1)" in answer and "2)" in answer  # buttons became numbered options
    # No payload ever reaches a family: no "/intent", "topic:..." or "lang:...".
    assert not re.search(r"(^|\s)/\w|topic:|lang:", answer)
    person = "\n".join(text(http, stack, sender, pick))  # option 2: talk to a person
    assert "911" in person
    assert "\n".join(text(http, stack, sender, thanks)).strip()
    deleted = text(http, stack, sender, delete)
    assert deleted == [RENDERER.ui("ui.deleted", language)]


def test_no_phone_number_anywhere(http: httpx.Client, stack: Stack) -> None:
    # Run after the conversations above (file order); then look everywhere.
    sender = "+12035550164"
    text(http, stack, sender, "do i need a social security number to enroll")
    text(http, stack, sender, "my cell is 203-555-0199 call me")
    files = [p for p in Path(stack.var_dir).iterdir() if p.is_file()]
    blob = b"".join(p.read_bytes() for p in files)
    for number in [*NUMBERS.values(), sender]:
        digits = number[2:]
        variants = {
            number,
            digits,
            f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
            f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
            f"{digits[3:6]}-{digits[6:]}",
        }
        for variant in variants:
            assert variant.encode() not in blob, f"{variant} found in {[p.name for p in files]}"
    assert b"5550199" not in blob.replace(b"-", b"")
    assert b"HARTFORD" not in blob
