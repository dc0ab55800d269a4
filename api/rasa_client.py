"""The one way the api talks to Rasa: its REST channel, over a shared httpx client.

A single ``AsyncClient`` is created at start-up and reused (a new client per request costs a
TLS/TCP set-up and about 3 ms). ``transport`` is the test seam: unit tests inject an
``httpx.MockTransport`` to simulate Rasa down, slow, empty or malformed.

At scale there are several Rasa replicas sharing a Redis tracker and lock store, so any of
them can serve any conversation. Turns are spread over them in turn; a replica that refuses
the connection or answers 5xx is set aside for a few seconds and the turn goes to the next
one, inside the same time budget. A replica that is slow is not retried: the budget is spent.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from api.errors import BotBadResponse, BotTimeout, BotUnavailable

# The NLG webhook attaches this custom payload to every answer so the api learns which topic
# was answered and how sure the model was, without a second round trip.
META_KEY = "assistant_meta"
# How long a failed replica is left out before it is tried again.
COOLDOWN_S = 5.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotMessage:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class BotReply:
    messages: list[BotMessage]
    meta: dict[str, Any]


class RasaClient:
    def __init__(
        self,
        base_url: str,
        timeout_s: float,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Any = time.monotonic,
    ) -> None:
        """``base_url`` is one URL, or several separated by commas (one per replica)."""
        self.replicas = [u.strip().rstrip("/") for u in base_url.split(",") if u.strip()]
        if not self.replicas:
            raise ValueError("no Rasa URL")
        self._timeout_s = timeout_s
        self._clock = clock
        self._down_until: dict[str, float] = {}
        self._turn = itertools.count()
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_s),
            transport=transport,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def ready(self) -> bool:
        """Whether any replica answers its root URL, on the shared client (health checks)."""
        for url in self.replicas:
            try:
                if (await self._client.get(f"{url}/", timeout=2.0)).status_code == 200:
                    return True
            except httpx.HTTPError:
                continue
        return False

    def _order(self) -> list[str]:
        start = next(self._turn) % len(self.replicas)
        rotated = self.replicas[start:] + self.replicas[:start]
        now = self._clock()
        healthy = [u for u in rotated if self._down_until.get(u, 0.0) <= now]
        # When every replica failed recently, try them all rather than none.
        return healthy + [u for u in rotated if u not in healthy]

    def _set_aside(self, url: str, why: str) -> None:
        self._down_until[url] = self._clock() + COOLDOWN_S
        log.warning("rasa replica %s set aside for %.0f s: %s", url, COOLDOWN_S, why)

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> BotReply:
        payload = {"sender": sender, "message": text, "metadata": metadata}
        failure: Exception = BotUnavailable("no rasa replica")
        try:
            # httpx timeouts apply per phase (connect, read...); the turn needs one budget.
            async with asyncio.timeout(self._timeout_s):
                for url in self._order():
                    try:
                        response = await self._client.post(
                            f"{url}/webhooks/rest/webhook", json=payload
                        )
                    except httpx.TimeoutException:
                        raise
                    except httpx.TransportError as exc:
                        failure = BotUnavailable(f"rasa unreachable: {type(exc).__name__}")
                        self._set_aside(url, type(exc).__name__)
                        continue
                    if response.status_code >= 500:
                        failure = BotBadResponse(f"rasa answered HTTP {response.status_code}")
                        self._set_aside(url, f"HTTP {response.status_code}")
                        continue
                    self._down_until.pop(url, None)
                    return _parse_response(response)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise BotTimeout("rasa did not answer in time") from exc
        raise failure


def _parse_response(response: httpx.Response) -> BotReply:
    if response.status_code != 200:
        raise BotBadResponse(f"rasa answered HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise BotBadResponse("rasa answered with malformed JSON") from exc
    return parse_reply(body)


def parse_reply(body: object) -> BotReply:
    """Turn Rasa's REST output into messages plus the NLG metadata.

    Rasa answers 200 with ``[]`` when the NLG webhook failed, so no text is a failure.
    """
    if not isinstance(body, list):
        raise BotBadResponse("rasa reply is not a list")
    messages: list[BotMessage] = []
    meta: dict[str, Any] = {}
    for item in body:
        if not isinstance(item, dict):
            raise BotBadResponse("rasa reply item is not an object")
        custom = item.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get(META_KEY), dict):
            meta = custom[META_KEY]
            continue
        text = item.get("text")
        if isinstance(text, str) and text.strip():
            buttons = [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in item.get("buttons") or []
                if isinstance(b, dict)
            ]
            messages.append(BotMessage(text=text, buttons=buttons))
    if not messages:
        raise BotBadResponse("rasa reply has no text")
    return BotReply(messages=messages, meta=meta)
