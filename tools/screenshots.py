"""Screenshots of the chat widget on the demo page, for docs/ (``make screenshots``).

English, Spanish and Arabic; desktop (1280x800) and a 360 px phone. Uses the same real
assistant and Debian's Chromium as the browser tests.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tools.model import ROOT
from tools.stack import running

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
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
