"""Request and response bodies of the public contracts (DESIGN 3.1 and 3.3)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ChatRequest(BaseModel):
    # Unknown fields are ignored so integrators can send extra context without breaking.
    model_config = ConfigDict(extra="ignore")

    conversation_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")
    # At least one character that is not a space (JSON Schema patterns are unanchored).
    text: str = Field(min_length=1, max_length=1000, pattern=r"\S")
    language: str | None = Field(
        default=None, max_length=35, pattern=r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$"
    )
    district: str | None = Field(default=None, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")


class ChatStartRequest(BaseModel):
    """Opens a conversation before the family has typed anything (the widget's greeting)."""

    model_config = ConfigDict(extra="ignore")

    conversation_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")
    language: str | None = Field(
        default=None, max_length=35, pattern=r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$"
    )
    district: str | None = Field(default=None, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")


class FeedbackRequest(BaseModel):
    """A family's verdict on the last answer (the widget's "not helpful" button)."""

    model_config = ConfigDict(extra="ignore")

    conversation_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")
    helpful: bool


class FeedbackResponse(BaseModel):
    # True when the question was queued for staff; false when there was nothing to queue.
    queued: bool


class ButtonOut(BaseModel):
    title: str
    payload: str


class MessageOut(BaseModel):
    text: str
    buttons: list[ButtonOut] = Field(default_factory=list)


class ChatResponse(BaseModel):
    conversation_id: str
    language: str
    direction: Literal["ltr", "rtl"]
    topic: str
    messages: list[MessageOut]
    handoff: bool


class ErrorBody(BaseModel):
    detail: Any


class NLGRequest(BaseModel):
    """What Rasa 3.6 posts to the NLG webhook (checked against rasa 3.6.21)."""

    model_config = ConfigDict(extra="ignore")

    response: str
    tracker: dict[str, Any] = Field(default_factory=dict)
    channel: dict[str, Any] = Field(default_factory=dict)


class NLGResponse(BaseModel):
    text: str
    buttons: list[ButtonOut] = Field(default_factory=list)
    custom: dict[str, Any] = Field(default_factory=dict)


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    checks: dict[str, bool] = Field(default_factory=dict)


class LanguageOut(BaseModel):
    tag: str
    name: str
    direction: Literal["ltr", "rtl"]


class WidgetConfig(BaseModel):
    district_name: str | None
    language: str
    direction: Literal["ltr", "rtl"]
    strings: dict[str, str]
    languages: list[LanguageOut]
    link_hosts: list[str]
