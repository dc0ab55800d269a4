"""docker-compose.yml keeps the production rules (there is no Docker engine here to run it,
so its rules are checked by reading it; the scaled tests start the same processes)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from api.settings import REPO_ROOT, Settings

COMPOSE: dict[str, Any] = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
RASA = {k: v for k, v in SERVICES.items() if k.startswith("rasa")}
API = {k: v for k, v in SERVICES.items() if k.startswith("api")}


def test_two_api_and_two_rasa_replicas_postgres_redis_and_a_proxy() -> None:
    assert len(API) == 2 and len(RASA) == 2
    assert {"postgres", "redis", "proxy"} <= set(SERVICES)
    assert SERVICES["proxy"]["image"].startswith(("nginx:", "caddy:"))


def test_every_service_has_a_health_check_and_waits_for_healthy_dependencies() -> None:
    for name, service in SERVICES.items():
        assert service.get("healthcheck", {}).get("test"), name
        for dependency, condition in (service.get("depends_on") or {}).items():
            assert condition == {"condition": "service_healthy"}, (name, dependency)
    assert set(SERVICES["proxy"]["depends_on"]) == set(API)
    for service in API.values():
        assert set(service["depends_on"]) == {"postgres", "redis"}


def test_only_the_proxy_publishes_ports_and_rasa_is_internal() -> None:
    published = {name for name, s in SERVICES.items() if s.get("ports")}
    assert published == {"proxy"}
    assert COMPOSE["networks"]["internal"] == {"internal": True}
    for name in ("postgres", "redis", *RASA):
        assert SERVICES[name]["networks"] == ["internal"], name


def test_rasa_runs_without_enable_api_debug_or_telemetry_on_a_pinned_version() -> None:
    requirements = (REPO_ROOT / "bot" / "requirements.txt").read_text()
    assert re.search(r"^rasa==3\.6\.21$", requirements, re.M)
    dockerfile = (REPO_ROOT / "docker" / "bot.Dockerfile").read_text()
    assert "bot/requirements.txt" in dockerfile
    for name, service in RASA.items():
        image = service.get("image", "")
        assert (
            image == "rasa/rasa:3.6.21" or service["build"]["dockerfile"] == "docker/bot.Dockerfile"
        )
        command = " ".join(service["command"])
        assert "--enable-api" not in command and "--debug" not in command, name
        assert "endpoints.scaled.yml" in command
        assert service["environment"]["RASA_TELEMETRY_ENABLED"] == "false"


def test_rasa_uses_redis_trackers_that_expire_with_retention_and_a_redis_lock_store() -> None:
    endpoints = yaml.safe_load((REPO_ROOT / "bot" / "endpoints.scaled.yml").read_text())
    assert endpoints["tracker_store"]["type"] == "redis"
    assert endpoints["tracker_store"]["record_exp"] == "${TRACKER_RECORD_EXP}"
    assert endpoints["lock_store"]["type"] == "redis"
    default_exp = next(iter(RASA.values()))["environment"]["TRACKER_RECORD_EXP"]
    assert default_exp == f"${{TRACKER_RECORD_EXP:-{Settings().retention_days * 86_400}}}"
    for service in API.values():
        env = service["environment"]
        assert env["ASSISTANT_RASA_URL"] == "http://rasa-1:5005,http://rasa-2:5005"
        assert env["ASSISTANT_REDIS_URL"].startswith("redis://")
        assert env["ASSISTANT_RASA_TRACKER_REDIS_URL"].startswith("redis://")


def test_secrets_come_from_the_environment_and_env_example_holds_names_only() -> None:
    text = (REPO_ROOT / "docker-compose.yml").read_text()
    for key in ("PASSWORD", "PSEUDONYM_KEY", "NLG_TOKEN", "AUTH_TOKEN"):
        for line in text.splitlines():
            if re.match(rf"\s+\w*{key}\w*:", line):
                assert "${" in line, line  # a reference, never a value
    names = []
    for line in (REPO_ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert value == "", f"{name} has a value in .env.example"
            names.append(name)
    referenced = set(re.findall(r"\$\{([A-Z_]+)", text))
    assert referenced <= set(names), referenced - set(names)
