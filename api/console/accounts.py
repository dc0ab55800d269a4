"""Staff accounts: argon2 password hashes, login throttling, roles and districts.

Items that came in without a district (SMS to the statewide number) belong to the
``statewide`` scope, which an admin grants like any district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.clock import Clock
from api.errors import ConsoleError, InvalidCredentials, LoginThrottled
from api.store.models import LoginFailure, StaffUser

STATEWIDE = "statewide"
ROLES = ("reviewer", "admin")
Role = Literal["reviewer", "admin"]
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    role: str
    districts: tuple[str, ...]
    translator_languages: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_see(self, district: str) -> bool:
        return district in self.districts


def _staff(user: StaffUser) -> Staff:
    return Staff(
        id=user.id,
        username=user.username,
        role=user.role,
        districts=tuple(user.districts),
        translator_languages=tuple(user.translator_languages or ()),
    )


class AccountService:
    def __init__(self, sessionmaker: async_sessionmaker, clock: Clock) -> None:  # type: ignore[type-arg]
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._hasher = PasswordHasher()
        # Verified against when the name is unknown, so a wrong name costs the same time as
        # a wrong password and does not reveal which accounts exist.
        self._dummy_hash = self._hasher.hash("not a password of anyone")

    async def create(
        self,
        username: str,
        password: str,
        role: str,
        districts: list[str],
        translator_languages: list[str] | None = None,
    ) -> Staff:
        username = _normalise(username)
        if not username or len(username) > 64:
            raise ConsoleError("a username is 1-64 characters")
        if role not in ROLES:
            raise ConsoleError(f"role must be one of {', '.join(ROLES)}")
        if not districts:
            raise ConsoleError("staff belong to at least one district")
        _check_password(password)
        async with self._sessionmaker() as session, session.begin():
            existing = await session.scalar(select(StaffUser).where(StaffUser.username == username))
            if existing is not None:
                raise ConsoleError(f"{username} already exists")
            user = StaffUser(
                username=username,
                password_hash=self._hasher.hash(password),
                role=role,
                districts=sorted(set(districts)),
                translator_languages=sorted(set(translator_languages or [])),
                active=True,
                created_at=self._clock.now(),
            )
            session.add(user)
            await session.flush()
            return _staff(user)

    async def set_password(self, username: str, password: str) -> None:
        _check_password(password)
        async with self._sessionmaker() as session, session.begin():
            user = await session.scalar(
                select(StaffUser).where(StaffUser.username == _normalise(username))
            )
            if user is None:
                raise ConsoleError(f"no account {username}")
            user.password_hash = self._hasher.hash(password)

    async def list(self) -> list[Staff]:
        async with self._sessionmaker() as session:
            users = await session.scalars(select(StaffUser).order_by(StaffUser.username))
            return [_staff(u) for u in users]

    async def get(self, user_id: int) -> Staff | None:
        async with self._sessionmaker() as session:
            user = await session.get(StaffUser, user_id)
            return _staff(user) if user is not None and user.active else None

    async def authenticate(self, username: str, password: str) -> Staff:
        """The account, or LoginThrottled / InvalidCredentials. Throttling counts failures
        for the name typed, so guessing at a name that does not exist is throttled too."""
        name = _normalise(username)[:64]
        now = self._clock.now()
        async with self._sessionmaker() as session, session.begin():
            failures = await session.scalar(
                select(func.count())
                .select_from(LoginFailure)
                .where(LoginFailure.username == name, LoginFailure.at > now - FAILURE_WINDOW)
            )
            throttled = (failures or 0) >= MAX_FAILURES
            staff: Staff | None = None
            if not throttled:
                user = await session.scalar(select(StaffUser).where(StaffUser.username == name))
                usable = user is not None and user.active
                stored = user.password_hash if user is not None and usable else self._dummy_hash
                try:
                    self._hasher.verify(stored, password)
                    verified = True
                except (VerificationError, InvalidHashError):
                    verified = False
                if user is not None and usable and verified:
                    await session.execute(delete(LoginFailure).where(LoginFailure.username == name))
                    if self._hasher.check_needs_rehash(user.password_hash):
                        user.password_hash = self._hasher.hash(password)
                    staff = _staff(user)
                else:
                    # Recorded in this transaction, which commits before the error is raised.
                    session.add(LoginFailure(username=name, at=now))
        if throttled:
            raise LoginThrottled(name)
        if staff is None:
            raise InvalidCredentials(name)
        return staff


def _normalise(username: str) -> str:
    return username.strip().lower()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConsoleError(f"passwords are at least {MIN_PASSWORD_LENGTH} characters")
