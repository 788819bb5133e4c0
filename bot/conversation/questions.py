"""A course question: made to stand alone, retrieved, decided on, answered, composed and recorded.

An over-long message is cut to its end first (people put the question last); a short
follow-up borrows the previous question (or the LLM rewrites it, ``condense``) so that
retrieval keeps the topic. The policy decides before the answerer runs and again after it,
because an answerer may find no support for what the retriever's confidence allowed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.conversation.answerers.base import Answerer
from bot.conversation.answerers.extractive import content_tokens
from bot.conversation.followups import enrich_follow_up, shorten
from bot.conversation.options import EngineOptions
from bot.conversation.policy import AnswerPolicy, Decision
from bot.conversation.replies import answer_replies, clarify, mentor_offer, notice
from bot.conversation.turn import Outcome
from bot.observability.metrics import observe_answer
from bot.storage import ConversationRepository
from bot.types import Reply, Turn
from knowledge.retriever import HybridRetriever

Condenser = Callable[[str, list[Turn]], str]
"""``(question, history) -> standalone question``: the LLM's rewrite of a follow-up."""


class CourseQuestions:
    """Answers questions from the course material and records each exchange in the conversation."""

    def __init__(
        self,
        retriever: HybridRetriever,
        answerer: Answerer,
        repository: ConversationRepository,
        policy: AnswerPolicy,
        options: EngineOptions,
        condense: Condenser | None = None,
    ) -> None:
        """``condense``: rewrite follow-ups with the LLM (offline: prefix the previous question)."""
        self._retriever = retriever
        self._answerer = answerer
        self._repository = repository
        self._policy = policy
        self._options = options
        self._condense = condense

    def answer(self, text: str, conversation: int, language: str) -> Outcome:
        """The outcome of the question ``text`` in ``conversation``, timed for the metrics."""
        started = time.perf_counter()
        outcome = self._answer(text, conversation, language)
        decision = outcome.decision.value if outcome.decision else "other"
        confidence = outcome.retrieval.confidence if outcome.retrieval else None
        observe_answer(time.perf_counter() - started, confidence, decision)
        return outcome

    def _answer(self, text: str, conversation: int, language: str) -> Outcome:
        question, shortened = shorten(text, self._options.max_message_chars)
        history = self._repository.recent_turns(conversation, self._options.history_turns)
        self._repository.add_user_message(conversation, question)
        standalone = self._condense(question, history) if self._condense else enrich_follow_up(question, history)
        result = self._retriever.retrieve(standalone, k=self._options.passages)
        words = len(content_tokens(standalone, self._options.stopwords))
        decision = self._policy.decide(words, result, None)
        answer = None
        if decision is Decision.ANSWER:
            answer = self._answerer.answer(standalone, result.passages, history)
            decision = self._policy.decide(words, result, answer)
        prefix: list[Reply] = [notice("chat.shortened", language)] if shortened else []
        if decision is Decision.CLARIFY:
            reply = clarify(result, language)
            self._repository.add_assistant_message(conversation, reply.text, result.confidence, None, [], False)
            return Outcome([*prefix, reply], decision, None, result)
        if decision is Decision.ESCALATE:
            offer = mentor_offer("chat.not_covered", language)
            self._repository.add_assistant_message(
                conversation, offer.text, result.confidence, answer.mode if answer else None, [], True
            )
            return Outcome([*prefix, offer], decision, answer, result)
        assert answer is not None  # the policy answers only once an answer exists
        self._repository.add_assistant_message(
            conversation, answer.text, result.confidence, answer.mode, answer.citations, False
        )
        return Outcome([*prefix, *answer_replies(answer)], decision, answer, result)
