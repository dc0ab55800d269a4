"""The supported reply languages, read from ``config/languages.yml``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from api.errors import ContentError


@dataclass(frozen=True)
class Language:
    tag: str
    locale: str
    name: str
    direction: Literal["ltr", "rtl"]
    aliases: frozenset[str] = field(default_factory=frozenset)


class LanguageRegistry:
    def __init__(self, languages: list[Language], default: str) -> None:
        self._by_tag = {lang.tag: lang for lang in languages}
        if default not in self._by_tag:
            raise ContentError(f"default language {default!r} is not in the language list")
        self.default = self._by_tag[default]
        self._lookup: dict[str, Language] = {}
        for lang in languages:
            for key in {lang.tag.lower(), lang.locale.lower().replace("_", "-"), *lang.aliases}:
                self._lookup[key] = lang

    @classmethod
    def load(cls, path: Path) -> LanguageRegistry:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        languages = [
            Language(
                tag=item["tag"],
                locale=item["locale"],
                name=item["name"],
                direction=item.get("direction", "ltr"),
                aliases=frozenset(a.lower() for a in item.get("aliases", [])),
            )
            for item in raw["languages"]
        ]
        return cls(languages, raw.get("default", "en"))

    def __iter__(self) -> Iterator[Language]:
        return iter(self._by_tag.values())

    def __len__(self) -> int:
        return len(self._by_tag)

    def get(self, tag: str) -> Language:
        return self._by_tag[tag]

    def resolve(self, tag: str | None) -> Language | None:
        """Map a BCP 47 tag (or a language name) to a supported language, or None.

        Tries the whole tag first, then drops subtags from the right, so ``es-MX`` finds
        ``es`` and ``zh-Hans-CN`` finds ``zh-Hans``; ``pt`` only matches where an alias says
        so, because Babel's own negotiation would pick European Portuguese.
        """
        if not tag:
            return None
        parts = tag.strip().replace("_", "-").lower().split("-")
        while parts:
            found = self._lookup.get("-".join(parts))
            if found is not None:
                return found
            parts.pop()
        return None
