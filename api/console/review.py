"""The inbox and the decisions staff take on it. Every decision is audited.

Statuses: ``open`` (waiting), ``assigned`` (a topic was assigned and the question became a
training example), ``needs_answer`` (a content request: no topic answers it), ``dismissed``,
``handled`` (a person called the family back through the district's own channels).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.clock import Clock
from api.console.accounts import STATEWIDE, Staff
from api.console.audit import AuditLog
from api.console.training import ReviewedExamples
from api.errors import ConsoleError
from api.store.models import ReviewItem

STATUSES = ("open", "assigned", "needs_answer", "dismissed", "handled")
REASONS = (
    "urgent",
    "asked_for_person",
    "repeated_fallback",
    "fallback",
    "low_confidence",
    "thumbs_down",
    "bot_unavailable",
)
# Status each simple action sets (assigning a topic has its own method).
ACTIONS = {"needs_answer": "needs_answer", "dismiss": "dismissed", "handled": "handled"}


class ItemNotFound(ConsoleError):
    pass


@dataclass(frozen=True)
class InboxFilter:
    language: str | None = None
    reason: str | None = None
    status: str | None = "open"
    since: date | None = None
    until: date | None = None


def in_district(query: Select[Any], district: str) -> Select[Any]:
    # Questions that came with no district (the statewide SMS number) are "statewide".
    if district == STATEWIDE:
        return query.where(ReviewItem.district.is_(None))
    return query.where(ReviewItem.district == district)


class ReviewService:
    def __init__(
        self,
        sessionmaker: async_sessionmaker,  # type: ignore[type-arg]
        examples: ReviewedExamples,
        audit: AuditLog,
        clock: Clock,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._examples = examples
        self._audit = audit
        self._clock = clock

    async def items(
        self, district: str, filters: InboxFilter, limit: int = 1000
    ) -> list[ReviewItem]:
        query = in_district(select(ReviewItem), district)
        if filters.language:
            query = query.where(ReviewItem.language == filters.language)
        if filters.reason:
            query = query.where(ReviewItem.reason == filters.reason)
        if filters.status:
            query = query.where(ReviewItem.status == filters.status)
        if filters.since:
            query = query.where(ReviewItem.created_at >= _start_of(filters.since))
        if filters.until:
            query = query.where(
                ReviewItem.created_at < _start_of(filters.until + timedelta(days=1))
            )
        query = query.order_by(ReviewItem.created_at.desc(), ReviewItem.id.desc()).limit(limit)
        async with self._sessionmaker() as session:
            return list((await session.scalars(query)).all())

    async def assign(
        self, staff: Staff, district: str, item_id: int, topic: str, text: str | None = None
    ) -> str:
        """The item's question (or the staff's edit of it) becomes an example of ``topic``."""
        async with self._sessionmaker() as session, session.begin():
            item = await session.scalar(
                in_district(select(ReviewItem).where(ReviewItem.id == item_id), district)
            )
            if item is None:
                raise ItemNotFound(str(item_id))
            example, new = self._examples.add(item.language, topic, text or item.text_redacted)
            self._decide(item, staff, "assigned")
            item.assigned_topic = topic
            self._audit.record(
                session,
                username=staff.username,
                district=district,
                action="assign_topic",
                target=f"item:{item.id}",
                detail={"topic": topic, "language": item.language, "new_example": new},
            )
            return example

    async def set_status(self, staff: Staff, district: str, item_id: int, action: str) -> None:
        if action not in ACTIONS:
            raise ConsoleError(f"unknown action {action}")
        async with self._sessionmaker() as session, session.begin():
            item = await session.scalar(
                in_district(select(ReviewItem).where(ReviewItem.id == item_id), district)
            )
            if item is None:
                raise ItemNotFound(str(item_id))
            previous = item.status
            self._decide(item, staff, ACTIONS[action])
            self._audit.record(
                session,
                username=staff.username,
                district=district,
                action=action,
                target=f"item:{item.id}",
                detail={"from": previous, "to": item.status},
            )

    def _decide(self, item: ReviewItem, staff: Staff, status: str) -> None:
        item.status = status
        item.decided_by = staff.username
        item.decided_at = self._clock.now()


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# ---------------------------------------------------------------------- CSV export
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"); families' text is untrusted, so such cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_COLUMNS = (
    "id",
    "created_at",
    "district",
    "channel",
    "language",
    "reason",
    "status",
    "question_redacted",
    "best_guess",
    "confidence",
    "assigned_topic",
    "decided_by",
)


def escape_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def to_csv(items: list[ReviewItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        row = (
            item.id,
            item.created_at.isoformat(timespec="seconds"),
            item.district or STATEWIDE,
            item.channel,
            item.language,
            item.reason,
            item.status,
            item.text_redacted,
            item.topic_guess,
            "" if item.confidence is None else f"{item.confidence:.2f}",
            item.assigned_topic,
            item.decided_by,
        )
        writer.writerow([escape_cell(v) for v in row])
    return out.getvalue()
