"""One inbound text message: dedupe, opt-out, keywords, rate limit, options, the turn, shaping.

Everything a family experiences the same way on the web (language, DELETE, sources, handoff,
the staff queue) happens in ``TurnService``; this module adds only what texting needs.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import phonenumbers
from babel import Locale
from babel.lists import format_list
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.language.languages import Language, LanguageRegistry
from api.language.render import Renderer
from api.privacy.pseudonyms import Pseudonymizer
from api.ratelimit import RateLimiter
from api.services.locks import KeyedLocks
from api.services.turns import STORE_DOWN, Inbound, TurnService
from api.sms.shaping import numbered_options, split_to_budget
from api.store import repository
from api.store.models import Conversation
from api.store.spool import Spool

log = logging.getLogger(__name__)
T = TypeVar("T")

_PUNCTUATION = re.compile(r"[^\w\s]+", re.UNICODE)
KEYWORDS = ("stop", "start", "help")
SMS_LIMITS = [(10, 60.0), (100, 86_400.0)]


@dataclass(frozen=True)
class InboundSms:
    sender: str  # "+12035550142" or "whatsapp:+12035550142"; never stored
    body: str
    message_sid: str
    num_media: int = 0


def channel_and_number(sender: str) -> tuple[str, str]:
    """The channel and the E.164 number (as given when it cannot be parsed)."""
    channel, _, number = sender.rpartition(":")
    channel = channel.lower() or "sms"
    try:
        parsed = phonenumbers.parse(number, "US")
        if phonenumbers.is_possible_number(parsed):
            number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return channel, number


class SmsService:
    def __init__(
        self,
        *,
        turns: TurnService,
        renderer: Renderer,
        languages: LanguageRegistry,
        sessionmaker: async_sessionmaker,  # type: ignore[type-arg]
        pseudonyms: Pseudonymizer,
        max_segments: int,
        budget_s: float,
        clock: Callable[[], float] = time.monotonic,
        limiter: RateLimiter | None = None,
        locks: KeyedLocks | None = None,
        spool: Spool | None = None,
    ) -> None:
        self._turns = turns
        self._spool = spool if spool is not None else Spool()
        self._renderer = renderer
        self._languages = languages
        self._sessionmaker = sessionmaker
        self._pseudonyms = pseudonyms
        self._max_segments = max_segments
        self._budget_s = budget_s
        self._clock = clock
        self._limiter = limiter or RateLimiter(SMS_LIMITS, clock=clock)
        self._told_to_wait: dict[str, float] = {}
        # Twilio retries, possibly to another replica; the same MessageSid must give one turn
        # and the same reply, so its lock is shared (Redis) when there are several replicas.
        self._sid_locks = locks or KeyedLocks()

    async def handle(self, sms: InboundSms) -> list[str]:
        channel, number = channel_and_number(sms.sender)
        key = self._pseudonyms(channel, number)
        async with self._sid_locks.hold(sms.message_sid):
            done = await self._try_read(self._read(repository.sms_reply, sms.message_sid), None)
            if done is not None:
                return done
            try:
                async with asyncio.timeout(self._budget_s):
                    reply = await self._handle(sms, channel, key)
            except TimeoutError:
                log.warning("sms turn over budget")
                reply = await self._over_budget(sms, channel, key)
            await self._try_write(
                self._write(repository.save_sms_reply, sms.message_sid, key, reply)
            )
            return reply

    async def _handle(self, sms: InboundSms, channel: str, key: str) -> list[str]:
        body = unicodedata.normalize("NFC", sms.body).strip()
        keyword, keyword_language = self._keyword(body)
        language = keyword_language or await self._language(key)

        if keyword in ("start", "stop"):
            # An opt-out must be honoured even while the store is down: it waits in the
            # spool and is written first thing when the store returns.
            write = self._write(repository.set_opted_out, key, keyword == "stop")
            if not await self._try_write(write):
                self._spool.add(f"an SMS {keyword}", write)
            confirmation = "sms.stopped" if keyword == "stop" else "sms.started"
            return [self._renderer.ui(confirmation, language.tag)]
        # With the store down the opt-out cannot be read: the answer goes out (Twilio itself
        # also blocks numbers that sent STOP).
        if await self._try_read(self._read(repository.is_opted_out, key), False):
            return []  # STOP means no more messages until START
        if keyword == "help":
            return [self._renderer.ui("sms.help", language.tag)]

        if not await self._limiter.allow(key):
            now = self._clock()
            if now - self._told_to_wait.get(key, -1e9) < 60:
                return []
            self._told_to_wait[key] = now
            return [self._renderer.ui("ui.rate_limited", language.tag)]

        if sms.num_media and not body:
            return [self._renderer.ui("sms.media", language.tag)]
        text = await self._option_payload(key, body) or body
        if not text:
            return [self._renderer.ui("sms.help", language.tag)]

        outcome = await self._turns.handle(
            Inbound(channel=channel, conversation_key=key, text=text)
        )
        language = outcome.language
        parts = [m.text for m in outcome.messages]
        if sms.num_media:
            parts.append(self._renderer.ui("sms.media", language.tag))
        buttons = outcome.messages[-1].buttons if outcome.messages else []
        await self._try_write(
            self._write(repository.set_sms_options, key, [b.payload for b in buttons])
        )
        if buttons:
            parts.append(numbered_options([b.title for b in buttons]))
            parts.append(self._choices(language, len(buttons)))
        return split_to_budget("\n\n".join(parts), self._max_segments)

    async def _over_budget(self, sms: InboundSms, channel: str, key: str) -> list[str]:
        """Something other than Rasa (which has its own, shorter budget) was slow: answer
        anyway, and keep the question for staff if the store lets us in time."""
        language = self._languages.default
        try:
            async with asyncio.timeout(2):
                language = await self._language(key)
                async with self._sessionmaker() as session, session.begin():
                    await repository.queue_for_review(
                        session, conversation_key=key, channel=channel, district=None,
                        language=language.tag, text=sms.body, reason="bot_unavailable",
                    )  # fmt: skip
        except Exception as exc:  # the reply must go out, whatever failed
            log.error("could not queue an over-budget sms: %s", type(exc).__name__)
        return [self._renderer.ui("ui.bot_unavailable", language.tag)]

    # ------------------------------------------------------------------ the store
    def _read(self, query: Callable[..., Awaitable[T]], *args: Any) -> Callable[[], Awaitable[T]]:
        async def run() -> T:
            async with self._sessionmaker() as session:
                return await query(session, *args)

        return run

    def _write(
        self, change: Callable[..., Awaitable[Any]], *args: Any
    ) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            async with self._sessionmaker() as session, session.begin():
                await change(session, *args)

        return run

    @staticmethod
    async def _try_read(step: Callable[[], Awaitable[T]], default: T) -> T:
        """A store read; with the store down, the turn goes on with ``default``."""
        try:
            return await step()
        except STORE_DOWN as exc:
            log.warning("store unavailable for an sms: %s", type(exc).__name__)
            return default

    @staticmethod
    async def _try_write(step: Callable[[], Awaitable[None]]) -> bool:
        """A store write; False (and logged) when the store is down."""
        try:
            await step()
        except STORE_DOWN as exc:
            log.warning("store unavailable for an sms: %s", type(exc).__name__)
            return False
        return True

    # ------------------------------------------------------------------ helpers
    def _keyword(self, body: str) -> tuple[str | None, Language | None]:
        """STOP, START or HELP in any supported language, and the language it was in."""
        words = _PUNCTUATION.sub("", body).strip().lower()
        if not words:
            return None, None
        for keyword in KEYWORDS:
            for language in self._languages:
                if words in self._renderer.words(f"words.{keyword}", language.tag):
                    return keyword, language
        return None, None

    async def _language(self, key: str) -> Language:
        conv = await self._try_read(self._read(_conversation, key), None)
        found = self._languages.resolve(conv.language) if conv and conv.language else None
        return found or self._languages.default

    async def _option_payload(self, key: str, body: str) -> str | None:
        """A reply of "2" picks the second option the family was shown."""
        if not body.isdigit():
            return None
        empty: list[str] = []
        payloads = await self._try_read(self._read(repository.sms_options, key), empty)
        index = int(body) - 1
        return payloads[index] if 0 <= index < len(payloads) else None

    def _choices(self, language: Language, n: int) -> str:
        locale = Locale.parse(language.locale)
        choices = format_list([str(i) for i in range(1, n + 1)], style="or", locale=locale)
        return self._renderer.ui("sms.choices", language.tag, choices=choices)


async def _conversation(session: Any, key: str) -> Conversation | None:
    return await session.get(Conversation, key)  # type: ignore[no-any-return]
