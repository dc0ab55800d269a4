"""Answers follow content/topics.yml: complete, within length, no unverified contacts,
no forbidden promises, and every language's catalog loads for real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from api.container import load_content
from api.content.answers import ANSWERS
from api.errors import ContentError
from api.language.catalogs import CatalogSet
from api.language.languages import LanguageRegistry
from api.language.render import FSI, PDI, isolate_ltr_runs
from api.settings import REPO_ROOT, Settings
from tests.conftest import TESTS, load_yaml

SETTINGS = Settings(environment="test", districts_file=TESTS / "data" / "districts.yml")
LANGUAGES, TOPICS, RENDERER = load_content(SETTINGS)
CONTACTS = load_yaml(REPO_ROOT / "content" / "contacts.yml")["contacts"]

# Contacts the catalogue says must not reach families (verified: false, or listed as
# unconfirmed), and promises it forbids.
UNVERIFIED = [
    c[key] for c in CONTACTS if not c.get("verified") for key in ("phone", "email") if key in c
] + ["1-800-421-3481", "OCR@ed.gov", "860-713-6500", "(860) 739-3089", "1-800-203-1234"]
FORBIDDEN = [
    r"\bsanctuar",
    r"ICE (can't|cannot|can not) (come|enter)",
    r"\bkeep (your|the) child home\b",
    r"\byou are safe\b",
    r"\bnever share",
]


def rendered(language: str, district: str | None) -> dict[str, str]:
    return {t.id: RENDERER.answer(t, language, district).text for t in TOPICS}


def test_every_topic_has_an_answer() -> None:
    assert set(ANSWERS) == set(TOPICS.ids())


@pytest.mark.parametrize("language", [lang.tag for lang in LANGUAGES])
@pytest.mark.parametrize("district", [None, "testville"])
def test_answers_render_completely(language: str, district: str | None) -> None:
    for topic, text in rendered(language, district).items():
        assert "%(" not in text and "%s" not in text, topic
        limit = 900 if language == "en" else 1100
        assert len(text) <= limit, f"{topic} is {len(text)} characters"


def test_english_answers_fit_a_phone_screen() -> None:
    lengths = {t: len(x) for t, x in rendered("en", None).items()}
    assert max(lengths.values()) <= 900
    assert sorted(lengths.values())[len(lengths) // 2] <= 600  # the median answer


@pytest.mark.parametrize("language", [lang.tag for lang in LANGUAGES])
def test_no_unverified_contact_or_forbidden_promise(language: str) -> None:
    for district in (None, "testville"):
        for topic, text in rendered(language, district).items():
            for contact in UNVERIFIED:
                assert contact not in text, f"{topic} gives unverified contact {contact}"
            for pattern in FORBIDDEN:
                assert not re.search(pattern, text, re.IGNORECASE), f"{topic}: {pattern}"


def test_domain_answers_end_with_where_to_get_help() -> None:
    for topic in TOPICS:
        if topic.group == "conversation":
            continue
        text = RENDERER.answer(topic, "en", None).text
        assert "2-1-1" in text[-220:], topic.id
        if topic.urgent:
            assert "911" in text[-120:], topic.id


def test_district_details_replace_statewide_help() -> None:
    answer = RENDERER.answer(TOPICS.get("district_contact_person"), "en", "testville").text
    assert "Testville Public Schools" in answer
    assert "203-555-0142" in answer and "203-555-0143" in answer
    statewide = RENDERER.answer(TOPICS.get("district_contact_person"), "en", None).text
    assert "555" not in statewide and "2-1-1" in statewide


def test_unknown_district_falls_back_to_statewide() -> None:
    text = RENDERER.answer(TOPICS.get("attendance_fear_keep_home"), "en", "nowhere").text
    assert "your district's family liaison" in text


def test_retention_uses_plural_forms() -> None:
    msgs = RENDERER.catalogs["en"]
    assert "1 day," in msgs.plural("ph.retention", 1)
    assert "30 days," in msgs.plural("ph.retention", 30)


def test_catalogs_pass_babel_checks() -> None:
    from babel.messages.pofile import read_po

    for lang in LANGUAGES:
        path = REPO_ROOT / "locales" / lang.locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang.locale)
        problems = [(m.context, e) for m, errors in catalog.check() for e in errors]
        assert problems == [], lang.tag


def test_a_missing_catalog_fails_loudly(tmp_path: Path) -> None:
    config = tmp_path / "languages.yml"
    config.write_text(
        yaml.safe_dump(
            {"default": "en", "languages": [
                {"tag": "en", "locale": "en", "name": "English", "direction": "ltr"},
                {"tag": "xx", "locale": "xx", "name": "X", "direction": "ltr"},
            ]}
        )
    )  # fmt: skip
    with pytest.raises(ContentError, match="no catalog for xx"):
        CatalogSet(LanguageRegistry.load(config), REPO_ROOT / "locales")


def test_rtl_isolation_keeps_numbers_readable() -> None:
    text = isolate_ltr_runs("اتصل بـ 860-713-6966 أو portal.ct.gov/SDE")
    assert f"{FSI}860-713-6966{PDI}" in text
    assert f"{FSI}portal.ct.gov/SDE{PDI}" in text
