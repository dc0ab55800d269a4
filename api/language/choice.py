"""Choosing the reply language of a turn.

Order of precedence (DESIGN 3.1):
1. the family's explicit choice: the request's ``language`` field, a language button, or a
   message that is just a language's name ("español", "kreyòl", "عربي", "中文");
2. the conversation's language, kept through "ok", "si", "2" or "ICE?": a conversation only
   switches on strong evidence (4+ words the detector is sure of, or a change of script);
3. for a first message, the detected language when the detector is confident, else the
   browser's Accept-Language, else the default.

A message in a language the assistant does not support (recognised by py3langid, which knows
97 languages) is answered in English with a note that an interpreter is available.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, Protocol

from api.language.detection import LanguageDetector, has_letters
from api.language.languages import Language, LanguageRegistry

Reason = Literal["requested", "named", "kept", "detected", "browser", "default"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def word_count(text: str) -> int:
    """Words, counting about two Chinese characters as one (Chinese has no spaces)."""
    han = len(_HAN.findall(text))
    return len(_WORD.findall(_HAN.sub(" ", text))) + (han + 1) // 2


def script_of(text: str) -> str:
    """The dominant writing system of the letters in ``text`` (LATIN, ARABIC, CJK...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = "CJK" if name.startswith("CJK") else name.split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""


class Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


class Py3LangId:
    """py3langid's 97-language model, used only to recognise unsupported languages."""

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def classify(self, text: str) -> tuple[str, float]:
        tag, probability = self._identifier.classify(text)
        return str(tag), float(probability)


@dataclass(frozen=True)
class Choice:
    language: Language
    reason: Reason
    unsupported: str | None = None  # an unsupported language the family wrote in or asked for


def parse_accept_language(header: str | None) -> list[str]:
    """Language tags from an Accept-Language header, best first (Babel has no parser)."""
    if not header:
        return []
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


class LanguageChooser:
    # A conversation switches on a message of at least this many words whose detected
    # language has at least this posterior probability, or on a change of script.
    SWITCH_WORDS = 4
    SWITCH_PROBABILITY = 0.99
    FIRST_PROBABILITY = 0.6
    # "hi", "ok", "oi" open conversations in many languages; one or two words must be
    # nearly certain before they outweigh the browser's language or the default.
    SHORT_FIRST_PROBABILITY = 0.995
    UNSUPPORTED_PROBABILITY = 0.9

    def __init__(
        self,
        registry: LanguageRegistry,
        detector: LanguageDetector,
        scripts: dict[str, str],
        identifier: Identifier | None = None,
    ) -> None:
        """``scripts`` maps each language to its writing system (see ``script_of``)."""
        self._registry = registry
        self._detector = detector
        self._identifier = identifier
        self._scripts = scripts
        self._base_tags = {lang.tag.split("-")[0].lower() for lang in registry}

    def named(self, text: str) -> Language | None:
        """The language a message asks for when the message is just that language's name."""
        cleaned = re.sub(r"[^\w\s-]", "", text.strip().lower(), flags=re.UNICODE).strip()
        if not cleaned or word_count(cleaned) > 3:
            return None
        return self._registry.resolve(cleaned) if " " not in cleaned else self._by_name(cleaned)

    def _by_name(self, cleaned: str) -> Language | None:
        # "english please", "en español por favor": one word of it names a language.
        found = {self._registry.resolve(w) for w in cleaned.split()} - {None}
        return found.pop() if len(found) == 1 else None

    def mentioned(self, text: str) -> Language | None:
        """A supported language named anywhere in a message (for change_language)."""
        lowered = text.lower()
        found = {self._registry.resolve(w) for w in _WORD.findall(lowered)} - {None}
        for lang in self._registry:
            for alias in lang.aliases:
                if alias.isascii():
                    continue
                # Chinese has no spaces ("我要中文"); elsewhere an alias is a whole word, so
                # Dari "دری" is not found inside "دریافت" (to receive).
                pattern = re.escape(alias)
                if not _HAN.search(alias):
                    pattern = r"(?<!\w)" + pattern + r"(?!\w)"
                if re.search(pattern, lowered):
                    found.add(lang)
        return found.pop() if len(found) == 1 else None

    def choose(
        self,
        text: str,
        *,
        requested: str | None,
        current: str | None,
        accept_language: str | None = None,
    ) -> Choice:
        if requested:
            chosen = self._registry.resolve(requested)
            if chosen is not None:
                return Choice(chosen, "requested")
            return Choice(self._registry.default, "requested", unsupported=requested)
        named = self.named(text)
        if named is not None:
            return Choice(named, "named")
        kept = self._registry.resolve(current) if current else None
        if not has_letters(text):
            return Choice(kept, "kept") if kept else self._fallback(accept_language)

        guesses = self._detector.guess(text)
        best = guesses[0] if guesses else None
        words = word_count(text)
        if kept is not None:
            if best is None or best.tag == kept.tag:
                return Choice(kept, "kept")
            new_script = script_of(text)
            strong = words >= self.SWITCH_WORDS and best.probability >= self.SWITCH_PROBABILITY
            # Writing in another, distinctive script ("مرحبا" in a Spanish conversation) is
            # strong evidence; a Latin "ok", "ICE?" or "DACA" in an Arabic one is not.
            script_changed = (
                new_script not in {"LATIN", self._scripts[kept.tag]}
                and new_script == self._scripts[best.tag]
                and best.probability >= self.FIRST_PROBABILITY
            )
            if strong or script_changed:
                return Choice(self._registry.get(best.tag), "detected")
            return Choice(kept, "kept")

        other = self._unsupported(text, words)
        if other is not None:
            return Choice(self._registry.default, "detected", unsupported=other)
        needed = self.FIRST_PROBABILITY if words > 2 else self.SHORT_FIRST_PROBABILITY
        if best is not None and best.probability >= needed:
            return Choice(self._registry.get(best.tag), "detected")
        return self._fallback(accept_language)

    def _unsupported(self, text: str, words: int) -> str | None:
        if self._identifier is None or words < 3:
            return None
        tag, probability = self._identifier.classify(text)
        if tag not in self._base_tags and probability >= self.UNSUPPORTED_PROBABILITY:
            return tag
        return None

    def _fallback(self, accept_language: str | None) -> Choice:
        for tag in parse_accept_language(accept_language):
            found = self._registry.resolve(tag)
            if found is not None:
                return Choice(found, "browser")
        return Choice(self._registry.default, "default")
