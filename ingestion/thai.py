"""Thai text handling used everywhere: normalisation, word tokens, sentences.

Normalisation runs once at the edges (when a file is loaded, when a message arrives). The
keyword index and the query go through :func:`tokenize`, which also folds what varies
between writers (Thai digits, Latin case, thousands separators) so that both sides match.

Only offline pythainlp engines are used: ``newmm`` for words and ``crfcut`` for sentences.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# pythainlp writes a data folder under $HOME on import and some engines fetch corpora;
# keep it offline and tolerate a read-only home. Set before the first pythainlp import.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

# Thai glyph variants that some fonts keep in the Private Use Area (the shifted and
# descender-less forms of the Windows/Mac Thai fonts). Extractors copy them verbatim; each
# one stands for exactly one Thai character, so the mapping is certain.
_PUA_THAI = {
    0xF700: "ฐ",
    0xF701: "ิ",
    0xF702: "ี",
    0xF703: "ึ",
    0xF704: "ื",
    0xF705: "่",
    0xF706: "้",
    0xF707: "๊",
    0xF708: "๋",
    0xF709: "์",
    0xF70A: "่",
    0xF70B: "้",
    0xF70C: "๊",
    0xF70D: "๋",
    0xF70E: "์",
    0xF70F: "ญ",
    0xF710: "ั",
    0xF711: "ํ",
    0xF712: "็",
    0xF713: "่",
    0xF714: "้",
    0xF715: "๊",
    0xF716: "๋",
    0xF717: "์",
    0xF718: "ุ",
    0xF719: "ู",
    0xF71A: "ฺ",
}
# C0/C1 control characters other than tab and newline carry no text.
_CONTROL = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))}
_TRANSLATE = {**_ZERO_WIDTH, **_PUA_THAI, **_CONTROL}

_TONE = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_ABOVE_BELOW_VOWEL = "\u0e31\u0e34-\u0e37\u0e38-\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE}\u0e4c])([{_ABOVE_BELOW_VOWEL}])")
_NIKHAHIT_TONE_AA = re.compile(f"\u0e4d([{_TONE}])\u0e32")  # ํ + tone + า -> tone + ำ
_TONE_AFTER_AM = re.compile(f"\u0e33([{_TONE}])")  # ำ + tone -> tone + ำ
_AM_TONE_AA = re.compile(f"\u0e33([{_TONE}])\u0e32")  # ำ + tone + า (pypdf on LibreOffice PDFs) -> tone + ำ
_SPLIT_AM = re.compile("[\u0e4d\u0e33]\u0e32")  # ํา and ำา -> ำ
_DOUBLE_SARA_E = re.compile("\u0e40\u0e40")  # เเ typed or extracted for แ
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize(text: str) -> str:
    """Return ``text`` in the one form the product stores and compares.

    NFC; zero-width and control characters removed; Private Use Area glyphs mapped back to
    Thai letters; PDF artefacts repaired (``ํา``/``ำา`` to ``ำ``, a tone mark stored before an
    upper or lower vowel moved after it, ``เเ`` to ``แ``); runs of spaces collapsed.
    Thai digits are kept for display; :func:`tokenize` folds them for matching.
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NIKHAHIT_TONE_AA.sub("\\1\u0e33", text)
    text = _AM_TONE_AA.sub("\\1\u0e33", text)
    text = _SPLIT_AM.sub("\u0e33", text)
    text = _TONE_AFTER_AM.sub("\\1\u0e33", text)
    text = _TONE_BEFORE_VOWEL.sub("\\2\\1", text)
    text = _DOUBLE_SARA_E.sub("\u0e41", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def fold_for_matching(text: str) -> str:
    """Normalise and fold what writers vary: Thai digits to Arabic, Latin to lower case."""
    return normalize(text).translate(_THAI_DIGITS).lower()


# A Latin or numeric term: CBAM, tCO2e, T-VER, 10,000, 0.4750, ISO14064, R-32.
_LATIN_TERM = r"[a-z0-9](?:[a-z0-9]|[.,\-+](?=[a-z0-9]))*"
_PIECES = re.compile(rf"(?P<latin>{_LATIN_TERM})|(?P<thai>[\u0e00-\u0e7f]+)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_SHORT_NUMBER = re.compile(r"\d{1,2}")
_WORDISH = re.compile(r"\w", re.UNICODE)


@lru_cache(maxsize=1)
def _newmm() -> Callable[..., list[str]]:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def _thai_words(run: str) -> list[str]:
    return [w for w in _newmm()(run, engine="newmm", keep_whitespace=False) if _WORDISH.search(w)]


def tokenize(text: str) -> list[str]:
    """Word tokens for the keyword index and for queries.

    Thai runs are cut with pythainlp ``newmm``; Latin and numeric terms stay whole
    (``cbam``, ``tco2e``, ``t-ver``, ``10000``); a Latin word followed by a short number is
    one term (``Scope 2`` and ``scope2`` both give ``scope2``). Whitespace and punctuation
    are dropped.
    """
    folded = _THOUSANDS.sub("", fold_for_matching(text))
    tokens: list[str] = []
    for match in _PIECES.finditer(folded):
        latin = match.group("latin")
        if latin is None:
            tokens.extend(_thai_words(match.group("thai")))
            continue
        if tokens and _SHORT_NUMBER.fullmatch(latin) and tokens[-1].isalpha() and tokens[-1].isascii():
            gap = folded[match.start() - 1 : match.start()]
            if gap in (" ", ""):
                tokens[-1] += latin
                continue
        tokens.append(latin)
    return tokens


@lru_cache(maxsize=1)
def _crfcut() -> Callable[..., Any]:
    from pythainlp.tokenize import sent_tokenize

    return sent_tokenize


_CLOSING = set(")]}”’,.;:!?%")
# Thai abbreviations end in a dot: ต.ค., พ.ศ., อบก., ธ.ค. (crfcut may take the dot for a sentence end).
_ENDS_WITH_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,3}\.){1,3}$")
_SHORTEST_SENTENCE = 8
_LIST_OR_HEADING = re.compile(r"^\s*(?:[-*•]|\d+[.)]|#+)\s+")


def sentences(text: str) -> list[str]:
    """Split text into sentences: each line on its own, Thai lines further by ``crfcut``.

    Lines are treated as hard boundaries because list items, table rows and headings are
    separate statements even when they carry no sentence punctuation.
    """
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _LIST_OR_HEADING.match(line) or len(line) < 60 or " | " in line:
            # Table rows are one statement each; crfcut would cut them at abbreviations.
            out.append(line)
            continue
        pieces: list[str] = []
        for part in (p.strip() for p in _crfcut()(line, engine="crfcut")):
            # crfcut sometimes cuts after an abbreviation's dot, "(อบก." | ") ประกาศ...": a piece
            # that starts with closing punctuation belongs to the sentence before it.
            if pieces and part and part[0] in _CLOSING:
                pieces[-1] = f"{pieces[-1]}{part}"
            elif pieces and _ENDS_WITH_ABBREVIATION.search(pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {part}"  # "1 ต.ค." | "2023": the dot was an abbreviation's
            elif pieces and 0 < len(part) < _SHORTEST_SENTENCE:
                pieces[-1] = f"{pieces[-1]} {part}"  # a stray year or unit: "... 1 มกราคม" | "2569"
            elif part:
                pieces.append(part)
        out.extend(pieces)
    return out
