"""A course question: made to stand alone, understood, retrieved, tiered, composed and recorded.

An over-long message is cut to its end first (people put the question last); a short
follow-up borrows the previous question (or the LLM rewrites it, ``condense``) so that
retrieval keeps the topic. The text is then read the way owners type it
(:mod:`~bot.conversation.understanding`: spellings, English terms, spacing) and retrieved with
that reading. A message that turns out to be off-topic once retrieval is known gets the
off-topic act. Otherwise the :class:`~bot.conversation.respond.Responder` decides the tier
(answered, partial, not covered) and composes the reply: the fact first, at most three points,
human source titles; a partial or uncovered question gets the mentor offer, never an invented
answer. The composed ``more`` is not stored: "อ่านเพิ่ม" composes the last question again
(deterministic offline), so nothing extra is kept about the user.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from bot.conversation.acts import act_reply
from bot.conversation.answerers.base import Answerer
from bot.conversation.answerers.extractive import content_tokens
from bot.conversation.composer import ComposedAnswer
from bot.conversation.coverage import Tier
from bot.conversation.feedback import with_feedback
from bot.conversation.followups import enrich_follow_up, shorten
from bot.conversation.options import EngineOptions
from bot.conversation.policy import AnswerPolicy, Decision
from bot.conversation.replies import act_kind, clarify, mentor_buttons, more_offer, notice
from bot.conversation.respond import Responder
from bot.conversation.turn import Outcome
from bot.i18n.conversation import conversation_message
from bot.observability.metrics import observe_answer
from bot.storage import ConversationRepository
from bot.types import Answer, QuickReplies, Reply, SourceList, TextReply, Turn
from knowledge.passages import RetrievalResult
from knowledge.retriever import HybridRetriever

Condenser = Callable[[str, list[Turn]], str]
"""``(question, history) -> standalone question``: the LLM's rewrite of a follow-up."""

_DECISION = {Tier.ANSWERED: Decision.ANSWER, Tier.PARTIAL: Decision.ANSWER, Tier.NOT_COVERED: Decision.ESCALATE}


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
        responder: Responder | None = None,
    ) -> None:
        """``condense``: rewrite follow-ups with the LLM; ``responder``: built over the index when not given."""
        self._retriever = retriever
        self._answerer = answerer
        self._repository = repository
        self._policy = policy
        self._options = options
        self._condense = condense
        self._responder = responder or Responder.over(retriever.index)

    @property
    def responder(self) -> Responder:
        """Understanding, acts, tiers and composition, built once."""
        return self._responder

    def answer(self, text: str, conversation: int, language: str) -> Outcome:
        """The outcome of the question ``text`` in ``conversation``, timed for the metrics."""
        started = time.perf_counter()
        outcome = self._answer(text, conversation, language)
        decision = outcome.decision.value if outcome.decision else "other"
        confidence = outcome.retrieval.confidence if outcome.retrieval else None
        observe_answer(time.perf_counter() - started, confidence, decision)
        return outcome

    def more(self, conversation: int, language: str, turn: int | None = None, user_id: int | None = None) -> Outcome:
        """The details of an answer ("อ่านเพิ่ม"): its question composed again, its ``more`` part.

        ``turn`` is the question the button was shown under (the user's own, ``user_id``): pressed after a
        later question, it still gives the details of its own. Without a turn (typed, or an old button),
        the last question.
        """
        composed = None
        if turn is not None:
            own = self._repository.own_message(turn, user_id) if user_id is not None else None
            if own is None:
                return Outcome([notice("button.expired", language)], kind="more")
            history = self._repository.turns_through(turn, self._options.history_turns + 1, replies=0)[:-1]
            composed, _, _, _ = self._compose(own.text, history, language)
        elif (question := self._repository.last_user_question(conversation)) is not None:
            history = self._repository.recent_turns(conversation, self._options.history_turns)
            composed, _, _, _ = self._compose(question, history, language)
        if composed is None or not composed.more:
            return Outcome([TextReply(conversation_message("answer.no_more", language))], kind="more")
        return Outcome([TextReply(composed.more)], kind="more", coverage=composed.coverage.tier.value)

    def _answer(self, text: str, conversation: int, language: str) -> Outcome:
        question, shortened = shorten(text, self._options.max_message_chars)
        history = self._repository.recent_turns(conversation, self._options.history_turns)
        # The stored question's id is this turn's id: every button of the reply carries it.
        turn = self._repository.add_user_message(conversation, question)
        prefix: list[Reply] = [notice("chat.shortened", language)] if shortened else []
        composed, result, outcome, produced = self._compose(question, history, language, turn)
        if outcome is not None:
            said = _text(outcome.replies)
            self._repository.add_assistant_message(conversation, said, result.confidence, outcome.kind, [], False)
            return Outcome([*prefix, *outcome.replies], outcome.decision, None, result, kind=outcome.kind)
        assert composed is not None
        tier = composed.coverage.tier
        decision = _DECISION[tier]
        # The mode of what was said: an LLM that failed fell back to the offline answer.
        mode = produced.mode if produced is not None else "extractive"
        # With its tier and the sources shown: a ticket made from it later says exactly what the SME got.
        shown = list(composed.citations) if tier is not Tier.NOT_COVERED else []
        answer_id = self._repository.add_assistant_message(
            conversation, composed.text, result.confidence, mode, shown, tier is Tier.NOT_COVERED, tier.value
        )
        replies: list[Reply] = [*prefix, TextReply(composed.text)]
        if composed.citations and tier is not Tier.NOT_COVERED:
            replies.append(SourceList(composed.citations))
        buttons: QuickReplies | None = None
        if composed.offer_mentor:
            buttons = mentor_buttons(composed.mentor_prompt, language, turn)
        elif composed.more:
            buttons = more_offer(language, turn)
        if self._options.feedback and tier is not Tier.NOT_COVERED:
            # 👍 / 👎 under what was answered (an uncovered question has no answer to rate: it gets the mentor).
            buttons = with_feedback(buttons, answer_id, language)
        if buttons is not None:
            replies.append(buttons)
        # An LLM answer that quotes its calculator or schedule tools is that kind of answer, with the values.
        computed = produced if produced is not None and produced.kind and tier is not Tier.NOT_COVERED else None
        answer = Answer(
            composed.text, list(composed.citations), result.confidence, tier is not Tier.NOT_COVERED, mode,
            note=produced.note if produced else None,
            kind=computed.kind if computed else None, values=computed.values if computed else None,
        )  # fmt: skip
        kind = computed.kind if computed and computed.kind else "answer"
        values = dict(computed.values) if computed and computed.values else None
        return Outcome(replies, decision, answer, result, kind=kind, coverage=tier.value, values=values)

    def _compose(
        self, question: str, history: list[Turn], language: str, turn: int | None = None
    ) -> tuple[ComposedAnswer | None, RetrievalResult, Outcome | None, Answer | None]:
        """Retrieve and compose; an :class:`Outcome` instead when the question is off-topic or too vague."""
        standalone = self._condense(question, history) if self._condense else enrich_follow_up(question, history)
        understood = self._responder.understand(standalone)
        result = self._retriever.retrieve(understood.query or standalone, k=self._options.passages)
        act = self._responder.act(understood, result)
        if act is not None:
            return None, result, Outcome([TextReply(act_reply(act, language))], kind=act_kind(act)), None
        words = len(content_tokens(standalone, self._options.stopwords))
        if self._policy.decide(words, result, None) is Decision.CLARIFY:
            return None, result, Outcome([clarify(result, language, turn)], Decision.CLARIFY, kind="clarify"), None
        answer = None
        if self._answerer.mode != "extractive":
            answer = self._answerer.answer(standalone, result.passages, history)
        composed = self._responder.respond_to_question(understood, result, answer, language)
        if answer is not None and answer.note:
            composed = _with_note(composed, answer.note)
        return composed, result, None, answer


def _with_note(composed: ComposedAnswer, note: str) -> ComposedAnswer:
    """The answerer's remark (e.g. answered offline because the LLM failed) under the answer, once."""
    return replace(composed, text=f"{composed.text}\n\n{note}")


def _text(replies: list[Reply]) -> str:
    """What was said, for the conversation record (buttons and sources are not text)."""
    return "\n".join(r.text for r in replies if isinstance(r, TextReply | QuickReplies))
