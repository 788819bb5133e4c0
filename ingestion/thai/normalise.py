"""Normalisation: the one form in which the product stores and compares Thai text.

It runs once at the edges (when a file is loaded, when a message arrives).
"""

from __future__ import annotations

import re
import unicodedata

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
