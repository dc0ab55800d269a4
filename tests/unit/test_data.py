"""Training data, held-out data and generated bot files are consistent with the catalogue."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from api.settings import REPO_ROOT
from tests.conftest import SHARED_CONTENT, TESTS, load_yaml

TOPICS = [t["id"] for t in load_yaml(REPO_ROOT / "content" / "topics.yml")["topics"]]
LANGUAGES = sorted(p.name for p in (REPO_ROOT / "data" / "nlu").iterdir() if p.is_dir())


def normalise(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def training_examples(language: str | None = None) -> list[tuple[str, str]]:
    root = REPO_ROOT / "data" / "nlu"
    paths = (root / language).rglob("*.yml") if language else root.rglob("*.yml")
    examples = []
    for path in paths:
        for block in load_yaml(path).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    examples.append((block["intent"], text))
    return examples


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_topic_has_enough_examples(language: str) -> None:
    counts = Counter(intent for intent, _ in training_examples(language))
    assert set(counts) == set(TOPICS)
    assert min(counts.values()) >= 15


def test_catalogue_examples_are_not_training_data() -> None:
    catalogue = {
        normalise(e)
        for t in load_yaml(REPO_ROOT / "content" / "topics.yml")["topics"]
        for e in t.get("examples", [])
    }
    copied = [text for _, text in training_examples() if normalise(text) in catalogue]
    assert copied == []


def test_heldout_questions_are_unseen() -> None:
    training = {text.lower() for _, text in training_examples()}
    leaked = [
        e["text"]
        for path in (TESTS / "data" / "heldout").glob("*.yml")
        for e in load_yaml(path)["examples"]
        if e["text"].strip().lower() in training
    ]
    assert leaked == []


def test_no_training_example_starts_with_a_slash_or_holds_a_number() -> None:
    bad = [t for _, t in training_examples() if t.startswith("/") or re.search(r"\d{7,}", t)]
    assert bad == []


def test_generated_bot_files_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "gen_bot.py"), "--check"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(not SHARED_CONTENT.is_dir(), reason="no shared/ folder beside the repo")
@pytest.mark.parametrize("name", ["topics.yml", "contacts.yml"])
def test_vendored_content_matches_shared(name: str) -> None:
    assert (REPO_ROOT / "content" / name).read_bytes() == (SHARED_CONTENT / name).read_bytes(), (
        f"content/{name} differs from ../shared/content/{name}: copy it and review the answers"
    )


def test_key_facts_cover_every_topic() -> None:
    assert set(load_yaml(TESTS / "data" / "key_facts.yml")) == set(TOPICS)


def test_rasa_domain_intents_are_the_topics() -> None:
    domain = load_yaml(REPO_ROOT / "bot" / "domain.yml")
    assert domain["intents"] == TOPICS
    assert set(load_yaml(REPO_ROOT / "bot" / "credentials.yml")) == {"rest"}
