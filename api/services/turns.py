"""One turn of a conversation, whatever the channel: language, commands, Rasa, handoff, queue.

Channels (web chat, SMS) turn their request into an ``Inbound`` and shape the ``Outcome`` for
their medium; everything a family experiences the same way on every channel happens here.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.content.topics import CONVERSATION_GROUP, OUT_OF_SCOPE, TopicCatalogue
from api.errors import BotError
from api.language.choice import LanguageChooser
from api.language.languages import Language, LanguageRegistry
from api.language.render import Button, Rendered, Renderer
from api.privacy.erasure import Eraser
from api.privacy.redaction import redact
from api.rasa_client import BotReply, RasaClient
from api.services.locks import KeyedLocks
from api.store import repository
from api.store.models import Base, Conversation, ReviewItem, TurnRecord
from api.store.spool import Spool
from api.urgency import UrgencyDetector

log = logging.getLogger(__name__)

# A model and the values of one row to insert: kept as values, so a failed write can be
# retried from the spool with fresh objects.
Row = tuple[type[Base], dict[str, Any]]
# What a store that is down or unreachable raises (driver errors arrive wrapped by SQLAlchemy;
# Rasa's Redis tracker store, which DELETE erases from, raises RedisError).
STORE_DOWN: tuple[type[BaseException], ...] = (SQLAlchemyError, RedisError, OSError, TimeoutError)


@dataclass(frozen=True)
class Inbound:
    channel: str
    conversation_key: str  # a pseudonym; also Rasa's sender id
    text: str
    language: str | None = None  # explicitly chosen by the family
    district: str | None = None
    accept_language: str | None = None  # the browser's, for a first message


@dataclass
class Outcome:
    language: Language
    topic: str
    messages: list[Rendered]
    handoff: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TurnPolicy:
    low_confidence: float
    fallbacks_before_handoff: int


class TurnService:
    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker,  # type: ignore[type-arg]
        rasa: RasaClient,
        renderer: Renderer,
        languages: LanguageRegistry,
        topics: TopicCatalogue,
        urgency: UrgencyDetector,
        eraser: Eraser,
        policy: TurnPolicy,
        chooser: LanguageChooser,
        interpreter_notes: dict[str, str],
        locks: KeyedLocks | None = None,
        spool: Spool | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._rasa = rasa
        self._renderer = renderer
        self._languages = languages
        self._topics = topics
        self._urgency = urgency
        self._eraser = eraser
        self._policy = policy
        self._chooser = chooser
        self._interpreter_notes_by_language = interpreter_notes
        # Rasa makes a second in-flight message of a sender wait on its lock in 1 s steps, so
        # the api serialises each conversation itself (across replicas when Redis is there).
        self._locks = locks or KeyedLocks()
        self._spool = spool if spool is not None else Spool()

    async def handle(self, inbound: Inbound) -> Outcome:
        # Some keyboards send "ó" as "o" + a combining accent; keywords, patterns and the
        # detector all expect the composed form.
        inbound = replace(inbound, text=unicodedata.normalize("NFC", inbound.text))
        async with self._locks.hold(inbound.conversation_key):
            return await self._handle(inbound)

    async def start(self, inbound: Inbound) -> Outcome:
        """The greeting, in the family's chosen language, else the browser's, else English."""
        async with self._locks.hold(inbound.conversation_key):
            conv, stored = await self._load(inbound)
            choice = self._chooser.choose(
                "",
                requested=inbound.language,
                current=conv.language,
                accept_language=inbound.accept_language,
            )
            conv.language = choice.language.tag
            await self._save(conv, stored, [])
            greeting = self._renderer.answer(
                self._topics.get("greeting"), choice.language.tag, conv.district
            )
            messages = [greeting]
            if choice.unsupported:
                messages[:0] = self._interpreter_notes(choice.unsupported, conv.district)
            return Outcome(choice.language, "greeting", messages)

    async def delete(self, inbound: Inbound) -> Outcome:
        """The widget's delete button: erase the conversation, confirmed in its language."""
        async with self._locks.hold(inbound.conversation_key):
            conv, _ = await self._load(inbound)
            chosen = self._languages.resolve(inbound.language) if inbound.language else None
            if chosen is not None:
                conv.language = chosen.tag
            return await self._delete(inbound, conv)

    async def _handle(self, inbound: Inbound) -> Outcome:
        # The conversation is read, then the store is let go while Rasa thinks (a pooled
        # PostgreSQL connection is not held for a whole turn), then written once. The
        # conversation's lock keeps other turns of it out in between.
        conv, stored = await self._load(inbound)
        rows: list[Row] = []
        outcome = await self._turn(inbound, conv, rows)
        if outcome is None:  # DELETE
            return await self._delete(inbound, conv)
        await self._save(conv, stored, rows)
        return outcome

    async def _turn(self, inbound: Inbound, conv: Conversation, rows: list[Row]) -> Outcome | None:
        district = conv.district
        text = inbound.text.strip()
        button_language = (
            self._languages.resolve(text.removeprefix("lang:"))
            if text.startswith("lang:")
            else None
        )
        choice = self._chooser.choose(
            text,
            requested=inbound.language or (button_language.tag if button_language else None),
            current=conv.language,
            accept_language=inbound.accept_language,
        )
        language = choice.language
        conv.language = language.tag

        # Commands the api answers itself, without Rasa.
        if button_language is not None or choice.reason == "named":
            return self._switched(language, district)
        if self._command_language(text, "words.delete", language) is not None:
            return None
        if self._command_language(text, "words.sources", language):
            last = self._topics.get(conv.last_topic) if conv.last_topic else None
            reply = self._renderer.sources(last, language.tag)
            return Outcome(language, conv.last_topic or OUT_OF_SCOPE, [Rendered(reply)])

        metadata = {"language": language.tag, "district": district}
        try:
            bot = await self._rasa.send(conv.key, self._bot_text(text), metadata)
        except BotError as exc:
            log.warning("bot unavailable for a turn: %s", type(exc).__name__)
            rows.append(self._queued(conv, inbound, language, exc.reason, {}))
            rows.append(self._record(conv, inbound, language, OUT_OF_SCOPE, "failed"))
            reply = self._renderer.ui("ui.bot_unavailable", language.tag, district)
            urgent = self._urgency(text)
            return Outcome(language, OUT_OF_SCOPE, [Rendered(reply)], handoff=urgent)

        outcome = self._after_bot(conv, inbound, language, bot)
        if outcome.topic == "change_language":
            asked = self._chooser.mentioned(text)
            if asked is not None:
                conv.language = asked.tag
                return self._switched(asked, district)
        reason = self._review_reason(outcome)
        if reason is not None:
            rows.append(self._queued(conv, inbound, language, reason, outcome.meta))
        fell_back = outcome.topic == OUT_OF_SCOPE
        rows.append(
            self._record(
                conv, inbound, language, outcome.topic, "fallback" if fell_back else "answered"
            )
        )
        # Kept (redacted) so a thumbs-down can queue it; a conversation-level reply
        # ("thanks") is not a question anyone can judge.
        if self._topics.get(outcome.topic).group != CONVERSATION_GROUP or fell_back:
            conv.last_text_redacted = redact(text)
            conv.last_meta = {k: outcome.meta.get(k) for k in ("guess", "confidence", "ranking")}
        if choice.unsupported:
            outcome.messages[:0] = self._interpreter_notes(choice.unsupported, district)
        return outcome

    async def _delete(self, inbound: Inbound, conv: Conversation) -> Outcome:
        # Confirmed in the language of the word the family used ("BORRAR"), preferring the
        # conversation's own when several languages share it.
        current = self._languages.resolve(conv.language) or self._languages.default
        language = self._command_language(inbound.text.strip(), "words.delete", current) or current
        key = inbound.conversation_key
        try:
            await self._eraser.erase(key)
        except STORE_DOWN as exc:
            # Carried out as soon as the store is back; the family is told to check later
            # rather than told it is done.
            log.warning("erasure postponed: %s", type(exc).__name__)
            self._spool.add("an erasure", lambda: self._eraser.erase(key))
            reply = self._renderer.ui("ui.bot_unavailable", language.tag, conv.district)
            return Outcome(language, "bot_privacy", [Rendered(reply)])
        return Outcome(
            language, "bot_privacy", [Rendered(self._renderer.ui("ui.deleted", language.tag))]
        )

    async def feedback(self, conversation_key: str, channel: str) -> bool:
        """A thumbs-down on the last answer: queue the question it answered for staff.
        Returns False when there is nothing to queue (no question yet, or already queued),
        or when the store is down (the widget says thanks either way; nothing else is lost:
        the question itself, if it needed staff, was queued when it was asked)."""
        try:
            return await self._feedback(conversation_key, channel)
        except STORE_DOWN as exc:
            log.warning("feedback not recorded, store unavailable: %s", type(exc).__name__)
            return False

    async def _feedback(self, conversation_key: str, channel: str) -> bool:
        async with (
            self._locks.hold(conversation_key),
            self._sessionmaker() as session,
            session.begin(),
        ):
            conv = await session.get(Conversation, conversation_key)
            if conv is None or not conv.last_text_redacted:
                return False
            meta = conv.last_meta or {}
            await repository.queue_for_review(
                session,
                conversation_key=conv.key,
                channel=channel,
                district=conv.district,
                language=conv.language or self._languages.default.tag,
                text=conv.last_text_redacted,
                reason="thumbs_down",
                topic_guess=meta.get("guess"),
                confidence=meta.get("confidence"),
                ranking=meta.get("ranking"),
            )
            # One question is queued once, however often the button is pressed.
            conv.last_text_redacted = None
            return True

    # ------------------------------------------------------------------ the store
    async def _load(self, inbound: Inbound) -> tuple[Conversation, bool]:
        """The conversation, and whether it came from the store. With the store down, the
        turn goes on from a blank conversation rather than failing the family."""
        try:
            async with self._sessionmaker() as session, session.begin():
                conv = await repository.get_or_create_conversation(
                    session, inbound.conversation_key, inbound.channel, inbound.district
                )
            return conv, True
        except STORE_DOWN as exc:
            log.warning("store unavailable for a turn: %s", type(exc).__name__)
            blank = Conversation(
                key=inbound.conversation_key,
                channel=inbound.channel,
                district=inbound.district,
                fallback_streak=0,
            )
            return blank, False

    async def _save(self, conv: Conversation, stored: bool, rows: list[Row]) -> None:
        """The conversation's new state and the turn's rows, in one short transaction; the
        rows wait in the spool if the store cannot take them now."""

        async def write(with_conversation: bool) -> None:
            async with self._sessionmaker() as session, session.begin():
                if with_conversation:
                    await session.merge(conv)
                session.add_all(model(**values) for model, values in rows)

        try:
            await write(stored)
        except STORE_DOWN as exc:
            log.warning("store unavailable after a turn: %s", type(exc).__name__)
            if rows:
                self._spool.add(f"{len(rows)} rows of a turn", lambda: write(False))

    # ------------------------------------------------------------------ steps
    @staticmethod
    def _record(
        conv: Conversation, inbound: Inbound, language: Language, topic: str, outcome: str
    ) -> Row:
        return TurnRecord, {
            "district": conv.district,
            "channel": inbound.channel,
            "language": language.tag,
            "topic": topic,
            "outcome": outcome,
        }

    def _switched(self, language: Language, district: str | None) -> Outcome:
        reply = self._renderer.ui("ui.language_switched", language.tag, district)
        return Outcome(language, "change_language", [Rendered(reply)])

    def _interpreter_notes(self, other: str, district: str | None) -> list[Rendered]:
        """English note, and the same in the family's language when we have it."""
        notes = [Rendered(self._renderer.ui("ui.language_unsupported", "en", district))]
        native = self._interpreter_notes_by_language.get(other.split("-")[0].lower())
        if native:
            notes.insert(0, Rendered(native))
        return notes

    @staticmethod
    def _queued(
        conv: Conversation,
        inbound: Inbound,
        language: Language,
        reason: str,
        meta: dict[str, Any],
    ) -> Row:
        """A question for staff; the text is redacted here, so nothing unredacted is kept."""
        return ReviewItem, {
            "conversation_key": conv.key,
            "channel": inbound.channel,
            "district": conv.district,
            "language": language.tag,
            "text_redacted": redact(inbound.text),
            "reason": reason,
            "topic_guess": meta.get("guess"),
            "confidence": meta.get("confidence"),
            "ranking": meta.get("ranking"),
        }

    def _command_language(self, text: str, context: str, current: Language) -> Language | None:
        """The language whose command words (DELETE, "borrar", "sources?") the whole message
        is, preferring the conversation's own; None when it is not a command. Every language
        counts, because erasing must work whatever language the conversation is in."""
        words = text.strip().lower()
        candidates = {words, words.rstrip(".!?¿¡؟。！？ ")}
        languages: list[Language] = [current, *self._languages]
        for language in languages:
            if candidates & self._renderer.words(context, language.tag):
                return language
        return None

    def _bot_text(self, text: str) -> str:
        """What Rasa sees, and so what its tracker store keeps.

        Personal details (phone numbers, emails, SSNs, A-numbers, addresses, dates) are
        redacted first: understanding the question never needs them. A leading ``/`` would
        let anyone force an intent, so it is removed; the api's own topic buttons
        (``topic:<id>``) are the only way to name an intent."""
        stripped = text.strip()
        if stripped.startswith("topic:"):
            topic_id = stripped.removeprefix("topic:")
            if topic_id in self._topics:
                return f"/{topic_id}"
        cleaned = redact(stripped).lstrip("/").strip()
        return cleaned or "?"

    def _after_bot(
        self, conv: Conversation, inbound: Inbound, language: Language, reply: BotReply
    ) -> Outcome:
        meta = reply.meta
        topic_id = str(meta.get("topic") or OUT_OF_SCOPE)
        if topic_id not in self._topics:
            topic_id = OUT_OF_SCOPE
        messages = [
            Rendered(m.text, [Button(b["title"], b["payload"]) for b in m.buttons])
            for m in reply.messages
        ]
        if topic_id == OUT_OF_SCOPE:
            conv.fallback_streak = (conv.fallback_streak or 0) + 1
        else:
            conv.fallback_streak = 0
        topic = self._topics.get(topic_id)
        if topic.group != CONVERSATION_GROUP:
            conv.last_topic = topic_id

        urgent = self._urgency(inbound.text)
        repeated = conv.fallback_streak >= self._policy.fallbacks_before_handoff
        handoff = topic_id == "ask_human" or urgent or repeated
        if handoff and topic_id != "ask_human":
            note = self._renderer.ui("ui.handoff", language.tag, conv.district)
            messages.append(Rendered(note))
        meta = {**meta, "urgent": urgent, "repeated_fallback": repeated}
        return Outcome(language, topic_id, messages, handoff=handoff, meta=meta)

    def _review_reason(self, outcome: Outcome) -> str | None:
        meta = outcome.meta
        if meta.get("urgent"):
            return "urgent"
        if outcome.topic == "ask_human":
            return "asked_for_person"
        if outcome.topic == OUT_OF_SCOPE:
            return "repeated_fallback" if meta.get("repeated_fallback") else "fallback"
        confidence = meta.get("confidence")
        topic = self._topics.get(outcome.topic)
        if (
            isinstance(confidence, int | float)
            and confidence < self._policy.low_confidence
            and topic.group != CONVERSATION_GROUP
        ):
            return "low_confidence"
        return None
