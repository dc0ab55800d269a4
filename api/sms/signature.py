"""Checking that a webhook really comes from Twilio (``X-Twilio-Signature``).

The check uses the ``twilio`` package's ``RequestValidator`` over every posted field, against
the URL Twilio was configured with (``ASSISTANT_PUBLIC_BASE_URL`` + path), because behind a
proxy or load balancer the URL the api sees (http, an internal host) is not the one signed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import SecretStr
from twilio.request_validator import RequestValidator


class SignatureChecker:
    def __init__(self, auth_token: SecretStr, public_base_url: str) -> None:
        self._validator = RequestValidator(auth_token.get_secret_value())
        self._base = public_base_url.rstrip("/")

    def public_url(self, path: str, query: str = "") -> str:
        return f"{self._base}{path}" + (f"?{query}" if query else "")

    def valid(self, url: str, fields: Mapping[str, Any], signature: str | None) -> bool:
        if not signature:
            return False
        return bool(self._validator.validate(url, fields, signature))
