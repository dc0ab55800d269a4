"""English questions the model never saw get the right topic and an answer with its facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest

from api.settings import REPO_ROOT
from tests.conftest import TESTS, load_yaml
from tests.integration.conftest import ChatFn

HELDOUT = load_yaml(TESTS / "data" / "heldout" / "en.yml")["examples"]
KEY_FACTS: dict[str, list[str]] = load_yaml(TESTS / "data" / "key_facts.yml")
TOPICS = [t["id"] for t in load_yaml(REPO_ROOT / "content" / "topics.yml")["topics"]]


BY_TOPIC: dict[str, list[str]] = defaultdict(list)
for example in HELDOUT:
    BY_TOPIC[example["topic"]].append(example["text"])


@pytest.mark.parametrize("topic", TOPICS)
def test_unseen_question_gets_topic_and_key_facts(
    topic: str, new_conversation: Callable[[], ChatFn]
) -> None:
    tried = []
    for question in BY_TOPIC[topic]:
        reply = new_conversation()(question)
        tried.append((question, reply["topic"]))
        if reply["topic"] == topic:
            break
    else:
        pytest.fail(f"no unseen question was answered as {topic}: {tried}")
    answer = reply["messages"][0]["text"]
    if topic == "change_language" and reply["language"] != "en":
        return  # asked for another language: switched, and confirmed in that language
    assert reply["language"] == "en"
    assert reply["direction"] == "ltr"
    missing = [
        fact
        for fact in KEY_FACTS[topic]
        if fact not in " ".join(m["text"] for m in reply["messages"])
    ]
    assert missing == [], f"{topic} answer lacks {missing}: {answer}"
    assert "%(" not in answer
    assert "utter_" not in answer


@pytest.mark.parametrize(
    "question",
    [
        "how do i renew my drivers license",
        "my landlord wont fix the heat",
        "tips for my green card interview",
        "who won the game last night",
        "asdkjh qwpoe zzzz",
    ],
)
def test_out_of_scope_questions_fall_back(
    question: str, new_conversation: Callable[[], ChatFn]
) -> None:
    reply = new_conversation()(question)
    assert reply["topic"] == "out_of_scope"
    assert "2-1-1" in reply["messages"][0]["text"]
    assert reply["messages"][0]["buttons"], "the fallback offers topics to choose from"
