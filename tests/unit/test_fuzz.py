"""Contract fuzzing: whatever a client sends that fits or breaks the OpenAPI schema, the api
answers without a server error and within its own schema (schemathesis + Hypothesis)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from api.main import create_app
from api.rasa_client import RasaClient
from tests.conftest import FakeRasa, make_settings


def _app(tmp: Path) -> FastAPI:
    s = make_settings(tmp)
    return create_app(s, rasa=RasaClient(s.rasa_url, 0.5, httpx.MockTransport(FakeRasa())))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = _app(tmp_path_factory.mktemp("fuzz"))
    with TestClient(application):  # runs the lifespan: the container exists
        yield application


OPERATIONS = [
    ("POST", "/api/v1/chat"),
    ("POST", "/api/v1/chat/start"),
    ("GET", "/api/v1/widget-config"),
    ("POST", "/sms"),
    ("GET", "/health"),
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_errors_and_responses_match_the_schema(
    app: FastAPI, method: str, path: str
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None)
    def check(case: schemathesis.Case) -> None:
        response = case.call()
        assert response.status_code < 500, (path, response.status_code, response.text[:300])
        if response.status_code != 403:  # /sms without a valid signature: nothing to check
            case.validate_response(response)

    check()
