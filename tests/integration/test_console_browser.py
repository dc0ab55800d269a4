"""The review console in a real browser (Debian's Chromium driven by Playwright) against the
real api and model: log in, filter the inbox to Spanish, assign a topic, log out."""

from __future__ import annotations

import random
import re
import string
import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.integration.conftest import STAFF_PASSWORD, add_staff
from tests.integration.test_widget_browser import browser  # noqa: F401 - the shared fixture
from tools.stack import Stack


def marker() -> str:
    return "".join(random.choices(string.ascii_lowercase, k=8))


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(base_url=stack.api_url)
    yield context.new_page()
    context.close()


def queue(stack: Stack, text: str, language: str) -> None:
    r = httpx.post(
        f"{stack.api_url}/api/v1/chat",
        json={"conversation_id": f"cb-{uuid.uuid4().hex[:16]}", "text": text, "language": language},
        timeout=30,
    )
    assert r.status_code == 200 and r.json()["handoff"] is True, r.text


def test_log_in_filter_to_spanish_assign_a_topic_log_out(page: Page, stack: Stack) -> None:
    word = marker()
    spanish = f"quiero hablar con una persona de la escuela {word}"
    english = f"i want to talk to a real person at the school {word}"
    queue(stack, spanish, "es")
    queue(stack, english, "en")
    add_staff(stack, "browser-reviewer", "--district", "statewide")

    page.goto("/console/d/statewide/inbox")
    expect(page).to_have_url(re.compile(r"/console/login\?next="))
    page.get_by_label("Name").fill("browser-reviewer")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()

    filters = page.get_by_role("form", name="Filter the inbox")
    filters.get_by_label("Language").select_option("es")
    filters.get_by_label("View").select_option("list")
    filters.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"language=es"))
    card = page.locator("article.item", has_text=spanish)
    expect(card).to_have_count(1)
    expect(page.locator("article.item", has_text=english)).to_have_count(0)

    card.get_by_label("Right topic").select_option("ask_human")
    card.get_by_role("button", name="Assign topic").click()
    # Open questions only by default: the assigned one has left the list.
    expect(page.locator("article.item", has_text=spanish)).to_have_count(0)
    page.goto("/console/d/statewide/inbox?language=es&status=assigned&view=list")
    done = page.locator("article.item", has_text=spanish)
    expect(done).to_contain_text("assigned by browser-reviewer")
    expect(done).to_contain_text("ask_human")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    page.goto("/console/d/statewide/inbox")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
