"""One turn of a conversation, whatever the channel: language, commands, Rasa, handoff, queue.

Channels (web chat, SMS) turn their request into an ``Inbound`` and shape the ``Outcome`` for
their medium; everything a family experiences the same way on every channel happens here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from api.content.topics import CONVERSATION_GROUP, OUT_OF_SCOPE, TopicCatalogue
from api.errors import BotError
from api.language.languages import Language, LanguageRegistry
from api.language.render import Button, Rendered, Renderer
from api.privacy.erasure import Eraser
from api.rasa_client import BotReply, RasaClient
from api.services.locks import KeyedLocks
from api.store import repository
from api.store.models import Conversation
from api.urgency import UrgencyDetector

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Inbound:
    channel: str
    conversation_key: str  # a pseudonym; also Rasa's sender id
    text: str
    language: str | None = None  # explicitly chosen by the family
    district: str | None = None


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
    ) -> None:
        self._sessionmaker = sessionmaker
        self._rasa = rasa
        self._renderer = renderer
        self._languages = languages
        self._topics = topics
        self._urgency = urgency
        self._eraser = eraser
        self._policy = policy
        # Rasa makes a second in-flight message of a sender wait on its lock in 1 s steps, so
        # the api serialises each conversation itself.
        self._locks = KeyedLocks()

    async def handle(self, inbound: Inbound) -> Outcome:
        async with self._locks.hold(inbound.conversation_key):
            return await self._handle(inbound)

    async def _handle(self, inbound: Inbound) -> Outcome:
        async with self._sessionmaker() as session, session.begin():
            conv = await repository.get_or_create_conversation(
                session, inbound.conversation_key, inbound.channel, inbound.district
            )
            language, unsupported = self._choose_language(conv, inbound)
            conv.language = language.tag
            district = conv.district
            words = inbound.text.strip().lower()

            # Commands the api answers itself, without Rasa.
            if words.startswith("lang:"):
                chosen = self._languages.resolve(words.removeprefix("lang:"))
                if chosen is not None:
                    conv.language = chosen.tag
                    text = self._renderer.ui("ui.language_switched", chosen.tag, district)
                    return Outcome(chosen, "change_language", [Rendered(text)])
            if self._is_command(words, "words.delete", language):
                pass
            else:
                if self._is_command(words, "words.sources", language):
                    last = self._topics.get(conv.last_topic) if conv.last_topic else None
                    text = self._renderer.sources(last, language.tag)
                    return Outcome(language, conv.last_topic or OUT_OF_SCOPE, [Rendered(text)])

                bot_text = self._bot_text(inbound.text)
                metadata = {"language": language.tag, "district": district}
                try:
                    reply = await self._rasa.send(inbound.conversation_key, bot_text, metadata)
                except BotError as exc:
                    log.warning("bot unavailable for a turn: %s", type(exc).__name__)
                    await repository.queue_for_review(
                        session,
                        conversation_key=conv.key,
                        channel=inbound.channel,
                        district=district,
                        language=language.tag,
                        text=inbound.text,
                        reason=exc.reason,
                    )
                    text = self._renderer.ui("ui.bot_unavailable", language.tag, district)
                    urgent = self._urgency(inbound.text)
                    return Outcome(language, OUT_OF_SCOPE, [Rendered(text)], handoff=urgent)

                outcome = self._after_bot(conv, inbound, language, reply)
                reason = self._review_reason(conv, inbound, outcome)
                if reason is not None:
                    meta = outcome.meta
                    await repository.queue_for_review(
                        session,
                        conversation_key=conv.key,
                        channel=inbound.channel,
                        district=district,
                        language=language.tag,
                        text=inbound.text,
                        reason=reason,
                        topic_guess=meta.get("guess"),
                        confidence=meta.get("confidence"),
                        ranking=meta.get("ranking"),
                    )
                if unsupported:
                    note = self._renderer.ui("ui.language_unsupported", language.tag, district)
                    outcome.messages.insert(0, Rendered(note))
                return outcome

        # DELETE: erase outside the transaction above, which holds the conversation row.
        await self._eraser.erase(inbound.conversation_key)
        text = self._renderer.ui("ui.deleted", language.tag)
        return Outcome(language, "bot_privacy", [Rendered(text)])

    # ------------------------------------------------------------------ steps
    def _choose_language(self, conv: Conversation, inbound: Inbound) -> tuple[Language, bool]:
        """The family's explicit choice wins; otherwise keep the conversation's language."""
        if inbound.language:
            chosen = self._languages.resolve(inbound.language)
            if chosen is not None:
                return chosen, False
            return self._languages.default, True
        if conv.language:
            known = self._languages.resolve(conv.language)
            if known is not None:
                return known, False
        return self._languages.default, False

    def _is_command(self, words: str, context: str, language: Language) -> bool:
        candidates = self._renderer.words(context, language.tag)
        candidates |= self._renderer.words(context, self._languages.default.tag)
        return words.rstrip(".!? ") in candidates or words in candidates

    def _bot_text(self, text: str) -> str:
        """What Rasa sees. A leading ``/`` would let anyone force an intent, so it is removed;
        the api's own topic buttons (``topic:<id>``) are the only way to name an intent."""
        stripped = text.strip()
        if stripped.startswith("topic:"):
            topic_id = stripped.removeprefix("topic:")
            if topic_id in self._topics:
                return f"/{topic_id}"
        cleaned = stripped.lstrip("/").strip()
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

    def _review_reason(self, conv: Conversation, inbound: Inbound, outcome: Outcome) -> str | None:
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
