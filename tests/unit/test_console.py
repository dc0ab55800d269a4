"""The staff review console: logins, sessions, CSRF, districts, the inbox and its actions.

The api runs in process with a fake Rasa, a real SQLite file and a frozen clock; the
training data it writes to is a copy, never the repository's ``data/``.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.clock import FrozenClock
from api.console.grouping import group_items
from api.console.review import escape_cell
from api.console.sessions import COOKIE_NAME
from api.container import Container
from api.main import create_app
from api.rasa_client import RasaClient
from api.routes.console import router as console_router
from api.settings import REPO_ROOT, Settings
from api.store.models import ReviewItem
from tests.conftest import FakeRasa, make_settings
from tests.unit.test_content import RENDERER

DISTRICT = "testville"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def nlu_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Training data the console may write to (shared: the language detector learns from it
    once per process)."""
    target = tmp_path_factory.mktemp("nlu") / "nlu"
    shutil.copytree(REPO_ROOT / "data" / "nlu", target)
    return target


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def console_settings(tmp_path: Path, nlu_copy: Path) -> Settings:
    return make_settings(tmp_path).model_copy(update={"nlu_dir": nlu_copy})


@pytest.fixture
def app_client(
    console_settings: Settings, fake_rasa: FakeRasa, clock: FrozenClock
) -> Iterator[TestClient]:
    rasa = RasaClient(
        console_settings.rasa_url, console_settings.rasa_timeout_s, httpx.MockTransport(fake_rasa)
    )
    app = create_app(console_settings, rasa=rasa, clock=clock)
    # https: the session cookie is Secure, and a client only sends it back over https.
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def container(client: TestClient) -> Container:
    return client.app.state.container  # type: ignore[attr-defined,no-any-return]


def run(client: TestClient, coro_fn: Any, *args: Any) -> Any:
    assert client.portal is not None
    return client.portal.call(coro_fn, *args)


def add_staff(
    client: TestClient,
    username: str = "rivera",
    role: str = "reviewer",
    districts: tuple[str, ...] = (DISTRICT,),
    translator: tuple[str, ...] = (),
) -> None:
    run(
        client,
        lambda: container(client).accounts.create(
            username, PASSWORD, role, list(districts), list(translator)
        ),
    )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def login(client: TestClient, username: str = "rivera", password: str = PASSWORD) -> httpx.Response:
    page = client.get("/console/login")
    return client.post(
        "/console/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )


@pytest.fixture
def staff_client(app_client: TestClient) -> TestClient:
    add_staff(app_client)
    assert login(app_client).status_code == 303
    return app_client


def ask(client: TestClient, text: str, cid: str = "family-conv-01", **extra: str) -> Any:
    r = client.post("/api/v1/chat", json={"conversation_id": cid, "text": text, **extra})
    assert r.status_code == 200, r.text
    return r.json()


def items(client: TestClient) -> list[ReviewItem]:
    async def all_items() -> list[ReviewItem]:
        from api.store import repository

        async with container(client).sessionmaker() as session:
            return await repository.review_items(session)

    return run(client, all_items)  # type: ignore[no-any-return]


def page_csrf(client: TestClient, path: str = f"/console/d/{DISTRICT}/inbox") -> str:
    return csrf_of(client.get(path).text)


# ---------------------------------------------------------------------- route walk
def console_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every console route and method, found from the app so a new route is covered."""
    found = []
    for route in console_router.routes:
        assert isinstance(route, APIRoute)
        found += [(method, route.path) for method in sorted(route.methods)]
    return found


def concrete(path: str, district: str = DISTRICT) -> str:
    return (
        path.replace("{district}", district).replace("{item_id}", "1").replace("{language}", "es")
    )


PUBLIC = {("GET", "/console/login"), ("POST", "/console/login")}


def test_every_console_route_needs_a_login(app_client: TestClient) -> None:
    routes = console_routes(app_client)
    assert len(routes) >= 12
    for method, path in routes:
        if (method, path) in PUBLIC:
            continue
        r = app_client.request(method, concrete(path), follow_redirects=False)
        if method == "GET":
            assert r.status_code == 303, (method, path)
            assert r.headers["location"].startswith("/console/login?next="), path
        else:
            assert r.status_code == 401, (method, path)
        assert "no-store" in r.headers.get("cache-control", ""), path


def test_every_district_route_needs_one_of_the_users_districts(staff_client: TestClient) -> None:
    token = page_csrf(staff_client)
    walked = 0
    for method, path in console_routes(staff_client):
        if "{district}" not in path:
            continue
        walked += 1
        data = {"csrf_token": token, "topic": "ssn_not_required", "action": "dismiss"}
        data["context"] = "utter_ssn_not_required"
        for district in ("othertown", "statewide"):
            r = staff_client.request(
                method,
                concrete(path, district),
                data=data if method == "POST" else None,
                follow_redirects=False,
            )
            assert r.status_code == 403, (method, path, district)
        # Its own district is allowed (a missing item is a 404 page, not a 403).
        r = staff_client.request(
            method,
            concrete(path),
            data=data if method == "POST" else None,
            follow_redirects=False,
        )
        assert r.status_code != 403 or path.endswith("/audit") or "translations" in path, path
    assert walked >= 8


def test_admin_only_pages(staff_client: TestClient) -> None:
    assert staff_client.get(f"/console/d/{DISTRICT}/audit").status_code == 403
    add_staff(staff_client, "okafor", role="admin")
    assert login(staff_client, "okafor").status_code == 303
    assert staff_client.get(f"/console/d/{DISTRICT}/audit").status_code == 200


# ---------------------------------------------------------------------- sessions
def test_session_cookie_is_host_prefixed_secure_httponly_strict(app_client: TestClient) -> None:
    add_staff(app_client)
    r = login(app_client)
    assert r.status_code == 303
    cookie = next(
        v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith(COOKIE_NAME)
    )
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "path", "samesite"} <= attributes
    assert "domain" not in attributes
    assert "samesite=strict" in cookie.lower()
    assert "path=/" in cookie.lower()


def test_login_gives_a_new_session_id_and_the_old_one_dies(app_client: TestClient) -> None:
    add_staff(app_client)
    login(app_client)
    first = app_client.cookies.get(COOKIE_NAME)
    login(app_client)  # logging in again, e.g. in another tab
    second = app_client.cookies.get(COOKIE_NAME)
    assert first and second and first != second
    stale = TestClient(app_client.app, base_url="https://testserver")
    stale.cookies.set(COOKIE_NAME, first)
    r = stale.get(f"/console/d/{DISTRICT}/inbox", follow_redirects=False)
    assert r.status_code == 303


def test_session_expires_after_30_idle_minutes(
    staff_client: TestClient, clock: FrozenClock
) -> None:
    inbox = f"/console/d/{DISTRICT}/inbox"
    clock.advance(minutes=29)
    assert staff_client.get(inbox, follow_redirects=False).status_code == 200
    clock.advance(minutes=29)  # 58 minutes after login, but only 29 idle
    assert staff_client.get(inbox, follow_redirects=False).status_code == 200
    clock.advance(minutes=31)
    r = staff_client.get(inbox, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/console/login")


def test_session_ends_8_hours_after_login_even_when_busy(
    staff_client: TestClient, clock: FrozenClock
) -> None:
    inbox = f"/console/d/{DISTRICT}/inbox"
    for _ in range(23):  # 23 x 20 min = 7 h 40 min, never idle for long
        clock.advance(minutes=20)
        assert staff_client.get(inbox, follow_redirects=False).status_code == 200
    clock.advance(minutes=21)  # 8 h 01 min after login
    assert staff_client.get(inbox, follow_redirects=False).status_code == 303


def test_logout_ends_the_session(staff_client: TestClient) -> None:
    token = page_csrf(staff_client)
    cookie = staff_client.cookies.get(COOKIE_NAME)
    assert staff_client.post("/console/logout", data={"csrf_token": "nope"}).status_code == 403
    r = staff_client.post("/console/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    again = TestClient(staff_client.app, base_url="https://testserver")
    again.cookies.set(COOKIE_NAME, cookie or "")
    assert again.get(f"/console/d/{DISTRICT}/inbox", follow_redirects=False).status_code == 303


# ---------------------------------------------------------------------- throttling
def test_five_failed_logins_in_15_minutes_throttle_the_account(
    app_client: TestClient, clock: FrozenClock
) -> None:
    add_staff(app_client)
    for _ in range(5):
        assert login(app_client, password="wrong password!").status_code == 401
        clock.advance(minutes=2)
    r = login(app_client)  # the right password, but throttled
    assert r.status_code == 429
    assert COOKIE_NAME not in app_client.cookies
    clock.advance(minutes=8)  # the first failure is now 16 minutes old
    assert login(app_client).status_code == 303


def test_unknown_names_are_throttled_too_and_failures_are_audited(
    app_client: TestClient, clock: FrozenClock
) -> None:
    for _ in range(5):
        assert login(app_client, "nobody", "whatever-guess").status_code == 401
    assert login(app_client, "nobody", "whatever-guess").status_code == 429
    entries = run(app_client, lambda: container(app_client).audit.entries(DISTRICT))
    actions = [e.action for e in entries if e.username == "nobody"]
    assert actions.count("login_failed") == 5 and actions.count("login_throttled") == 1


def test_a_failed_login_keeps_the_page_it_was_going_to(app_client: TestClient) -> None:
    add_staff(app_client)
    page = app_client.get(f"/console/login?next=/console/d/{DISTRICT}/dashboard")
    r = app_client.post(
        "/console/login",
        data={
            "username": "rivera",
            "password": "wrong password!",
            "csrf_token": csrf_of(page.text),
            "next": f"/console/d/{DISTRICT}/dashboard",
        },
    )
    assert r.status_code == 401 and "Wrong name or password." in r.text
    assert f'name="next" value="/console/d/{DISTRICT}/dashboard"' in r.text
    assert app_client.get("/console/login?bye=anything").status_code == 422


def test_a_success_clears_the_failure_count(app_client: TestClient) -> None:
    add_staff(app_client)
    for _ in range(4):
        login(app_client, password="wrong password!")
    assert login(app_client).status_code == 303
    for _ in range(4):
        assert login(app_client, password="wrong password!").status_code == 401
    assert login(app_client).status_code == 303


# ---------------------------------------------------------------------- CSRF
def test_login_form_needs_its_csrf_token(app_client: TestClient) -> None:
    add_staff(app_client)
    r = app_client.post(
        "/console/login",
        data={"username": "rivera", "password": PASSWORD, "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    assert COOKIE_NAME not in app_client.cookies


def test_actions_without_the_csrf_token_change_nothing(
    staff_client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "what about the bus for the zoo trip", district=DISTRICT)
    (item,) = items(staff_client)
    path = f"/console/d/{DISTRICT}/items/{item.id}"
    for token in (None, "", "forged-token"):
        data = {"topic": "school_meals", "action": "dismiss"}
        if token is not None:
            data["csrf_token"] = token
        assert staff_client.post(f"{path}/assign", data=data).status_code == 403
        assert staff_client.post(f"{path}/status", data=data).status_code == 403
    assert items(staff_client)[0].status == "open"


# ---------------------------------------------------------------------- inbox
def test_inbox_shows_redacted_questions_with_guesses_and_filters(
    staff_client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.08)
    ask(staff_client, "necesito ayuda, mi numero es 203-555-0142", "es-fam-0001", district=DISTRICT)
    ask(staff_client, "i need help with the thing", "en-fam-0001", district=DISTRICT)
    inbox = f"/console/d/{DISTRICT}/inbox"
    spanish = staff_client.get(inbox, params={"language": "es", "view": "list"}).text
    assert "necesito ayuda" in spanish and "the thing" not in spanish
    assert "555-0142" not in spanish and not re.search(r"\d{7,}", spanish)
    assert "[phone]" in spanish and "out_of_scope" in spanish
    english = staff_client.get(inbox, params={"language": "en"}).text
    assert "the thing" in english and "necesito" not in english
    assert "the thing" not in staff_client.get(inbox, params={"reason": "urgent"}).text
    assert "the thing" not in staff_client.get(inbox, params={"status": "dismissed"}).text
    assert "the thing" in staff_client.get(inbox, params={"since": "2020-01-01"}).text
    assert "the thing" not in staff_client.get(inbox, params={"until": "2020-01-01"}).text
    # What the filter form sends when nothing is chosen.
    empty = dict.fromkeys(("language", "reason", "since", "until"), "") | {"view": "list"}
    assert "the thing" in staff_client.get(inbox, params=empty).text
    # A bad date is a clear 422, never a 500.
    assert staff_client.get(inbox, params={"since": "yesterday"}).status_code == 422
    assert staff_client.get(inbox, params={"until": "2026-02-30"}).status_code == 422


def test_other_districts_items_are_not_shown(staff_client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "question from testville", "tv-fam-0001", district=DISTRICT)
    ask(staff_client, "question from nowhere in particular", "sw-fam-0001")
    page = staff_client.get(f"/console/d/{DISTRICT}/inbox").text
    assert "question from testville" in page and "nowhere in particular" not in page
    other = next(i for i in items(staff_client) if i.district is None)
    token = page_csrf(staff_client)
    r = staff_client.post(
        f"/console/d/{DISTRICT}/items/{other.id}/status",
        data={"csrf_token": token, "action": "dismiss"},
    )
    assert r.status_code == 404
    assert [i.status for i in items(staff_client) if i.id == other.id] == ["open"]


def make_item(item_id: int, language: str, text: str, guess: str | None) -> ReviewItem:
    ranking = [{"name": guess, "confidence": 0.3}] if guess else None
    return ReviewItem(
        id=item_id, language=language, text_redacted=text, ranking=ranking, topic_guess=guess
    )


def test_grouping_joins_languages_by_guess_and_similar_text_within_a_language() -> None:
    groups = group_items(
        [
            make_item(1, "en", "do I need a social security number", "ssn_not_required"),
            make_item(2, "es", "necesito número de seguro social", "ssn_not_required"),
            make_item(3, "en", "do i need a social security number?", "ssn_not_required"),
            make_item(4, "es", "necesito numero de seguro social??", "ssn_not_required"),
            make_item(5, "en", "is there a bus", "transportation"),
            make_item(6, "en", "server down question", None),
        ]
    )
    assert next(g.topic for g in groups) == "ssn_not_required"
    ssn = groups[0]
    assert ssn.size == 4 and dict(ssn.languages) == {"en": 2, "es": 2}
    assert sorted(len(c.items) for c in ssn.clusters) == [2, 2]
    assert all(len({i.language for i in c.items}) == 1 for c in ssn.clusters)
    assert {g.topic for g in groups[1:]} == {"transportation", None}


def test_inbox_groups_the_same_question_across_languages(
    staff_client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.answer("ssn_not_required", confidence=0.3)  # low confidence: queued
    ask(staff_client, "do I need a social security number", "en-fam-0002", district=DISTRICT)
    ask(staff_client, "necesito número de seguro social", "es-fam-0002", district=DISTRICT)
    fake_rasa.answer("transportation", confidence=0.2)
    ask(staff_client, "bus??", "en-fam-0003", district=DISTRICT)
    page = staff_client.get(f"/console/d/{DISTRICT}/inbox").text
    first_group = page.split('class="group"')[1]
    assert "ssn_not_required" in first_group and 'class="count">2<' in first_group
    assert "social security" in first_group and "seguro social" in first_group


def test_assigning_a_topic_writes_a_training_example_and_is_audited(
    staff_client: TestClient, fake_rasa: FakeRasa, nlu_copy: Path
) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "la escuela pide papeles del consulado, es obligatorio?", "es-fam-0003",
        district=DISTRICT)  # fmt: skip
    (item,) = items(staff_client)
    token = page_csrf(staff_client)
    r = staff_client.post(
        f"/console/d/{DISTRICT}/items/{item.id}/assign",
        data={
            "csrf_token": token,
            "topic": "enrollment_documents_checklist",
            "back": "language=es",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/console/d/{DISTRICT}/inbox?language=es#item-{item.id}"
    reviewed = yaml.safe_load((nlu_copy / "es" / "reviewed.yml").read_text(encoding="utf-8"))
    examples = {b["intent"]: b["examples"] for b in reviewed["nlu"]}
    assert (
        "- la escuela pide papeles del consulado, es obligatorio?"
        in examples["enrollment_documents_checklist"]
    )
    (after,) = items(staff_client)
    assert (after.status, after.assigned_topic, after.decided_by) == (
        "assigned",
        "enrollment_documents_checklist",
        "rivera",
    )
    entries = run(staff_client, lambda: container(staff_client).audit.entries(DISTRICT))
    entry = next(e for e in entries if e.action == "assign_topic")
    assert entry.username == "rivera" and entry.target == f"item:{item.id}"
    assert entry.detail["topic"] == "enrollment_documents_checklist"
    assert "papeles" not in str(entry.detail)  # the audit log never holds a family's text


def test_an_example_that_contradicts_the_training_data_is_refused(
    staff_client: TestClient, fake_rasa: FakeRasa, nlu_copy: Path
) -> None:
    existing = yaml.safe_load((nlu_copy / "es" / "conversation.yml").read_text(encoding="utf-8"))
    block = existing["nlu"][0]
    text = block["examples"].splitlines()[0].removeprefix("- ").strip()
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, text, "es-fam-0004", language="es", district=DISTRICT)
    (item,) = items(staff_client)
    r = staff_client.post(
        f"/console/d/{DISTRICT}/items/{item.id}/assign",
        data={"csrf_token": page_csrf(staff_client), "topic": "school_meals"},
    )
    assert r.status_code == 400 and f"already a training example of {block['intent']}" in r.text
    assert items(staff_client)[0].status == "open"


def test_edited_example_is_redacted_again(
    staff_client: TestClient, fake_rasa: FakeRasa, nlu_copy: Path
) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "who do i call about the lunch form", "en-fam-0005", district=DISTRICT)
    (item,) = items(staff_client)
    staff_client.post(
        f"/console/d/{DISTRICT}/items/{item.id}/assign",
        data={
            "csrf_token": page_csrf(staff_client),
            "topic": "school_meals",
            "text": "who do i call about the lunch form, me at 860 555 0199",
        },
    )
    written = (nlu_copy / "en" / "reviewed.yml").read_text(encoding="utf-8")
    assert "lunch form, me at (phone)" in written and "555" not in written


@pytest.mark.parametrize(
    ("action", "status"),
    [("needs_answer", "needs_answer"), ("dismiss", "dismissed"), ("handled", "handled")],
)
def test_status_actions_are_recorded(
    staff_client: TestClient, fake_rasa: FakeRasa, action: str, status: str
) -> None:
    fake_rasa.answer("ask_human")
    ask(staff_client, "can someone call me", "en-fam-0006", district=DISTRICT)
    (item,) = items(staff_client)
    r = staff_client.post(
        f"/console/d/{DISTRICT}/items/{item.id}/status",
        data={"csrf_token": page_csrf(staff_client), "action": action},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert items(staff_client)[0].status == status
    entries = run(staff_client, lambda: container(staff_client).audit.entries(DISTRICT))
    assert any(e.action == action and e.username == "rivera" for e in entries)
    bad = staff_client.post(
        f"/console/d/{DISTRICT}/items/{item.id}/status",
        data={"csrf_token": page_csrf(staff_client), "action": "delete_everything"},
    )
    assert bad.status_code == 400


def test_open_redirects_are_not_possible(staff_client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("ask_human")
    ask(staff_client, "a person please", "en-fam-0007", district=DISTRICT)
    (item,) = items(staff_client)
    r = staff_client.post(
        f"/console/d/{DISTRICT}/items/{item.id}/status",
        data={
            "csrf_token": page_csrf(staff_client),
            "action": "dismiss",
            "back": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert r.headers["location"].startswith(f"/console/d/{DISTRICT}/inbox")
    page = staff_client.get("/console/login?next=https://evil.example/")
    assert 'name="next" value="/console/"' in page.text


# ---------------------------------------------------------------------- feedback, DELETE
def test_thumbs_down_queues_the_last_question_once(
    staff_client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.answer("school_meals", confidence=0.93)
    ask(
        staff_client,
        "is lunch free, email me at ana@example.com",
        "web-fam-0008",
        district=DISTRICT,
    )
    assert items(staff_client) == []
    body = {"conversation_id": "web-fam-0008", "helpful": False}
    assert staff_client.post("/api/v1/feedback", json=body).json() == {"queued": True}
    assert staff_client.post("/api/v1/feedback", json=body).json() == {"queued": False}
    (item,) = items(staff_client)
    assert item.reason == "thumbs_down" and item.topic_guess == "school_meals"
    assert "ana@example.com" not in item.text_redacted and "[email]" in item.text_redacted
    helpful = {"conversation_id": "web-fam-0008", "helpful": True}
    assert staff_client.post("/api/v1/feedback", json=helpful).json() == {"queued": False}
    unknown = {"conversation_id": "never-talked-01", "helpful": False}
    assert staff_client.post("/api/v1/feedback", json=unknown).json() == {"queued": False}
    assert staff_client.post("/api/v1/feedback", json={"helpful": "x"}).status_code == 422


def test_delete_removes_the_familys_items(staff_client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "something odd", "web-fam-0009", district=DISTRICT)
    ask(staff_client, "another family", "web-fam-0010", district=DISTRICT)
    assert len(items(staff_client)) == 2
    ask(staff_client, "BORRAR", "web-fam-0009")
    assert [i.text_redacted for i in items(staff_client)] == ["another family"]


def test_the_widget_delete_button_erases_and_confirms_in_the_language(
    staff_client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "una pregunta rara", "web-fam-0015", language="es", district=DISTRICT)
    ask(staff_client, "another family's question", "web-fam-0016", district=DISTRICT)
    r = staff_client.post("/api/v1/chat/delete", json={"conversation_id": "web-fam-0015"})
    assert r.status_code == 200
    body = r.json()
    assert body["language"] == "es" and body["topic"] == "bot_privacy"
    assert body["messages"][0]["text"] == RENDERER.ui("ui.deleted", "es")
    assert [i.text_redacted for i in items(staff_client)] == ["another family's question"]
    assert staff_client.post("/api/v1/chat/delete", json={}).status_code == 422


# ---------------------------------------------------------------------- retention
def test_retention_purge_with_a_frozen_clock(
    staff_client: TestClient, fake_rasa: FakeRasa, console_settings: Settings
) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "old question", "web-fam-0011", district=DISTRICT)
    c = container(staff_client)
    created = items(staff_client)[0].created_at

    def purge(days_later: float) -> dict[str, int]:
        now = created.replace(tzinfo=c.clock.now().tzinfo) + timedelta(days=days_later)
        return run(  # type: ignore[no-any-return]
            staff_client, lambda: c.eraser.purge_expired(console_settings.retention_days, now)
        )

    assert purge(29.9)["review_items"] == 0 and len(items(staff_client)) == 1
    assert purge(30.1)["review_items"] == 1 and items(staff_client) == []


# ---------------------------------------------------------------------- CSV
@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_csv_cells_are_escaped(value: str | None, escaped: str) -> None:
    assert escape_cell(value) == escaped


def test_csv_export(staff_client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, '=HYPERLINK("http://evil.example","click") call 203 555 0142', "web-fam-0012",
        district=DISTRICT)  # fmt: skip
    r = staff_client.get(f"/console/d/{DISTRICT}/inbox.csv", params={"status": "any"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1
    assert rows[0]["question_redacted"].startswith("'=HYPERLINK")
    assert "555" not in r.text and rows[0]["language"] == "en"
    entries = run(staff_client, lambda: container(staff_client).audit.entries(DISTRICT))
    assert any(e.action == "export_csv" for e in entries)


# ---------------------------------------------------------------------- dashboard
def test_dashboard_draws_charts_from_turns(staff_client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.answer("school_meals")
    ask(staff_client, "lunch?", "web-fam-0013", district=DISTRICT)
    ask(staff_client, "almuerzo gratis?", "web-fam-0014", language="es", district=DISTRICT)
    fake_rasa.answer("out_of_scope", confidence=0.05)
    ask(staff_client, "qué más?", "web-fam-0014", district=DISTRICT)
    page = staff_client.get(f"/console/d/{DISTRICT}/dashboard").text
    assert page.count("<svg") == 4
    assert "3 questions" in page
    assert "school_meals: 2" in page  # the chart's description lists its values
    assert "Spanish: 2" in page or "Español: 2" in page
    assert re.search(r"(Spanish|Español): 50%", page)


# ---------------------------------------------------------------------- translations
def test_translations_page_and_reviewer_sign_off(staff_client: TestClient) -> None:
    page = staff_client.get(f"/console/d/{DISTRICT}/translations").text
    assert "Drafted (needs review)" in page
    es = staff_client.get(f"/console/d/{DISTRICT}/translations", params={"language": "es"}).text
    assert "utter_ssn_not_required" in es and "Mark reviewed" not in es
    token = page_csrf(staff_client, f"/console/d/{DISTRICT}/translations")
    denied = staff_client.post(
        f"/console/d/{DISTRICT}/translations/es/review",
        data={"csrf_token": token, "context": "utter_ssn_not_required"},
    )
    assert denied.status_code == 403

    add_staff(staff_client, "translator-es", translator=("es",))
    login(staff_client, "translator-es")
    url = f"/console/d/{DISTRICT}/translations"
    es = staff_client.get(url, params={"language": "es"}).text
    assert "Mark reviewed" in es
    r = staff_client.post(
        f"{url}/es/review",
        data={"csrf_token": csrf_of(es), "context": "utter_ssn_not_required"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    c = container(staff_client)
    statuses = {m.context: m for m in run(staff_client, lambda: c.translations.messages("es"))}
    signed = statuses["utter_ssn_not_required"]
    assert signed.status == "reviewed" and signed.reviewed_by == "translator-es"
    assert statuses["utter_greeting"].status == "drafted"
    # Only for Spanish: the same person cannot sign off Arabic.
    r = staff_client.post(
        f"{url}/ar/review", data={"csrf_token": csrf_of(es), "context": "utter_greeting"}
    )
    assert r.status_code == 403
