"""Turn the assistant's reply into SMS messages: plain text, numbered options, a segment budget."""

from __future__ import annotations

import re

from api.sms.segments import count, plain

_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s+|(?<=[。！？؟])")


def numbered_options(titles: list[str]) -> str:
    """Buttons as "1) Sources  2) Talk to a person" (payloads never reach the family)."""
    return "\n".join(f"{n}) {title}" for n, title in enumerate(titles, start=1))


def split_to_budget(text: str, max_segments: int) -> list[str]:
    """Split ``text`` into messages of at most ``max_segments`` segments each, at sentence
    ends where possible, so every fact of an answer still arrives."""
    text = plain(text).strip()
    if count(text).segments <= max_segments:
        return [text]
    parts: list[str] = []
    current = ""
    for piece in _pieces(text, max_segments):
        candidate = f"{current} {piece}".strip() if current else piece
        if count(candidate).segments <= max_segments:
            current = candidate
        else:
            parts.append(current)
            current = piece
    if current:
        parts.append(current)
    return parts


def _pieces(text: str, max_segments: int) -> list[str]:
    """Sentences, and any sentence too long for one message cut at spaces (or characters)."""
    pieces: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        if count(sentence).segments <= max_segments:
            pieces.append(sentence)
            continue
        words = sentence.split(" ") if " " in sentence else list(sentence)
        joiner = " " if " " in sentence else ""
        chunk = ""
        for word in words:
            candidate = f"{chunk}{joiner}{word}" if chunk else word
            if count(candidate).segments <= max_segments:
                chunk = candidate
            else:
                pieces.append(chunk)
                chunk = word
        if chunk:
            pieces.append(chunk)
    return pieces
