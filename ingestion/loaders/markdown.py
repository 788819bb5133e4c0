"""Markdown loader (.md, .markdown): front matter, heading sections, plain-text lines.

The block parser (:func:`parse_blocks`) and :func:`split_front_matter` are public because
``scripts/render_sample_formats.py`` renders the same structure into PDF, DOCX and PPTX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.documents import LoadedDocument
from ingestion.loaders.base import SkipFile
from ingestion.loaders.common import (
    HeadingSections,
    as_int,
    as_strings,
    make_document,
    read_text,
    top_heading,
    usable_title,
)

_FRONT_MATTER_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_ESCAPABLE = "\\`*_{}[]()#+-.!|>~<"
_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link -> link text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link -> link text
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink -> address
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__(.+?)__"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"<br\s*/?>", re.IGNORECASE), "\n"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
)


@dataclass(frozen=True)
class Block:
    """One Markdown block: ``heading``, ``paragraph``, ``item``, ``table`` or ``code``.

    ``text`` is plain text (inline syntax removed); ``level`` is the heading level or the
    list depth; ``marker`` is a list item's bullet (``-`` or ``3.``); ``rows`` holds a
    table's cells.
    """

    kind: str
    text: str = ""
    level: int = 0
    marker: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def strip_inline(text: str) -> str:
    """Remove inline Markdown: emphasis, code ticks, link URLs, HTML tags, escapes."""
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = re.sub(r"\\([" + re.escape(_ESCAPABLE) + "])", hide, text)
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---`` YAML front matter from the body; ``({}, text)`` when there is none.

    Raises :class:`SkipFile` when the block is meant as front matter (starts with a
    ``key:`` line) but is not valid YAML, so the operator sees the mistake.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    block = "\n".join(lines[1:end])
    looks_like_yaml = any(_FRONT_MATTER_KEY.match(line) for line in lines[1:end] if line.strip())
    if not looks_like_yaml:
        return {}, text
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).split("\n")[0]
        raise SkipFile(f"invalid YAML front matter: {problem}") from error
    if not isinstance(meta, dict):
        return {}, text
    return meta, "\n".join(lines[end + 1 :])


def _table_cells(line: str) -> tuple[str, ...]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return tuple(strip_inline(cell.strip()) for cell in cells)


def _is_table_separator(line: str) -> bool:
    return "|" in line and "-" in line and _TABLE_SEPARATOR.match(line) is not None


def parse_blocks(body: str) -> list[Block]:
    """Parse a Markdown body (without front matter) into blocks, in order."""
    lines = _COMMENT.sub("", body).replace("\r\n", "\n").split("\n")
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            joined = "".join(
                line[:-1] + "\n" if line.endswith("\\") else line + ("\n" if line.endswith("  ") else " ")
                for line in paragraph
            )
            blocks.append(Block("paragraph", strip_inline(joined.strip())))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        fence = _FENCE.match(line)
        if fence:
            end_paragraph()
            code: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence.group(1)):
                code.append(lines[i])
                i += 1
            blocks.append(Block("code", "\n".join(code)))
        elif not stripped or _REFERENCE_DEFINITION.match(line):
            end_paragraph()
        elif (atx := _ATX.match(line)) is not None:
            end_paragraph()
            blocks.append(Block("heading", strip_inline(atx.group(2) or ""), level=len(atx.group(1))))
        elif len(paragraph) == 1 and _SETEXT.match(line) and not _ITEM.match(paragraph[0]):
            level = 1 if stripped.startswith("=") else 2
            blocks.append(Block("heading", strip_inline(paragraph.pop().strip()), level=level))
        elif _RULE.match(line):
            end_paragraph()
        elif "|" in line and i + 1 < len(lines) and _is_table_separator(lines[i + 1]):
            end_paragraph()
            rows = [_table_cells(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_table_cells(lines[i]))
                i += 1
            blocks.append(Block("table", rows=tuple(rows)))
            continue
        elif (item := _ITEM.match(line)) is not None:
            end_paragraph()
            depth = len(item.group(1).expandtabs(4)) // 2
            text = item.group(3)
            # Lazy continuation: indented lines that follow belong to the item.
            while i + 1 < len(lines) and lines[i + 1].startswith((" ", "\t")) and lines[i + 1].strip():
                if _ITEM.match(lines[i + 1]) or _FENCE.match(lines[i + 1].lstrip()):
                    break
                i += 1
                text += " " + lines[i].strip()
            blocks.append(Block("item", strip_inline(text), level=depth, marker=item.group(2)))
        else:
            if stripped.startswith(">"):
                line = re.sub(r"^\s*>\s?", "", line)
            paragraph.append(line.strip() + ("  " if line.endswith("  ") else ""))
        i += 1
    end_paragraph()
    return blocks


def block_lines(block: Block) -> list[str]:
    """The text lines a block contributes to a section."""
    if block.kind == "item":
        marker = "-" if block.marker in "-*+" else block.marker
        return ["  " * block.level + f"{marker} {block.text}"]
    if block.kind == "table":
        return [" | ".join(cell for cell in row) for row in block.rows if any(row)]
    return block.text.split("\n")


def load_markdown(path: Path, source: str) -> list[LoadedDocument]:
    """Load a Markdown file: one document, a section per heading."""
    meta, body = split_front_matter(read_text(path))
    blocks = parse_blocks(body)
    title = usable_title(meta.get("title"))
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1 and b.text), "")
    builder = HeadingSections(title, top_heading((b.level, b.text) for b in blocks if b.kind == "heading"))
    for block in blocks:
        if block.kind == "heading":
            builder.heading(block.level, block.text)
        else:
            for line in block_lines(block):
                builder.line(line)
    return [
        make_document(
            source,
            title,
            builder.sections(),
            module=as_int(meta.get("module")),
            week=as_int(meta.get("week")),
            topics=as_strings(meta.get("topics")),
        )
    ]
