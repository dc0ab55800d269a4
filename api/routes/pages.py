"""The assistant's own page at ``/``: the widget's chat panel, full size, for trying it in a
browser (the same page a school's widget frames)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from api.routes.widget import WIDGET

router = APIRouter(tags=["pages"])


@router.get("/", response_class=FileResponse, include_in_schema=False)
async def index() -> FileResponse:
    return FileResponse(WIDGET / "panel.html", media_type="text/html")


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    return Response(status_code=204)  # browsers ask; there is nothing to show
