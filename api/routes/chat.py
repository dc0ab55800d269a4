"""The web chat API used by the widget, the demo page and integrators (DESIGN 3.1)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, status

from api.deps import PseudonymsDep, TurnsDep, WebLimiterDep
from api.ratelimit import RateLimiter
from api.schemas import (
    ButtonOut,
    ChatRequest,
    ChatResponse,
    ChatStartRequest,
    ErrorBody,
    FeedbackRequest,
    FeedbackResponse,
    MessageOut,
)
from api.services.turns import Inbound, Outcome

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])


@router.post(
    "/api/v1/chat",
    response_model=ChatResponse,
    responses={422: {"model": ErrorBody}, 429: {"model": ErrorBody}, 413: {"model": ErrorBody}},
)
async def chat(
    body: ChatRequest,
    turns: TurnsDep,
    pseudonyms: PseudonymsDep,
    limiter: WebLimiterDep,
    accept_language: Annotated[str | None, Header(max_length=256)] = None,
) -> ChatResponse:
    key = pseudonyms("web", body.conversation_id)
    await _rate_limit(limiter, key)
    outcome = await turns.handle(
        Inbound(
            channel="web",
            conversation_key=key,
            text=body.text,
            language=body.language,
            district=body.district,
            accept_language=accept_language,
        )
    )
    return _response(body.conversation_id, outcome)


@router.post(
    "/api/v1/chat/start",
    response_model=ChatResponse,
    responses={422: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
async def start(
    body: ChatStartRequest,
    turns: TurnsDep,
    pseudonyms: PseudonymsDep,
    limiter: WebLimiterDep,
    accept_language: Annotated[str | None, Header(max_length=256)] = None,
) -> ChatResponse:
    """The greeting for a new conversation, before the family types anything."""
    key = pseudonyms("web", body.conversation_id)
    await _rate_limit(limiter, key)
    outcome = await turns.start(
        Inbound(
            channel="web",
            conversation_key=key,
            text="",
            language=body.language,
            district=body.district,
            accept_language=accept_language,
        )
    )
    return _response(body.conversation_id, outcome)


@router.post(
    "/api/v1/chat/delete",
    response_model=ChatResponse,
    responses={422: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
async def delete(
    body: ChatStartRequest, turns: TurnsDep, pseudonyms: PseudonymsDep, limiter: WebLimiterDep
) -> ChatResponse:
    """Erase the conversation everywhere (the widget's delete button; the DELETE keyword
    does the same from any channel). The confirmation is in the conversation's language."""
    key = pseudonyms("web", body.conversation_id)
    await _rate_limit(limiter, key)
    outcome = await turns.delete(
        Inbound(channel="web", conversation_key=key, text="", language=body.language)
    )
    return _response(body.conversation_id, outcome)


@router.post(
    "/api/v1/feedback",
    response_model=FeedbackResponse,
    responses={422: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
async def feedback(
    body: FeedbackRequest, turns: TurnsDep, pseudonyms: PseudonymsDep, limiter: WebLimiterDep
) -> FeedbackResponse:
    """A thumbs-down queues the question that was just answered for staff review. The
    question is taken from what the api kept (redacted), never sent again by the browser."""
    key = pseudonyms("web", body.conversation_id)
    await _rate_limit(limiter, key)
    if body.helpful:
        return FeedbackResponse(queued=False)
    return FeedbackResponse(queued=await turns.feedback(key, "web"))


async def _rate_limit(limiter: RateLimiter, key: str) -> None:
    if not await limiter.allow(key):
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail="too many messages; wait a minute",
            headers={"Retry-After": "60"},
        )


def _response(conversation_id: str, outcome: Outcome) -> ChatResponse:
    return ChatResponse(
        conversation_id=conversation_id,
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
