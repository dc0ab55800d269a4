"""Twilio-compatible webhook for SMS and WhatsApp (DESIGN 3.2), answered with TwiML."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response, status
from twilio.twiml.messaging_response import MessagingResponse

from api.deps import ContainerDep
from api.sms.service import InboundSms, SmsService
from api.sms.signature import SignatureChecker

router = APIRouter(tags=["sms"])
TWIML = "application/xml"


def _sms(c: ContainerDep) -> SmsService:
    return c.sms


def _checker(c: ContainerDep) -> SignatureChecker:
    return c.signatures


def twiml(messages: list[str]) -> str:
    response = MessagingResponse()
    for text in messages:
        response.message(text)
    return str(response.to_xml(xml_declaration=True))


@router.post(
    "/sms",
    response_class=Response,
    responses={
        200: {"content": {TWIML: {}}, "description": "TwiML with zero or more messages"},
        403: {"description": "missing or wrong X-Twilio-Signature"},
        413: {"description": "body too large"},
        422: {"description": "not a Twilio message webhook"},
    },
)
async def inbound(
    request: Request,
    sms: Annotated[SmsService, Depends(_sms)],
    checker: Annotated[SignatureChecker, Depends(_checker)],
    signature: Annotated[str | None, Header(alias="X-Twilio-Signature")] = None,
) -> Response:
    try:
        form = await request.form()
    except Exception as exc:  # malformed form body: a client error, not ours
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "malformed form body") from exc
    url = checker.public_url(request.url.path, request.url.query)
    if not checker.valid(url, form, signature):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid signature")
    sender, sid = form.get("From"), form.get("MessageSid")
    if not isinstance(sender, str) or not isinstance(sid, str) or not sender or not sid:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "From and MessageSid required")
    body = form.get("Body")
    media = form.get("NumMedia")
    # Location fields (FromCity, FromZip, ...) are never read or kept.
    messages = await sms.handle(
        InboundSms(
            sender=sender,
            body=body if isinstance(body, str) else "",
            message_sid=sid,
            num_media=int(media) if isinstance(media, str) and media.isdigit() else 0,
        )
    )
    return Response(content=twiml(messages), media_type=TWIML)
