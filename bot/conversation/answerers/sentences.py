"""Passages cut into display-ready sentences, once per chunk: the sentence cache.

Splitting a passage with crfcut and tokenising every piece with newmm was 62% of an offline
answer's time (the same top passages come back question after question). A chunk's id is a
hash of its place and text, so its sentences can be kept by id:

    cache = SentenceCache(maxsize=4096)      # one per process, shared by answerer and composer
    for sentence in cache.sentences(chunk):   # split once, then served from memory
        sentence.text, sentence.kind, sentence.fragment, sentence.tokens, sentence.squashed
    cache.profile(chunk)                      # the whole chunk (title, headings, text) squashed + tokens
    cache.warm(index.chunks)                  # optional, at start-up: no cold first answers

Each :class:`Sentence` is already shaped for showing: a table row "a | b | c" is "a: b (c)",
FAQ and glossary labels are gone, list markers are stripped. ``kind`` says what it is, so
that a glossary entry's list of spellings or a table header is never shown as an answer, and
``fragment`` marks a piece that starts mid-sentence (a continuation word, a lower-case word,
closing punctuation) and must not open a reply.
"""

from __future__ import annotations

import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bot.conversation.figures import figures
from bot.conversation.lexicon import squash
from ingestion import thai
from ingestion.documents import Chunk

_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_STANDALONE_NUMBER = re.compile(r"(?<![A-Za-z])\d")
_MARKER = re.compile(r"^\s*(?:[-*•>]|\d{1,2}[.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|`")
# Words that continue a sentence rather than start one (crfcut sometimes cuts before them, and
# a chunk's overlap can begin with one): "จึงควรตรวจ...", "และยังไม่รวม...", "ซึ่งเป็น...".
_CONTINUATIONS = (
    "และ", "หรือ", "แต่", "ซึ่ง", "จึง", "โดยที่", "เพราะ", "ทำให้", "ดังนั้น", "รวมถึง", "ตลอดจน", "อีกทั้ง",
    "ก็", "ว่า", "จน", "กับ", "ด้วย", "แล้ว", "ได้แก่", "ซึ่งเป็น", "อันเป็น", "หรือไม่",
)  # fmt: skip
_LATIN_CONTINUATION = re.compile(r"^(?:and|or|but|which|so|because|then|with)\b")
# An all-lower-case Latin first word without digits; units (kWp, kgCO2e, tCO2e) carry capitals.
_LOWER_WORD = re.compile(r"^[a-z][a-z\-]*[,.;:)]?$")
_CLOSING = tuple(")]}”’,.;:!?%")
_NOT_ANSWER_PREFIXES = {"คำที่ใช้เรียก:": "aliases", "คำถาม:": "faq_question"}
_SOURCE_HEADINGS = re.compile(r"แหล่งข้อมูล|แหล่งอ้างอิง|เอกสารอ้างอิง|อ้างอิง|sources|references", re.IGNORECASE)


class Kind(Enum):
    """What a sentence is; only ``STATEMENT``, ``ITEM`` and ``ROW`` are ever shown as answers."""

    STATEMENT = "statement"
    ITEM = "item"
    """A list item, marker stripped."""
    ROW = "row"
    """A table row, shown as "label: value"."""
    HEADER = "header"
    """A table's header row."""
    HEADING = "heading"
    ALIASES = "aliases"
    """A glossary entry's list of spellings (never shown)."""
    FAQ_QUESTION = "faq_question"
    SOURCE = "source"
    """A reference-list line or a bare link."""

    @property
    def shown(self) -> bool:
        """Whether a sentence of this kind may appear in a reply."""
        return self in (Kind.STATEMENT, Kind.ITEM, Kind.ROW)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a chunk, ready to show (see the module docstring)."""

    chunk_id: str
    position: int
    text: str
    """Shaped for showing (a table row as "label: value", no list marker)."""
    raw: str
    """As it stands in the chunk, for quoting verbatim."""
    kind: Kind
    fragment: bool
    tokens: tuple[str, ...]
    """Its newmm words, each once (a tuple: at 10,000 chunks a set per sentence costs 3x the memory)."""
    squashed: str
    """Folded, without spaces, dots, hyphens or brackets: where question words are looked for."""
    figures: tuple[float, ...]
    """The numeric values the sentence writes (:func:`bot.conversation.figures.figures`)."""

    @property
    def digits(self) -> bool:
        """Whether the sentence gives a figure."""
        return bool(self.figures)


def cells_of(line: str) -> list[str]:
    """The cells of a table row "a | b | c" (Markdown's outer pipes allowed)."""
    return [c.strip() for c in line.strip().strip("|").split("|") if c.strip()]


def is_header(cells: list[str]) -> bool:
    """A table's first row is its header when no cell holds a figure ("ค่า (kgCO2e/kWh)" does not)."""
    return not any(_STANDALONE_NUMBER.search(c) for c in cells)


def render_row(cells: list[str], header: list[str] | None) -> str:
    """A row as "label: value": with the header's names when known ("ดีเซล: ใช้อยู่กับที่ 2.7078 ...")."""
    if len(cells) < 2:
        return " ".join(cells)
    if header is not None and len(header) == len(cells):
        return f"{cells[0]}: " + "; ".join(f"{name} {value}" for name, value in zip(header[1:], cells[1:], strict=True))
    rest = f" ({'; '.join(cells[2:])})" if len(cells) > 2 else ""
    return f"{cells[0]}: {cells[1]}{rest}"


def _is_fragment(text: str) -> bool:
    if text.startswith(_CLOSING):
        return True
    first = text.split(" ", 1)[0]
    if _LATIN_CONTINUATION.match(text) or _LOWER_WORD.match(first):
        return True  # "and ...", or the tail of a word wrapped in a PDF ("ent (2023-10)")
    if ")" in text and text.index(")") < (text.index("(") if "(" in text else len(text)):
        return True  # "uncontrolled) ...": the bracket opened in the piece before
    # "และ" opens "และยังไม่รวม..." but "และ" is not a prefix of "แสดง": compare the first word.
    return any(first.startswith(word) and _starts_word(first, word) for word in _CONTINUATIONS)


def _starts_word(first: str, word: str) -> bool:
    if first == word:
        return True
    words = _newmm(first)
    return bool(words) and words[0] == word


def _newmm(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


def _pieces(text: str) -> list[str]:
    """crfcut's sentences, line by line, with a continuation glued back to the piece before it.

    crfcut cuts "ระยะคืนทุนสั้นกว่าที่ผู้ขายให้ไว้ | จึงควรตรวจ..." in two; shown alone, the second
    half starts mid-sentence. Within one line it is joined back (up to a readable length), as is
    a piece after a label ending in ":" ("กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่า (kgCO2e):" | "หน่วยวัด...").
    """
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip().startswith(tuple(_NOT_ANSWER_PREFIXES)):
            out.append(line.strip())  # a spelling list or a FAQ question stays one labelled line
            continue
        pieces: list[str] = []
        for piece in thai.sentences(line):
            joins = bool(pieces) and (_is_fragment(piece) or pieces[-1].rstrip().endswith(":"))
            if joins and len(pieces[-1]) + len(piece) < MAX_JOINED:
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        out.extend(pieces)
    return out


MAX_JOINED = 400
"""Longest sentence made by gluing a continuation back; longer ones stay apart (and marked)."""


def split_chunk(chunk: Chunk) -> tuple[Sentence, ...]:
    """The sentences of ``chunk`` in reading order (what the cache stores)."""
    source_section = any(_SOURCE_HEADINGS.search(h) for h in chunk.heading_path)
    out: list[Sentence] = []
    header: list[str] | None = None
    previous_row = False
    for position, raw in enumerate(_pieces(chunk.text)):
        text, kind = _EMPHASIS.sub("", raw).strip(), Kind.STATEMENT
        is_row = " | " in text or text.startswith("|")
        label = next((p for p in _NOT_ANSWER_PREFIXES if text.startswith(p)), None)
        if label is not None:
            kind = Kind(_NOT_ANSWER_PREFIXES[label])
        elif text.startswith("#"):
            text, kind = text.lstrip("#").strip(), Kind.HEADING
        elif is_row:
            cells = cells_of(text)
            if all(set(c) <= set("-: ") for c in cells):
                continue  # a Markdown separator row: |---|---|
            if not previous_row:
                header = cells if is_header(cells) else None
                kind = Kind.HEADER if header is not None else Kind.ROW
            else:
                kind = Kind.ROW
            text = " | ".join(cells) if kind is Kind.HEADER else render_row(cells, header)
        elif source_section or _URL.search(text):
            kind = Kind.SOURCE
        elif _MARKER.match(text):
            text, kind = _MARKER.sub("", text), Kind.ITEM
        previous_row = is_row
        text = text.removeprefix("คำตอบ:").strip()
        if not text:
            continue
        fragment = kind.shown and _is_fragment(text)
        # Memory, at 10,000 chunks: words are interned (one "การ" for the whole cache) and the raw
        # text shares the shown text's string when they are the same.
        tokens = tuple(dict.fromkeys(sys.intern(t) for t in thai.tokenize(text)))
        raw = text if raw.strip() == text else raw
        out.append(Sentence(chunk.id, position, text, raw, kind, fragment, tokens, squash(text), tuple(figures(text))))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ChunkProfile:
    """A whole chunk in the forms words are looked up in: title, headings and text."""

    squashed: str
    tokens: frozenset[str]
    """Its short Latin words ("ef", "kwp"): the only words looked up whole rather than in ``squashed``."""


def profile_chunk(chunk: Chunk, sentences: tuple[Sentence, ...]) -> ChunkProfile:
    """The profile of ``chunk`` given its sentences (their tokens are reused)."""
    context = " ".join((chunk.title, *chunk.heading_path))
    words = {*thai.tokenize(context), *(t for s in sentences for t in s.tokens)}
    short_latin = frozenset(sys.intern(w) for w in words if w.isascii() and len(w) <= SHORT_LATIN)
    return ChunkProfile(squash(f"{context} {chunk.text}"), short_latin)


SHORT_LATIN = 3
"""Latin words this short are matched whole: "ef" must not be found inside "reference"."""
DEFAULT_SIZE = 4096
"""Chunks kept by default: the most asked-about part of a 10,000-chunk course (about 60 MiB)."""


class SentenceCache:
    """An LRU of :func:`split_chunk` results keyed by chunk id (a hash of place and text)."""

    def __init__(self, maxsize: int = DEFAULT_SIZE) -> None:
        self._maxsize = maxsize
        self._entries: OrderedDict[str, tuple[tuple[Sentence, ...], ChunkProfile]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def sentences(self, chunk: Chunk) -> tuple[Sentence, ...]:
        """The sentences of ``chunk``, split on first use."""
        return self._entry(chunk)[0]

    def profile(self, chunk: Chunk) -> ChunkProfile:
        """The whole of ``chunk`` squashed and tokenised (computed with its sentences)."""
        return self._entry(chunk)[1]

    def _entry(self, chunk: Chunk) -> tuple[tuple[Sentence, ...], ChunkProfile]:
        with self._lock:
            cached = self._entries.get(chunk.id)
            if cached is not None:
                self._entries.move_to_end(chunk.id)
                self.hits += 1
                return cached
            self.misses += 1
        # Split outside the lock: two threads may split the same chunk once each, harmlessly.
        split = split_chunk(chunk)
        entry = (split, profile_chunk(chunk, split))
        with self._lock:
            self._entries[chunk.id] = entry
            while len(self._entries) > self._maxsize:
                self._entries.popitem(last=False)
        return entry

    def warm(self, chunks: Iterable[Chunk]) -> int:
        """Split ``chunks`` ahead of the first questions (up to the cache size); how many were split."""
        count = 0
        for chunk in chunks:
            if count >= self._maxsize:
                break
            self.sentences(chunk)
            count += 1
        return count

    def __len__(self) -> int:
        return len(self._entries)
