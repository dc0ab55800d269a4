"""The chat widget in a real browser (Debian's Chromium driven by Playwright), against the
real api and the real Rasa model, embedded on the demo school page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect, sync_playwright

from api.settings import REPO_ROOT
from tests.unit.test_content import RENDERER
from tools.stack import Stack

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:
    context = browser.new_context(base_url=stack.api_url, bypass_csp=False)
    pg = context.new_page()
    pg.dialogs: list[str] = []  # type: ignore[attr-defined, misc]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    context.close()


def open_widget(page: Page) -> FrameLocator:
    page.goto("/demo")
    page.locator("[data-ct-school-assistant] button.launch").click()
    frame = page.frame_locator("[data-ct-school-assistant] iframe")
    expect(frame.locator(".msg.bot").first).to_be_visible(timeout=15_000)  # the greeting
    return frame


def ask(frame: FrameLocator, text: str) -> str:
    before = frame.locator(".msg.bot").count()
    frame.locator("#text").fill(text)
    frame.locator("#text").press("Enter")
    expect(frame.locator(".msg.bot")).not_to_have_count(before, timeout=15_000)
    return frame.locator(".msg.bot").last.inner_text()


def answer_ui(context: str, language: str) -> str:
    return RENDERER.ui(context, language)


def answer(topic: str, language: str) -> str:
    return RENDERER.answer(RENDERER.topics.get(topic), language, None).text


def test_english_then_spanish_with_the_picker(page: Page) -> None:
    frame = open_widget(page)
    reply = ask(frame, "do i have to give a social security number to register my kid")
    assert reply.startswith(answer("ssn_not_required", "en")[:80])
    frame.locator("#lang").select_option("es")
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    reply = ask(frame, "mi hija no tiene seguro social, la pueden inscribir en la escuela?")
    assert reply.startswith(answer("ssn_not_required", "es")[:60])
    expect(frame.locator("#send")).to_have_text(RENDERER.ui("widget.send", "es"))


def test_arabic_turns_the_panel_right_to_left(page: Page) -> None:
    frame = open_widget(page)
    ask(frame, "هل يمكن لابني التسجيل في المدرسة بدون رقم الضمان الاجتماعي؟")
    expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    direction = frame.locator("#text").evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"


def test_conversation_survives_a_reload(page: Page) -> None:
    frame = open_widget(page)
    ask(frame, "what is directory information opt out")
    page.reload()
    page.locator("[data-ct-school-assistant] button.launch").click()
    frame = page.frame_locator("[data-ct-school-assistant] iframe")
    expect(frame.locator(".msg.user").first).to_have_text("what is directory information opt out")
    assert page.evaluate("Object.keys(localStorage).length") == 0  # nothing beyond the tab


def test_keyboard_only(page: Page) -> None:
    page.goto("/demo")
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const h = document.querySelector('[data-ct-school-assistant]');"
            " return !!(h && h.shadowRoot.activeElement); }"
        )
        if focused:
            break
    assert focused, "the launcher is reachable with Tab"
    page.keyboard.press("Enter")
    frame = page.frame_locator("[data-ct-school-assistant] iframe")
    expect(frame.locator(".msg.bot").first).to_be_visible(timeout=15_000)
    expect(frame.locator("#text")).to_be_focused()
    page.keyboard.type("can i get an interpreter for the parent teacher meeting")
    page.keyboard.press("Enter")
    expect(frame.locator(".msg.bot")).to_have_count(2, timeout=15_000)
    page.keyboard.press("Escape")
    expect(page.locator("[data-ct-school-assistant] iframe")).to_be_hidden()
    launcher = page.locator("[data-ct-school-assistant] button.launch")
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_markup_in_a_message_is_only_text(page: Page) -> None:
    frame = open_widget(page)
    hostile = "<img src=x onerror=alert(1)>"
    ask(frame, hostile)
    expect(frame.locator(".msg.user").last).to_have_text(hostile)
    assert frame.locator(".log img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]


def axe_violations(page: Page, frame: FrameLocator) -> list[dict[str, Any]]:
    handle = frame.locator("html")
    handle.evaluate(AXE.read_text())
    result: dict[str, Any] = handle.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_accessibility_has_no_serious_violations(page: Page, language: str) -> None:
    frame = open_widget(page)
    if language == "ar":
        frame.locator("#lang").select_option("ar")
        expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    ask(frame, "ماذا يحدث اذا جاءت الهجرة الى المدرسة" if language == "ar" else "what if ice comes")
    violations = axe_violations(page, frame)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_widget_fits_a_360px_phone(browser: Browser, stack: Stack) -> None:
    context = browser.new_context(base_url=stack.api_url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    frame = open_widget(page)
    box = page.locator("[data-ct-school-assistant] iframe").bounding_box()
    assert box is not None and box["width"] <= 360
    width = frame.locator("html").evaluate("e => e.scrollWidth")
    assert width <= 360  # no sideways scrolling
    context.close()


def test_panel_may_be_framed_only_by_allowed_origins(page: Page, stack: Stack) -> None:
    response = page.request.get(f"{stack.api_url}/widget/panel")
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in csp
    assert "*" not in csp
    assert "x-frame-options" not in response.headers
    assert page.request.get(f"{stack.api_url}/demo").headers["x-frame-options"] == "DENY"


def test_widget_works_at_200_percent_zoom(browser: Browser, stack: Stack) -> None:
    # 200% zoom of a 1280x800 window leaves 640x400 CSS pixels.
    context = browser.new_context(base_url=stack.api_url, viewport={"width": 640, "height": 400})
    page = context.new_page()
    frame = open_widget(page)
    box = page.locator("[data-ct-school-assistant] iframe").bounding_box()
    assert box is not None and box["height"] >= 390  # the panel takes the whole window
    expect(frame.locator("#text")).to_be_in_viewport()
    assert frame.locator("html").evaluate("e => e.scrollWidth") <= 640
    context.close()


def test_delete_button_erases_the_conversation_after_a_second_press(
    page: Page, stack: Stack
) -> None:
    frame = open_widget(page)
    ask(frame, "tengo que dar el numero de seguro social para inscribir a mi hijo?")
    delete = frame.locator("#delete")
    delete.click()
    expect(delete).to_have_text(answer_ui("widget.delete_confirm", "es"))
    expect(frame.locator(".msg.user")).to_have_count(1)  # one press erases nothing
    delete.click()
    expect(frame.locator(".msg.user")).to_have_count(0)
    expect(frame.locator(".msg.bot").last).to_have_text(answer_ui("ui.deleted", "es"))
    stored = page.frame_locator("[data-ct-school-assistant] iframe").locator("body")
    expect(stored).not_to_contain_text("seguro social")
