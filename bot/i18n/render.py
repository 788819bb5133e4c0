"""Replies as plain text: the terminal's rendering, and every channel's fallback."""

from __future__ import annotations

from bot.i18n import message
from bot.i18n.sources import title_for
from bot.types import Citation, EscalationNotice, QuickReplies, Reply, SourceList, TextReply


def place_parts(citation: Citation, language: str) -> list[str]:
    """``["สัปดาห์ที่ 3", "หน้า 2"]``: week, page and slide, whichever are known."""
    parts = []
    if citation.week is not None:
        parts.append(message("search.week", language, week=citation.week))
    if citation.page is not None:
        parts.append(message("search.page", language, page=citation.page))
    if citation.slide is not None:
        parts.append(message("search.slide", language, slide=citation.slide))
    return parts


def citation_line(citation: Citation, language: str) -> str:
    """``สัปดาห์ที่ 3 · การวัดคาร์บอนฟุตพริ้นท์ · หน้า 4``: a human title, never a file name or a bare domain."""
    return title_for(citation, citation.kind, language)


def render_text(replies: list[Reply], language: str) -> str:
    """All replies as one block of text; buttons become numbered choices."""
    parts: list[str] = []
    for reply in replies:
        if isinstance(reply, TextReply | EscalationNotice):
            parts.append(reply.text)
        elif isinstance(reply, QuickReplies):
            choices = "  ".join(f"[{i}] {o.label}" for i, o in enumerate(reply.options, start=1))
            parts.append(f"{reply.text}\n{choices}" if choices else reply.text)
        elif isinstance(reply, SourceList) and reply.citations:
            lines = [f"- {citation_line(c, language)}" for c in reply.citations]
            parts.append(message("chat.sources", language) + ":\n" + "\n".join(lines))
    return "\n\n".join(parts)
