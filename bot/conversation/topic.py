"""Is a message about the course at all? A small model over the question's own vector.

Word lists find the off-topic messages someone thought of (lottery, football, today's fuel
price); on a question set written blind they found about half (informal_test6: 12 of 23). The
embedding the retriever computes anyway places a message among everything SME owners ask about
energy, carbon, finance and the programme, and a logistic regression over it separates those from
everyday errands far better (leave-one-set-out AUC in ``knowledge/topic.json``). Weights,
thresholds and how they were fitted live in that file; ``bench/topic_model.py`` refits them.

    topic = TopicModel.bundled(index.manifest.embedder_id)   # None for another embedder
    p = topic.off_topic(retrieval.vector)                    # 0..1, or None without a vector

The model is only valid for the embedder it was fitted on: another embedder's vectors mean
nothing to it, so :meth:`bundled` gives ``None`` and the word lists decide alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class TopicModel:
    """Logistic regression over a query vector: the probability that a message is off-topic.

    ``threshold``: at or above it, a message naming no course word is off-topic. A message naming
    one, even an everyday one (ไฟ, ประหยัด, ขยะ), is never decided by the model: "รถส่งของเปลี่ยน
    เป็นรถไฟฟ้าคุ้มมั้ย" scored as high as a train timetable.
    """

    embedder_id: str
    bias: float
    weights: tuple[float, ...]
    threshold: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TopicModel:
        """The model as ``bench/topic_model.py`` writes it."""
        return cls(
            embedder_id=str(data["embedder_id"]),
            bias=float(data["bias"]),
            weights=tuple(float(w) for w in data["weights"]),
            threshold=float(data["threshold"]),
        )

    @classmethod
    def bundled(cls, embedder_id: str) -> TopicModel | None:
        """The model shipped with the package (``knowledge/topic.json``) if it fits ``embedder_id``."""
        text = resources.files("knowledge").joinpath("topic.json").read_text(encoding="utf-8")
        model = cls.from_json(json.loads(text))
        return model if model.embedder_id == embedder_id else None

    def off_topic(self, vector: Sequence[float] | None) -> float | None:
        """The probability that the message with this query vector is not about the course."""
        if vector is None or len(vector) != len(self.weights):
            return None
        z = self.bias + math.fsum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
