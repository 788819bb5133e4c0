"""Word tokens for the keyword index and for queries (pythainlp ``newmm``, offline)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ingestion.thai.normalise import fold_for_matching

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
