"""Mask personal details in text kept for staff review.

Order matters: the most specific patterns (emails, SSNs, A-numbers) run before the generic
phone and long-number rules, so each span is labelled by what it most likely is. Anything
that still looks like a run of 7 or more digits is masked as a number, whatever it is.
"""

from __future__ import annotations

import re

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("[email]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[ssn]", re.compile(r"\b\d{3}[-\s.]\d{2}[-\s.]\d{4}\b")),
    ("[a-number]", re.compile(r"\bA[-\s#]?\d(?:[-\s]?\d){7,8}\b", re.IGNORECASE)),
    (
        "[phone]",
        re.compile(
            r"(?:(?<!\w)\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?!\d)"
        ),
    ),
    (
        "[date]",
        re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"),
    ),
    (
        "[address]",
        re.compile(
            r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[\w'-]+\s+){0,3}"
            r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|"
            r"terrace|way|highway|hwy|calle|avenida|rua|avenue|rue)\b\.?",
            re.IGNORECASE,
        ),
    ),
    ("[number]", re.compile(r"\d(?:[\s.-]?\d){6,}")),
]


def redact(text: str) -> str:
    for label, pattern in _PATTERNS:
        text = pattern.sub(label, text)
    return text
