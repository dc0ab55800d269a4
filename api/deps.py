"""``Annotated`` dependency aliases, so routes declare what they need in one word."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

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
