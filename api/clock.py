"""The time, from one place, so sessions, throttling and retention can be tested with a
frozen clock instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock(Clock):
    """Stands still until moved; used by tests."""

    def __init__(self, at: datetime | None = None) -> None:
        self._at = at or datetime(2026, 9, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._at

    def advance(self, **delta: float) -> None:
        self._at += timedelta(**delta)
