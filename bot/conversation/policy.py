"""Answer, ask to clarify, or offer a mentor: the decision after retrieval."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.types import Answer
from knowledge.passages import RetrievalResult


class Decision(Enum):
    """What the assistant does with a question."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    ESCALATE = "escalate"


@dataclass(frozen=True)
class AnswerPolicy:
    """Thresholds, fitted on the SME question set by ``bench/answers.py``.

    ``answer_threshold`` applies to the retriever's calibrated confidence; an answerer that
    finds no support in the passages (extractive: too little of the question covered; LLM:
    "not in the material" or no valid citation) escalates whatever the confidence.
    """

    answer_threshold: float = 0.5
    min_content_words: int = 1

    def decide(self, content_words: int, result: RetrievalResult, answer: Answer | None) -> Decision:
        """The decision for one question; ``answer`` is ``None`` before the answerer has run."""
        if content_words < self.min_content_words:
            return Decision.CLARIFY
        if not result.passages or result.confidence < self.answer_threshold:
            return Decision.ESCALATE
        if answer is not None and not answer.supported:
            return Decision.ESCALATE
        return Decision.ANSWER
