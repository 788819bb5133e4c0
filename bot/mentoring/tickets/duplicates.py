"""Is a new question the one the SME already asked? (Then it joins that ticket instead of opening another.)

The same question after Thai normalisation (spacing, Thai digits, a polite particle) always
matches; a question sharing most of its words (Jaccard >= 0.6 over Thai word tokens) matches
only a recent ticket, since after a while similar words are more likely a new question.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.mentoring.tickets.status import ACTIVE_STATUSES
from bot.storage.models import Ticket
from ingestion import thai

SIMILAR = 0.6
"""The share of words two questions must have in common to count as the same one."""


def duplicate_of(session: Session, user_id: int, question: str, recent_since: datetime) -> Ticket | None:
    """The user's active ticket asking ``question`` (newest first, row-locked), or ``None``.

    Similar wording counts only for tickets created at or after ``recent_since``.
    """
    candidates = session.scalars(
        select(Ticket)
        .where(Ticket.user_id == user_id, Ticket.status.in_(sorted(ACTIVE_STATUSES)))
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .with_for_update()
    ).all()
    same = SameQuestion(question)
    return next((t for t in candidates if same.matches(t.question, t.created_at >= recent_since)), None)


class SameQuestion:
    """Compares one new question with earlier ones (normalised and tokenised once)."""

    def __init__(self, question: str) -> None:
        self._folded = fold(question)
        self._words = words(question)

    def matches(self, earlier: str, recent: bool) -> bool:
        """Whether ``earlier`` is this question; word overlap counts only when the earlier one is ``recent``."""
        if fold(earlier) == self._folded:
            return True
        return recent and jaccard(self._words, words(earlier)) >= SIMILAR


def fold(text: str) -> str:
    """``text`` folded for matching (Thai normalisation, digits, case), with single spaces."""
    return " ".join(thai.fold_for_matching(text).split())


def words(text: str) -> set[str]:
    """The Thai word tokens of ``text``."""
    return {w for w in thai.tokenize(text) if w.strip()}


def jaccard(a: set[str], b: set[str]) -> float:
    """Shared words over all words (0 when either side has none)."""
    return len(a & b) / len(a | b) if a and b else 0.0
