"""Rasa's NLG webhook: Rasa says which response to give; the api says how, in which language.

Only Rasa calls this (``bot/endpoints.yml``). It also attaches the topic and the model's
confidence as a custom payload, which reaches the api as a separate REST message.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from api.content.topics import OUT_OF_SCOPE
from api.deps import ContainerDep, LanguagesDep, RendererDep, TopicsDep
from api.rasa_client import META_KEY
from api.schemas import ButtonOut, NLGRequest, NLGResponse


def require_rasa(c: ContainerDep, token: Annotated[str, Query()] = "") -> None:
    expected = c.settings.nlg_token.get_secret_value()
    if expected and not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only Rasa may call this")


router = APIRouter(tags=["rasa"], dependencies=[Depends(require_rasa)])

FALLBACK_INTENT = "nlu_fallback"


@router.post("/nlg", response_model=NLGResponse)
async def nlg(
    body: NLGRequest, renderer: RendererDep, topics: TopicsDep, languages: LanguagesDep
) -> NLGResponse:
    latest: dict[str, Any] = body.tracker.get("latest_message") or {}
    slots: dict[str, Any] = body.tracker.get("slots") or {}
    metadata = latest.get("metadata") or slots.get("session_started_metadata") or {}
    language = languages.resolve(metadata.get("language")) or languages.default
    district = metadata.get("district") if isinstance(metadata.get("district"), str) else None

    intent = (latest.get("intent") or {}).get("name")
    ranking = [
        {"name": r.get("name"), "confidence": round(float(r.get("confidence") or 0.0), 4)}
        for r in latest.get("intent_ranking") or []
        if r.get("name") != FALLBACK_INTENT
    ][:5]
    topic = topics.for_response(body.response)
    if topic is None or intent == FALLBACK_INTENT:
        topic = topics.get(OUT_OF_SCOPE)

    rendered = renderer.answer(topic, language.tag, district)
    meta = {
        "topic": topic.id,
        "intent": intent,
        "guess": ranking[0]["name"] if ranking else None,
        "confidence": ranking[0]["confidence"] if ranking else None,
        "ranking": ranking,
    }
    return NLGResponse(
        text=rendered.text,
        buttons=[ButtonOut(title=b.title, payload=b.payload) for b in rendered.buttons],
        custom={META_KEY: meta},
    )
