"""Reads and writes of the api's rows, so services never build queries themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.privacy.redaction import redact
from api.store.models import (
    Conversation,
    LoginFailure,
    ReviewItem,
    SmsMessage,
    SmsOptions,
    SmsOptOut,
    TurnRecord,
)


async def get_or_create_conversation(
    session: AsyncSession, key: str, channel: str, district: str | None
) -> Conversation:
    conv = await session.get(Conversation, key)
    if conv is None:
        conv = Conversation(key=key, channel=channel, district=district, fallback_streak=0)
        session.add(conv)
    elif district and conv.district != district:
        conv.district = district
    return conv


async def queue_for_review(
    session: AsyncSession,
    *,
    conversation_key: str,
    channel: str,
    district: str | None,
    language: str,
    text: str,
    reason: str,
    topic_guess: str | None = None,
    confidence: float | None = None,
    ranking: list[dict[str, Any]] | None = None,
) -> None:
    """Queue a question for staff. The text is redacted here, so nothing unredacted is kept."""
    session.add(
        ReviewItem(
            conversation_key=conversation_key,
            channel=channel,
            district=district,
            language=language,
            text_redacted=redact(text),
            reason=reason,
            topic_guess=topic_guess,
            confidence=confidence,
            ranking=ranking,
        )
    )


async def erase_conversation_rows(session: AsyncSession, key: str) -> None:
    """Everything kept about a conversation except an SMS opt-out, which must outlive it."""
    await session.execute(delete(ReviewItem).where(ReviewItem.conversation_key == key))
    await session.execute(delete(SmsMessage).where(SmsMessage.conversation_key == key))
    await session.execute(delete(SmsOptions).where(SmsOptions.conversation_key == key))
    await session.execute(delete(Conversation).where(Conversation.key == key))


async def purge_before(session: AsyncSession, cutoff: datetime) -> tuple[int, int]:
    """Delete review items and conversations last touched before ``cutoff``."""
    items = await session.execute(delete(ReviewItem).where(ReviewItem.created_at < cutoff))
    convs = await session.execute(delete(Conversation).where(Conversation.updated_at < cutoff))
    await session.execute(delete(SmsMessage).where(SmsMessage.created_at < cutoff))
    await session.execute(delete(SmsOptions).where(SmsOptions.updated_at < cutoff))
    # Dashboard counts hold no text, but are dated turns; they expire like the rest.
    await session.execute(delete(TurnRecord).where(TurnRecord.at < cutoff))
    await session.execute(delete(LoginFailure).where(LoginFailure.at < cutoff))
    return items.rowcount or 0, convs.rowcount or 0  # type: ignore[attr-defined]


async def review_items(session: AsyncSession) -> list[ReviewItem]:
    return list((await session.scalars(select(ReviewItem).order_by(ReviewItem.id))).all())


async def sms_reply(session: AsyncSession, message_sid: str) -> list[str] | None:
    row = await session.get(SmsMessage, message_sid)
    return list(row.reply) if row is not None else None


async def save_sms_reply(
    session: AsyncSession, message_sid: str, conversation_key: str, reply: list[str]
) -> None:
    session.add(SmsMessage(message_sid=message_sid, conversation_key=conversation_key, reply=reply))


async def sms_options(session: AsyncSession, key: str) -> list[str]:
    row = await session.get(SmsOptions, key)
    return list(row.payloads) if row is not None else []


async def set_sms_options(session: AsyncSession, key: str, payloads: list[str]) -> None:
    row = await session.get(SmsOptions, key)
    if row is None:
        session.add(SmsOptions(conversation_key=key, payloads=payloads))
    else:
        row.payloads = payloads


async def is_opted_out(session: AsyncSession, key: str) -> bool:
    return await session.get(SmsOptOut, key) is not None


async def set_opted_out(session: AsyncSession, key: str, opted_out: bool) -> None:
    row = await session.get(SmsOptOut, key)
    if opted_out and row is None:
        session.add(SmsOptOut(conversation_key=key))
    elif not opted_out and row is not None:
        await session.delete(row)
