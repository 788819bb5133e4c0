"""What a mentor sees with a question: the recent turns, the passages found, the assistant's attempt, follow-ups.

:class:`TicketContext` is made once, where the engine hands a question over, and travels typed
through the ticket service, the group posts, the console and the relay. It is stored as JSON in
``tickets.context`` (:meth:`TicketContext.to_json`) and read back with
:meth:`TicketContext.from_json`, which also reads rows written by older versions (missing keys,
follow-ups stored as bare strings) instead of failing on them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from bot.types import Answer, Citation, Turn
from knowledge.passages import Passage


@dataclass(frozen=True)
class FoundPassage:
    """A passage retrieval found for the question, as the mentor reads it."""

    source: str
    title: str
    heading: str = ""
    """The heading path, joined with `` > ``."""
    page: int | None = None
    text: str = ""
    score: float = 0.0

    @classmethod
    def of(cls, passage: Passage) -> FoundPassage:
        """The mentor's view of a retrieved passage."""
        chunk = passage.chunk
        heading = " > ".join(chunk.heading_path)
        return cls(chunk.source, chunk.title, heading, chunk.page, chunk.text, passage.score)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FoundPassage:
        """Read one stored passage."""
        return cls(
            source=_text(data.get("source")),
            title=_text(data.get("title")),
            heading=_text(data.get("heading")),
            page=_int(data.get("page")),
            text=_text(data.get("text")),
            score=_float(data.get("score")) or 0.0,
        )


@dataclass(frozen=True)
class TicketAttempt:
    """What the SME received from the assistant for the question, so the mentor need not start from nothing.

    The engine records it from the stored reply: its text as sent, the coverage tier
    (``answered``, ``partial``, ``not_covered``), the sources shown and the retrieval confidence.
    ``confidence``, ``supported``, ``mode`` and ``coverage`` are ``None`` when not known (tickets
    written by older versions kept only the text); no attempt at all means the SME got no answer
    from the assistant to this question.
    """

    text: str
    confidence: float | None = None
    supported: bool | None = None
    mode: str | None = None
    citations: tuple[Citation, ...] = ()
    coverage: str | None = None
    """The tier the SME's reply was sent in, when known."""

    @classmethod
    def of(cls, answer: Answer) -> TicketAttempt:
        """The attempt of an answerer's answer."""
        return cls(answer.text, answer.confidence, answer.supported, answer.mode, tuple(answer.citations))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready fields (citations as their dataclass fields)."""
        return {
            "text": self.text,
            "confidence": self.confidence,
            "supported": self.supported,
            "mode": self.mode,
            "citations": [asdict(citation) for citation in self.citations],
            "coverage": self.coverage,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TicketAttempt:
        """Read a stored attempt."""
        supported = data.get("supported", True)  # rows from before the field existed were supported answers
        mode = data.get("mode")
        citations = data.get("citations")
        coverage = data.get("coverage")
        return cls(
            text=_text(data.get("text")),
            confidence=_float(data.get("confidence")),
            supported=supported if isinstance(supported, bool) else None,
            mode=mode if isinstance(mode, str) else None,
            citations=tuple(_citation(c) for c in _dicts(citations)),
            coverage=coverage if isinstance(coverage, str) else None,
        )


@dataclass(frozen=True)
class FollowUp:
    """What the SME added after the question (a repeat of it, or a follow-up that reopened the ticket)."""

    text: str
    at: datetime | None = None


@dataclass(frozen=True)
class TicketContext:
    """Everything a mentor needs to answer without asking the SME again; see the module docstring."""

    turns: tuple[Turn, ...] = ()
    """The recent conversation, oldest first."""
    passages: tuple[FoundPassage, ...] = ()
    attempt: TicketAttempt | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    erased: bool = False
    """The SME's data was erased: nothing else is kept."""

    @classmethod
    def of(
        cls, turns: Sequence[Turn], passages: Sequence[Passage], attempt: Answer | TicketAttempt | None = None
    ) -> TicketContext:
        """The context of a question handed over now: the turns, what retrieval found, the assistant's attempt."""
        if isinstance(attempt, Answer):
            attempt = TicketAttempt.of(attempt)
        found = tuple(FoundPassage.of(p) for p in passages)
        return cls(tuple(turns), found, attempt)

    def with_follow_up(self, text: str, at: datetime) -> TicketContext:
        """This context with ``text`` added to the follow-ups."""
        return replace(self, follow_ups=(*self.follow_ups, FollowUp(text, at)))

    def to_json(self) -> dict[str, Any]:
        """The JSON stored in ``tickets.context`` (follow-ups only once there are any)."""
        if self.erased:
            return {"erased": True}
        stored: dict[str, Any] = {
            "turns": [{"role": turn.role, "text": turn.text} for turn in self.turns],
            "passages": [asdict(passage) for passage in self.passages],
            "attempt": None if self.attempt is None else self.attempt.to_json(),
        }
        if self.follow_ups:
            stored["follow_ups"] = [
                {"text": f.text, "at": None if f.at is None else f.at.isoformat()} for f in self.follow_ups
            ]
        return stored

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> TicketContext:
        """Read ``tickets.context`` (any version of it; entries that are not objects are skipped)."""
        data = data or {}
        attempt = data.get("attempt")
        return cls(
            turns=tuple(Turn(_text(t.get("role")), _text(t.get("text"))) for t in _dicts(data.get("turns"))),
            passages=tuple(FoundPassage.from_json(p) for p in _dicts(data.get("passages"))),
            attempt=TicketAttempt.from_json(attempt) if isinstance(attempt, Mapping) else None,
            follow_ups=tuple(_follow_up(f) for f in _list(data.get("follow_ups"))),
            erased=data.get("erased") is True,
        )


def _follow_up(item: Any) -> FollowUp:
    """A stored follow-up: ``{"text", "at"}``, or a bare string in the oldest rows."""
    if not isinstance(item, Mapping):
        return FollowUp(_text(item))
    at = item.get("at")
    try:
        when = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        when = None
    return FollowUp(_text(item.get("text")), when)


def _citation(data: Mapping[str, Any]) -> Citation:
    return Citation(
        source=_text(data.get("source")),
        title=_text(data.get("title")),
        page=_int(data.get("page")),
        slide=_int(data.get("slide")),
        module=_int(data.get("module")),
        week=_int(data.get("week")),
        heading=_text(data.get("heading")),
        kind=_text(data.get("kind")) or "course",
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in _list(value) if isinstance(item, Mapping)]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int | None:
    # bool is an int in Python, but a page number of True is nonsense.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
