"""Every language, through the real model: unseen questions get the right topic and the
catalog's answer in that language; conversations keep and switch languages as families expect."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest

from api.container import load_content
from api.settings import Settings
from tests.conftest import TESTS, load_yaml
from tests.integration.conftest import ChatFn

LANGUAGES, TOPICS, RENDERER = load_content(Settings(environment="test"))
GROUPS = sorted({t.group for t in TOPICS})
HELDOUT: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
for path in sorted((TESTS / "data" / "heldout").glob("*.yml")):
    data = load_yaml(path)
    for example in data["examples"]:
        HELDOUT[(data["language"], TOPICS.get(example["topic"]).group)].append(example)


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("language", [lang.tag for lang in LANGUAGES])
def test_unseen_questions_answered_in_their_language(
    language: str, group: str, new_conversation: Callable[[], ChatFn]
) -> None:
    right = []
    for example in HELDOUT[(language, group)]:
        if example["topic"] == "change_language":
            continue  # a request for another language is answered in that language
        reply = new_conversation()(example["text"])
        if reply["topic"] == example["topic"] and reply["language"] == language:
            right.append(reply)
    assert right, f"no {language} question of {group} was answered right"
    reply = right[0]
    expected = RENDERER.answer(TOPICS.get(reply["topic"]), language, None).text
    assert reply["messages"][0]["text"] == expected
    assert reply["direction"] == LANGUAGES.get(language).direction


def test_spanish_conversation_stays_spanish_until_asked(
    new_conversation: Callable[[], ChatFn],
) -> None:
    chat = new_conversation()
    first = chat("hola, mi hija no tiene numero de seguro social, la pueden inscribir?")
    assert (first["language"], first["topic"]) == ("es", "ssn_not_required")
    for text in ("ok", "gracias", "si", "2", "ICE?"):
        assert chat(text)["language"] == "es", text
    switched = chat("English please")
    assert (switched["language"], switched["topic"]) == ("en", "change_language")
    assert chat("ok thanks")["language"] == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("español", "es"),
        ("kreyòl", "ht"),
        ("عربي", "ar"),
        ("中文", "zh-Hans"),
        ("português", "pt-BR"),
    ],
)
def test_naming_a_language_switches_and_confirms_in_it(
    text: str, language: str, new_conversation: Callable[[], ChatFn]
) -> None:
    chat = new_conversation()
    chat("hello")
    reply = chat(text)
    assert (reply["language"], reply["topic"]) == (language, "change_language")
    assert reply["messages"][0]["text"] == RENDERER.ui("ui.language_switched", language)


def test_arabic_is_right_to_left_with_isolated_numbers(
    new_conversation: Callable[[], ChatFn],
) -> None:
    reply = new_conversation()("ابني عنده توحد، كيف اطلب تقييم للتعليم الخاص من المدرسة؟")
    assert (reply["language"], reply["direction"]) == ("ar", "rtl")
    assert reply["topic"] == "special_education"
    assert "\u2068860-713-6966\u2069" in reply["messages"][0]["text"]


def test_unsupported_language_gets_english_and_an_interpreter(
    new_conversation: Callable[[], ChatFn],
) -> None:
    reply = new_conversation()("çocuğum belgelerimiz olmadan devlet okuluna gidebilir mi")
    assert reply["language"] == "en"
    texts = " ".join(m["text"] for m in reply["messages"])
    assert "tercüman" in texts and "interpreter" in texts
