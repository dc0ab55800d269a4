"""Start the real assistant once for the integration tests: a trained model served by a real
``rasa run`` process and the api over real HTTP, exactly as ``make run`` starts them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import REPO_ROOT
from tools.stack import API_PYTHON, Stack, running

ChatFn = Callable[..., dict[str, Any]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The training data the running console writes reviewed examples to: a copy, so tests
    never change the repository's ``data/``."""
    target = tmp_path_factory.mktemp("project") / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    return target


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, data_copy: Path) -> Iterator[Stack]:
    env = {
        "ASSISTANT_TWILIO_AUTH_TOKEN": "integration-twilio-token",
        "ASSISTANT_NLU_DIR": str(data_copy / "nlu"),
    }
    with running(tmp_path_factory.mktemp("stack"), extra_env=env) as s:
        yield s


STAFF_PASSWORD = "integration staff password"


def add_staff(stack: Stack, username: str, *args: str) -> None:
    """Create a console account with the operator's command, as an IT administrator would."""
    env = {
        **os.environ,
        "ASSISTANT_DATABASE_URL": f"sqlite+aiosqlite:///{stack.var_dir / 'assistant.db'}",
        "ASSISTANT_STAFF_PASSWORD": STAFF_PASSWORD,
    }
    cmd = [str(API_PYTHON), "-m", "api.cli", "staff", "add", username, *args]
    subprocess.run(cmd, check=True, cwd=REPO_ROOT, env=env, capture_output=True)


class ConsoleClient:
    """A staff member's browser over plain-HTTP localhost. httpx (rightly) will not send a
    Secure cookie over http, so the session cookie is carried by hand."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        header = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        r = self.http.request(method, path, headers={"cookie": header}, **kwargs)
        for name, value in r.cookies.items():
            self.cookies[name] = value
        return r

    def login(self, username: str, password: str = STAFF_PASSWORD) -> httpx.Response:
        page = self.request("GET", "/console/login")
        return self.request(
            "POST",
            "/console/login",
            data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


@pytest.fixture(scope="session")
def http(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.api_url, timeout=30) as client:
        yield client


@pytest.fixture
def new_conversation(http: httpx.Client) -> Callable[[], ChatFn]:
    """Returns a factory: each call starts a fresh conversation and returns its chat()."""

    def factory() -> ChatFn:
        cid = f"it-{uuid.uuid4().hex[:20]}"

        def chat(text: str, **extra: Any) -> dict[str, Any]:
            r = http.post("/api/v1/chat", json={"conversation_id": cid, "text": text, **extra})
            assert r.status_code == 200, r.text
            body: dict[str, Any] = r.json()
            body["_cid"] = cid
            return body

        return chat

    return factory
