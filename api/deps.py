"""``Annotated`` dependency aliases, so routes declare what they need in one word."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status

from api.console.sessions import COOKIE_NAME, ConsoleSession
from api.container import Container
from api.content.topics import TopicCatalogue
from api.language.languages import LanguageRegistry
from api.language.render import Renderer
from api.privacy.pseudonyms import Pseudonymizer
from api.ratelimit import RateLimiter
from api.services.turns import TurnService


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


def _turns(c: ContainerDep) -> TurnService:
    return c.turns


def _renderer(c: ContainerDep) -> Renderer:
    return c.renderer


def _topics(c: ContainerDep) -> TopicCatalogue:
    return c.topics


def _languages(c: ContainerDep) -> LanguageRegistry:
    return c.languages


def _pseudonyms(c: ContainerDep) -> Pseudonymizer:
    return c.pseudonyms


def _web_limiter(c: ContainerDep) -> RateLimiter:
    return c.web_limiter


TurnsDep = Annotated[TurnService, Depends(_turns)]
RendererDep = Annotated[Renderer, Depends(_renderer)]
TopicsDep = Annotated[TopicCatalogue, Depends(_topics)]
LanguagesDep = Annotated[LanguageRegistry, Depends(_languages)]
PseudonymsDep = Annotated[Pseudonymizer, Depends(_pseudonyms)]
WebLimiterDep = Annotated[RateLimiter, Depends(_web_limiter)]


# ---------------------------------------------------------------------- review console
class LoginRequired(Exception):
    """No live console session; pages redirect to the login form, other requests get 401."""


async def _console_session(request: Request, c: ContainerDep) -> ConsoleSession:
    session = await c.console_sessions.resume(request.cookies.get(COOKIE_NAME))
    if session is None:
        raise LoginRequired
    return session


ConsoleSessionDep = Annotated[ConsoleSession, Depends(_console_session)]


async def _district_session(
    session: ConsoleSessionDep,
    district: Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")],
) -> ConsoleSession:
    # The same answer whether the district exists or not: no probing for district ids.
    if not session.staff.may_see(district):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="not one of your districts")
    return session


DistrictSessionDep = Annotated[ConsoleSession, Depends(_district_session)]


async def _form_checked(request: Request, session: ConsoleSessionDep) -> ConsoleSession:
    form = await request.form()
    token = form.get("csrf_token")
    if not session.csrf_ok(token if isinstance(token, str) else None):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="the form expired; reload the page")
    return session


# A form that changes something, outside any district (logging out).
FormSessionDep = Annotated[ConsoleSession, Depends(_form_checked)]


async def _csrf_checked(session: DistrictSessionDep, _: FormSessionDep) -> ConsoleSession:
    return session


# A form that changes something in one of the user's districts.
CheckedSessionDep = Annotated[ConsoleSession, Depends(_csrf_checked)]


async def _admin_session(session: DistrictSessionDep) -> ConsoleSession:
    if not session.staff.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="admins only")
    return session


AdminSessionDep = Annotated[ConsoleSession, Depends(_admin_session)]
