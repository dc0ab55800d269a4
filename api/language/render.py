"""Render answers and interface strings in a language, with a district's details filled in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from api.content import answers
from api.content.districts import District, DistrictDirectory
from api.content.topics import CONVERSATION_GROUP, Topic, TopicCatalogue
from api.language.catalogs import CatalogSet, Messages

# First strong isolate ... pop directional isolate: keeps a phone number, a URL or a number
# reading left to right inside Arabic or Dari text.
FSI, PDI = "\u2068", "\u2069"
# A whole left-to-right run is isolated at once ("CT 2-1-1", "Public Act 25-1", a URL):
# isolating only its parts lets the bidi algorithm reorder them ("2-1-1 CT"). Brackets stay
# outside the run: as neutral characters they mirror correctly around it, while a bracket
# isolated without its partner shows the wrong way round ("((designated administrator").
_LTR_RUN = re.compile(r"https?://[^\s()]+|[A-Za-z0-9](?:[A-Za-z0-9 .,'’/:&+§\-]*[A-Za-z0-9])?")


def isolate_ltr_runs(text: str) -> str:
    return _LTR_RUN.sub(lambda m: f"{FSI}{m.group(0)}{PDI}", text)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Rendered:
    text: str
    buttons: list[Button] = field(default_factory=list)


class Renderer:
    def __init__(
        self,
        catalogs: CatalogSet,
        topics: TopicCatalogue,
        districts: DistrictDirectory,
        *,
        operator_name: str,
        retention_days: int,
    ) -> None:
        self.catalogs = catalogs
        self.topics = topics
        self.districts = districts
        self._operator_name = operator_name
        self._retention_days = retention_days
        self._words: dict[tuple[str, str], frozenset[str]] = {}

    # -------------------------------------------------------------- public API
    def answer(self, topic: Topic, language: str, district_id: str | None) -> Rendered:
        msgs = self.catalogs[language]
        values = self._placeholders(msgs, self.districts.get(district_id))
        parts = [msgs.get(topic.response_key, **values)]
        if topic.group != CONVERSATION_GROUP:
            footer = "footer.enforcement" if topic.group == "enforcement" else "footer.help"
            parts.append(msgs.get(footer, **values))
            if topic.urgent:
                parts.append(msgs.get("footer.now", **values))
        return Rendered(self._finish(msgs, " ".join(parts)), self._buttons(msgs, topic))

    def ui(
        self, context: str, language: str, district_id: str | None = None, **extra: object
    ) -> str:
        msgs = self.catalogs[language]
        values = {**self._placeholders(msgs, self.districts.get(district_id)), **extra}
        return self._finish(msgs, msgs.get(context, **values))

    def sources(self, topic: Topic | None, language: str) -> str:
        msgs = self.catalogs[language]
        if topic is None or not topic.sources:
            return msgs.get("ui.sources_none")
        return self._finish(msgs, msgs.get("ui.sources", sources="; ".join(topic.sources)))

    def words(self, context: str, language: str) -> frozenset[str]:
        """A language's keywords for a command (DELETE, sources), lowercased. Every message
        is checked against every language's words, so each list is split once."""
        key = (context, language)
        if key not in self._words:
            text = self.catalogs[language].get(context)
            self._words[key] = frozenset(w.strip().lower() for w in text.split("|"))
        return self._words[key]

    # -------------------------------------------------------------- internals
    def _finish(self, msgs: Messages, text: str) -> str:
        return isolate_ltr_runs(text) if msgs.language.direction == "rtl" else text

    def _buttons(self, msgs: Messages, topic: Topic) -> list[Button]:
        if topic.id in {"greeting", "change_language"}:
            return [Button(lang.name, f"lang:{lang.tag}") for lang in self.catalogs.registry]
        if topic.id == "out_of_scope":
            return [
                Button(msgs.get(f"title.{topic_id}"), f"topic:{topic_id}")
                for topic_id in answers.SUGGESTED_TOPICS
            ]
        if topic.group == CONVERSATION_GROUP:
            return []
        buttons = [Button(msgs.get("button.sources"), "sources")]
        if topic.urgent:
            buttons.append(Button(msgs.get("button.person"), "topic:ask_human"))
        return buttons

    def _placeholders(self, msgs: Messages, district: District | None) -> dict[str, object]:
        name = district.name if district else None
        liaison = district.family_liaison if district else None
        admin = district.designated_administrator if district else None
        registration = district.registration_office if district else None

        def contact(ctx: str, phone: str | None) -> str:
            return msgs.get(ctx, phone=phone) if phone else msgs.get(f"{ctx}_none")

        liaison_phone = liaison.phone if liaison else None
        liaison_text = contact("ph.liaison", liaison_phone)
        if liaison and liaison.phone:
            who = liaison_text
            human = (
                msgs.get("ph.human_hours", who=who, hours=liaison.hours)
                if liaison.hours
                else msgs.get("ph.human", who=who)
            )
        else:
            human = msgs.get("ph.human_none")

        directory_items = [
            msgs.get(ctx, phone=c.phone)
            for ctx, c in (
                ("ph.dir.liaison", liaison),
                ("ph.dir.admin", admin),
                ("ph.dir.registration", registration),
            )
            if c is not None and c.phone
        ]
        directory = (
            msgs.get("ph.directory", name=name, contacts=", ".join(directory_items))
            if name and directory_items
            else msgs.get("ph.directory_none")
        )
        return {
            "district": name or msgs.get("ph.district"),
            "liaison": liaison_text,
            "admin": contact("ph.admin", admin.phone if admin else None),
            "registration": contact(
                "ph.registration", registration.phone if registration else None
            ),
            "now_phone": liaison_phone or msgs.get("ph.now_phone_none"),
            "operator": self._operator_name or name or msgs.get("ph.operator"),
            "retention": msgs.plural("ph.retention", self._retention_days),
            "human": human,
            "directory": directory,
            "languages": ", ".join(lang.name for lang in self.catalogs.registry),
        }
