"""Mask personal details in text kept for staff review.

Order matters: the most specific patterns (emails, SSNs, A-numbers) run before the generic
phone and long-number rules, so each span is labelled by what it most likely is. Anything
that still looks like a run of 7 or more digits is masked as a number, whatever it is.
"""

from __future__ import annotations

import re

# Street words in the supported languages, in the order families write addresses:
# "45 Main St", "120 Calle Sol", "ul. Główna 12", "12 rue de la Paix", "вул. Шевченка 5".
_STREET = (
    r"(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|ln\.?|drive|dr\.?|"
    r"court|ct\.?|place|pl\.?|terrace|way|highway|hwy|"
    r"calle|avenida|av\.?|camino|rua|travessa|estrada|rue|chemin|allée|"
    r"ulica|ul\.|aleja|al\.|đường|duong|phố|pho|вулиця|вул\.|проспект|пр\.|"
    r"شارع|سرک|کوچه|جاده|خیابان|街|路)"
)

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
    ("[address]", re.compile(rf"\b\d{{1,6}}[a-z]?,?\s+(?:[\w'.-]+\s+){{0,3}}{_STREET}", re.I)),
    ("[address]", re.compile(rf"{_STREET}\s+(?:[\w'.-]+\s+){{0,3}}\d{{1,6}}[a-z]?\b", re.I)),
    # Chinese addresses have no spaces: "主街45号", "榆树路12号3室".
    ("[address]", re.compile(r"[\u4e00-\u9fff]{1,12}(?:街|路|道|大道)\s*\d{1,6}\s*号?(?:\d+室)?")),
    ("[number]", re.compile(r"\d(?:[\s.-]?\d){6,}")),
]


def redact(text: str) -> str:
    for label, pattern in _PATTERNS:
        text = pattern.sub(label, text)
    return text
