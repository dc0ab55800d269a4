"""Screenshots of the chat widget on the demo page, and of the staff review console, for
docs/ (``make screenshots``).

Widget: English, Spanish and Arabic; desktop (1280x800) and a 360 px phone. Console: the
grouped inbox and the dashboard, after a few questions in several languages. Uses the same
real assistant and Debian's Chromium as the browser tests.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import expect, sync_playwright

from tools.model import ROOT
from tools.stack import API_PYTHON, running

QUESTIONS = {
    "en": "what happens if immigration agents come to my kids school",
    "es": "que pasa si la migra llega a la escuela de mi hijo",
    "ar": "ماذا يحدث اذا جاءت الهجرة الى مدرسة ابني؟",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> int:
    out = ROOT / "docs"
    with (
        tempfile.TemporaryDirectory() as tmp,
        running(Path(tmp)) as stack,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for language, question in QUESTIONS.items():
            for name, viewport in VIEWPORTS.items():
                context = browser.new_context(base_url=stack.api_url, viewport=viewport)
                page = context.new_page()
                page.goto("/demo")
                page.locator("[data-ct-school-assistant] button.launch").click()
                frame = page.frame_locator("[data-ct-school-assistant] iframe")
                expect(frame.locator(".msg.bot").first).to_be_visible(timeout=15_000)
                if language != "en":
                    frame.locator("#lang").select_option(language)
                    expect(frame.locator("html")).to_have_attribute("lang", language)
                count = frame.locator(".msg.bot").count()
                frame.locator("#text").fill(question)
                frame.locator("#text").press("Enter")
                expect(frame.locator(".msg.bot")).not_to_have_count(count, timeout=15_000)
                page.wait_for_timeout(300)
                path = out / f"widget-{language}-{name}.png"
                page.screenshot(path=str(path))
                print(path.relative_to(ROOT))
                context.close()
        console(browser, stack.api_url, Path(tmp))
        browser.close()
    return 0


# Questions the console should show: some the model cannot place, and a request for a person.
CONSOLE_QUESTIONS = [
    ("en", "i want to talk to a real person about my daughter's school"),
    ("es", "quiero hablar con alguien de la escuela por favor"),
    ("en", "do i need a social security number, they keep asking"),
    ("es", "me piden el numero de seguro social, es obligatorio?"),
    ("ht", "mwen bezwen pale ak yon moun lekol la"),
    ("ar", "أريد التحدث مع شخص من المدرسة"),
    ("zh-Hans", "我想和学校的人谈谈"),
]


def console(browser: Any, api_url: str, var_dir: Path) -> None:
    for i, (language, text) in enumerate(CONSOLE_QUESTIONS):
        httpx.post(
            f"{api_url}/api/v1/chat",
            json={"conversation_id": f"shot-{i:04d}-x", "text": text, "language": language},
            timeout=30,
        )
        httpx.post(
            f"{api_url}/api/v1/feedback",
            json={"conversation_id": f"shot-{i:04d}-x", "helpful": False},
            timeout=30,
        )
    env = {
        **os.environ,
        "ASSISTANT_DATABASE_URL": f"sqlite+aiosqlite:///{var_dir / 'assistant.db'}",
        "ASSISTANT_STAFF_PASSWORD": "screenshot password",
    }
    cmd = [str(API_PYTHON), "-m", "api.cli", "staff", "add", "demo", "--role", "admin",
           "--district", "statewide"]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, capture_output=True)
    context = browser.new_context(base_url=api_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/console/login")
    page.get_by_label("Name").fill("demo")
    page.get_by_label("Password").fill("screenshot password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    for name, path in (("inbox", "/console/d/statewide/inbox"),
                       ("dashboard", "/console/d/statewide/dashboard")):  # fmt: skip
        page.goto(path)
        target = ROOT / "docs" / f"console-{name}.png"
        page.screenshot(path=str(target), full_page=name == "dashboard")
        print(target.relative_to(ROOT))
    context.close()


if __name__ == "__main__":
    raise SystemExit(main())
