"""The words the assistant knows: glossary terms with every way people type them, chat spellings.

    lexicon = Lexicon.build(index.glossary_terms())   # once, at start-up
    lexicon.repair("ปล่อยคาบอนกี่ตัน")                   # "ปล่อย คาร์บอน กี่ตัน"
    lexicon.terms_in("ติดโซล่าเซลคุ้มมั้ย")               # [GlossaryTerm("โซลาร์รูฟท็อป", ...)]
    lexicon.forms(term)                                # every squashed name of the term

Course terms and their variants come from the course glossary (``aliases``), which programme
staff maintain; everyday chat spellings that are not course terms come from
``knowledge/spellings.yaml``. Thai variants match anywhere once spaces are ignored (Thai is
written without them), but a short one (อบก, กสอ) only on word boundaries or before an
abbreviation dot; Latin variants match whole words only (``ef`` never fires in ``effect``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion import thai
from knowledge.glossary import GlossaryTerm, bundled_related, bundled_spellings

THAI = re.compile("[\u0e00-\u0e7f]")
_SQUASH = re.compile(r"[\s\-.()]+")
SHORT_THAI_VARIANT = 5
"""Thai variants shorter than this (อบก, กสอ, สสว) must end in an abbreviation dot or start and
end on word boundaries: "ถูกสอน" contains "กสอ" but does not mention กรมส่งเสริมอุตสาหกรรม."""


def squash(text: str) -> str:
    """Folded, without spaces, hyphens, dots or brackets: the form variants are compared in."""
    return _SQUASH.sub("", thai.fold_for_matching(text))


def newmm(text: str) -> list[str]:
    """pythainlp ``newmm`` words of ``text`` as written (no folding), whitespace dropped."""
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


class Lexicon:
    """The glossary terms and everyday spellings a question is repaired and expanded with."""

    def __init__(
        self,
        terms: Sequence[GlossaryTerm],
        spellings: dict[str, str],
        related: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._related = related or {}
        self._forms = {t.term: _forms_of(t) for t in terms}
        self._thai: list[tuple[str, GlossaryTerm]] = []
        self._latin: list[tuple[re.Pattern[str], GlossaryTerm]] = []
        for term in terms:
            for variant in sorted({term.term, term.english, *term.aliases}):
                if THAI.search(variant):
                    if len(squash(variant)) >= 3:
                        self._thai.append((squash(variant), term))
                elif variant and (pattern := _latin_pattern(variant)) is not None:
                    self._latin.append((pattern, term))
        # Longest first: the variant recorded as typed is the fullest one found.
        self._thai.sort(key=lambda pair: -len(pair[0]))
        # Longest first, so "เซอร์ติฟิเคต" is replaced before a shorter variant inside it.
        ordered = sorted(spellings.items(), key=lambda item: -len(item[0]))
        self._thai_spellings = [(v, c) for v, c in ordered if THAI.search(v) and len(v) >= 3]
        latin = [re.escape(v) for v, _ in ordered if not THAI.search(v)]
        self._latin_spellings = re.compile(rf"\b({'|'.join(latin)})\b") if latin else None
        self._latin_table = {v: c for v, c in ordered if not THAI.search(v)}

    @classmethod
    def build(
        cls,
        terms: Sequence[GlossaryTerm],
        spellings: dict[str, str] | None = None,
        related: dict[str, tuple[str, ...]] | None = None,
    ) -> Lexicon:
        """A lexicon over ``terms`` and the bundled chat spellings and related words (or those given)."""
        return cls(
            terms,
            bundled_spellings() if spellings is None else spellings,
            bundled_related() if related is None else related,
        )

    def related(self, word: str) -> tuple[str, ...]:
        """Words the material uses for the idea of a chat word ("คุ้ม" -> "คืนทุน", "คุ้มค่า")."""
        return self._related.get(word, ())

    def repair(self, folded: str) -> str:
        """``folded`` with everyday misspellings replaced by the material's spelling."""
        for variant, correct in self._thai_spellings:
            if variant in folded:
                # Never inside the right spelling itself: "สัปดา" is a chat spelling of "สัปดาห์", and
                # replacing it in "สัปดาห์" left "สัปดาห์ ห์", a made-up word in every question about a week.
                # ("เมืองไทย" for "ไทย" holds the right spelling instead, and is replaced as usual.)
                if variant in correct:
                    folded = correct.join(piece.replace(variant, f" {correct} ") for piece in folded.split(correct))
                else:
                    folded = folded.replace(variant, f" {correct} ")
        if self._latin_spellings is not None:
            folded = self._latin_spellings.sub(lambda m: self._latin_table[m.group(1)], folded)
        return folded

    def terms_in(self, text: str) -> list[GlossaryTerm]:
        """Glossary terms mentioned in ``text``, whichever variant was typed."""
        return [term for term, _ in self.mentions(text)]

    def mentions(self, text: str) -> list[tuple[GlossaryTerm, str]]:
        """Glossary terms mentioned in ``text``, each with the variant as it was typed (folded)."""
        squashed = squash(text)
        dotted = re.sub(r"\s+", "", thai.fold_for_matching(text))
        found: dict[str, tuple[GlossaryTerm, str]] = {}
        edges: set[int] | None = None
        # Longest variants first: "คาร์บอนฟุตพริ้นท์องค์กร" is named before "คาร์บอนฟุตพริ้นท์".
        for variant, term in self._thai:
            start = squashed.find(variant)
            if start < 0 or term.term in found:
                continue
            if len(variant) < SHORT_THAI_VARIANT and f"{variant}." not in dotted:
                edges = _word_edges(squashed) if edges is None else edges
                if start not in edges or start + len(variant) not in edges:
                    continue
            found[term.term] = (term, variant)
        folded = thai.fold_for_matching(text)
        for pattern, term in self._latin:
            if term.term not in found and (match := pattern.search(folded)) is not None:
                found[term.term] = (term, match.group(0))
        return list(found.values())

    def forms(self, term: GlossaryTerm) -> tuple[str, ...]:
        """Every squashed name of ``term`` (Thai term, English name, aliases), longest first."""
        return self._forms.get(term.term) or _forms_of(term)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is (part of) a glossary name: domain vocabulary, not chat."""
        squashed = squash(word)
        return len(squashed) >= 3 and any(squashed in f for forms in self._forms.values() for f in forms)


def _latin_pattern(variant: str) -> re.Pattern[str] | None:
    """A whole-word pattern for a Latin variant: "Scope 2" matches "scope2" and "scope 2", not "scope 21";
    "EF" matches "ค่าef" and "ef ไฟฟ้า" but not "effect"; "MLR" matches "mlr 7%"."""
    parts = re.findall(r"[a-z]+|\d+", thai.fold_for_matching(variant))
    if not parts:
        return None
    body = r"[\s\-.]*".join(re.escape(p) for p in parts)
    after = r"(?![a-z])" if parts[-1][-1].isalpha() else r"(?![0-9])"
    return re.compile(rf"(?<![a-z0-9]){body}{after}")


def _word_edges(text: str) -> set[int]:
    """Character offsets where newmm puts a word boundary in ``text``."""
    edges, at = {0}, 0
    for word in newmm(text):
        at += len(word)
        edges.add(at)
    return edges


def _forms_of(term: GlossaryTerm) -> tuple[str, ...]:
    names = [term.term, term.english, *term.aliases]
    # "Emission factor (EF)": the bracketed abbreviation is a name of its own.
    names += [m for n in names for m in re.findall(r"\(([^)]+)\)", n)]
    forms = {squash(re.sub(r"\([^)]*\)", "", n)) for n in names} | {squash(n) for n in names}
    return tuple(sorted((f for f in forms if len(f) >= 2), key=len, reverse=True))
