"""Translation status: for each language and message, missing, drafted or reviewed.

A drafted translation carries the ``needs-review`` flag in its ``.po`` file. It counts as
reviewed only when a staff member whom an admin recorded as a qualified translator for that
language signs it off in the console (kept with their account and the exact text reviewed),
or when the flag was removed in the ``.po`` file itself by a translator working there. If the
English source or the translation changes afterwards, the sign-off no longer matches and the
message is shown as drafted again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.pofile import read_po
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.clock import Clock
from api.console.accounts import Staff
from api.console.audit import AuditLog
from api.errors import ConsoleError
from api.language.languages import Language, LanguageRegistry
from api.store.models import TranslationReview

NEEDS_REVIEW = "needs-review"


@dataclass(frozen=True)
class MessageStatus:
    context: str
    source: str
    translation: str
    status: str  # missing | drafted | reviewed | source
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None


@dataclass(frozen=True)
class LanguageSummary:
    language: Language
    missing: int
    drafted: int
    reviewed: int


def text_hash(context: str, source: str, translation: str) -> str:
    return hashlib.sha256(f"{context}\0{source}\0{translation}".encode()).hexdigest()


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(v or "") for v in value)
    return str(value or "")


class TranslationStatus:
    def __init__(
        self,
        locales_dir: Path,
        languages: LanguageRegistry,
        sessionmaker: async_sessionmaker,  # type: ignore[type-arg]
        audit: AuditLog,
        clock: Clock,
    ) -> None:
        self._locales_dir = locales_dir
        self._languages = languages
        self._sessionmaker = sessionmaker
        self._audit = audit
        self._clock = clock
        # Parsed catalogs, kept until the file changes: the summary reads every language on
        # each page view, and a .po parse is the slow part.
        self._parsed: dict[Path, tuple[float, list[tuple[str, str, str, bool]]]] = {}

    def _catalog(self, language: Language) -> list[tuple[str, str, str, bool]]:
        path = self._locales_dir / language.locale / "LC_MESSAGES" / "messages.po"
        stamp = path.stat().st_mtime
        cached = self._parsed.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        with path.open("rb") as handle:
            catalog = read_po(handle)
        entries = [
            (msg.context, _text(msg.id), _text(msg.string), NEEDS_REVIEW in msg.flags)
            for msg in catalog
            if msg.id and msg.context
        ]
        self._parsed[path] = (stamp, entries)
        return entries

    async def messages(self, tag: str) -> list[MessageStatus]:
        language = self._language(tag)
        is_source = language.tag == self._languages.default.tag
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(TranslationReview).where(TranslationReview.language == language.tag)
            )
            signed = {r.text_hash: r for r in rows}
        out = []
        for context, source, translation, flagged in self._catalog(language):
            review = signed.get(text_hash(context, source, translation))
            if is_source:
                status = "source"
            elif not translation.strip():
                status = "missing"
            elif review is not None or not flagged:
                status = "reviewed"
            else:
                status = "drafted"
            out.append(
                MessageStatus(
                    context,
                    source,
                    translation,
                    status,
                    reviewed_by=review.username if review else None,
                    reviewed_at=review.reviewed_at if review else None,
                )
            )
        return out

    async def summary(self) -> list[LanguageSummary]:
        summaries = []
        for language in self._languages:
            if language.tag == self._languages.default.tag:
                continue
            statuses = [m.status for m in await self.messages(language.tag)]
            summaries.append(
                LanguageSummary(
                    language,
                    missing=statuses.count("missing"),
                    drafted=statuses.count("drafted"),
                    reviewed=statuses.count("reviewed"),
                )
            )
        return summaries

    async def mark_reviewed(self, staff: Staff, district: str, tag: str, context: str) -> None:
        language = self._language(tag)
        if language.tag not in staff.translator_languages:
            raise ConsoleError(
                f"{staff.username} is not recorded as a qualified translator for {language.name}"
            )
        found = [m for m in self._catalog(language) if m[0] == context]
        if not found or not found[0][2].strip():
            raise ConsoleError("there is no translation of that message to review")
        _, source, translation, _ = found[0]
        async with self._sessionmaker() as session, session.begin():
            session.add(
                TranslationReview(
                    language=language.tag,
                    context=context,
                    text_hash=text_hash(context, source, translation),
                    username=staff.username,
                    reviewed_at=self._clock.now(),
                )
            )
            self._audit.record(
                session,
                username=staff.username,
                district=district,
                action="translation_reviewed",
                target=f"{language.tag}:{context}",
            )

    def _language(self, tag: str) -> Language:
        language = self._languages.resolve(tag)
        if language is None or language.tag != tag:
            raise ConsoleError(f"unknown language {tag}")
        return language
