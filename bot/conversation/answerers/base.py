"""The answerer contract shared by the offline extractive answerer and the LLM answerer."""

from __future__ import annotations

from typing import Protocol

from bot.types import Answer, Citation, Turn
from knowledge.passages import Passage


class Answerer(Protocol):
    """Answers ``question`` from ``passages`` only; ``history`` gives the recent turns."""

    mode: str

    def answer(self, question: str, passages: list[Passage], history: list[Turn]) -> Answer:
        """An answer whose every claim comes from the passages, with citations."""
        ...


def citation_for(passage: Passage) -> Citation:
    """The citation of a retrieved passage."""
    chunk = passage.chunk
    return Citation(
        source=chunk.source,
        title=chunk.title,
        page=chunk.page,
        slide=chunk.slide,
        module=chunk.module,
        week=chunk.week,
        heading=" > ".join(chunk.heading_path),
        kind=chunk.kind,
    )
