"""The one way the api talks to Rasa: its REST channel, over a shared httpx client.

A single ``AsyncClient`` is created at start-up and reused (a new client per request costs a
TLS/TCP set-up and about 3 ms). ``transport`` is the test seam: unit tests inject an
``httpx.MockTransport`` to simulate Rasa down, slow, empty or malformed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import httpx

from api.errors import BotBadResponse, BotTimeout, BotUnavailable

# The NLG webhook attaches this custom payload to every answer so the api learns which topic
# was answered and how sure the model was, without a second round trip.
META_KEY = "assistant_meta"


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
        self, base_url: str, timeout_s: float, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._timeout_s = timeout_s
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout_s),
            transport=transport,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def ready(self) -> bool:
        """Whether Rasa answers its root URL, on the shared client (health checks)."""
        try:
            return (await self._client.get("/", timeout=2.0)).status_code == 200
        except httpx.HTTPError:
            return False

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> BotReply:
        payload = {"sender": sender, "message": text, "metadata": metadata}
        try:
            # httpx timeouts apply per phase (connect, read...); the turn needs one budget.
            async with asyncio.timeout(self._timeout_s):
                response = await self._client.post("/webhooks/rest/webhook", json=payload)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise BotTimeout("rasa did not answer in time") from exc
        except httpx.TransportError as exc:
            raise BotUnavailable(f"rasa unreachable: {type(exc).__name__}") from exc
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
