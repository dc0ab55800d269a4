"""The review loop end to end, with real processes: a question the model cannot answer is
queued, staff assign it a topic in the console, it lands in the training data, passes
``rasa data validate``, and after ``tools.retrain`` the new model answers it."""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path

import httpx
import yaml

from api.settings import REPO_ROOT
from tests.integration.conftest import ConsoleClient, add_staff, csrf_of
from tools.model import BOT_PYTHON, rasa_env
from tools.stack import API_PYTHON, Stack, running

# Parents' questions about school meals in words the model has not learned to place; the
# test takes the first one the current model falls back on.
CANDIDATES = [
    "hay que pagar el comedor",
    "el comedor se paga o no",
    "y lo del comedor, se paga?",
]
TOPIC = "school_meals"


def ask(stack: Stack, text: str, cid: str) -> dict[str, object]:
    r = httpx.post(
        f"{stack.api_url}/api/v1/chat",
        json={"conversation_id": cid, "text": text, "language": "es"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_assigned_question_is_answered_after_retraining(
    stack: Stack, data_copy: Path, tmp_path: Path
) -> None:
    unanswered = [
        q
        for q in CANDIDATES
        if ask(stack, q, f"rt-{uuid.uuid4().hex[:12]}")["topic"] == "out_of_scope"
    ]
    assert unanswered, "the model answers every candidate now: add a harder one"
    question = unanswered[0]

    add_staff(stack, "roundtrip", "--district", "statewide")
    console = ConsoleClient(stack.api_url)
    assert console.login("roundtrip").status_code == 303
    inbox = console.request("GET", "/console/d/statewide/inbox", params={"language": "es"})
    assert inbox.status_code == 200 and question in inbox.text
    item_id = re.search(
        rf'id="item-(\d+)"[^>]*>\s*<p class="question"[^>]*>{re.escape(question)}<', inbox.text
    )
    assert item_id, "the question is not in the inbox"
    r = console.request(
        "POST",
        f"/console/d/statewide/items/{item_id.group(1)}/assign",
        data={"csrf_token": csrf_of(inbox.text), "topic": TOPIC},
    )
    assert r.status_code == 303, r.text

    # In the training data, in its own language's file.
    reviewed = yaml.safe_load((data_copy / "nlu" / "es" / "reviewed.yml").read_text("utf-8"))
    blocks = {b["intent"]: b["examples"] for b in reviewed["nlu"]}
    assert f"- {question}" in blocks[TOPIC]

    # rasa data validate --fail-on-warnings accepts it (tools.retrain runs it too).
    validate = subprocess.run(
        [str(BOT_PYTHON), "-m", "rasa", "data", "validate", "--fail-on-warnings",
         "--domain", "domain.yml", "--data", str(data_copy), "--config", "config.yml"],
        cwd=REPO_ROOT / "bot", env=rasa_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert validate.returncode == 0, validate.stdout[-3000:] + validate.stderr[-3000:]

    # Retrain into a private cache and compare with the model that was serving.
    assert stack.model is not None
    serving = stack.model
    report = tmp_path / "retrain.md"
    env = {**os.environ, "ASSISTANT_MODEL_CACHE": str(tmp_path / "models")}
    done = subprocess.run(
        [str(API_PYTHON), "-m", "tools.retrain", "--data", str(data_copy),
         "--before", str(serving), "--report", str(report)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode in (0, 3), done.stdout[-3000:] + done.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    assert "| es |" in text
    # Other tests in this session may have assigned questions too; all must be understood now.
    counts = re.search(r"understood: before (\d+) of (\d+), after (\d+) of (\d+)", text)
    assert counts, text
    before_right, total, after_right, _ = map(int, counts.groups())
    assert after_right == total and before_right < total
    new_model = next((tmp_path / "models").glob("model-*.tar.gz"))

    # The new model, served by a real `rasa run`, answers the question.
    with running(
        tmp_path / "after",
        model=new_model,
        extra_env={"ASSISTANT_NLU_DIR": str(data_copy / "nlu")},
    ) as after:
        answered = ask(after, question, f"rt-{uuid.uuid4().hex[:12]}")
    assert answered["topic"] == TOPIC
