"""Reads and writes of the api's rows, so services never build queries themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.privacy.redaction import redact
from api.store.models import Conversation, ReviewItem


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
    await session.execute(delete(ReviewItem).where(ReviewItem.conversation_key == key))
    await session.execute(delete(Conversation).where(Conversation.key == key))


async def purge_before(session: AsyncSession, cutoff: datetime) -> tuple[int, int]:
    """Delete review items and conversations last touched before ``cutoff``."""
    items = await session.execute(delete(ReviewItem).where(ReviewItem.created_at < cutoff))
    convs = await session.execute(delete(Conversation).where(Conversation.updated_at < cutoff))
    return items.rowcount or 0, convs.rowcount or 0  # type: ignore[attr-defined]


async def review_items(session: AsyncSession) -> list[ReviewItem]:
    return list((await session.scalars(select(ReviewItem).order_by(ReviewItem.id))).all())
