"""How many SMS segments a text costs, in GSM-7 or UCS-2 (3GPP TS 23.038).

A text that uses only the GSM-7 alphabet costs 160 characters in one segment or 153 per
segment when split (7 are taken by the concatenation header); the extension characters
(``^{}\\[~]|€`` and form feed) cost two. Any other character makes the whole message UCS-2:
70 UTF-16 code units in one segment, 67 per segment when split. Spanish "á", "í", "ó", "ú",
Arabic and Chinese are all UCS-2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

# Typographic characters that would push an otherwise GSM-7 text into UCS-2, and the plain
# characters that read the same on a phone.
_PLAIN = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...",
     "\u00a0": " ", "\u2068": "", "\u2069": ""}
)  # fmt: skip


@dataclass(frozen=True)
class Count:
    encoding: Literal["GSM-7", "UCS-2"]
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def count(text: str) -> Count:
    if is_gsm7(text):
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else math.ceil(units / multi)
    return Count(encoding, units, segments)  # type: ignore[arg-type]


def plain(text: str) -> str:
    """Replace typographic quotes and dashes, so English stays GSM-7 (a third of the cost).

    Bidi isolation marks are dropped too: SMS apps show them inconsistently, and in a reply
    that is already UCS-2 they only cost characters."""
    return text.translate(_PLAIN)
