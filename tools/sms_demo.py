"""Chat with the assistant as if by SMS, through the real webhook with a valid signature.

    make run          # in one terminal
    make sms-demo     # in another: type messages; each reply shows its segments

It signs each message the way Twilio does, with the api's token (ASSISTANT_TWILIO_AUTH_TOKEN,
the development placeholder by default) for the URL the api checks
(ASSISTANT_PUBLIC_BASE_URL, http://127.0.0.1:8000 by default).
"""

from __future__ import annotations

import os
import sys
import uuid
import xml.etree.ElementTree as ET

import httpx
from twilio.request_validator import RequestValidator

from api.settings import PLACEHOLDER_SECRET
from api.sms.segments import count

FAKE_NUMBER = "+12035550100"  # a 555-01xx number, reserved for fiction


def main() -> int:
    base = os.environ.get("ASSISTANT_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    token = os.environ.get("ASSISTANT_TWILIO_AUTH_TOKEN", PLACEHOLDER_SECRET)
    sender = os.environ.get("SMS_DEMO_FROM", FAKE_NUMBER)
    validator = RequestValidator(token)
    print(f"Texting {base}/sms as {sender}. Try STOP, HELP, DELETE, or a number to pick an "
          "option. Ctrl-D ends.")  # fmt: skip
    with httpx.Client(base_url=base, timeout=20) as client:
        for line in sys.stdin if not sys.stdin.isatty() else iter(lambda: input("> "), None):
            body = line.strip()
            fields = {"From": sender, "To": "+18605550100", "Body": body,
                      "MessageSid": f"SM{uuid.uuid4().hex}", "NumMedia": "0"}  # fmt: skip
            signature = validator.compute_signature(f"{base}/sms", fields)
            try:
                r = client.post("/sms", data=fields, headers={"X-Twilio-Signature": signature})
            except httpx.HTTPError as exc:
                print(f"  (could not reach the assistant: {exc}; is `make run` running?)")
                continue
            if r.status_code != 200:
                print(f"  (HTTP {r.status_code}: {r.text})")
                continue
            messages = [m.text or "" for m in ET.fromstring(r.text).findall("Message")]
            if not messages:
                print("  (no reply)")
            for text in messages:
                c = count(text)
                print(f"\n{text}\n  [{c.segments} segment(s), {c.encoding}, {c.units} units]\n")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except (EOFError, KeyboardInterrupt):
        print()
