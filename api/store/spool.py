"""A bounded, in-process spool for writes that must not be lost while the store is down.

When PostgreSQL (or the SQLite file) cannot be written, a turn still answers the family; what
it had to keep (a question queued for staff, a dashboard count, an erasure the family asked
for) waits here, in order, and is written by a background task once the store is back. The
spool is bounded: past ``capacity`` the oldest entries are dropped and every drop is logged
as an error with a count, never silently. Entries live in this process's memory, so a
replica that is stopped while the store is down loses them; its logs say how many.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

Write = Callable[[], Awaitable[None]]


@dataclass
class _Entry:
    what: str
    write: Write


class Spool:
    def __init__(self, capacity: int = 10_000, interval_s: float = 2.0) -> None:
        self._entries: deque[_Entry] = deque()
        self._capacity = capacity
        self._interval_s = interval_s
        self.dropped = 0
        self._lock = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, what: str, write: Write) -> None:
        if len(self._entries) >= self._capacity:
            self._entries.popleft()
            self.dropped += 1
            log.error(
                "store spool full: dropped the oldest entry (%d dropped so far)", self.dropped
            )
        self._entries.append(_Entry(what, write))
        log.warning("store unavailable: %s spooled (%d waiting)", what, len(self._entries))

    async def flush(self) -> int:
        """Write what waits, oldest first; stop at the first failure. Returns how many."""
        written = 0
        async with self._lock:
            while self._entries:
                entry = self._entries[0]
                try:
                    await entry.write()
                except Exception as exc:  # the store is still down; try again later
                    log.info("spool flush paused: %s", type(exc).__name__)
                    break
                self._entries.popleft()
                written += 1
        if written:
            log.info("spool flushed %d entries (%d waiting)", written, len(self._entries))
        return written

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval_s)
            if self._entries:
                await self.flush()
