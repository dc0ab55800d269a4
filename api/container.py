"""Everything the routes need, built once at start-up from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from api.clock import Clock
from api.console.accounts import AccountService
from api.console.audit import AuditLog
from api.console.dashboard import Dashboard
from api.console.review import ReviewService
from api.console.sessions import SessionStore
from api.console.training import ReviewedExamples
from api.console.translations import TranslationStatus
from api.content.districts import DistrictDirectory
from api.content.topics import TopicCatalogue
from api.language.catalogs import CatalogSet
from api.language.choice import LanguageChooser, Py3LangId, script_of
from api.language.detection import LanguageDetector
from api.language.languages import LanguageRegistry
from api.language.render import Renderer
from api.privacy.erasure import Eraser, RedisTrackerEraser, TrackerEraser
from api.privacy.pseudonyms import Pseudonymizer
from api.rasa_client import RasaClient
from api.ratelimit import RateLimiter, RedisRateLimiter
from api.services.locks import KeyedLocks, RedisKeyedLocks
from api.services.turns import TurnPolicy, TurnService
from api.settings import Settings
from api.sms.service import SMS_LIMITS, SmsService
from api.sms.signature import SignatureChecker
from api.store.db import make_engine, make_sessionmaker, migrate
from api.store.spool import Spool
from api.urgency import UrgencyDetector


@dataclass
class Container:
    settings: Settings
    languages: LanguageRegistry
    topics: TopicCatalogue
    districts: DistrictDirectory
    renderer: Renderer
    engine: AsyncEngine
    tracker_engine: AsyncEngine | None
    sessionmaker: async_sessionmaker  # type: ignore[type-arg]
    rasa: RasaClient
    pseudonyms: Pseudonymizer
    web_limiter: RateLimiter
    eraser: Eraser
    turns: TurnService
    sms: SmsService
    signatures: SignatureChecker
    clock: Clock
    accounts: AccountService
    audit: AuditLog
    console_sessions: SessionStore
    review: ReviewService
    translations: TranslationStatus
    dashboard: Dashboard
    spool: Spool
    redis: Redis | None = None
    tracker_redis: Redis | None = None

    async def aclose(self) -> None:
        await self.rasa.aclose()
        for client in (self.redis, self.tracker_redis):
            if client is not None:
                await client.aclose()
        await self.engine.dispose()
        if self.tracker_engine is not None:
            await self.tracker_engine.dispose()


def load_content(settings: Settings) -> tuple[LanguageRegistry, TopicCatalogue, Renderer]:
    """Load and cross-check languages, catalogs, topics and districts (fails loudly)."""
    languages = LanguageRegistry.load(settings.config_dir / "languages.yml")
    topics = TopicCatalogue.load(settings.content_dir / "topics.yml")
    catalogs = CatalogSet(languages, settings.locales_dir)
    districts = DistrictDirectory.load(settings.districts_file)
    renderer = Renderer(
        catalogs,
        topics,
        districts,
        operator_name=settings.operator_name,
        retention_days=settings.retention_days,
    )
    return languages, topics, renderer


# Both are pure functions of files that do not change while the process runs; tests build
# many apps in one process, so they are built once.
@lru_cache(maxsize=4)
def _detector(nlu_dir: Path, tags: tuple[str, ...]) -> LanguageDetector:
    return LanguageDetector.from_training_data(nlu_dir, list(tags))


@lru_cache(maxsize=1)
def _identifier() -> Py3LangId:
    return Py3LangId()


async def build_container(
    settings: Settings, rasa: RasaClient | None = None, clock: Clock | None = None
) -> Container:
    clock = clock or Clock()
    languages, topics, renderer = load_content(settings)
    engine = make_engine(settings.database_url)
    await migrate(engine)
    sessionmaker = make_sessionmaker(engine)
    tracker_engine = make_engine(settings.rasa_tracker_db) if settings.rasa_tracker_db else None
    tracker_redis = (
        Redis.from_url(settings.rasa_tracker_redis_url, socket_timeout=2.0)
        if settings.rasa_tracker_redis_url
        else None
    )
    trackers = RedisTrackerEraser(tracker_redis) if tracker_redis else TrackerEraser(tracker_engine)
    eraser = Eraser(sessionmaker, trackers)
    rasa = rasa or RasaClient(settings.rasa_url, settings.rasa_timeout_s)
    detector = _detector(settings.nlu_dir, tuple(lang.tag for lang in languages))
    scripts = {
        lang.tag: script_of(renderer.catalogs[lang.tag].get("utter_greeting")) for lang in languages
    }
    # Short timeouts: Redis is a coordinator here, and every use of it has a local fallback.
    redis = (
        Redis.from_url(settings.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)
        if settings.redis_url
        else None
    )

    def limiter(prefix: str, limits: list[tuple[int, float]]) -> RateLimiter:
        return RedisRateLimiter(redis, prefix, limits) if redis else RateLimiter(limits)

    def locks(prefix: str) -> KeyedLocks:
        return RedisKeyedLocks(redis, prefix) if redis else KeyedLocks()

    spool = Spool()
    notes_file = settings.config_dir / "interpreter_notes.yml"
    interpreter_notes = yaml.safe_load(notes_file.read_text(encoding="utf-8"))["notes"]
    turns = TurnService(
        sessionmaker=sessionmaker,
        rasa=rasa,
        renderer=renderer,
        languages=languages,
        topics=topics,
        urgency=UrgencyDetector.load(settings.config_dir / "urgency.yml"),
        eraser=eraser,
        policy=TurnPolicy(settings.low_confidence, settings.fallbacks_before_handoff),
        chooser=LanguageChooser(languages, detector, scripts, _identifier()),
        interpreter_notes=interpreter_notes,
        locks=locks("turn"),
        spool=spool,
    )
    pseudonyms = Pseudonymizer(settings.pseudonym_key, settings.pseudonym_key_version)
    sms = SmsService(
        turns=turns,
        renderer=renderer,
        languages=languages,
        sessionmaker=sessionmaker,
        pseudonyms=pseudonyms,
        max_segments=settings.sms_max_segments,
        budget_s=settings.sms_budget_s,
        limiter=limiter("sms", SMS_LIMITS),
        locks=locks("sms"),
        spool=spool,
    )
    accounts = AccountService(sessionmaker, clock)
    audit = AuditLog(sessionmaker, clock)
    examples = ReviewedExamples(settings.nlu_dir, topics, languages)
    return Container(
        settings=settings,
        languages=languages,
        topics=topics,
        districts=renderer.districts,
        renderer=renderer,
        engine=engine,
        tracker_engine=tracker_engine,
        sessionmaker=sessionmaker,
        rasa=rasa,
        pseudonyms=pseudonyms,
        web_limiter=limiter("web", [(20, 60.0), (300, 86_400.0)]),
        eraser=eraser,
        turns=turns,
        sms=sms,
        signatures=SignatureChecker(settings.twilio_auth_token, settings.public_base_url),
        clock=clock,
        accounts=accounts,
        audit=audit,
        console_sessions=SessionStore(sessionmaker, accounts, clock),
        review=ReviewService(sessionmaker, examples, audit, clock),
        translations=TranslationStatus(settings.locales_dir, languages, sessionmaker, audit, clock),
        dashboard=Dashboard(sessionmaker, clock),
        spool=spool,
        redis=redis,
        tracker_redis=tracker_redis,
    )
