"""Conversation tests as stories (bot/tests/test_conversations.yml), checked by Rasa itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tools.model import BOT_PYTHON, ROOT, ensure, rasa_env


def test_conversation_stories_pass(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(BOT_PYTHON), "-m", "rasa", "test", "core",
            "--stories", "tests", "--model", str(ensure()), "--out", str(tmp_path),
            "--fail-on-prediction-errors",
        ],
        cwd=ROOT / "bot", env=rasa_env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert result.returncode == 0, failed
    assert "None of the test stories failed" in failed
