"""Intent classifier: TF-IDF word and character n-grams + multinomial logistic regression.

Why not Rasa's own ``LogisticRegressionClassifier``: it can only see Rasa's raw count
features and fits them with lbfgs, which took 114 s on 7,100 examples and reached 0.914
held-out accuracy. The same classifier on sublinear TF-IDF features with the saga solver
trains in about 16 s and reached 0.952 (docs/quality.md). Character n-grams inside word
boundaries carry typos, missing accents, code-mixing and Chinese, which has no spaces.
Probabilities are calibrated (multinomial), so Rasa's ``FallbackClassifier`` threshold means
the same thing for every language.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import numpy as np
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

logger = logging.getLogger(__name__)

# skops refuses to load types it does not know; these are the ones this pipeline stores.
TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class TfidfIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "char_ngram_range": [1, 4],
            "min_df": 2,
            "C": 10.0,
            "max_iter": 200,
            "tol": 0.001,
            "ranking_length": 10,
            "random_state": 42,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        pipeline: Optional[Pipeline] = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.pipeline = pipeline

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TfidfIntentClassifier":
        return cls(config, model_storage, resource)

    def _new_pipeline(self) -> Pipeline:
        low, high = self.config["char_ngram_range"]
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(low, high),
                        min_df=self.config["min_df"],
                        sublinear_tf=True,
                    ),
                ),
            ]
        )
        classifier = LogisticRegression(
            solver="saga",
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            tol=self.config["tol"],
            class_weight="balanced",
            random_state=self.config["random_state"],
        )
        return Pipeline([("features", features), ("classifier", classifier)])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)
        ]
        if not examples:
            return self._resource
        self.pipeline = self._new_pipeline()
        self.pipeline.fit([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples])
        with self._model_storage.write_to(self._resource) as model_dir:
            sio.dump(self.pipeline, model_dir / "pipeline.skops")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.pipeline is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        probabilities = self.pipeline.predict_proba(texts)
        classes = self.pipeline.classes_
        for message, row in zip(messages, probabilities):
            order = np.argsort(-row)[: self.config["ranking_length"]]
            ranking = [
                {"name": str(classes[i]), "confidence": float(row[i])} for i in order
            ]
            message.set("intent", ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TfidfIntentClassifier":
        try:
            with model_storage.read_from(resource) as model_dir:
                path = model_dir / "pipeline.skops"
                untrusted = sio.get_untrusted_types(file=path)
                unexpected = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
                if unexpected:
                    raise ValueError(f"refusing to load unexpected types {unexpected}")
                pipeline = sio.load(path, trusted=untrusted)
        except (ValueError, FileNotFoundError) as exc:
            logger.warning("intent classifier not loaded: %s", exc)
            pipeline = None
        return cls(config, model_storage, resource, pipeline)
