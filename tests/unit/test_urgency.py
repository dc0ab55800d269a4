"""Messages about something happening right now are recognised in every language, and
general questions are not (config/urgency.yml; all patterns apply to every message)."""

from __future__ import annotations

import pytest

from api.settings import REPO_ROOT
from api.urgency import UrgencyDetector
from tests.conftest import TESTS, load_yaml
from tests.unit.test_content import LANGUAGES

DETECTOR = UrgencyDetector.load(REPO_ROOT / "config" / "urgency.yml")
CASES = load_yaml(TESTS / "data" / "urgency_cases.yml")


def test_every_language_has_patterns_and_cases() -> None:
    tags = {lang.tag for lang in LANGUAGES}
    assert tags <= set(load_yaml(REPO_ROOT / "config" / "urgency.yml")["patterns"])
    assert tags <= set(CASES)


@pytest.mark.parametrize("language", sorted(CASES))
def test_urgent_messages_match(language: str) -> None:
    assert [t for t in CASES[language]["urgent"] if not DETECTOR(t)] == []


@pytest.mark.parametrize("language", sorted(CASES))
def test_general_questions_do_not_match(language: str) -> None:
    assert [t for t in CASES[language]["not_urgent"] if DETECTOR(t)] == []
