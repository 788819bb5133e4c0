"""Thai-aware chunking: whole sentences packed to a token budget, never a cut inside a word."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ingestion import thai
from ingestion.documents import Chunk, LoadedDocument, Section

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class ChunkingConfig:
    """How big chunks are. Sizes are in the embedder's own tokens.

    multilingual-e5 reads at most 512 tokens; passages well under that embed better (the
    model averages windows of longer ones), so the default budget is far below the limit.
    """

    max_tokens: int = 256
    overlap_tokens: int = 48
    version: int = 3
    """Bumped whenever the algorithm changes, so an index knows its chunks are stale."""

    def as_dict(self) -> dict[str, int]:
        """The parameters as written to the index manifest."""
        return {"max_tokens": self.max_tokens, "overlap_tokens": self.overlap_tokens, "version": self.version}


def approximate_tokens(text: str) -> int:
    """A tokenizer-free estimate for when no embedder is at hand (about 3 Thai characters a token)."""
    return max(1, len(text) // 3)


@dataclass(frozen=True)
class _Unit:
    text: str
    tokens: int
    ends_line: bool


def _split_long_sentence(sentence: str, budget: int, count: TokenCounter) -> list[str]:
    """Cut an over-long sentence between words (newmm), keeping spacing as written.

    Word token counts are added up rather than re-counting the growing piece, which would
    be quadratic in the sentence length.
    """
    from pythainlp.tokenize import word_tokenize

    pieces: list[str] = []
    current, used = "", 0
    for word in word_tokenize(sentence, engine="newmm", keep_whitespace=True):
        tokens = count(word) if word.strip() else 0
        if current.strip() and used + tokens > budget:
            pieces.append(current.strip())
            current, used = "", 0
        current += word
        used += tokens
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _content_counter(count: TokenCounter) -> TokenCounter:
    """Tokens of a text without the fixed overhead (prefix, special tokens) every call adds."""
    overhead = count("")
    return lambda text: max(1, count(text) - overhead)


def _units(section: Section, budget: int, count: TokenCounter) -> list[_Unit]:
    units: list[_Unit] = []
    for line in section.text.split("\n"):
        parts = thai.sentences(line)
        for index, sentence in enumerate(parts):
            last = index == len(parts) - 1
            tokens = count(sentence)
            if tokens <= budget:
                units.append(_Unit(sentence, tokens, last))
                continue
            pieces = _split_long_sentence(sentence, budget, count)
            for piece_index, piece in enumerate(pieces):
                units.append(_Unit(piece, count(piece), last and piece_index == len(pieces) - 1))
    return units


def _join(units: list[_Unit]) -> str:
    out = []
    for index, unit in enumerate(units):
        out.append(unit.text)
        if index < len(units) - 1:
            out.append("\n" if unit.ends_line else " ")
    return "".join(out)


def _pack(units: list[_Unit], budget: int, overlap: int) -> Iterator[list[_Unit]]:
    """Greedy packing; the next chunk starts with the last sentences worth ``overlap`` tokens."""
    start = 0
    while start < len(units):
        end, used = start, 0
        while end < len(units) and (end == start or used + units[end].tokens <= budget):
            used += units[end].tokens
            end += 1
        yield units[start:end]
        if end >= len(units):
            return
        back, carried = end, 0
        while back - 1 > start and carried + units[back - 1].tokens <= overlap:
            back -= 1
            carried += units[back].tokens
        start = back


def chunk_id(source: str, title: str, heading_path: tuple[str, ...], location: int | None, text: str) -> str:
    """A stable id: the same text at the same place of the same file always gets the same id.

    The title is part of the place because one file can hold several documents (a FAQ file
    has one per question).
    """
    key = "\x1f".join((source, title, *heading_path, str(location), text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def chunk_document(
    document: LoadedDocument,
    content_hash: str,
    config: ChunkingConfig = ChunkingConfig(),
    count_tokens: TokenCounter = approximate_tokens,
) -> list[Chunk]:
    """Cut a document into chunks that fit the embedder after its title and headings are prepended."""
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    content_tokens = _content_counter(count_tokens)
    for section in document.sections:
        context = " > ".join((document.title, *section.heading_path))
        # The embedded text is "context\ntext": the budget left after the context and overhead.
        budget = max(32, config.max_tokens - count_tokens(context) - 1)
        for group in _pack(_units(section, budget, content_tokens), budget, config.overlap_tokens):
            text = _join(group)
            if not text.strip():
                continue
            location = section.page if section.page is not None else section.slide
            base = chunk_id(document.source, document.title, section.heading_path, location, text)
            seen[base] = seen.get(base, 0) + 1
            ident = base if seen[base] == 1 else f"{base}-{seen[base]}"
            chunks.append(
                Chunk(
                    id=ident,
                    text=text,
                    source=document.source,
                    title=document.title,
                    heading_path=section.heading_path,
                    page=section.page,
                    slide=section.slide,
                    module=document.module,
                    week=document.week,
                    lang=document.lang,
                    kind=document.kind,
                    content_hash=content_hash,
                    topics=document.topics,
                )
            )
    return chunks
