"""Liveness and readiness, for process managers and the compose health checks."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import text

from api.deps import ContainerDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
async def health() -> Health:
    return Health(status="ok")


@router.get("/health/ready", response_model=Health)
async def ready(c: ContainerDep, response: Response) -> Health:
    checks: dict[str, bool] = {}
    try:
        async with c.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        checks["database"] = True
    except Exception:
        checks["database"] = False
    checks["rasa"] = await c.rasa.ready()
    ok = all(checks.values())
    if not ok:
        response.status_code = 503
    return Health(status="ok" if ok else "degraded", checks=checks)
