"""The FastAPI application: ``uvicorn api.main:app`` (or ``create_app`` in tests)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from api.clock import Clock
from api.container import build_container
from api.content.districts import DistrictDirectory
from api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from api.rasa_client import RasaClient
from api.routes import chat, console, health, nlg, pages, sms, widget
from api.settings import Settings, get_settings

log = logging.getLogger("api")


def create_app(
    settings: Settings | None = None, rasa: RasaClient | None = None, clock: Clock | None = None
) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        container = await build_container(settings, rasa, clock)
        app.state.container = container
        flusher = asyncio.create_task(container.spool.run())
        try:
            yield
        finally:
            flusher.cancel()
            await container.spool.flush()
            await container.aclose()

    app = FastAPI(
        title="Connecticut school-rights assistant",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs" if settings.environment != "production" else None,
        redoc_url=None,
    )
    app.include_router(chat.router)
    app.include_router(nlg.router)
    app.include_router(sms.router)
    app.include_router(health.router)
    app.include_router(pages.router)
    app.include_router(widget.router)
    app.include_router(console.router)
    console.install(app)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Say what is wrong, without echoing what was sent (it may hold personal details).
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": errors})

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error: %s", type(exc).__name__)
        return JSONResponse(status_code=503, content={"detail": "temporarily unavailable"})

    # The widget's panel is same-origin and needs no CORS; integrators calling the chat API
    # from a school's own site are allowed from the origins listed for its district only.
    origins = sorted(
        {o for d in DistrictDirectory.load(settings.districts_file) for o in d.allowed_origins}
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
        max_age=600,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        per_path={"/nlg": settings.max_nlg_body_bytes},
    )
    return app


def app() -> FastAPI:
    """Factory for ``uvicorn --factory api.main:app``."""
    return create_app()
