"""Per-key rate limits: in process by default, in Redis when it is configured, so a family
sending through several api replicas is counted once.

The Redis limiter counts in fixed windows (one counter per key and window, expiring with
it), which can let a burst of up to twice the limit through at a window's edge; that is
acceptable for abuse protection and costs one round trip. If Redis stops answering, the
replica falls back to its own in-process count rather than refusing families or letting
everything through.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class RateLimiter:
    def __init__(
        self,
        limits: list[tuple[int, float]],
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        """``limits`` is a list of (events, window seconds), e.g. [(10, 60), (100, 86400)]."""
        self.limits = limits
        self._clock = clock
        self._max_keys = max_keys
        self._events: dict[str, deque[float]] = {}
        self._longest = max(window for _, window in limits)

    async def allow(self, key: str) -> bool:
        return self.allow_now(key)

    def allow_now(self, key: str) -> bool:
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self._max_keys:
                self._evict(now)
            events = self._events[key] = deque()
        while events and now - events[0] > self._longest:
            events.popleft()
        for count, window in self.limits:
            if sum(1 for t in events if now - t <= window) >= count:
                return False
        events.append(now)
        return True

    def _evict(self, now: float) -> None:
        stale = [k for k, ev in self._events.items() if not ev or now - ev[-1] > self._longest]
        for key in stale:
            del self._events[key]


class RedisRateLimiter(RateLimiter):
    def __init__(
        self,
        redis: Redis,
        prefix: str,
        limits: list[tuple[int, float]],
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(limits, clock=clock)
        self._redis = redis
        self._prefix = prefix

    async def allow(self, key: str) -> bool:
        now = self._clock()
        try:
            pipe = self._redis.pipeline(transaction=False)
            keys = []
            for _, window in self.limits:
                bucket = f"rl:{self._prefix}:{int(window)}:{key}:{int(now // window)}"
                keys.append(bucket)
                pipe.incr(bucket)
                pipe.expire(bucket, int(window) + 1)
            counts = (await pipe.execute())[::2]
        except (RedisError, OSError) as exc:
            log.warning(
                "rate limit: redis unavailable (%s), counting in process", type(exc).__name__
            )
            return self.allow_now(key)
        return all(int(n) <= limit for n, (limit, _) in zip(counts, self.limits, strict=True))
