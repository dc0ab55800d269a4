"""The audit log: every decision taken in the console, with who took it and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.clock import Clock
from api.store.models import AuditEntry


class AuditLog:
    def __init__(self, sessionmaker: async_sessionmaker, clock: Clock) -> None:  # type: ignore[type-arg]
        self._sessionmaker = sessionmaker
        self._clock = clock

    def record(
        self,
        session: AsyncSession,
        *,
        username: str,
        action: str,
        district: str | None = None,
        target: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Adds the entry to the caller's transaction, so it commits with the change itself."""
        session.add(
            AuditEntry(
                at=self._clock.now(),
                username=username,
                district=district,
                action=action,
                target=target,
                detail=detail or {},
            )
        )

    async def write(
        self,
        username: str,
        action: str,
        district: str | None = None,
        target: str | None = None,
    ) -> None:
        """An entry on its own (logins, exports), in its own transaction."""
        async with self._sessionmaker() as session, session.begin():
            self.record(session, username=username, action=action, district=district, target=target)

    async def entries(self, district: str, limit: int = 500) -> list[AuditEntry]:
        """The district's entries, and logins (which belong to no district)."""
        query = (
            select(AuditEntry)
            .where(or_(AuditEntry.district == district, AuditEntry.district.is_(None)))
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
        async with self._sessionmaker() as session:
            return list((await session.scalars(query)).all())
