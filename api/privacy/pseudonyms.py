"""Keyed pseudonyms for anything that identifies a family (a phone number, a widget id).

The api stores and forwards only these. An HMAC (not a plain hash) is used because phone
numbers are few enough to enumerate; without the key nobody can go from a number to its
pseudonym. The key version is part of the pseudonym so the key can be rotated.
"""

from __future__ import annotations

import hashlib
import hmac

from pydantic import SecretStr


class Pseudonymizer:
    def __init__(self, key: SecretStr, version: int) -> None:
        self._key = key.get_secret_value().encode("utf-8")
        self._version = version

    def __call__(self, kind: str, value: str) -> str:
        digest = hmac.new(self._key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}-v{self._version}-{digest[:40]}"
