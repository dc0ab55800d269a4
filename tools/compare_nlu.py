"""NLU measurements that run inside the bot's environment (``.venv-bot``).

Prints one JSON document for ``tools.evaluate``:
- ``cv``: stratified 5-fold cross-validation of the production classifier
  (``bot.components.tfidf_intent_classifier``) over all training data, per intent and per
  language;
- ``variants``: alternatives trained on all training data and scored on the held-out
  questions: one shared model vs one model per language, word vs character features, and
  jieba word segmentation for Chinese.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.components.tfidf_intent_classifier import TfidfIntentClassifier  # noqa: E402


def production_pipeline() -> Pipeline:
    component = TfidfIntentClassifier({}, None, None)  # type: ignore[arg-type]
    return component._new_pipeline()


def load_training() -> tuple[list[str], list[str], list[str]]:
    texts, intents, languages = [], [], []
    for lang_dir in sorted((ROOT / "data" / "nlu").iterdir()):
        for path in sorted(lang_dir.glob("*.yml")):
            for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
                for line in block["examples"].splitlines():
                    text = line.strip().removeprefix("- ").strip()
                    if text:
                        texts.append(text)
                        intents.append(block["intent"])
                        languages.append(lang_dir.name)
    return texts, intents, languages


def load_heldout() -> tuple[list[str], list[str], list[str]]:
    texts, intents, languages = [], [], []
    for path in sorted((ROOT / "tests" / "data" / "heldout").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data["examples"]:
            texts.append(e["text"])
            intents.append(e["topic"])
            languages.append(data["language"])
    return texts, intents, languages


def scores(expected: list[str], predicted: list[str], languages: list[str]) -> dict[str, Any]:
    by_lang: dict[str, Any] = {}
    for lang in sorted(set(languages)):
        idx = [i for i, code in enumerate(languages) if code == lang]
        e = [expected[i] for i in idx]
        p = [predicted[i] for i in idx]
        by_lang[lang] = {
            "accuracy": float(np.mean(np.array(e) == np.array(p))),
            "macro_f1": float(f1_score(e, p, average="macro", zero_division=0)),
        }
    return {
        "accuracy": float(np.mean(np.array(expected) == np.array(predicted))),
        "macro_f1": float(f1_score(expected, predicted, average="macro", zero_division=0)),
        "by_language": by_lang,
    }


def cross_validation(texts: list[str], intents: list[str], languages: list[str]) -> dict[str, Any]:
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    started = time.monotonic()
    predicted = list(cross_val_predict(production_pipeline(), texts, intents, cv=folds))
    seconds = time.monotonic() - started
    labels = sorted(set(intents))
    precision, recall, f1, support = precision_recall_fscore_support(
        intents, predicted, labels=labels, zero_division=0
    )
    per_intent = {
        label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    return {"seconds": seconds, **scores(intents, predicted, languages), "per_intent": per_intent}


def jieba_words(text: str) -> list[str]:
    import jieba

    return [w for w in jieba.lcut(text.lower()) if w.strip()]


def with_words(tokenizer: Callable[[str], list[str]] | None, chars: bool) -> Pipeline:
    pipeline = production_pipeline()
    parts = []
    if tokenizer is not None:
        parts.append(
            (
                "words",
                TfidfVectorizer(
                    sublinear_tf=True, tokenizer=tokenizer, token_pattern=None, lowercase=False
                ),
            )
        )
    else:
        parts.append(("words", TfidfVectorizer(sublinear_tf=True)))
    if chars:
        parts.append(
            ("chars", clone(dict(pipeline.named_steps["features"].transformer_list)["chars"]))
        )
    return Pipeline(
        [("features", FeatureUnion(parts)), ("classifier", pipeline.named_steps["classifier"])]
    )


def chars_only() -> Pipeline:
    pipeline = production_pipeline()
    chars = dict(pipeline.named_steps["features"].transformer_list)["chars"]
    return Pipeline([("features", chars), ("classifier", pipeline.named_steps["classifier"])])


def variants(
    train: tuple[list[str], list[str], list[str]], test: tuple[list[str], list[str], list[str]]
) -> dict[str, Any]:
    x, y, train_langs = train
    tx, ty, test_langs = test
    results: dict[str, Any] = {}

    def shared(name: str, make: Callable[[], Pipeline]) -> None:
        started = time.monotonic()
        model = make().fit(x, y)
        seconds = time.monotonic() - started
        results[name] = {
            "train_seconds": seconds,
            **scores(ty, list(model.predict(tx)), test_langs),
        }

    shared("shared: words + char 1-4 (production)", production_pipeline)
    shared("shared: char 1-4 only", chars_only)
    shared("shared: words only (whitespace)", lambda: with_words(None, chars=False))
    try:
        import jieba

        jieba.setLogLevel(60)
        shared("shared: jieba words + char 1-4", lambda: with_words(jieba_words, chars=True))
        shared("shared: jieba words only", lambda: with_words(jieba_words, chars=False))
    except ImportError:
        pass

    started = time.monotonic()
    predicted = [""] * len(tx)
    for lang in sorted(set(train_langs)):
        idx = [i for i, code in enumerate(train_langs) if code == lang]
        model = production_pipeline().fit([x[i] for i in idx], [y[i] for i in idx])
        test_idx = [i for i, code in enumerate(test_langs) if code == lang]
        for i, p in zip(test_idx, model.predict([tx[i] for i in test_idx]), strict=True):
            predicted[i] = p
    results["one model per language (told the right language)"] = {
        "train_seconds": time.monotonic() - started,
        **scores(ty, predicted, test_langs),
    }
    return results


def main() -> int:
    train = load_training()
    test = load_heldout()
    report = {
        "training_examples": len(train[0]),
        "heldout_examples": len(test[0]),
        "cv": cross_validation(*train),
        "variants": variants(train, test),
    }
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
