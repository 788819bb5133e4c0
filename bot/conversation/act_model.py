"""What kind of message is it? Small models over the question's own vector, beside the word rules.

Word lists find the messages someone thought of (lottery, football, "ลืมคำสั่ง"); on question
sets written blind they found about half of the off-topic messages (informal_test6: 12 of 23)
and of the attempts to break the rules (informal_test7: 8 of 15). The vector the retriever
computes anyway places a message among everything people have sent, and one logistic regression
per kind of message ("head") separates them far better: off-topic errands, chit-chat (thanks,
greetings, acknowledgements that name a course word, talk about the bot) and injections (reveal
the prompt, fake a certificate, other users' data). Weights, thresholds and how they were fitted
live in ``knowledge/acts.json``; ``bench/act_model.py`` refits them and reports each head left out
one question set at a time.

    model = ActModel.bundled(index.manifest.embedder_id)     # None for another embedder
    model.says(Head.INJECTION, retrieval.vector)             # True at or above its threshold

The model is only valid for the embedder it was fitted on: another embedder's vectors mean
nothing to it, so :meth:`ActModel.bundled` gives ``None`` and the word rules decide alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from typing import Any


class Head(Enum):
    """The kinds of message the model tells apart from course questions (``acts.json``'s keys)."""

    OFF_TOPIC = "off_topic"
    CHITCHAT = "chitchat"
    INJECTION = "injection"


@dataclass(frozen=True)
class LogisticHead:
    """One logistic regression over a query vector and the probability at which it decides."""

    bias: float
    weights: tuple[float, ...]
    threshold: float

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LogisticHead:
        """The head as ``bench/act_model.py`` writes it."""
        return cls(float(data["bias"]), tuple(float(w) for w in data["weights"]), float(data["threshold"]))

    def probability(self, vector: Sequence[float]) -> float:
        """The probability that the message with this vector is of this head's kind."""
        z = self.bias + math.fsum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@dataclass(frozen=True)
class ActModel:
    """The heads fitted on one embedder's query vectors (see the module docstring)."""

    embedder_id: str
    heads: Mapping[Head, LogisticHead]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ActModel:
        """The model as ``bench/act_model.py`` writes it."""
        heads = {Head(name): LogisticHead.from_json(head) for name, head in data["heads"].items()}
        return cls(str(data["embedder_id"]), heads)

    @classmethod
    def bundled(cls, embedder_id: str) -> ActModel | None:
        """The model shipped with the package (``knowledge/acts.json``) if it fits ``embedder_id``."""
        text = resources.files("knowledge").joinpath("acts.json").read_text(encoding="utf-8")
        model = cls.from_json(json.loads(text))
        return model if model.embedder_id == embedder_id else None

    def probability(self, head: Head, vector: Sequence[float] | None) -> float | None:
        """The head's probability for this vector; ``None`` without a vector, one of another
        length, or a head this model does not have."""
        fitted = self.heads.get(head)
        if fitted is None or vector is None or len(vector) != len(fitted.weights):
            return None
        return fitted.probability(vector)

    def says(self, head: Head, vector: Sequence[float] | None) -> bool:
        """Whether the head decides for this vector (its probability at or above its threshold)."""
        p = self.probability(head, vector)
        return p is not None and p >= self.heads[head].threshold
