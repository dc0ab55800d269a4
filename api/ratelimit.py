"""Per-key sliding-window rate limits, in process (Redis-backed at scale)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        limits: list[tuple[int, float]],
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        """``limits`` is a list of (events, window seconds), e.g. [(10, 60), (100, 86400)]."""
        self._limits = limits
        self._clock = clock
        self._max_keys = max_keys
        self._events: dict[str, deque[float]] = {}
        self._longest = max(window for _, window in limits)

    def allow(self, key: str) -> bool:
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self._max_keys:
                self._evict(now)
            events = self._events[key] = deque()
        while events and now - events[0] > self._longest:
            events.popleft()
        for count, window in self._limits:
            if sum(1 for t in events if now - t <= window) >= count:
                return False
        events.append(now)
        return True

    def forget(self, key: str) -> None:
        self._events.pop(key, None)

    def _evict(self, now: float) -> None:
        stale = [k for k, ev in self._events.items() if not ev or now - ev[-1] > self._longest]
        for key in stale:
            del self._events[key]
