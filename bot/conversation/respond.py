"""One call from the engine to a finished course answer: understanding, acts, tiers, composition.

Built once at start-up over the live index, then used for every message:

    responder = Responder.over(index)                   # lexicon, sentence cache, coverage model
    understood = responder.understand(text)             # before retrieval
    act = responder.act(understood)                     # greeting, thanks, refusal...: reply, done
    result = retriever.retrieve(understood.query, k=5)
    act = responder.act(understood, result)             # off-topic, now that retrieval is known
    composed = responder.respond_to_question(understood, result, answer, language)
    # composed.text, composed.more, composed.sources, composed.citations, composed.kind,
    # composed.offer_mentor, composed.mentor_prompt

``answer`` is what the configured answerer produced, or ``None``. Offline (``None`` or an
``extractive`` answer) the reply is composed from the ranked sentences, so the extractive
answerer need not run at all; an LLM answer keeps its own text (the prompt asks for the same
shape) and gets the tier, human sources and mentor offer from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.conversation.act_model import ActModel
from bot.conversation.acts import Act, detect_act
from bot.conversation.answerers.ranking import IdfFunction, Ranked, rank
from bot.conversation.answerers.sentences import Sentence, SentenceCache
from bot.conversation.composer import TOTAL_LIMIT, ComposedAnswer, clip, compose
from bot.conversation.coverage import Coverage, CoverageModel, Tier, Vocabulary
from bot.conversation.lexicon import Lexicon
from bot.conversation.understanding import Understood, understand
from bot.i18n.conversation import conversation_message
from bot.i18n.sources import source_title
from bot.types import Answer
from knowledge.index import KnowledgeIndex
from knowledge.passages import RetrievalResult


@dataclass(frozen=True)
class Responder:
    """Everything a course answer needs that is built once (see the module docstring)."""

    lexicon: Lexicon
    cache: SentenceCache
    idf: IdfFunction
    vocabulary: Vocabulary
    model: CoverageModel
    acts: ActModel | None = None

    @classmethod
    def over(
        cls, index: KnowledgeIndex, cache: SentenceCache | None = None, model: CoverageModel | None = None
    ) -> Responder:
        """A responder over the live index: its glossary, word statistics, the bundled tiers and the
        bundled act model (when the index was built with the embedder it was fitted on)."""
        return cls(
            Lexicon.build(index.glossary_terms()),
            cache if cache is not None else SentenceCache(),
            index.keyword.idf,
            index.keyword.document_frequency,
            model or CoverageModel.bundled(),
            ActModel.bundled(index.manifest.embedder_id),
        )

    def understand(self, text: str) -> Understood:
        """Read one message."""
        return understand(text, self.lexicon)

    def act(
        self,
        understood: Understood,
        retrieval: RetrievalResult | None = None,
        vector: Sequence[float] | None = None,
    ) -> Act | None:
        """The conversation act of a message, or ``None`` for a course question (``vector``: the
        query vector before retrieval, for the act model)."""
        return detect_act(understood, retrieval, self.acts, vector)

    def rank(self, understood: Understood, retrieval: RetrievalResult) -> list[Ranked]:
        """The showable sentences of the retrieved passages, best answer first."""
        return rank(understood, retrieval.passages, self.cache, self.idf)

    def coverage(self, understood: Understood, retrieval: RetrievalResult, ranked: Sequence[Ranked]) -> Coverage:
        """The tier of a question (answered, partial, not covered) with its signals."""
        return self.model.assess(understood, retrieval, ranked, self.cache, self.idf, self.vocabulary)

    def respond_to_question(
        self, understood: Understood, retrieval: RetrievalResult, answer: Answer | None, language: str = "th"
    ) -> ComposedAnswer:
        """The finished reply to a course question."""
        ranked = self.rank(understood, retrieval)
        coverage = self.coverage(understood, retrieval, ranked)
        if answer is not None and answer.mode != "extractive":
            return self._from_llm(answer, retrieval, coverage, language)
        sentences: dict[int, Sequence[Sentence]] = {
            i: self.cache.sentences(p.chunk) for i, p in enumerate(retrieval.passages)
        }
        return compose(understood, retrieval.passages, ranked, coverage, language, sentences)

    def _from_llm(
        self, answer: Answer, retrieval: RetrievalResult, coverage: Coverage, language: str
    ) -> ComposedAnswer:
        """An LLM answer keeps its words; "not in the material" or no citation means not covered."""
        prompt = conversation_message("answer.mentor_prompt", language)
        if not answer.supported or not answer.citations:
            coverage = replace(coverage, tier=Tier.NOT_COVERED)
            text = conversation_message("answer.not_covered", language)
            return ComposedAnswer(text, "", (), (), coverage, Tier.NOT_COVERED.value, True, prompt)
        by_source = {(p.chunk.source, p.chunk.page, p.chunk.slide): p.chunk for p in retrieval.passages}
        sources = tuple(
            dict.fromkeys(
                source_title(chunk, language)
                for c in answer.citations
                if (chunk := by_source.get((c.source, c.page, c.slide))) is not None
            )
        )
        text = clip(answer.text, TOTAL_LIMIT)
        partial = coverage.tier is not Tier.ANSWERED
        tier = Tier.PARTIAL if partial else Tier.ANSWERED
        return ComposedAnswer(
            text, answer.text if text != answer.text else "", tuple(answer.citations), sources,
            replace(coverage, tier=tier), tier.value, partial, prompt,
        )  # fmt: skip
