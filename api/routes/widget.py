"""The embeddable chat widget: the loader script, the panel it frames, and a demo page.

A school pastes one tag: ``<script src="https://ASSISTANT/widget.js" data-district="..."
async></script>``. The loader draws only a launcher (in a shadow root, so the host's CSS
cannot reach it) and, when opened, frames ``/widget/panel`` from this origin. The panel is
isolated from the host page by the browser's origin boundary, talks only to
``/api/v1/chat`` on its own origin (so no CORS is needed), and may be framed only by the
district's listed origins.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, Response

from api.deps import ContainerDep
from api.schemas import LanguageOut, WidgetConfig

WIDGET = Path(__file__).resolve().parent.parent / "static" / "widget"
router = APIRouter(tags=["widget"])

# Links in answers become clickable only for these hosts (https only); anything else stays
# plain text.
LINK_HOSTS = (
    "portal.ct.gov", "ctlawhelp.org", "ocrcas.ed.gov", "uscis.gov", "211ct.org",
    "ctprobate.gov",
)  # fmt: skip
# An empty value is allowed and means "no district": a page may render data-district="".
DistrictQuery = Query(default=None, max_length=64, pattern=r"^(?:[a-z0-9][a-z0-9_-]*)?$")


@router.get("/widget.js", include_in_schema=False)
async def loader() -> FileResponse:
    return FileResponse(
        WIDGET / "widget.js",
        media_type="text/javascript",
        headers={
            "Cache-Control": "public, max-age=300",
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


@router.get("/widget/panel", include_in_schema=False)
async def panel(c: ContainerDep, district: str | None = DistrictQuery) -> FileResponse:
    found = c.districts.get(district)
    ancestors = " ".join(["'self'", *(found.allowed_origins if found else ())])
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'"
    )
    return FileResponse(
        WIDGET / "panel.html", media_type="text/html", headers={"Content-Security-Policy": csp}
    )


@router.get("/widget/{name}", include_in_schema=False)
async def asset(name: str) -> Response:
    files = {"panel.js": "text/javascript", "panel.css": "text/css", "demo.css": "text/css"}
    if name not in files:
        return Response(status_code=404)
    return FileResponse(WIDGET / name, media_type=files[name])


@router.get("/demo", include_in_schema=False)
async def demo() -> FileResponse:
    return FileResponse(WIDGET / "demo.html", media_type="text/html")


WIDGET_STRINGS = ("title", "launcher", "placeholder", "send", "close", "language", "typing",
                  "error", "retry", "note", "not_helpful", "feedback_thanks", "delete",
                  "delete_confirm")  # fmt: skip


@router.get("/api/v1/widget-config", response_model=WidgetConfig)
async def widget_config(
    c: ContainerDep,
    district: str | None = DistrictQuery,
    language: str | None = Query(default=None, max_length=35),
) -> WidgetConfig:
    """What the widget needs to draw itself: languages, its strings, the link allowlist."""
    found = c.districts.get(district)
    lang = c.languages.resolve(language) or c.languages.default
    return WidgetConfig(
        district_name=found.name if found else None,
        language=lang.tag,
        direction=lang.direction,
        strings={key: c.renderer.ui(f"widget.{key}", lang.tag) for key in WIDGET_STRINGS},
        languages=[
            LanguageOut(tag=lang.tag, name=lang.name, direction=lang.direction)
            for lang in c.languages
        ],
        link_hosts=list(LINK_HOSTS),
    )
