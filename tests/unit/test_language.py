"""Choosing the reply language: explicit choice, detection, keeping, switching."""

from __future__ import annotations

import pytest

from api.container import _detector, _identifier
from api.language.choice import LanguageChooser, parse_accept_language, script_of, word_count
from api.settings import REPO_ROOT
from tests.unit.test_content import LANGUAGES, RENDERER

CHOOSER = LanguageChooser(
    LANGUAGES,
    _detector(REPO_ROOT / "data" / "nlu", tuple(lang.tag for lang in LANGUAGES)),
    {lang.tag: script_of(RENDERER.catalogs[lang.tag].get("utter_greeting")) for lang in LANGUAGES},
    _identifier(),
)


def choose(text: str, current: str | None = None, **kw: str) -> str:
    return CHOOSER.choose(text, requested=kw.get("requested"), current=current,
                          accept_language=kw.get("accept")).language.tag  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi hijo no tiene papeles puede ir a la escuela", "es"),
        ("meu filho nao tem documentos pode estudar", "pt-BR"),
        ("pitit mwen pa gen papye eske li ka ale lekol", "ht"),
        ("ابني ما عنده اوراق هل يقدر يروح المدرسة", "ar"),
        ("我孩子没有身份可以上公立学校吗", "zh-Hans"),
        ("my kid has no papers can she go to school", "en"),
        ("mi hijo no tiene social security, puede ir a la school?", "es"),
    ],
)
def test_first_message_is_detected(text: str, expected: str) -> None:
    assert choose(text) == expected


@pytest.mark.parametrize("text", ["ok", "si", "2", "ICE?", "gracias", "DACA", "👍", "ok thanks"])
def test_short_messages_keep_the_conversation_language(text: str) -> None:
    for current in ("es", "ht", "ar", "zh-Hans", "pt-BR"):
        assert choose(text, current=current) == current


def test_strong_evidence_switches() -> None:
    assert choose("my son needs help enrolling in school this week", current="es") == "en"
    assert choose("مرحبا", current="es") == "ar"  # a change of script is strong evidence
    assert choose("你好", current="en") == "zh-Hans"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("español", "es"), ("English please", "en"), ("kreyòl", "ht"), ("عربي", "ar"),
     ("中文", "zh-Hans"), ("portugues", "pt-BR"), ("en español por favor", "es")],
)  # fmt: skip
def test_naming_a_language_switches(text: str, expected: str) -> None:
    assert choose(text, current="en" if expected != "en" else "es") == expected


def test_explicit_request_wins() -> None:
    assert choose("hello", requested="es") == "es"
    assert choose("hola", current="es", requested="zh-Hans") == "zh-Hans"
    assert choose("hello", requested="pt") == "pt-BR"  # not Babel's pt -> pt_PT


def test_accept_language_for_an_undetectable_first_message() -> None:
    assert choose("2", accept="tr-TR,tr;q=0.9,es;q=0.8") == "es"  # Turkish: unsupported
    assert choose("👍", accept="ar-EG") == "ar"
    assert choose("2") == "en"


def test_parse_accept_language() -> None:
    assert parse_accept_language("fr;q=0.2, ar-EG, *;q=0.1, zh-TW;q=0.5, x;q=0") == [
        "ar-EG", "zh-TW", "fr",
    ]  # fmt: skip
    assert parse_accept_language("garbage;;q=abc") == []


def test_word_count_counts_chinese() -> None:
    assert word_count("我孩子可以上学吗") == 4
    assert word_count("free lunch") == 2


@pytest.mark.parametrize("text", ["hi", "ok", "hey", "thanks"])
def test_ambiguous_openers_follow_the_browser_or_english(text: str) -> None:
    assert choose(text) == "en"
    assert choose(text, accept="es-MX,es;q=0.9") in {"es", "en"}
