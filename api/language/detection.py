"""Which language a message is in, restricted to the supported languages.

General-purpose detectors are trained on well-formed web text and struggle with what
families send: two or three words, no accents, code-mixing ("mi hijo no tiene social
security"), Haitian Creole spelled without accents. This detector is a multinomial naive
Bayes over character 1-4-grams trained at start-up on the project's own training data
(``data/nlu/<tag>/``), so it knows this domain's words in every language ("lekol", "escola",
"seguro social"). ``docs/quality.md`` compares it with lingua and py3langid.

The decision of whether to *switch* a conversation's language lives in ``choice.py``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


def ngrams(text: str, sizes: tuple[int, ...] = (1, 2, 3, 4)) -> list[str]:
    padded = f" {_SPACES.sub(' ', text.lower()).strip()} "
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


def has_letters(text: str) -> bool:
    return _LETTER.search(text) is not None


@dataclass(frozen=True)
class Guess:
    tag: str
    probability: float


class LanguageDetector:
    def __init__(self, samples: dict[str, list[str]], alpha: float = 0.1) -> None:
        self._alpha = alpha
        self._counts: dict[str, Counter[str]] = {}
        self._totals: dict[str, int] = {}
        vocabulary: set[str] = set()
        for tag, texts in samples.items():
            counts: Counter[str] = Counter()
            for text in texts:
                counts.update(ngrams(text))
            self._counts[tag] = counts
            self._totals[tag] = sum(counts.values())
            vocabulary.update(counts)
        self._vocabulary_size = len(vocabulary) + 1

    @classmethod
    def from_training_data(cls, nlu_dir: Path, tags: list[str]) -> LanguageDetector:
        samples: dict[str, list[str]] = {}
        for tag in tags:
            texts: list[str] = []
            for path in sorted((nlu_dir / tag).glob("*.yml")):
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                for block in data.get("nlu", []):
                    for line in str(block.get("examples", "")).splitlines():
                        text = line.strip().removeprefix("- ").strip()
                        if text:
                            texts.append(text)
            samples[tag] = texts
        return cls(samples)

    @property
    def languages(self) -> list[str]:
        return list(self._counts)

    def guess(self, text: str) -> list[Guess]:
        """Languages by posterior probability (uniform prior), most likely first."""
        grams = ngrams(text)
        if not grams or not self._counts:
            return []
        scores: dict[str, float] = {}
        for tag, counts in self._counts.items():
            denominator = math.log(self._totals[tag] + self._alpha * self._vocabulary_size)
            scores[tag] = sum(math.log(counts[g] + self._alpha) - denominator for g in grams)
        best = max(scores.values())
        weights = {tag: math.exp(score - best) for tag, score in scores.items()}
        total = sum(weights.values())
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        return [Guess(tag, weight / total) for tag, weight in ranked]
