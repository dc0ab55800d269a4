"""The api spreads turns over Rasa replicas and stops using one that fails (fake replicas
through httpx.MockTransport), and the store spool's bounds."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from api.errors import BotBadResponse, BotUnavailable
from api.rasa_client import COOLDOWN_S, RasaClient
from api.store.spool import Spool
from tests.conftest import bot_answer


class Replicas:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.broken: dict[str, str] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.calls.append(host)
        if self.broken.get(host) == "refused":
            raise httpx.ConnectError("refused", request=request)
        if self.broken.get(host) == "500":
            return httpx.Response(500)
        return httpx.Response(200, json=bot_answer("school_meals"))


def client(replicas: Replicas, now: list[float]) -> RasaClient:
    return RasaClient(
        "http://rasa-1:5005, http://rasa-2:5005",
        2.0,
        httpx.MockTransport(replicas),
        clock=lambda: now[0],
    )


def send(rasa: RasaClient) -> str:
    reply = asyncio.run(rasa.send("someone", "lunch?", {}))
    return str(reply.meta["topic"])


def test_turns_alternate_between_replicas() -> None:
    replicas, now = Replicas(), [0.0]
    rasa = client(replicas, now)
    for _ in range(4):
        assert send(rasa) == "school_meals"
    assert replicas.calls == ["rasa-1", "rasa-2", "rasa-1", "rasa-2"]


@pytest.mark.parametrize("fault", ["refused", "500"])
def test_a_failing_replica_is_set_aside_and_tried_again_later(fault: str) -> None:
    replicas, now = Replicas(), [0.0]
    rasa = client(replicas, now)
    replicas.broken["rasa-1"] = fault
    assert send(rasa) == "school_meals"  # rasa-1 failed, rasa-2 answered the same turn
    assert replicas.calls == ["rasa-1", "rasa-2"]
    replicas.calls.clear()
    for _ in range(3):
        assert send(rasa) == "school_meals"
    assert replicas.calls == ["rasa-2"] * 3  # set aside
    now[0] += COOLDOWN_S + 0.1
    del replicas.broken["rasa-1"]
    replicas.calls.clear()
    send(rasa)
    send(rasa)
    assert "rasa-1" in replicas.calls  # back in service


def test_all_replicas_down_is_a_bot_error() -> None:
    replicas, now = Replicas(), [0.0]
    rasa = client(replicas, now)
    replicas.broken = {"rasa-1": "refused", "rasa-2": "refused"}
    with pytest.raises(BotUnavailable):
        send(rasa)
    replicas.broken = {"rasa-1": "500", "rasa-2": "500"}
    now[0] += COOLDOWN_S + 0.1
    with pytest.raises(BotBadResponse):
        send(rasa)


def test_the_spool_is_bounded_and_says_what_it_dropped(caplog: pytest.LogCaptureFixture) -> None:
    written: list[int] = []
    spool = Spool(capacity=3)

    def entry(n: int):  # type: ignore[no-untyped-def]
        async def write() -> None:
            written.append(n)

        return write

    for n in range(5):
        spool.add(f"entry {n}", entry(n))
    assert len(spool) == 3 and spool.dropped == 2
    assert any("dropped" in r.message and r.levelno == logging.ERROR for r in caplog.records)
    assert asyncio.run(spool.flush()) == 3
    assert written == [2, 3, 4]  # oldest first, after the two dropped


def test_the_spool_keeps_entries_while_the_store_is_down() -> None:
    spool = Spool()
    attempts = [0]

    async def write() -> None:
        attempts[0] += 1
        if attempts[0] < 3:
            raise OSError("store down")

    spool.add("a row", write)
    assert asyncio.run(spool.flush()) == 0 and len(spool) == 1
    assert asyncio.run(spool.flush()) == 0 and len(spool) == 1
    assert asyncio.run(spool.flush()) == 1 and len(spool) == 0
