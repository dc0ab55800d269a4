"""Privacy invariants (DESIGN section 4): pseudonyms, redaction, retention, settings."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError
from sqlalchemy import select

from api.privacy.erasure import Eraser, TrackerEraser
from api.privacy.pseudonyms import Pseudonymizer
from api.privacy.redaction import redact
from api.settings import Settings
from api.store import repository
from api.store.db import make_engine, make_sessionmaker, migrate
from api.store.models import Conversation, ReviewItem
from tests.conftest import TESTS, load_yaml


def test_pseudonyms_are_keyed_stable_and_versioned() -> None:
    a = Pseudonymizer(SecretStr("k1"), 1)
    b = Pseudonymizer(SecretStr("k2"), 2)
    assert a("sms", "+12035550142") == a("sms", "+12035550142")
    assert a("sms", "+12035550142") != b("sms", "+12035550142")
    assert a("sms", "+12035550142").startswith("sms-v1-")
    assert "2035550142" not in a("sms", "+12035550142")
    assert a("web", "x") != a("sms", "x")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("call me 203-555-0142", "555-0142"),
        ("my cell (860) 555 1234", "555 1234"),
        ("+1 203 555 0142", "555 0142"),
        ("ssn 123-45-6789", "6789"),
        ("A-123456789", "123456789"),
        ("A 123 456 789", "456 789"),
        ("write to me at jo.doe@example.com", "jo.doe"),
        ("we live at 45 Main Street", "45 Main"),
        ("vivimos en 120 Calle Sol", "120 Calle"),
        ("born 03/14/2015", "03/14/2015"),
        ("2035550142", "2035550142"),
    ],
)
def test_redaction_masks_personal_details(text: str, gone: str) -> None:
    assert gone not in redact(text)


@pytest.mark.parametrize("text", ["my son is 7 and in grade 2", "call 2-1-1", "PA 25-1 says"])
def test_redaction_keeps_ordinary_text(text: str) -> None:
    assert redact(text) == text


def test_production_refuses_placeholder_secrets() -> None:
    good = {
        "environment": "production",
        "operator_name": "X",
        "pseudonym_key": SecretStr("k" * 32),
        "nlg_token": SecretStr("t"),
        "twilio_auth_token": SecretStr("a" * 32),
    }
    assert Settings(**good).environment == "production"  # type: ignore[arg-type]
    for field, message in [("pseudonym_key", "PSEUDONYM_KEY"), ("nlg_token", "NLG_TOKEN"),
                           ("twilio_auth_token", "TWILIO_AUTH_TOKEN")]:  # fmt: skip
        with pytest.raises(ValidationError, match=message):
            Settings(**{**good, field: SecretStr("")})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="OPERATOR_NAME"):
        Settings(**{**good, "operator_name": ""})  # type: ignore[arg-type]


def test_retention_purges_old_rows_and_trackers(tmp_path: Path) -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'api.db'}")
        trackers = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'trackers.db'}")
        await migrate(engine)
        sessions = make_sessionmaker(engine)
        old = datetime.now(UTC) - timedelta(days=31)
        async with sessions() as s, s.begin():
            s.add(Conversation(key="old", channel="web", created_at=old, updated_at=old))
            s.add(Conversation(key="new", channel="web"))
            await repository.queue_for_review(
                s, conversation_key="old", channel="web", district=None, language="en",
                text="old question", reason="fallback",
            )  # fmt: skip
            await repository.queue_for_review(
                s, conversation_key="new", channel="web", district=None, language="en",
                text="new question", reason="fallback",
            )  # fmt: skip
        async with sessions() as s, s.begin():
            for item in await repository.review_items(s):
                if item.conversation_key == "old":
                    item.created_at = old
        with sqlite3.connect(tmp_path / "trackers.db") as db:
            db.execute("CREATE TABLE events (sender_id TEXT, data TEXT, timestamp REAL)")
            db.execute("INSERT INTO events VALUES ('old', 'x', ?)", (old.timestamp(),))
            db.execute(
                "INSERT INTO events VALUES ('new', 'y', ?)", (datetime.now(UTC).timestamp(),)
            )
        counts = await Eraser(sessions, TrackerEraser(trackers)).purge_expired(30)
        assert counts == {"review_items": 1, "conversations": 1, "tracker_events": 1}
        async with sessions() as s:
            keys = [i.conversation_key for i in await repository.review_items(s)]
            convs = [c.key for c in (await s.scalars(select(Conversation))).all()]
        await engine.dispose()
        await trackers.dispose()
        return keys, convs

    keys, convs = asyncio.run(scenario())
    assert keys == ["new"] and convs == ["new"]
    with sqlite3.connect(tmp_path / "trackers.db") as db:
        assert db.execute("SELECT sender_id FROM events").fetchall() == [("new",)]
    assert ReviewItem.__tablename__ == "review_items"


CORPUS = load_yaml(TESTS / "data" / "redaction_corpus.yml")


@pytest.mark.parametrize("case", CORPUS, ids=[c["text"][:30] for c in CORPUS])
def test_redaction_corpus(case: dict[str, object]) -> None:
    redacted = redact(str(case["text"]))
    for detail in case["gone"]:  # type: ignore[attr-defined]
        assert detail not in redacted
    # Over-redaction matters too: staff must still understand the question.
    for words in case.get("kept", []):  # type: ignore[attr-defined]
        assert words in redacted
    assert not re.search(r"\d{7,}", redacted)  # no digit run of 7 or more survives


def test_the_redaction_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 200
