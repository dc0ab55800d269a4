"""The web chat API used by the widget, the demo page and integrators (DESIGN 3.1)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, status

from api.deps import PseudonymsDep, TurnsDep, WebLimiterDep
from api.schemas import ButtonOut, ChatRequest, ChatResponse, ErrorBody, MessageOut
from api.services.turns import Inbound

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])


@router.post(
    "/api/v1/chat",
    response_model=ChatResponse,
    responses={422: {"model": ErrorBody}, 429: {"model": ErrorBody}, 413: {"model": ErrorBody}},
)
async def chat(
    body: ChatRequest, turns: TurnsDep, pseudonyms: PseudonymsDep, limiter: WebLimiterDep
) -> ChatResponse:
    key = pseudonyms("web", body.conversation_id)
    if not limiter.allow(key):
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail="too many messages; wait a minute",
            headers={"Retry-After": "60"},
        )
    outcome = await turns.handle(
        Inbound(
            channel="web",
            conversation_key=key,
            text=body.text,
            language=body.language,
            district=body.district,
        )
    )
    return ChatResponse(
        conversation_id=body.conversation_id,
        language=outcome.language.tag,
        direction=outcome.language.direction,
        topic=outcome.topic,
        messages=[
            MessageOut(
                text=m.text,
                buttons=[ButtonOut(title=b.title, payload=b.payload) for b in m.buttons],
            )
            for m in outcome.messages
        ],
        handoff=outcome.handoff,
    )
