"""Human titles for sources: what a reader can find in their course binder, never a file name.

    source_title(chunk, "th")  # "สัปดาห์ที่ 3 · การวัดคาร์บอนฟุตพริ้นท์ · หน้า 4"
    source_title(faq_chunk)    # "คำถามที่พบบ่อย · ผู้ช่วยนี้ตอบจากข้อมูลไหน"
    title_for(citation, kind)  # the same from a Citation (kind: course, faq, glossary, schedule)

A title that is really a file name (``week03.md``, ``glossary.yaml``) or a bare web domain
(``capsolar.co.th``) is replaced by the section heading, or by "เอกสารประกอบหลักสูตร".
"""

from __future__ import annotations

import re

from bot.i18n.conversation import conversation_message
from bot.types import Citation
from ingestion.documents import Chunk

SEPARATOR = " · "
TITLE_CHARS = 60
_FILE_NAME = re.compile(r"^[\w\-. /\\]+\.(?:md|markdown|txt|pdf|docx?|pptx?|html?|ya?ml|json|csv)$", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)+(?:/\S*)?$", re.IGNORECASE)


def readable(title: str) -> bool:
    """Whether ``title`` reads as a title (not a file name, path or web address)."""
    title = title.strip()
    return bool(title) and not _FILE_NAME.match(title) and not _DOMAIN.match(title)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def title_for(citation: Citation, kind: str = "course", language: str = "th") -> str:
    """The human title of a citation (see the module docstring)."""
    headings = [h for h in citation.heading.split(" > ") if h] if citation.heading else []
    return _title(kind, citation.title, headings, citation.week, citation.page, citation.slide, language)


def source_title(chunk: Chunk, language: str = "th") -> str:
    """The human title of the place a chunk comes from."""
    return _title(chunk.kind, chunk.title, list(chunk.heading_path), chunk.week, chunk.page, chunk.slide, language)


def _title(
    kind: str,
    title: str,
    headings: list[str],
    week: int | None,
    page: int | None,
    slide: int | None,
    language: str,
) -> str:
    named = title if readable(title) else next((h for h in headings if readable(h)), "")
    if kind == "faq":
        parts = [conversation_message("source.faq", language), named]
    elif kind == "glossary":
        parts = [conversation_message("source.glossary", language), named]
    elif kind == "schedule":
        parts = [conversation_message("source.schedule", language)]
        parts.append(conversation_message("source.week", language, week=week) if week is not None else named)
    else:
        parts = [conversation_message("source.week", language, week=week)] if week is not None else []
        parts.append(named or conversation_message("source.course", language))
        if page is not None:
            parts.append(conversation_message("source.page", language, page=page))
        elif slide is not None:
            parts.append(conversation_message("source.slide", language, slide=slide))
    return SEPARATOR.join(_short(p) for p in parts if p)
