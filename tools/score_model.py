"""Score trained Rasa models on the held-out questions and on the staff-reviewed examples.
Runs inside the bot's environment (``.venv-bot``); ``tools.retrain`` calls it.

    .venv-bot/bin/python tools/score_model.py MODEL [MODEL ...] --data data
prints one JSON document: per model, held-out macro F1 (overall and per language) and how
many reviewed examples (``data/nlu/<lang>/reviewed.yml``) the model gets right.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from compare_nlu import load_heldout, scores  # noqa: E402

FALLBACK = "nlu_fallback"


def reviewed_examples(data: Path) -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(data.glob("nlu/*/reviewed.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    found.append((text, block["intent"], path.parent.name))
    return found


async def score(model: Path, data: Path) -> dict[str, Any]:
    from rasa.core.agent import Agent

    started = time.monotonic()
    agent = Agent.load(str(model))
    loaded = time.monotonic() - started

    async def predict(texts: list[str]) -> list[str]:
        out = []
        for text in texts:
            name = (await agent.parse_message(text))["intent"]["name"]
            out.append("out_of_scope" if name == FALLBACK else name)
        return out

    texts, intents, languages = load_heldout()
    heldout = scores(intents, await predict(texts), languages)
    reviewed = reviewed_examples(data)
    predicted = await predict([t for t, _, _ in reviewed])
    right = sum(p == intent for p, (_, intent, _) in zip(predicted, reviewed, strict=True))
    return {
        "model": str(model),
        "load_seconds": round(loaded, 1),
        "heldout": heldout,
        "reviewed": {"count": len(reviewed), "correct": right},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    results = [
        {**asyncio.run(score(m, args.data)), "size_mb": round(m.stat().st_size / 1e6, 1)}
        for m in args.models
    ]
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
