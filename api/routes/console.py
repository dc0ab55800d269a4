"""The staff review console's pages (server-rendered HTML, no script).

Every page but the login form needs a live session; every page under ``/console/d/<id>/``
also needs that district to be one of the staff member's; every form that changes something
carries the session's CSRF token. The logic lives in ``api/console/``; these handlers only
read the request, call a service and pick a template.
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api.console import charts
from api.console.accounts import STATEWIDE
from api.console.grouping import best_guess, group_items
from api.console.review import REASONS, STATUSES, InboxFilter, ItemNotFound, to_csv
from api.console.sessions import (
    ABSOLUTE_TIMEOUT,
    COOKIE_NAME,
    LOGIN_COOKIE_NAME,
    ConsoleSession,
)
from api.deps import (
    AdminSessionDep,
    CheckedSessionDep,
    ConsoleSessionDep,
    ContainerDep,
    DistrictSessionDep,
    FormSessionDep,
    LoginRequired,
)
from api.errors import ConsoleError, InvalidCredentials, LoginThrottled

HERE = FilePath(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=HERE / "templates" / "console")
router = APIRouter(prefix="/console", include_in_schema=False)
NO_STORE = {"cache-control": "no-store"}
DATE = r"^(\d{4}-\d{2}-\d{2})?$"  # the filter form sends an empty value for "any date"


def install(app: FastAPI) -> None:
    """Static files and the login redirect; called once by ``create_app``."""
    app.mount(
        "/console/static",
        StaticFiles(directory=HERE / "static" / "console"),
        name="console-static",
    )

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        if request.method == "GET":
            target = quote(request.url.path, safe="/")
            return RedirectResponse(
                f"/console/login?next={target}", status.HTTP_303_SEE_OTHER, headers=NO_STORE
            )
        return HTMLResponse("login required", status.HTTP_401_UNAUTHORIZED, headers=NO_STORE)


def _page(
    request: Request,
    name: str,
    context: dict[str, Any],
    session: ConsoleSession | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    base: dict[str, Any] = {"session": session, "statewide": STATEWIDE}
    response = templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status_code, headers=NO_STORE
    )
    return response


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/console/") and "//" not in target and "\\" not in target:
        return target
    return "/console/"


def _set_cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
    # __Host- cookies must be Secure, have Path=/ and no Domain; browsers treat
    # http://localhost and 127.0.0.1 as secure, so this works for `make run` too.
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="strict"
    )


# ---------------------------------------------------------------------- login / logout
@router.get("/login", response_class=HTMLResponse)
async def login_form(
    request: Request,
    next: Annotated[str | None, Query(max_length=500)] = None,
    bye: Annotated[str, Query(max_length=1)] = "",
) -> Response:
    return _login_page(request, _safe_next(next), bye=bye == "1")


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    c: ContainerDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/console/",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE_NAME, "")
    target = _safe_next(next)
    if not expected or not secrets.compare_digest(expected.encode(), csrf_token.encode()):
        return _login_page(request, target, "The login form expired. Please try again.", 403)
    try:
        staff = await c.accounts.authenticate(username, password)
    except LoginThrottled:
        await c.audit.write(username[:64], "login_throttled")
        return _login_page(
            request, target, "Too many failed attempts. Wait 15 minutes and try again.", 429
        )
    except InvalidCredentials:
        await c.audit.write(username[:64], "login_failed")
        return _login_page(request, target, "Wrong name or password.", 401)
    token = await c.console_sessions.start(staff, request.cookies.get(COOKIE_NAME))
    await c.audit.write(staff.username, "login")
    response = RedirectResponse(target, status.HTTP_303_SEE_OTHER, headers=NO_STORE)
    _set_cookie(response, COOKIE_NAME, token, max_age=int(ABSOLUTE_TIMEOUT.total_seconds()))
    response.delete_cookie(LOGIN_COOKIE_NAME, path="/", secure=True, httponly=True)
    return response


def _login_page(
    request: Request, target: str, error: str = "", code: int = 200, bye: bool = False
) -> HTMLResponse:
    """The login form, with a fresh double-submit CSRF token in its own cookie."""
    token = secrets.token_urlsafe(32)
    context = {"csrf": token, "next": target, "error": error, "bye": bye}
    response = _page(request, "login.html", context, status_code=code)
    _set_cookie(response, LOGIN_COOKIE_NAME, token, max_age=3600)
    return response


@router.post("/logout")
async def logout(request: Request, session: FormSessionDep, c: ContainerDep) -> Response:
    await c.console_sessions.end(request.cookies.get(COOKIE_NAME))
    await c.audit.write(session.staff.username, "logout")
    response = RedirectResponse("/console/login?bye=1", status.HTTP_303_SEE_OTHER)
    response.delete_cookie(COOKIE_NAME, path="/", secure=True, httponly=True, samesite="strict")
    return response


@router.get("/")
async def home(session: ConsoleSessionDep) -> Response:
    return RedirectResponse(
        f"/console/d/{session.staff.districts[0]}/inbox", status.HTTP_303_SEE_OTHER
    )


# ---------------------------------------------------------------------- inbox
def _filters(
    language: str | None,
    reason: str | None,
    state: str | None,
    since: str | None,
    until: str | None,
) -> InboxFilter:
    try:
        first = date.fromisoformat(since) if since else None
        last = date.fromisoformat(until) if until else None
    except ValueError as exc:  # 2026-02-30 has the right shape but is no date
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="not a date") from exc
    return InboxFilter(
        language=language or None,
        reason=reason if reason in REASONS else None,
        status=None if state == "any" else (state if state in STATUSES else "open"),
        since=first,
        until=last,
    )


Lang = Annotated[str | None, Query(max_length=16)]
Reason = Annotated[str | None, Query(max_length=32)]
State = Annotated[str | None, Query(alias="status", max_length=16)]
Since = Annotated[str | None, Query(pattern=DATE)]
Until = Annotated[str | None, Query(pattern=DATE)]


@router.get("/d/{district}/inbox", response_class=HTMLResponse)
async def inbox(
    request: Request,
    district: str,
    session: DistrictSessionDep,
    c: ContainerDep,
    language: Lang = None,
    reason: Reason = None,
    state: State = None,
    since: Since = None,
    until: Until = None,
    view: Annotated[str, Query(pattern="^(grouped|list)$")] = "grouped",
) -> HTMLResponse:
    filters = _filters(language, reason, state, since, until)
    items = await c.review.items(district, filters)
    return _page(
        request,
        "inbox.html",
        {
            "district": district,
            "filters": filters,
            "view": view,
            "items": items,
            "groups": group_items(items) if view == "grouped" else [],
            "best_guess": best_guess,
            "topics": c.topics,
            "languages": list(c.languages),
            "reasons": REASONS,
            "statuses": STATUSES,
            "back": request.url.query,
        },
        session,
    )


@router.get("/d/{district}/inbox.csv")
async def export_csv(
    district: str,
    session: DistrictSessionDep,
    c: ContainerDep,
    language: Lang = None,
    reason: Reason = None,
    state: State = None,
    since: Since = None,
    until: Until = None,
) -> Response:
    items = await c.review.items(district, _filters(language, reason, state, since, until))
    await c.audit.write(session.staff.username, "export_csv", district, f"{len(items)} items")
    return Response(
        to_csv(items),
        media_type="text/csv; charset=utf-8",
        headers={
            **NO_STORE,
            "content-disposition": f'attachment; filename="inbox-{district}.csv"',
        },
    )


def _back_to_inbox(district: str, back: str, anchor: str = "") -> RedirectResponse:
    # Only a query string of our own inbox; never a URL someone else supplied.
    query = back if back and all(ch not in back for ch in "\r\n#/\\") else ""
    return RedirectResponse(
        f"/console/d/{district}/inbox" + (f"?{query}" if query else "") + anchor,
        status.HTTP_303_SEE_OTHER,
    )


@router.post("/d/{district}/items/{item_id}/assign")
async def assign(
    request: Request,
    district: str,
    item_id: int,
    session: CheckedSessionDep,
    c: ContainerDep,
    topic: Annotated[str, Form(max_length=64)],
    text: Annotated[str, Form(max_length=1000)] = "",
    back: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        await c.review.assign(session.staff, district, item_id, topic, text.strip() or None)
    except ItemNotFound:
        return _problem(request, session, district, "That question is no longer in the inbox.", 404)
    except ConsoleError as exc:
        return _problem(request, session, district, f"Not assigned: {exc}", 400)
    return _back_to_inbox(district, back, f"#item-{item_id}")


@router.post("/d/{district}/items/{item_id}/status")
async def set_status(
    request: Request,
    district: str,
    item_id: int,
    session: CheckedSessionDep,
    c: ContainerDep,
    action: Annotated[str, Form(max_length=32)],
    back: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        await c.review.set_status(session.staff, district, item_id, action)
    except ItemNotFound:
        return _problem(request, session, district, "That question is no longer in the inbox.", 404)
    except ConsoleError as exc:
        return _problem(request, session, district, str(exc), 400)
    return _back_to_inbox(district, back, f"#item-{item_id}")


def _problem(
    request: Request, session: ConsoleSession, district: str, message: str, code: int
) -> HTMLResponse:
    return _page(request, "problem.html", {"district": district, "message": message}, session, code)


# ---------------------------------------------------------------------- dashboard
@router.get("/d/{district}/dashboard", response_class=HTMLResponse)
async def dashboard(
    request: Request, district: str, session: DistrictSessionDep, c: ContainerDep
) -> HTMLResponse:
    figures = await c.dashboard.figures(district)
    names = {lang.tag: lang.name for lang in c.languages}
    per_language = [(names.get(k, k), v) for k, v in figures.per_language]
    rate = [(names.get(k, k), v) for k, v in figures.fallback_rate]
    svgs = {
        "per_day": charts.columns(f"Questions per day, last {figures.days} days", figures.per_day),
        "per_language": charts.horizontal_bars("Questions per language", per_language),
        "per_topic": charts.horizontal_bars("Questions per topic (top 15)", figures.per_topic),
        "fallback": charts.horizontal_bars("Could not answer, per language", rate, unit="%"),
    }
    return _page(
        request,
        "dashboard.html",
        {"district": district, "figures": figures, "svgs": svgs},
        session,
    )


# ---------------------------------------------------------------------- translations
@router.get("/d/{district}/translations", response_class=HTMLResponse)
async def translations(
    request: Request,
    district: str,
    session: DistrictSessionDep,
    c: ContainerDep,
    language: Lang = None,
) -> HTMLResponse:
    chosen = c.languages.resolve(language) if language else None
    messages = await c.translations.messages(chosen.tag) if chosen else []
    return _page(
        request,
        "translations.html",
        {
            "district": district,
            "summary": await c.translations.summary(),
            "language": chosen,
            "messages": messages,
            "may_review": bool(chosen and chosen.tag in session.staff.translator_languages),
        },
        session,
    )


@router.post("/d/{district}/translations/{language}/review")
async def review_translation(
    request: Request,
    district: str,
    language: str,
    session: CheckedSessionDep,
    c: ContainerDep,
    context: Annotated[str, Form(max_length=96)],
) -> Response:
    try:
        await c.translations.mark_reviewed(session.staff, district, language, context)
    except ConsoleError as exc:
        return _problem(request, session, district, str(exc), 403)
    return RedirectResponse(
        f"/console/d/{district}/translations?language={quote(language)}#msg-{quote(context)}",
        status.HTTP_303_SEE_OTHER,
    )


# ---------------------------------------------------------------------- audit
@router.get("/d/{district}/audit", response_class=HTMLResponse)
async def audit(
    request: Request, district: str, session: AdminSessionDep, c: ContainerDep
) -> HTMLResponse:
    entries = await c.audit.entries(district)
    return _page(request, "audit.html", {"district": district, "entries": entries}, session)
