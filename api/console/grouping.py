"""Group similar questions so staff see a problem once, with its size, in every language.

Two steps: questions are first grouped by the model's best topic guess, which is language
independent (the model is shared across languages, so "do I need a social security number"
and "necesito número de seguro social" share a guess); then, inside a group, questions of the
same language are clustered by character-trigram similarity, so near-duplicates sit together
even when the guess was poor.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from api.store.models import ReviewItem

SIMILAR = 0.45  # cosine over character trigrams; chosen by eye on the test corpus
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass
class Cluster:
    language: str
    items: list[ReviewItem] = field(default_factory=list)


@dataclass
class Group:
    topic: str | None  # the model's best guess; None when there was none (bot unavailable)
    clusters: list[Cluster] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(c.items) for c in self.clusters)

    @property
    def languages(self) -> Counter[str]:
        return Counter(c.language for c in self.clusters for _ in c.items)


def best_guess(item: ReviewItem) -> str | None:
    ranking = item.ranking or []
    if ranking and isinstance(ranking[0], dict) and ranking[0].get("name"):
        return str(ranking[0]["name"])
    return item.topic_guess


def trigrams(text: str) -> Counter[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    padded = f" {_NOT_WORD.sub(' ', folded).strip()} "
    return Counter(padded[i : i + 3] for i in range(max(len(padded) - 2, 1)))


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    return dot / (
        math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    )


def group_items(items: list[ReviewItem]) -> list[Group]:
    by_topic: dict[str | None, list[ReviewItem]] = {}
    for item in items:
        by_topic.setdefault(best_guess(item), []).append(item)
    groups = []
    for topic, members in by_topic.items():
        clusters: list[Cluster] = []
        centroids: list[Counter[str]] = []
        for item in sorted(members, key=lambda i: i.id):
            grams = trigrams(item.text_redacted)
            best, score = None, 0.0
            for index, cluster in enumerate(clusters):
                if cluster.language != item.language:
                    continue
                similarity = cosine(grams, centroids[index])
                if similarity > score:
                    best, score = index, similarity
            if best is not None and score >= SIMILAR:
                clusters[best].items.append(item)
                centroids[best].update(grams)
            else:
                clusters.append(Cluster(item.language, [item]))
                centroids.append(Counter(grams))
        clusters.sort(key=lambda c: (-len(c.items), c.language))
        groups.append(Group(topic, clusters))
    groups.sort(key=lambda g: (-g.size, g.topic or "~"))
    return groups
