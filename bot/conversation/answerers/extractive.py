"""The offline answerer: the most relevant sentences of the passages, quoted, never invented.

Each sentence of the top passages is scored by how much of the question's content it
covers (words weighted by how rare they are in the course material), with a bonus for
figures when the question asks for a number and a small preference for higher-ranked
passages. The best few sentences are quoted together with the rest of the best course
passage, verbatim, grouped by passage in reading order, under a one-line lead. Measured on
the SME question set, quoting the whole best course passage raised the share of answers
that contain the gold span from 0.41 (best sentences only) to 0.73, at a median length of
about 850 characters (`bench/answers.py`).

Passages are split through a :class:`SentenceCache` shared with the composer: crfcut and newmm
run once per chunk, not once per question (they were 62% of an offline answer's time; see
``bench/sentence_cache.py``). Lines that are not statements (a FAQ entry's question, a glossary
entry's spellings, table headers, reference lists) are never quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.conversation.answerers.base import citation_for
from bot.conversation.answerers.sentences import SentenceCache
from bot.i18n import message
from bot.types import Answer, Citation, Turn
from ingestion import thai
from knowledge.passages import Passage

IdfFunction = Callable[[str], float]
_DIGIT = re.compile(r"\d")
_ANSWER_LABEL = "คำตอบ:"
_ASKS_NUMBER = re.compile(r"เท่า(?:ไร|ไหร่|ไร่|หร่)|กี่|how much|how many|what percent|%|เปอร์เซ็น", re.IGNORECASE)


@dataclass(frozen=True)
class _Sentence:
    passage: int
    position: int
    text: str
    tokens: frozenset[str]
    course: bool
    """From a course module (rather than a FAQ entry, glossary entry or schedule)."""


def content_tokens(text: str, stopwords: frozenset[str]) -> list[str]:
    """The words of ``text`` that carry its topic (no particles or question words)."""
    return [t for t in dict.fromkeys(thai.tokenize(text)) if t not in stopwords]


class ExtractiveAnswerer:
    """Quotes the sentences that best answer the question; ``support`` says how well they do."""

    mode = "extractive"

    def __init__(
        self,
        idf: IdfFunction | None = None,
        stopwords: frozenset[str] = frozenset(),
        language: str = "th",
        max_sentences: int = 4,
        max_chars: int = 1600,
        min_support: float = 0.2,
        cache: SentenceCache | None = None,
    ) -> None:
        """``cache``: the sentence cache to split passages through (a private one when ``None``)."""
        self._idf = idf or (lambda _token: 1.0)
        self._stopwords = stopwords
        self._language = language
        self._max_sentences = max_sentences
        self._max_chars = max_chars
        self._min_support = min_support
        self._cache = cache if cache is not None else SentenceCache()

    def answer(self, question: str, passages: list[Passage], history: list[Turn]) -> Answer:
        """Quote the best sentences of ``passages``; ``history`` is not needed offline."""
        wanted = content_tokens(question, self._stopwords)
        weights = {t: self._idf(t) for t in wanted}
        total = sum(weights.values())
        sentences = self._sentences(passages)
        if not sentences or total <= 0:
            return Answer("", [], 0.0, supported=False, mode=self.mode)
        asks_number = bool(_ASKS_NUMBER.search(question))
        scored = []
        for s in sentences:
            coverage = sum(w for t, w in weights.items() if t in s.tokens) / total
            bonus = 0.15 if asks_number and _DIGIT.search(s.text) else 0.0
            prior = 0.08 / (1 + s.passage)
            scored.append((coverage + bonus + prior, coverage, s))
        scored.sort(key=lambda item: -item[0])
        best_score, best_coverage, _ = scored[0]
        chosen: list[_Sentence] = []
        for score, _coverage, sentence in scored:
            if len(chosen) == self._max_sentences or score < 0.5 * best_score:
                break
            if any(_similar(sentence, other) for other in chosen):
                continue
            if sum(len(c.text) for c in chosen) + len(sentence.text) > self._max_chars and chosen:
                continue
            chosen.append(sentence)
        # The best course passage is what the user studies: it is quoted whole (in reading
        # order, without repeating what is already quoted), so the answer reads as course text
        # and keeps the context around the best sentences.
        course = next((i for i, p in enumerate(passages) if p.chunk.kind == "course"), None)
        for sentence in sentences:
            if sentence.passage != course or sentence in chosen:
                continue
            if sum(len(c.text) for c in chosen) + len(sentence.text) > self._max_chars:
                break
            if not any(_similar(sentence, other) for other in chosen):
                chosen.append(sentence)
        chosen = self._with_list_items(chosen, sentences)
        # Passages in the order of their best sentence; sentences in reading order within each.
        used = list(dict.fromkeys(c.passage for c in chosen))
        chosen.sort(key=lambda c: (used.index(c.passage), c.position))
        # Two chunks of the same page of the same file are one source to the reader.
        citations: list[Citation] = list(dict.fromkeys(citation_for(passages[i]) for i in used))
        lead = self._lead(passages[used[0]])
        body = "\n".join(c.text for c in chosen)
        supported = best_coverage >= self._min_support
        return Answer(f"{lead}\n{body}", citations, round(best_coverage, 4), supported=supported, mode=self.mode)

    def _sentences(self, passages: list[Passage]) -> list[_Sentence]:
        out: list[_Sentence] = []
        for index, passage in enumerate(passages):
            for sentence in self._cache.sentences(passage.chunk):
                if not sentence.kind.shown:
                    continue  # a FAQ question, a glossary entry's spellings, a table header, a reference
                text = sentence.raw.strip().removeprefix(_ANSWER_LABEL).strip()
                if sentence.tokens:
                    course = passage.chunk.kind == "course"
                    out.append(_Sentence(index, sentence.position, text, frozenset(sentence.tokens), course))
        return out

    def _with_list_items(self, chosen: list[_Sentence], sentences: list[_Sentence]) -> list[_Sentence]:
        """A chosen sentence that introduces a list (ends with ':') brings the list's first items."""
        extra: list[_Sentence] = []
        for sentence in chosen:
            if sentence.text.rstrip().endswith(":"):
                following = [
                    s
                    for s in sentences
                    if s.passage == sentence.passage and sentence.position < s.position <= sentence.position + 3
                ]
                extra.extend(s for s in following if s not in chosen and s not in extra)
        return chosen + extra

    def _lead(self, passage: Passage) -> str:
        chunk = passage.chunk
        if chunk.week is not None:
            return message("answer.lead_week", self._language, week=chunk.week, title=chunk.title)
        return message("answer.lead", self._language, title=chunk.title)


def _similar(a: _Sentence, b: _Sentence) -> bool:
    """Near-duplicates (the same sentence from a module and its PDF rendering, or an overlap)."""
    if not a.tokens or not b.tokens:
        return False
    return len(a.tokens & b.tokens) / len(a.tokens | b.tokens) >= 0.8
