"""Thai BM25 keyword index over pythainlp tokens (bm25s), saved beside the vector store."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt

from ingestion import thai

Tokenizer = Callable[[str], list[str]]

# A Latin name glued to a number of three or more digits, as people type it in chat
# ("nzap2026", "iso14067"); the material writes "NZAP 2026", "ISO 14067" with a space.
_GLUED_NUMBER = re.compile(r"^([a-z]{2,})(\d{3,})$")


class KeywordIndex:
    """BM25 scores for every chunk, in the order the chunks were indexed.

    Scores for the whole corpus are computed at once (cheap for course-sized corpora, and
    the fusion needs the keyword score of every dense candidate, not only the keyword top-k).
    """

    def __init__(
        self,
        model: bm25s.BM25 | None,
        size: int,
        tokenizer: Tokenizer = thai.tokenize,
        document_frequency: dict[str, int] | None = None,
    ) -> None:
        self._model = model
        self._size = size
        self._tokenize = tokenizer
        self._df = document_frequency or {}

    @classmethod
    def build(cls, texts: Sequence[str], tokenizer: Tokenizer = thai.tokenize) -> KeywordIndex:
        """Tokenise and index ``texts``."""
        return cls.from_tokens([tokenizer(t) for t in texts], tokenizer)

    @classmethod
    def from_tokens(cls, tokens: Sequence[list[str]], tokenizer: Tokenizer = thai.tokenize) -> KeywordIndex:
        """Index already tokenised texts."""
        if not tokens:
            return cls(None, 0, tokenizer)
        model = bm25s.BM25()
        model.index(list(tokens), show_progress=False)
        df = Counter(token for document in tokens for token in set(document))
        return cls(model, len(tokens), tokenizer, dict(df))

    def save(self, folder: Path) -> None:
        """Write the index files into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "size.txt").write_text(str(self._size), encoding="utf-8")
        (folder / "df.json").write_text(json.dumps(self._df, ensure_ascii=False), encoding="utf-8")
        if self._model is not None:
            self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, tokenizer: Tokenizer = thai.tokenize) -> KeywordIndex:
        """Read an index written by :meth:`save`."""
        size = int((folder / "size.txt").read_text(encoding="utf-8"))
        if size == 0:
            return cls(None, 0, tokenizer)
        model = bm25s.BM25.load(str(folder), show_progress=False)
        df_path = folder / "df.json"
        df = json.loads(df_path.read_text(encoding="utf-8")) if df_path.exists() else {}
        return cls(model, size, tokenizer, df)

    def __len__(self) -> int:
        return self._size

    def fill_frequencies(self, texts: Sequence[str]) -> None:
        """Compute document frequencies for an index saved before they were stored."""
        if not self._df and texts:
            self._df = dict(Counter(t for text in texts for t in set(self._tokenize(text))))

    def document_frequency(self, token: str) -> int:
        """How many indexed chunks contain ``token`` (0: the material never uses the word)."""
        return self._df.get(token, 0)

    def idf(self, token: str) -> float:
        """Inverse document frequency; words the material never uses get the highest value."""
        return math.log((self._size + 1) / (self.document_frequency(token) + 0.5))

    def query_tokens(self, query: str) -> list[str]:
        """The tokens a query is matched with.

        A glued name-and-number token is kept and also split into its two parts, so it
        matches the spaced form the material uses without losing an exact glued match.
        """
        tokens: list[str] = []
        for token in self._tokenize(query):
            tokens.append(token)
            glued = _GLUED_NUMBER.match(token)
            if glued:
                tokens.extend(glued.groups())
        return tokens

    def scores(self, tokens: list[str]) -> npt.NDArray[np.float32]:
        """BM25 score of every chunk for these query tokens."""
        if self._model is None or not tokens:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
