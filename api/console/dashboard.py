"""Dashboard figures: questions per day, per language and per topic, and how often the
assistant fell back, per language. Read from ``turn_records``, which hold no text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.clock import Clock
from api.console.accounts import STATEWIDE
from api.store.models import TurnRecord


@dataclass(frozen=True)
class Figures:
    days: int
    per_day: list[tuple[str, float]]
    per_language: list[tuple[str, float]]
    per_topic: list[tuple[str, float]]
    fallback_rate: list[tuple[str, float]]
    total: int


def _scoped(query: Select[Any], district: str) -> Select[Any]:
    if district == STATEWIDE:
        return query.where(TurnRecord.district.is_(None))
    return query.where(TurnRecord.district == district)


class Dashboard:
    def __init__(self, sessionmaker: async_sessionmaker, clock: Clock) -> None:  # type: ignore[type-arg]
        self._sessionmaker = sessionmaker
        self._clock = clock

    async def figures(self, district: str, days: int = 30) -> Figures:
        today = self._clock.now().date()
        since = self._clock.now() - timedelta(days=days)
        count = func.count(TurnRecord.id)

        def grouped(column: Any) -> Select[Any]:
            query = select(column, count).where(TurnRecord.at >= since).group_by(column)
            return _scoped(query, district)

        async with self._sessionmaker() as session:
            day_col = func.date(TurnRecord.at)
            by_day = {str(d): n for d, n in (await session.execute(grouped(day_col))).all()}
            by_language = dict((await session.execute(grouped(TurnRecord.language))).all())
            by_topic = dict((await session.execute(grouped(TurnRecord.topic))).all())
            fallbacks = dict(
                (
                    await session.execute(
                        grouped(TurnRecord.language).where(TurnRecord.outcome != "answered")
                    )
                ).all()
            )
        per_day = [
            (str(d), float(by_day.get(str(d), 0)))
            for d in (today - timedelta(days=i) for i in range(days - 1, -1, -1))
        ]
        per_language = sorted(((k, float(v)) for k, v in by_language.items()), key=lambda r: -r[1])
        per_topic = sorted(((k, float(v)) for k, v in by_topic.items()), key=lambda r: -r[1])[:15]
        rate = [
            (lang, 100.0 * fallbacks.get(lang, 0) / total)
            for lang, total in sorted(by_language.items())
            if total
        ]
        return Figures(days, per_day, per_language, per_topic, rate, sum(by_language.values()))
