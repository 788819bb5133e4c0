"""One calibrated number per result list: the probability that the top passage is relevant.

Features are computed from the scores retrieval already has; the weights of a logistic
model over them are fitted by ``bench/calibrate_confidence.py`` on labelled queries
(public Thai QA sets, where the top passage is right or wrong, plus questions from another
corpus that have no right passage at all) and stored in ``confidence.json`` next to this
module together with how they were fitted.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources

FEATURES = ("dense_top", "idf_coverage", "unknown_share", "fused_margin", "agreement")


@dataclass(frozen=True)
class ConfidenceModel:
    """``sigmoid(bias + sum(weight * feature))``."""

    bias: float
    weights: dict[str, float]

    def __call__(self, features: dict[str, float]) -> float:
        """Probability in [0, 1]; missing features count as 0."""
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def bundled(cls) -> ConfidenceModel:
        """The fitted weights shipped with the package."""
        data = json.loads(resources.files("knowledge").joinpath("confidence.json").read_text(encoding="utf-8"))
        return cls(bias=float(data["bias"]), weights={k: float(v) for k, v in data["weights"].items()})
