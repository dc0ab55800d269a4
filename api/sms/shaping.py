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
    pieces: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        if count(sentence).segments <= max_segments:
            pieces.append(sentence)
        elif " " in sentence:  # too long for one message: cut at spaces
            pieces += _pack(sentence.split(" "), " ", max_segments)
        else:  # no spaces (Chinese): cut between characters
            pieces += _pack(list(sentence), "", max_segments)
    return _pack(pieces, " ", max_segments)


def _pack(pieces: list[str], joiner: str, max_segments: int) -> list[str]:
    """Join consecutive pieces greedily while each message stays within the budget."""
    packed: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if count(candidate).segments <= max_segments:
            current = candidate
        else:
            if current:
                packed.append(current)
            current = piece
    if current:
        packed.append(current)
    return packed
