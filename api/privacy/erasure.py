"""Erase a family's conversation everywhere the system keeps it, and expire old data.

Rasa keeps each conversation (with its text) in its tracker store. In the embedded
configuration that is a SQLite file that only Rasa and this api use, so the api deletes the
conversation's rows there directly; at scale it is Redis (key ``tracker:<sender>``, expiring
``record_exp`` seconds after the last message), where the api deletes the key. Rasa reads the
tracker from the store on every message, so the next message starts from nothing.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from api.store import repository

log = logging.getLogger(__name__)


class TrackerEraser:
    """Deletes conversations from Rasa's SQL tracker store (``events`` table)."""

    def __init__(self, engine: AsyncEngine | None) -> None:
        self._engine = engine

    async def erase(self, sender_id: str) -> None:
        if self._engine is None:
            return
        try:
            async with self._engine.begin() as conn:
                await conn.execute(
                    text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id}
                )
        except OperationalError as exc:  # no table yet: Rasa has stored nothing
            if "no such table" not in str(exc):
                raise

    async def purge_before(self, cutoff: datetime) -> int:
        if self._engine is None:
            return 0
        try:
            async with self._engine.begin() as conn:
                # Drop whole conversations whose latest event is older than the cutoff.
                result = await conn.execute(
                    text(
                        "DELETE FROM events WHERE sender_id IN (SELECT sender_id FROM events "
                        "GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
                    ),
                    {"cutoff": cutoff.timestamp()},
                )
                return int(result.rowcount or 0)
        except OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return 0


class RedisTrackerEraser(TrackerEraser):
    """Rasa's Redis tracker store: one key per conversation, which Redis expires by itself."""

    PREFIX = "tracker:"  # Rasa 3.6's default key prefix (rasa.core.tracker_store)

    def __init__(self, redis: Redis) -> None:
        super().__init__(None)
        self._redis = redis

    async def erase(self, sender_id: str) -> None:
        await self._redis.delete(f"{self.PREFIX}{sender_id}")

    async def purge_before(self, cutoff: datetime) -> int:
        return 0  # record_exp (the retention period) expires trackers in Redis itself


class Eraser:
    def __init__(self, sessionmaker: async_sessionmaker, trackers: TrackerEraser) -> None:  # type: ignore[type-arg]
        self._sessionmaker = sessionmaker
        self._trackers = trackers

    async def erase(self, conversation_key: str) -> None:
        async with self._sessionmaker() as session, session.begin():
            await repository.erase_conversation_rows(session, conversation_key)
        await self._trackers.erase(conversation_key)

    async def purge_expired(
        self, retention_days: int, now: datetime | None = None
    ) -> dict[str, int]:
        cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
        async with self._sessionmaker() as session, session.begin():
            items, convs = await repository.purge_before(session, cutoff)
        events = await self._trackers.purge_before(cutoff)
        log.info(
            "retention purge: %d review items, %d conversations, %d tracker events",
            items,
            convs,
            events,
        )
        return {"review_items": items, "conversations": convs, "tracker_events": events}
