"""The conversation engine: one message in, replies out, whatever the channel.

It keeps the conversation in the database, answers greetings and requests for a person
without retrieval, retrieves course passages for questions, and either answers with
sources, asks the user to be more specific, or offers to pass the question to a mentor.
It never sends anything itself; channels render and deliver the replies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.answerers.base import Answerer, Turn
from bot.answerers.extractive import content_tokens
from bot.followups import enrich_follow_up, shorten
from bot.i18n import message
from bot.intents import Intent, detect
from bot.policy import AnswerPolicy, Decision
from bot.storage import ConversationRepository
from bot.storage.repository import escalation_context
from bot.types import Answer, EscalationNotice, IncomingMessage, QuickOption, QuickReplies, Reply, SourceList, TextReply
from ingestion import thai
from knowledge.passages import RetrievalResult
from knowledge.retriever import HybridRetriever

ACCEPT_ESCALATION = "escalate:yes"
DECLINE_ESCALATION = "escalate:no"
TOPIC_PREFIX = "topic:"
Condenser = Callable[[str, list[Turn]], str]


@dataclass(frozen=True)
class Outcome:
    """What the engine did with a question, for the command line, tests and benchmarks."""

    replies: list[Reply]
    decision: Decision | None = None
    answer: Answer | None = None
    retrieval: RetrievalResult | None = None
    intent: Intent = Intent.QUESTION


class ConversationEngine:
    """``handle(IncomingMessage) -> list[Reply]``; channel-agnostic and stateless between calls."""

    def __init__(
        self,
        retriever: HybridRetriever,
        answerer: Answerer,
        repository: ConversationRepository,
        policy: AnswerPolicy,
        stopwords: frozenset[str] = frozenset(),
        condense: Condenser | None = None,
        passages: int = 5,
        history_turns: int = 6,
        max_message_chars: int = 2000,
    ) -> None:
        self._retriever = retriever
        self._answerer = answerer
        self._repository = repository
        self._policy = policy
        self._stopwords = stopwords
        self._condense = condense
        self._passages = passages
        self._history_turns = history_turns
        self._max_chars = max_message_chars

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever questions go through."""
        return self._retriever

    @property
    def answerer(self) -> Answerer:
        """The answerer that writes answers."""
        return self._answerer

    def set_language(self, channel: str, user_id: str, language: str) -> None:
        """Store the language (``th`` or ``en``) a user wants replies in."""
        if language not in ("th", "en"):
            raise ValueError(f"unsupported language {language!r}: use th or en")
        user = self._repository.touch_user(channel, user_id)
        self._repository.set_language(user.id, "th" if language == "th" else "en")

    def language_of(self, channel: str, user_id: str) -> str:
        """The language a user wants replies in (Thai until they choose)."""
        return self._repository.user_language(self._repository.touch_user(channel, user_id).id)

    def handle(self, incoming: IncomingMessage) -> list[Reply]:
        """Replies to one message."""
        return self.process(incoming).replies

    def process(self, incoming: IncomingMessage) -> Outcome:
        """Like :meth:`handle`, with what was decided and why."""
        user = self._repository.touch_user(incoming.channel, incoming.user_id, incoming.display_name)
        language = self._repository.user_language(user.id)
        conversation = self._repository.active_conversation(user.id)
        if incoming.action:
            return Outcome(self._action(incoming.action, user.id, conversation, language))
        text = thai.normalize(incoming.text)
        intent = detect(text)
        simple = {
            Intent.EMPTY: "chat.empty",
            Intent.GREETING: "chat.greeting",
            Intent.THANKS: "chat.thanks",
            Intent.HELP: "chat.help",
            Intent.CHATTER: "chat.chatter",
        }
        if intent in simple:
            return Outcome([TextReply(message(simple[intent], language))], intent=intent)
        if intent is Intent.RESET:
            self._repository.reset(user.id)
            return Outcome([TextReply(message("chat.reset", language))], intent=intent)
        if intent is Intent.HUMAN:
            # "ขอคุยกับพี่เลี้ยงเรื่องขายไฟคืน" carries its own question; a bare request refers to the last one.
            own = text if len(content_tokens(text, self._stopwords)) >= 4 else None
            self._repository.add_user_message(conversation, text)
            replies = self._escalate(user.id, conversation, language, own)
            return Outcome(replies, Decision.ESCALATE, intent=intent)
        return self._question(text, user.id, conversation, language)

    def _question(self, text: str, user_id: int, conversation: int, language: str) -> Outcome:
        question, shortened = shorten(text, self._max_chars)
        history = self._repository.recent_turns(conversation, self._history_turns)
        self._repository.add_user_message(conversation, question)
        standalone = self._condense(question, history) if self._condense else enrich_follow_up(question, history)
        result = self._retriever.retrieve(standalone, k=self._passages)
        words = len(content_tokens(standalone, self._stopwords))
        decision = self._policy.decide(words, result, None)
        answer = None
        if decision is Decision.ANSWER:
            answer = self._answerer.answer(standalone, result.passages, history)
            decision = self._policy.decide(words, result, answer)
        prefix: list[Reply] = [TextReply(message("chat.shortened", language))] if shortened else []
        if decision is Decision.CLARIFY:
            replies = [*prefix, self._clarify(result, language)]
            self._repository.add_assistant_message(
                conversation, message("chat.clarify", language), result.confidence, None, [], False
            )
            return Outcome(replies, decision, None, result)
        if decision is Decision.ESCALATE:
            offer = QuickReplies(
                message("chat.not_covered", language),
                (
                    QuickOption(message("chat.escalate_yes", language), ACCEPT_ESCALATION),
                    QuickOption(message("chat.escalate_no", language), DECLINE_ESCALATION),
                ),
            )
            self._repository.add_assistant_message(
                conversation, offer.text, result.confidence, answer.mode if answer else None, [], True
            )
            return Outcome([*prefix, offer], decision, answer, result)
        assert answer is not None
        body = f"{answer.text}\n\n{answer.note}" if answer.note else answer.text
        self._repository.add_assistant_message(
            conversation, answer.text, result.confidence, answer.mode, answer.citations, False
        )
        replies = [*prefix, TextReply(body), SourceList(tuple(answer.citations))]
        return Outcome(replies, decision, answer, result)

    def _clarify(self, result: RetrievalResult, language: str) -> QuickReplies:
        titles = list(dict.fromkeys(p.chunk.title for p in result.passages))[:3]
        options = tuple(QuickOption(title[:20], f"{TOPIC_PREFIX}{title}") for title in titles)
        return QuickReplies(message("chat.clarify", language), options)

    def _action(self, action: str, user_id: int, conversation: int, language: str) -> list[Reply]:
        if action == ACCEPT_ESCALATION:
            return self._escalate(user_id, conversation, language)
        if action == DECLINE_ESCALATION:
            return [TextReply(message("chat.escalate_declined", language))]
        if action.startswith(TOPIC_PREFIX):
            return self._question(action.removeprefix(TOPIC_PREFIX), user_id, conversation, language).replies
        return [TextReply(message("chat.help", language))]

    def _escalate(self, user_id: int, conversation: int, language: str, question: str | None = None) -> list[Reply]:
        turns = self._repository.recent_turns(conversation, self._history_turns)
        if question is None:
            asked = [t.text for t in turns if t.role == "user" and detect(t.text) is Intent.QUESTION]
            question = asked[-1] if asked else None
        if question is None:
            return [TextReply(message("chat.nothing_to_escalate", language))]
        passages = self._retriever.retrieve(question, k=self._passages).passages
        request = self._repository.create_escalation(
            user_id, conversation, question, escalation_context(turns, passages, None)
        )
        reference = f"R-{request:04d}"
        return [EscalationNotice(message("chat.escalated", language, reference=reference), reference)]
