"""Glossary-based query expansion: the ways SMEs type a term lead to the course's own words.

``สโคป2``, ``scope2`` and ``ขอบเขต 2`` all add ``ขอบเขตที่ 2 Scope 2`` to the keyword query,
so BM25 matches the wording of the course text. Only the keyword side is expanded; the
dense side already sees through spelling variants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingestion.thai import fold_for_matching, tokenize
from knowledge.unique_yaml import load_unique

_THAI = re.compile("[\u0e00-\u0e7f]")
_NOT_LETTER = re.compile(r"[\s\-.()]+")
MIN_THAI_ALIAS = 3


@dataclass(frozen=True)
class GlossaryTerm:
    """A term with its English name and the variants people type."""

    term: str
    english: str
    aliases: tuple[str, ...]


def read_terms(path: Path) -> list[GlossaryTerm]:
    """Terms of a ``kind: glossary`` YAML file (entries without a ``term`` are ignored)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        GlossaryTerm(str(t["term"]), str(t.get("english") or ""), tuple(str(a) for a in t.get("aliases") or ()))
        for t in data.get("terms", [])
        if isinstance(t, dict) and t.get("term")
    ]


def _squash(text: str) -> str:
    return _NOT_LETTER.sub("", fold_for_matching(text))


class GlossaryExpander:
    """Callable ``query -> query + canonical terms`` for every glossary variant found in it.

    Thai variants match anywhere in the query once spaces are ignored (Thai is written
    without them); Latin variants match whole tokens only, so ``ETS`` never fires inside
    ``targets``.
    """

    def __init__(self, terms: list[GlossaryTerm]) -> None:
        self._thai: list[tuple[str, GlossaryTerm]] = []
        self._latin: list[tuple[tuple[str, ...], GlossaryTerm]] = []
        for term in terms:
            for variant in {term.term, term.english, *term.aliases}:
                if not variant:
                    continue
                if _THAI.search(variant):
                    squashed = _squash(variant)
                    if len(squashed) >= MIN_THAI_ALIAS:
                        self._thai.append((squashed, term))
                else:
                    tokens = tuple(tokenize(variant))
                    if tokens:
                        self._latin.append((tokens, term))

    @classmethod
    def from_file(cls, path: Path) -> GlossaryExpander:
        """Read a ``kind: glossary`` YAML file."""
        return cls(read_terms(path))

    def matches(self, query: str) -> list[GlossaryTerm]:
        """Terms whose variants appear in ``query``."""
        squashed = _squash(query)
        tokens = tokenize(query)
        found: dict[str, GlossaryTerm] = {}
        for variant, term in self._thai:
            if variant in squashed:
                found[term.term] = term
        for variant_tokens, term in self._latin:
            n = len(variant_tokens)
            if any(tuple(tokens[i : i + n]) == variant_tokens for i in range(len(tokens) - n + 1)):
                found[term.term] = term
        return list(found.values())

    def __call__(self, query: str) -> str:
        """The query with the canonical Thai and English names of matched terms appended."""
        extra = [f"{t.term} {t.english}".strip() for t in self.matches(query)]
        return " ".join([query, *extra]) if extra else query


def read_spellings(path: Path) -> dict[str, str]:
    """``variant -> spelling the material uses`` from a ``spellings:`` YAML mapping (see ``spellings.yaml``).

    A word written twice as a key is an error (:mod:`knowledge.unique_yaml`), not a silent loss of its first variants.
    """
    data = load_unique(path.read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for correct, variants in (data.get("spellings") or {}).items():
        for variant in variants or ():
            table[fold_for_matching(str(variant))] = str(correct)
    return table


def read_related(path: Path) -> dict[str, tuple[str, ...]]:
    """``chat word -> words the material uses for the same idea`` from a ``related:`` YAML mapping."""
    data = load_unique(path.read_text(encoding="utf-8")) or {}
    return {
        fold_for_matching(str(word)): tuple(str(w) for w in (words or ()))
        for word, words in (data.get("related") or {}).items()
    }


def bundled_related() -> dict[str, tuple[str, ...]]:
    """The related words shipped with the package (``related:`` in ``knowledge/spellings.yaml``)."""
    from importlib import resources

    with resources.as_file(resources.files("knowledge").joinpath("spellings.yaml")) as path:
        return read_related(path)


def bundled_spellings() -> dict[str, str]:
    """The everyday chat spellings shipped with the package (``knowledge/spellings.yaml``)."""
    from importlib import resources

    with resources.as_file(resources.files("knowledge").joinpath("spellings.yaml")) as path:
        return read_spellings(path)
