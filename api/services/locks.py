"""One lock per key (a conversation, an SMS MessageSid), so one key is handled by one turn at
a time: in process by default, and across api replicas through Redis when it is configured.

The Redis lock has an expiry, so a replica that dies while holding one blocks that
conversation for at most ``REDIS_LOCK_TTL_S``. If Redis stops answering, the in-process lock
still serialises the replica's own turns and the turn goes ahead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

log = logging.getLogger(__name__)
REDIS_LOCK_TTL_S = 30.0
REDIS_LOCK_WAIT_S = 15.0


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


class RedisKeyedLocks(KeyedLocks):
    def __init__(self, redis: Redis, prefix: str) -> None:
        super().__init__()
        self._redis = redis
        self._prefix = prefix

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        # The local lock first: turns of this replica queue here, not by polling Redis.
        async with super().hold(key):
            lock = self._redis.lock(
                f"lock:{self._prefix}:{key}",
                timeout=REDIS_LOCK_TTL_S,
                blocking_timeout=REDIS_LOCK_WAIT_S,
            )
            acquired = False
            try:
                acquired = bool(await lock.acquire())
                if not acquired:
                    log.warning("lock: another replica held it %.0f s; going on", REDIS_LOCK_WAIT_S)
            except (RedisError, OSError) as exc:
                log.warning("lock: redis unavailable (%s), local lock only", type(exc).__name__)
            try:
                yield
            finally:
                if acquired:
                    # Expired, or Redis gone: either way nothing is left to release.
                    with contextlib.suppress(LockError, RedisError, OSError):
                        await lock.release()
