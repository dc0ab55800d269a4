"""The district directory (``config/districts.yml``).

The assistant never invents a contact: any field a district has not confirmed is simply
absent, and answers fall back to statewide help.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from api.errors import ContentError


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    phone: str | None = None
    hours: str | None = None
    web: HttpUrl | None = None


class District(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    family_liaison: Contact | None = None
    designated_administrator: Contact | None = None
    registration_office: Contact | None = None
    allowed_origins: tuple[str, ...] = Field(default_factory=tuple)


class DistrictDirectory:
    def __init__(self, districts: list[District]) -> None:
        self._by_id = {d.id: d for d in districts}

    @classmethod
    def load(cls, path: Path) -> DistrictDirectory:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = raw.get("districts") or {}
        try:
            districts = [District(id=key, **value) for key, value in items.items()]
        except (TypeError, ValueError) as exc:
            raise ContentError(f"{path}: {exc}") from exc
        for district in districts:
            if "*" in district.allowed_origins:
                raise ContentError(f"{district.id}: allowed_origins may not be '*'")
        return cls(districts)

    def __iter__(self) -> Iterator[District]:
        return iter(self._by_id.values())

    def get(self, district_id: str | None) -> District | None:
        if district_id is None:
            return None
        return self._by_id.get(district_id)

    def __contains__(self, district_id: object) -> bool:
        return district_id in self._by_id
