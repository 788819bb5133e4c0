"""Thai BM25 keyword index over pythainlp tokens (bm25s), saved beside the vector store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt

from ingestion import thai

Tokenizer = Callable[[str], list[str]]


class KeywordIndex:
    """BM25 scores for every chunk, in the order the chunks were indexed.

    Scores for the whole corpus are computed at once (cheap for course-sized corpora, and
    the fusion needs the keyword score of every dense candidate, not only the keyword top-k).
    """

    def __init__(self, model: bm25s.BM25 | None, size: int, tokenizer: Tokenizer = thai.tokenize) -> None:
        self._model = model
        self._size = size
        self._tokenize = tokenizer

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
        return cls(model, len(tokens), tokenizer)

    def save(self, folder: Path) -> None:
        """Write the index files into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "size.txt").write_text(str(self._size), encoding="utf-8")
        if self._model is not None:
            self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, tokenizer: Tokenizer = thai.tokenize) -> KeywordIndex:
        """Read an index written by :meth:`save`."""
        size = int((folder / "size.txt").read_text(encoding="utf-8"))
        if size == 0:
            return cls(None, 0, tokenizer)
        model = bm25s.BM25.load(str(folder), show_progress=False)
        return cls(model, size, tokenizer)

    def __len__(self) -> int:
        return self._size

    def query_tokens(self, query: str) -> list[str]:
        """The tokens a query is matched with."""
        return self._tokenize(query)

    def scores(self, tokens: list[str]) -> npt.NDArray[np.float32]:
        """BM25 score of every chunk for these query tokens."""
        if self._model is None or not tokens:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
