"""Recognise messages about something happening right now, in any supported language."""

from __future__ import annotations

import re
from pathlib import Path

import yaml


class UrgencyDetector:
    def __init__(self, patterns: list[str]) -> None:
        self._patterns = [re.compile(p, re.IGNORECASE) for p in patterns]

    @classmethod
    def load(cls, path: Path) -> UrgencyDetector:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls([p for patterns in raw["patterns"].values() for p in patterns])

    def __call__(self, text: str) -> bool:
        return any(p.search(text) for p in self._patterns)
