"""Gettext catalogs: one per supported language, loaded from ``locales/`` at start-up.

Messages are looked up by their context (``msgctxt``), which is the Rasa response key for
answers (``utter_ssn_not_required``) and a dotted name for interface strings. A language
whose catalog is missing or incomplete is an error at start-up, never a silent fallback to
English (Babel's ``Translations.load`` would fall back without a word).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from api.errors import ContentError
from api.language.languages import Language, LanguageRegistry


@dataclass(frozen=True)
class Entry:
    forms: tuple[str, ...]  # one form, or the plural forms of the language


def _forms(value: object) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


class Messages:
    """One language's messages, indexed by context."""

    def __init__(self, language: Language, catalog: Catalog) -> None:
        self.language = language
        self._locale = Locale.parse(language.locale)
        self._entries: dict[str, Entry] = {}
        is_source = language.locale == "en"
        for msg in catalog:
            if not msg.id or msg.context is None:
                continue
            if msg.context in self._entries:
                raise ContentError(f"{language.tag}: duplicate context {msg.context}")
            ids = _forms(msg.id)
            strings = _forms(msg.string)
            if is_source and not any(strings):
                strings = ids
            if not all(strings):
                raise ContentError(f"{language.tag}: untranslated message {msg.context}")
            self._entries[msg.context] = Entry(forms=strings)

    def __contains__(self, context: str) -> bool:
        return context in self._entries

    def contexts(self) -> set[str]:
        return set(self._entries)

    def get(self, context: str, **values: object) -> str:
        template = self._entries[context].forms[0]
        return template % values if values else template

    def plural(self, context: str, n: int, **values: object) -> str:
        forms = self._entries[context].forms
        index = self._plural_index(n) if len(forms) > 1 else 0
        return forms[min(index, len(forms) - 1)] % {"num": n, **values}

    def _plural_index(self, n: int) -> int:
        # Babel's plural_expr is a C expression over n (e.g. "(n != 1)"); evaluate it with the
        # locale's own plural rule instead of eval().
        tags = [*list(self._locale.plural_form.tags), "other"]
        tag = self._locale.plural_form(n)
        ordered = [t for t in ("zero", "one", "two", "few", "many", "other") if t in tags]
        return ordered.index(tag) if tag in ordered else len(ordered) - 1


class CatalogSet:
    """All languages' messages; fails loudly if any language lacks a complete catalog."""

    def __init__(self, registry: LanguageRegistry, locales_dir: Path) -> None:
        self.registry = registry
        self._by_tag: dict[str, Messages] = {}
        for language in registry:
            path = locales_dir / language.locale / "LC_MESSAGES" / "messages.po"
            if not path.is_file():
                raise ContentError(f"no catalog for {language.tag}: {path} is missing")
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=language.locale)
            self._by_tag[language.tag] = Messages(language, catalog)
        source = self._by_tag[registry.default.tag].contexts()
        for tag, messages in self._by_tag.items():
            missing = source - messages.contexts()
            if missing:
                raise ContentError(f"{tag}: catalog lacks {sorted(missing)[:5]}")

    def __getitem__(self, tag: str) -> Messages:
        return self._by_tag[tag]
