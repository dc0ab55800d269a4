"""One typed configuration for the api, read from the environment (prefix ``ASSISTANT_``).

Outside development and test it refuses to start with the placeholder secret, because a
pseudonym key that ships in the repository would let anyone link pseudonyms to phone numbers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRET = "changethis"  # noqa: S105 - a known placeholder, refused in production


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    # Store: SQLite by default; ``postgresql+psycopg://...`` at scale.
    database_url: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'var' / 'assistant.db'}"
    # Rasa's own SQL tracker store (embedded mode). The api deletes a conversation's rows here
    # when a family sends DELETE and when retention expires; empty means "not managed here".
    rasa_tracker_db: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'var' / 'rasa-trackers.db'}"

    # Several replicas: comma-separated URLs; the api spreads turns over them.
    rasa_url: str = "http://127.0.0.1:5005"
    # Redis, for rate limits, SMS de-duplication and conversation locks shared by several api
    # replicas (e.g. ``redis://redis:6379/0``); empty keeps them in process.
    redis_url: str = ""
    # With Rasa's Redis tracker store, DELETE removes the tracker key here (the same Redis
    # and ``key_prefix`` as Rasa's endpoints); empty when Rasa uses the SQL tracker store.
    rasa_tracker_redis_url: str = ""
    # The whole turn must fit inside this budget (Twilio gives up at 15 s; Rasa's own default
    # timeout is 300 s), so the api answers with a fallback well before any client gives up.
    rasa_timeout_s: float = Field(default=8.0, gt=0, le=14)

    pseudonym_key: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    pseudonym_key_version: int = Field(default=1, ge=1)

    retention_days: int = Field(default=30, ge=1, le=365)
    # Who runs this service; families are told this when they ask whether the chat is private.
    operator_name: str = ""

    config_dir: Path = REPO_ROOT / "config"
    # The district directory: adding a district is an edit here, not a code change.
    districts_file: Path = REPO_ROOT / "config" / "districts.yml"
    content_dir: Path = REPO_ROOT / "content"
    locales_dir: Path = REPO_ROOT / "locales"
    # Per-language training data; the language detector learns from it at start-up.
    nlu_dir: Path = REPO_ROOT / "data" / "nlu"

    # Below the fallback threshold Rasa answers out_of_scope; between the two, the answer is
    # given but the question is also queued for staff to check.
    low_confidence: float = Field(default=0.5, ge=0, le=1)
    # Consecutive fallbacks in one conversation before a person is offered.
    fallbacks_before_handoff: int = Field(default=2, ge=1)

    # SMS and WhatsApp (Twilio-compatible). Signatures are checked against the public URL
    # Twilio calls, which behind a proxy differs from the one the api sees.
    twilio_auth_token: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    public_base_url: str = "http://127.0.0.1:8000"
    sms_max_segments: int = Field(default=3, ge=1, le=10)
    # Twilio gives up after 15 s; the whole SMS turn must finish well before.
    sms_budget_s: float = Field(default=10.0, gt=0, le=14)

    max_body_bytes: int = Field(default=16_384, ge=1024)
    max_nlg_body_bytes: int = Field(default=4_194_304, ge=65_536)
    # Shared secret that Rasa sends with NLG calls (``?token=``); only Rasa may call /nlg.
    nlg_token: SecretStr = SecretStr("")

    @model_validator(mode="after")
    def _refuse_placeholders_in_production(self) -> Settings:
        if self.environment == "production":
            if self.pseudonym_key.get_secret_value() in {PLACEHOLDER_SECRET, ""}:
                raise ValueError("ASSISTANT_PSEUDONYM_KEY must be set to a real secret")
            if self.twilio_auth_token.get_secret_value() in {PLACEHOLDER_SECRET, ""}:
                raise ValueError("ASSISTANT_TWILIO_AUTH_TOKEN must be set to the account's token")
            if not self.nlg_token.get_secret_value():
                raise ValueError("ASSISTANT_NLG_TOKEN must be set so only Rasa can call /nlg")
            if not self.operator_name:
                raise ValueError("ASSISTANT_OPERATOR_NAME must say who runs this service")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
