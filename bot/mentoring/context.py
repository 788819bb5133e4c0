"""The context a mentor sees with a question: the recent turns, the passages found, the assistant's attempt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from bot.types import Answer, Turn
from knowledge.passages import Passage


def escalation_context(turns: Sequence[Turn], passages: Sequence[Passage], attempt: Answer | None) -> dict[str, Any]:
    """The context stored with an escalation request, as JSON-ready data.

    ``turns``: the recent conversation, oldest first; ``passages``: what retrieval found;
    ``attempt``: the answer the assistant would have given, if it made one.
    """
    return {
        "turns": [{"role": turn.role, "text": turn.text} for turn in turns],
        "passages": [
            {
                "source": p.chunk.source,
                "title": p.chunk.title,
                "heading": " > ".join(p.chunk.heading_path),
                "page": p.chunk.page,
                "text": p.chunk.text,
                "score": p.score,
            }
            for p in passages
        ],
        "attempt": None
        if attempt is None
        else {
            "text": attempt.text,
            "confidence": attempt.confidence,
            "supported": attempt.supported,
            "mode": attempt.mode,
            "citations": [asdict(citation) for citation in attempt.citations],
        },
    }
