"""Console sessions: a random token in a ``__Host-`` cookie, a hash of it in the store.

A session ends after 30 minutes without a request or 8 hours after login, whichever comes
first. Logging in always issues a new token (and drops the one the browser had), so a token
planted before login is worthless. Each session has its own CSRF token for forms.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.clock import Clock
from api.console.accounts import AccountService, Staff
from api.store.models import StaffSession

COOKIE_NAME = "__Host-console"
# Before login there is no session; the login form's CSRF token is checked against this
# cookie instead (double submit), so another site cannot log a browser into its account.
LOGIN_COOKIE_NAME = "__Host-console-login"
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=8)


@dataclass(frozen=True)
class ConsoleSession:
    staff: Staff
    csrf_token: str

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token), self.csrf_token)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(
        self,
        sessionmaker: async_sessionmaker,  # type: ignore[type-arg]
        accounts: AccountService,
        clock: Clock,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._accounts = accounts
        self._clock = clock

    async def start(self, staff: Staff, previous_token: str | None = None) -> str:
        """A new session for ``staff``; returns the cookie's token."""
        token = secrets.token_urlsafe(32)
        now = self._clock.now()
        async with self._sessionmaker() as session, session.begin():
            if previous_token:
                await session.execute(
                    delete(StaffSession).where(StaffSession.token_hash == _hash(previous_token))
                )
            # Expired sessions of anyone are dropped here, so the table stays small.
            await session.execute(
                delete(StaffSession).where(
                    or_(
                        StaffSession.last_seen_at < now - IDLE_TIMEOUT,
                        StaffSession.created_at < now - ABSOLUTE_TIMEOUT,
                    )
                )
            )
            session.add(
                StaffSession(
                    token_hash=_hash(token),
                    user_id=staff.id,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    last_seen_at=now,
                )
            )
        return token

    async def resume(self, token: str | None) -> ConsoleSession | None:
        """The live session for this cookie, touched; None if absent, expired or disabled."""
        if not token or len(token) > 128:
            return None
        now = self._clock.now()
        async with self._sessionmaker() as session, session.begin():
            row = await session.get(StaffSession, _hash(token))
            if row is None:
                return None
            created, seen = _aware(row.created_at), _aware(row.last_seen_at)
            if now - seen > IDLE_TIMEOUT or now - created > ABSOLUTE_TIMEOUT:
                await session.delete(row)
                return None
            staff = await self._accounts.get(row.user_id)
            if staff is None:
                await session.delete(row)
                return None
            row.last_seen_at = now
            return ConsoleSession(staff=staff, csrf_token=row.csrf_token)

    async def end(self, token: str | None) -> None:
        if not token:
            return
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                delete(StaffSession).where(StaffSession.token_hash == _hash(token))
            )


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
