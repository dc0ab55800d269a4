"""The vetted topic catalogue (``content/topics.yml``, a copy of ``shared/content``).

Each topic id is a Rasa intent and has an answer whose catalog context is ``utter_<id>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from api.errors import ContentError

OUT_OF_SCOPE = "out_of_scope"
CONVERSATION_GROUP = "conversation"


@dataclass(frozen=True)
class Topic:
    id: str
    group: str
    title: str
    urgent: bool
    sources: tuple[str, ...]

    @property
    def response_key(self) -> str:
        return f"utter_{self.id}"


class TopicCatalogue:
    def __init__(self, topics: list[Topic]) -> None:
        self._by_id = {t.id: t for t in topics}
        if len(self._by_id) != len(topics):
            raise ContentError("duplicate topic ids in the catalogue")
        if OUT_OF_SCOPE not in self._by_id:
            raise ContentError("the catalogue has no out_of_scope topic")

    @classmethod
    def load(cls, path: Path) -> TopicCatalogue:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        topics = []
        for item in raw["topics"]:
            sources: list[str] = []
            for fact in item.get("must_convey", []):
                for source in str(fact.get("source", "")).split(";"):
                    source = source.strip()
                    if source and fact.get("scope") != "BOT" and source not in sources:
                        sources.append(source)
            topics.append(
                Topic(
                    id=item["id"],
                    group=item["group"],
                    title=item["title"],
                    urgent=bool(item.get("urgent_escalation", False)),
                    sources=tuple(sources),
                )
            )
        return cls(topics)

    def __iter__(self) -> Iterator[Topic]:
        return iter(self._by_id.values())

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._by_id

    def get(self, topic_id: str) -> Topic:
        return self._by_id[topic_id]

    def ids(self) -> list[str]:
        return list(self._by_id)

    def for_response(self, response_key: str) -> Topic | None:
        if not response_key.startswith("utter_"):
            return None
        return self._by_id.get(response_key.removeprefix("utter_"))
