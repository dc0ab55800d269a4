"""``make eval``: how well the assistant understands questions it has never seen.

1. Held-out questions (``tests/data/heldout/<lang>.yml``, written apart from the training data)
   go through the web chat API of the real running assistant, exactly as a family's would:
   intent accuracy and macro F1 per language, the reply language for messages of 1-3 and of
   4+ words, and turn latency.
2. Our language choice beside lingua and py3langid on the same first messages.
3. Cross-validation of the production classifier (per intent, per language) and the pipeline
   variants it was chosen over (``tools/compare_nlu.py``, run in the bot's environment).

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


def run_nlu_comparison() -> dict[str, Any]:
    """Cross-validation and pipeline variants, computed in the bot's environment."""
    result = subprocess.run(
        [str(BOT_PYTHON), "-W", "ignore", str(ROOT / "tools" / "compare_nlu.py")],
        cwd=ROOT, env=rasa_env(), check=True, capture_output=True, text=True,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def detector_section() -> list[str]:
    """Our language choice against lingua and py3langid, on the same first messages."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    from lingua import Language as L
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from api.container import _detector, load_content
    from api.language.choice import LanguageChooser, script_of
    from api.settings import Settings

    settings = Settings(environment="test")
    languages, _, renderer = load_content(settings)
    tags = [lang.tag for lang in languages]
    scripts = {t: script_of(renderer.catalogs[t].get("utter_greeting")) for t in tags}
    chooser = LanguageChooser(languages, _detector(settings.nlu_dir, tuple(tags)), scripts)

    langid = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    langid.set_languages(sorted({t.split("-")[0].lower() for t in tags}))
    # Each supported language that lingua knows, by its ISO 639-1 code (Haitian Creole is
    # not among them).
    lingua_langs = {}
    for lang in languages:
        try:
            code = IsoCode639_1.from_str(lang.tag.split("-")[0].lower())
            lingua_langs[lang.tag] = L.from_iso_code_639_1(code)
        except ValueError:
            continue
    lingua = LanguageDetectorBuilder.from_languages(*set(lingua_langs.values())).build()
    from_lingua = {v: k for k, v in lingua_langs.items()}

    def base(tag: str) -> str:
        return {t.split("-")[0].lower(): t for t in tags}.get(tag, tag)

    detectors = {
        "ours (domain naive Bayes + rules)": lambda t: (
            chooser.choose(t, requested=None, current=None).language.tag
        ),
        "py3langid (restricted)": lambda t: base(str(langid.classify(t)[0])),
        "lingua (restricted to those it knows)": lambda t: from_lingua.get(
            lingua.detect_language_of(t), "en"
        ),
    }
    examples = [e for e in load_heldout() if e["topic"] != "change_language"]
    short = [e for e in examples if word_count(e["text"]) <= 3]
    long = [e for e in examples if word_count(e["text"]) > 3]
    lines = [
        "## Choosing the reply language: ours beside two detectors",
        "",
        f"The held-out questions as first messages (no conversation, no browser language), "
        f"{len(short)} of 1-3 words and {len(long)} of 4+ words; requests for another language "
        "are left out. Each detector is restricted to the supported languages.",
        "",
        "| detector | 1-3 words | 4+ words |",
        "|---|---:|---:|",
    ]
    for name, detect in detectors.items():
        ok_short = sum(detect(e["text"]) == e["language"] for e in short) / len(short)
        ok_long = sum(detect(e["text"]) == e["language"] for e in long) / len(long)
        lines.append(f"| {name} | {ok_short:.1%} | {ok_long:.2%} |")
    return lines


def nlu_sections(report: dict[str, Any]) -> list[list[str]]:
    cv = report["cv"]
    cv_lines = [
        "## Cross-validation (5 folds, stratified, the production classifier)",
        "",
        f"{report['training_examples']} training examples. Accuracy {cv['accuracy']:.3f}, "
        f"macro F1 {cv['macro_f1']:.3f} ({cv['seconds']:.0f} s).",
        "",
        "| language | accuracy | macro F1 |",
        "|---|---:|---:|",
        *[
            f"| {lang} | {row['accuracy']:.3f} | {row['macro_f1']:.3f} |"
            for lang, row in cv["by_language"].items()
        ],
        "",
        "| intent | precision | recall | F1 | examples |",
        "|---|---:|---:|---:|---:|",
        *[
            f"| {intent} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | "
            f"{row['support']} |"
            for intent, row in cv["per_intent"].items()
        ],
    ]
    variants = report["variants"]
    langs = list(next(iter(variants.values()))["by_language"])
    variant_lines = [
        "## Pipelines compared on the held-out questions",
        "",
        f"Trained on all training data, scored on the {report['heldout_examples']} held-out "
        "questions (macro F1 per language; the fit time excludes Rasa's own start-up).",
        "",
        "| pipeline | fit (s) | accuracy | " + " | ".join(langs) + " |",
        "|---|---:|---:|" + "---:|" * len(langs),
        *[
            f"| {name} | {row['train_seconds']:.1f} | {row['accuracy']:.3f} | "
            + " | ".join(f"{row['by_language'][lang]['macro_f1']:.3f}" for lang in langs)
            + " |"
            for name, row in variants.items()
        ],
    ]
    return [variant_lines, cv_lines]


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
        # A request for another language is rightly answered in that language.
        asked = [r for r in rs if r.expected != "change_language"]
        short = [r for r in asked if word_count(r.text) <= 3]
        long = [r for r in asked if word_count(r.text) > 3]
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
    wrong_language = [r for r in results if r.expected != "change_language"
                      and r.reply_language != r.language]  # fmt: skip
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
    lines += ["", "Replies in another language than the question's:", ""]
    lines += [f"- {r.language} -> {r.reply_language}: `{r.text}`" for r in wrong_language]
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
    parser.add_argument("--no-cv", action="store_true", help="skip the NLU comparison and CV")
    args = parser.parse_args()
    ensure()
    sections = [heldout_section(run_heldout()), detector_section()]
    if not args.no_cv:
        sections += nlu_sections(run_nlu_comparison())
    write_report(sections)
    print("\n".join(line for section in sections for line in section[:20]))
    print(f"\nwritten to {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
