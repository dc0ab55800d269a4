"""Properties that must hold for any input (Hypothesis)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from twilio.request_validator import RequestValidator

from api.privacy.pseudonyms import Pseudonymizer
from api.privacy.redaction import redact
from api.routes.sms import twiml
from api.sms.segments import count
from api.sms.shaping import split_to_budget
from api.sms.signature import SignatureChecker
from tests.unit.test_content import LANGUAGES, RENDERER

digits = st.text(alphabet="0123456789", min_size=7, max_size=15)
separators = st.sampled_from(["", " ", "-", ".", "  "])
texts = st.text(max_size=300)


@given(prefix=texts, number=digits, sep=separators, suffix=texts)
def test_no_run_of_seven_digits_survives_redaction(
    prefix: str, number: str, sep: str, suffix: str
) -> None:
    spaced = sep.join([number[:3], number[3:6], number[6:]])
    out = redact(f"{prefix} {spaced} {suffix}")
    assert not re.search(r"\d(?:[\s.-]?\d){6,}", out)


@given(text=texts)
def test_redaction_is_idempotent(text: str) -> None:
    assert redact(redact(text)) == redact(text)


@given(messages=st.lists(st.text(), max_size=4))
def test_twiml_is_well_formed_for_any_text(messages: list[str]) -> None:
    # XML 1.0 cannot carry control characters; replies never contain them.
    clean = ["".join(ch for ch in m if ch.isprintable() or ch in "\n\t") for m in messages]
    root = ET.fromstring(twiml(clean))
    assert [m.text or "" for m in root.findall("Message")] == clean


@given(a=st.text(min_size=1, max_size=40), b=st.text(min_size=1, max_size=40))
def test_pseudonyms_are_stable_and_distinct(a: str, b: str) -> None:
    p = Pseudonymizer(SecretStr("key"), 3)
    assert p("sms", a) == p("sms", a)
    assert p("sms", a).startswith("sms-v3-")
    if a != b:
        assert p("sms", a) != p("sms", b)


field = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=50)
@given(fields=st.dictionaries(st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True), field,
                              min_size=1, max_size=6),
       tampered=field)  # fmt: skip
def test_signature_rejects_any_change(fields: dict[str, str], tampered: str) -> None:
    url = "https://sms.example.org/sms"
    good = RequestValidator("token").compute_signature(url, fields)
    checker = SignatureChecker(SecretStr("token"), "https://sms.example.org")
    assert checker.valid(url, fields, good)
    key = sorted(fields)[0]
    if tampered != fields[key]:
        assert not checker.valid(url, {**fields, key: tampered}, good)
    assert not checker.valid(url + "x", fields, good)


@given(text=st.text(min_size=1, max_size=2000))
def test_split_keeps_every_character_within_budget(text: str) -> None:
    parts = split_to_budget(text, 3)
    assert all(count(p).segments <= 3 for p in parts)


def test_every_catalog_message_renders_in_every_locale() -> None:
    for lang in LANGUAGES:
        msgs = RENDERER.catalogs[lang.tag]
        for context in msgs.contexts():
            if context == "ph.retention":
                for n in (0, 1, 2, 3, 11, 30, 101):
                    assert str(n) in msgs.plural(context, n)
                continue
            text = RENDERER.ui(
                context, lang.tag, "testville", choices="1, 2", sources="x", phone="203-555-0100",
                name="X", who="Y", hours="Z", contacts="c",
            )  # fmt: skip
            assert "%(" not in text and text.strip()
