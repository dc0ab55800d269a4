"""Reviewed examples: a question staff assigned to a topic becomes training data in its own
language's file, ``data/nlu/<lang>/reviewed.yml`` (Rasa's NLU format), picked up by the next
``make retrain``.

Each example is checked before it is written: redacted again (staff may have edited it), one
line, a real topic, and not already an example of a *different* topic anywhere in the
training data (Rasa's validator rejects that, and the model would learn a contradiction).
Writes are atomic and locked, so two api processes cannot interleave.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from api.content.topics import TopicCatalogue
from api.errors import InvalidExample
from api.language.languages import LanguageRegistry
from api.privacy.redaction import redact

REVIEWED_FILE = "reviewed.yml"
MIN_CHARS, MAX_CHARS = 2, 300
_SPACE = re.compile(r"\s+")
_EXAMPLE_LINE = re.compile(r"^\s*-\s(.*)$")


def clean_example(text: str) -> str:
    """One line, redacted, and free of Rasa's entity-annotation brackets."""
    text = redact(_SPACE.sub(" ", text).strip())
    # "[phone]" followed by "(" would read as an entity annotation; plain parentheses cannot.
    return text.replace("[", "(").replace("]", ")")


class ReviewedExamples:
    def __init__(self, nlu_dir: Path, topics: TopicCatalogue, languages: LanguageRegistry):
        self._nlu_dir = nlu_dir
        self._topics = topics
        self._languages = languages
        self._thread_lock = threading.Lock()
        self._index: dict[str, str] = {}
        self._index_stamp: tuple[tuple[str, float], ...] = ()

    def path(self, language: str) -> Path:
        return self._nlu_dir / language / REVIEWED_FILE

    def add(self, language: str, topic: str, text: str) -> tuple[str, bool]:
        """Write the example; returns it as written and whether it was new."""
        if language not in {lang.tag for lang in self._languages}:
            raise InvalidExample(f"unknown language {language}")
        if topic not in self._topics:
            raise InvalidExample(f"unknown topic {topic}")
        example = clean_example(text)
        if not MIN_CHARS <= len(example) <= MAX_CHARS:
            raise InvalidExample(f"an example is {MIN_CHARS}-{MAX_CHARS} characters")
        if not re.search(r"\w", example.replace("(", "").replace(")", "")):
            raise InvalidExample("an example needs words")
        with self._locked(language):
            known = self._known().get(example.casefold())
            if known is not None and known != topic:
                raise InvalidExample(f"already a training example of {known}")
            if known == topic:
                return example, False
            path = self.path(language)
            by_intent = self._read(path)
            by_intent.setdefault(topic, []).append(example)
            self._write(path, by_intent)
            self._index[example.casefold()] = topic
        return example, True

    def examples(self, language: str) -> dict[str, list[str]]:
        return self._read(self.path(language))

    # ------------------------------------------------------------------ files
    @contextmanager
    def _locked(self, language: str) -> Iterator[None]:
        path = self.path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, open(path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @staticmethod
    def _read(path: Path) -> dict[str, list[str]]:
        if not path.exists():
            return {}
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        by_intent: dict[str, list[str]] = {}
        for block in data.get("nlu") or []:
            lines = str(block.get("examples") or "").splitlines()
            found = [m.group(1).strip() for line in lines if (m := _EXAMPLE_LINE.match(line))]
            by_intent.setdefault(str(block["intent"]), []).extend(found)
        return by_intent

    @staticmethod
    def _write(path: Path, by_intent: dict[str, list[str]]) -> None:
        lines = [
            "# Questions families asked that staff assigned to a topic in the review console.",
            "# Written by the console; redacted. Retrain with `make retrain`.",
            'version: "3.1"',
            "nlu:",
        ]
        for intent in sorted(by_intent):
            lines += [f"- intent: {intent}", "  examples: |"]
            lines += [f"    - {example}" for example in by_intent[intent]]
        text = "\n".join(lines) + "\n"
        # The file must stay loadable whatever was typed; checked before it replaces the old.
        parsed = yaml.safe_load(text)
        if not isinstance(parsed, dict) or len(parsed["nlu"]) != len(by_intent):
            raise InvalidExample("the example could not be written safely")
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    def _known(self) -> dict[str, str]:
        """Every training example of every language, by its folded text."""
        files = sorted(self._nlu_dir.rglob("*.yml"))
        stamp = tuple((str(p), p.stat().st_mtime) for p in files)
        if stamp != self._index_stamp:
            index: dict[str, str] = {}
            for path in files:
                for intent, examples in self._read(path).items():
                    for example in examples:
                        index.setdefault(example.casefold(), intent)
            self._index, self._index_stamp = index, stamp
        return self._index
