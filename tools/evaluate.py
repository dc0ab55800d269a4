"""``make eval``: how well the assistant understands questions it has never seen.

1. Held-out questions (``tests/data/heldout/<lang>.yml``, written apart from the training data)
   go through the web chat API of the real running assistant, exactly as a family's would:
   intent accuracy and macro F1 per language, the reply language for messages of 1-3 and of
   4+ words, and turn latency.
2. Rasa's own 5-fold cross-validation over the training data: per-intent precision, recall, F1.

The figures go to ``docs/quality.md``; nothing here is a test assertion.

    python -m tools.evaluate            # both
    python -m tools.evaluate --no-cv    # held-out only (about a minute)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

from tools.model import BOT_PYTHON, ROOT, ensure, rasa_env
from tools.stack import running

HELDOUT = ROOT / "tests" / "data" / "heldout"
REPORT = ROOT / "docs" / "quality.md"
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Result:
    language: str
    text: str
    expected: str
    predicted: str
    reply_language: str
    seconds: float


def word_count(text: str) -> int:
    """Words, counting about two Chinese characters as a word (Chinese has no spaces)."""
    han = len(_HAN.findall(text))
    others = len(_HAN.sub(" ", text).split())
    return others + (han + 1) // 2


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {expected for expected, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for e, p in pairs if e == label and p == label)
        fp = sum(1 for e, p in pairs if e != label and p == label)
        fn = sum(1 for e, p in pairs if e == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def load_heldout() -> list[dict[str, str]]:
    examples = []
    for path in sorted(HELDOUT.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data["examples"]:
            examples.append({"language": data["language"], "text": e["text"], "topic": e["topic"]})
    return examples


def ask(client: httpx.Client, example: dict[str, str]) -> Result:
    started = time.perf_counter()
    r = client.post(
        "/api/v1/chat",
        json={"conversation_id": f"eval-{uuid.uuid4().hex[:16]}", "text": example["text"]},
    )
    seconds = time.perf_counter() - started
    r.raise_for_status()
    body = r.json()
    return Result(
        example["language"], example["text"], example["topic"], body["topic"],
        body["language"], seconds,
    )  # fmt: skip


def run_heldout() -> list[Result]:
    examples = load_heldout()
    with (
        tempfile.TemporaryDirectory() as tmp,
        running(Path(tmp)) as stack,
        httpx.Client(base_url=stack.api_url, timeout=30) as client,
        ThreadPoolExecutor(max_workers=4) as pool,
    ):
        return list(pool.map(lambda e: ask(client, e), examples))


def run_cross_validation(folds: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                str(BOT_PYTHON), "-m", "rasa", "test", "nlu", "--nlu", str(ROOT / "data" / "nlu"),
                "--config", "config.yml", "--cross-validation", "--folds", str(folds),
                "--out", out,
            ],
            cwd=ROOT / "bot", env=rasa_env(), check=True, capture_output=True,
        )  # fmt: skip
        report: dict[str, Any] = json.loads((Path(out) / "intent_report.json").read_text())
        return report


def heldout_section(results: list[Result]) -> list[str]:
    by_lang: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_lang[r.language].append(r)
    lines = [
        "## Held-out questions through the chat API",
        "",
        f"{len(results)} questions written apart from the training data "
        "(`tests/data/heldout/`), each sent as the first message of a new conversation, with "
        "no `language` field, to `POST /api/v1/chat` of the running assistant.",
        "",
        "| language | questions | intent accuracy | macro F1 | reply language, 1-3 words | "
        "reply language, 4+ words |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for lang, rs in sorted(by_lang.items()):
        short = [r for r in rs if word_count(r.text) <= 3]
        long = [r for r in rs if word_count(r.text) > 3]
        accuracy = sum(r.expected == r.predicted for r in rs) / len(rs)
        f1 = macro_f1([(r.expected, r.predicted) for r in rs])

        def lang_ok(group: list[Result]) -> str:
            if not group:
                return "-"
            ok = sum(r.reply_language == r.language for r in group)
            return f"{ok / len(group):.1%} ({ok}/{len(group)})"

        lines.append(
            f"| {lang} | {len(rs)} | {accuracy:.1%} | {f1:.3f} | {lang_ok(short)} | "
            f"{lang_ok(long)} |"
        )
    latencies = sorted(r.seconds * 1000 for r in results)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    lines += [
        "",
        f"Turn latency through the api (4 concurrent clients): p50 "
        f"{statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms.",
        "",
        "Most frequent confusions (expected -> answered):",
        "",
    ]
    confusions = Counter((r.expected, r.predicted) for r in results if r.expected != r.predicted)
    for (expected, predicted), n in confusions.most_common(12):
        lines.append(f"- {expected} -> {predicted}: {n}")
    return lines


def cv_section(report: dict[str, Any], folds: int) -> list[str]:
    lines = [
        f"## Cross-validation ({folds} folds, `rasa test nlu --cross-validation`)",
        "",
        f"Accuracy {report['accuracy']:.3f}, macro F1 {report['macro avg']['f1-score']:.3f}, "
        f"weighted F1 {report['weighted avg']['f1-score']:.3f}.",
        "",
        "| intent | precision | recall | F1 | examples |",
        "|---|---:|---:|---:|---:|",
    ]
    for intent, row in sorted(report.items()):
        if not isinstance(row, dict) or "support" not in row or intent.endswith(" avg"):
            continue
        lines.append(
            f"| {intent} | {row['precision']:.3f} | {row['recall']:.3f} | "
            f"{row['f1-score']:.3f} | {row['support']} |"
        )
    return lines


def write_report(sections: list[list[str]]) -> None:
    head = REPORT.read_text(encoding="utf-8").split("<!-- eval -->")[0] if REPORT.exists() else ""
    if not head:
        head = "# Quality\n\n"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [f"<!-- eval -->\n_Written by `make eval` on {stamp}, model `{ensure().name}`._", ""]
    for section in sections:
        body += [*section, ""]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(head + "\n".join(body), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    ensure()
    sections = [heldout_section(run_heldout())]
    if not args.no_cv:
        sections.append(cv_section(run_cross_validation(args.folds), args.folds))
    write_report(sections)
    print("\n".join(line for section in sections for line in section[:20]))
    print(f"\nwritten to {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
