"""The conversation engine: one message in, replies out, whatever the channel.

It keeps the conversation in the database, answers greetings and requests for a person
without retrieval, retrieves course passages for questions, and either answers with
sources, asks the user to be more specific, or offers to pass the question to a mentor.
It never sends anything itself; channels render and deliver the replies.

Hand-off to mentors (a ticket through :class:`bot.mentoring.TicketService`) happens when:

- the user accepts the offer (``escalate:yes``), asks for a person ("ขอคุยกับพี่เลี้ยง",
  ``/mentor``), or
- gives negative feedback twice in a row after an answer: the first "ไม่ตรง/ไม่ใช่/ไม่ช่วย"
  gets an apology and the offer; a second one right after it hands the question over.

A message after a mentor's answer reopens that ticket only when it clearly continues it:
the user pressed "ยังไม่หาย/ถามต่อ" under the answer and then typed, or names the ticket
(``T-0042``), or replies straight after the answer (nothing in between) with a follow-up
("แล้วถ้า...", "ยังไม่เข้าใจ", negative feedback); and only within the follow-up window
after the answer. Anything else is a new question, answered from the course material.

Personal data (:mod:`bot.privacy`): on LINE, Telegram and the web chat nothing of a message
is stored until the user has agreed to the privacy notice; the notice's buttons, ``/privacy``,
``/mydata`` and ``/forget`` are answered whatever the user's choice.

Limits at the front door (:mod:`bot.limits`, when given): a message over the user's rate is
not processed; the first one refused gets the friendly notice and further ones within the
wait that notice announced get no reply at all (a notice per extra message would itself be
the flood). A question while the same user's previous one is still being answered gets the
"still answering" notice.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from bot.conversation.answerers.base import Answerer
from bot.conversation.answerers.extractive import content_tokens
from bot.conversation.followups import enrich_follow_up, is_follow_up, shorten
from bot.conversation.intents import Intent, detect
from bot.conversation.policy import AnswerPolicy, Decision
from bot.i18n import message
from bot.limits import Limits, answer_slot, busy_notice, too_fast_notice
from bot.mentoring.numbers import find_ticket_number
from bot.mentoring.outbox import Outbox
from bot.mentoring.tickets import (
    DONE_PREFIX,
    MENTOR_MODE,
    MORE_PREFIX,
    TicketAttempt,
    TicketContext,
    TicketRecord,
    TicketService,
    TicketStatus,
)
from bot.observability.metrics import count_escalation, count_limited, observe_answer
from bot.privacy import PRIVACY_ACTIONS, PrivacyDesk, PrivacyService, privacy_command
from bot.storage import ConversationRepository
from bot.types import (
    Answer,
    EscalationNotice,
    IncomingMessage,
    QuickOption,
    QuickReplies,
    Reply,
    SourceList,
    TextReply,
    Turn,
)
from ingestion import thai
from knowledge.passages import Passage, RetrievalResult
from knowledge.retriever import HybridRetriever

ACCEPT_ESCALATION = "escalate:yes"
DECLINE_ESCALATION = "escalate:no"
TOPIC_PREFIX = "topic:"
Condenser = Callable[[str, list[Turn]], str]
NEGATIVE_OFFER_MODE = "negative_offer"
"""``messages.mode`` of the apology-and-offer after a first negative feedback."""
FOLLOW_UP_PROMPT_MODE = "ticket_prompt"
"""``messages.mode`` of "type what is still unclear about T-0042" (after the "ask more" button)."""
_ANSWER_MODES = frozenset({"extractive", "llm", MENTOR_MODE})
_CONTINUES = re.compile(r"^(ยังไม่|ถามต่อ|ขอถามต่อ|ขอถามเพิ่ม|ถามเพิ่ม|เพิ่มเติม|แล้วถ้า|แล้วก็|still|follow.?up|one more)")


@dataclass(frozen=True)
class Outcome:
    """What the engine did with a question, for the command line, tests and benchmarks."""

    replies: list[Reply]
    decision: Decision | None = None
    answer: Answer | None = None
    retrieval: RetrievalResult | None = None
    intent: Intent = Intent.QUESTION
    limited: str | None = None
    """``rate`` or ``busy`` when a limit stopped the message (see the module docstring)."""
    privacy: bool = False
    """The message was about personal data, or was met by the privacy notice instead of an answer."""


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
        tickets: TicketService | None = None,
        answer_within_hours: int = 24,
        limits: Limits | None = None,
        privacy: PrivacyDesk | None = None,
    ) -> None:
        """``limits``: the abuse limits (none when ``None``); ``privacy``: consent and data rights (a default desk)."""
        self._retriever = retriever
        self._answerer = answerer
        self._repository = repository
        self._policy = policy
        self._stopwords = stopwords
        self._condense = condense
        self._passages = passages
        self._history_turns = history_turns
        self._max_chars = max_message_chars
        self._tickets = tickets or TicketService(repository.database, Outbox(repository.database))
        self._answer_within_hours = answer_within_hours
        self._limits = limits
        self._privacy = privacy or PrivacyDesk(repository, PrivacyService(repository.database))

    @property
    def tickets(self) -> TicketService:
        """Where hand-offs to mentors go."""
        return self._tickets

    @property
    def privacy(self) -> PrivacyDesk:
        """Consent, ``/mydata`` and ``/forget``."""
        return self._privacy

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
        """The language a user wants replies in (Thai until they choose); reading it stores nothing.

        Read-only so that a channel asking after ``/forget`` does not bring the user's row back.
        """
        user = self._repository.find_user(channel, user_id)
        return user.language if user is not None else "th"

    def handle(self, incoming: IncomingMessage) -> list[Reply]:
        """Replies to one message."""
        return self.process(incoming).replies

    def process(self, incoming: IncomingMessage) -> Outcome:
        """Like :meth:`handle`, with what was decided and why."""
        refused = self._over_rate(incoming)
        if refused is not None:
            return refused
        # No display name yet: it is stored only once the user has agreed to the notice.
        user = self._repository.touch_user(incoming.channel, incoming.user_id)
        language = user.language
        text = thai.normalize(incoming.text)
        if incoming.action in PRIVACY_ACTIONS:
            return Outcome(self._privacy.act(incoming.action, user, language), privacy=True)
        command = None if incoming.action else privacy_command(text)
        if command is not None:
            return Outcome(self._privacy.command(command, user, language), privacy=True)
        if not self._privacy.consented(user):
            return Outcome(self._privacy.gate(user, language), privacy=True)
        if incoming.display_name is not None and incoming.display_name != user.display_name:
            self._repository.touch_user(incoming.channel, incoming.user_id, incoming.display_name)
        conversation = self._repository.active_conversation(user.id)
        key = _limit_key(incoming.channel, incoming.user_id)
        turn = _Turn(user.id, conversation, language, incoming.chat_id, incoming.channel, key)
        if incoming.action:
            if incoming.action.startswith(TOPIC_PREFIX):
                return self._guarded_question(incoming.action.removeprefix(TOPIC_PREFIX), turn)
            return Outcome(self._action(incoming.action, turn))
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
        if intent is Intent.STATUS:
            return Outcome(self._status(turn), intent=intent)
        if intent is Intent.HUMAN:
            # "ขอคุยกับพี่เลี้ยงเรื่องขายไฟคืน" carries its own question; a bare request refers to the last one.
            own = text if len(content_tokens(text, self._stopwords)) >= 4 else None
            self._repository.add_user_message(conversation, text)
            replies = self._escalate(turn, own)
            return Outcome(replies, Decision.ESCALATE, intent=intent)
        reopened = self._reopen(text, intent, turn)
        if reopened is not None:
            return Outcome(reopened, Decision.ESCALATE, intent=intent)
        if intent is Intent.NEGATIVE:
            return self._negative(text, turn)
        return self._guarded_question(text, turn)

    def _over_rate(self, incoming: IncomingMessage) -> Outcome | None:
        """``None`` when the message is within the user's rate; else the notice (once per wait) or silence."""
        if self._limits is None:
            return None
        key = _limit_key(incoming.channel, incoming.user_id)
        verdict = self._limits.messages.allow(key)
        if verdict.allowed:
            return None
        count_limited(incoming.channel, "rate")
        # One notice per window: the first refusal remembers itself for as long as the wait it
        # announces (shared through Redis), so a flood gets one polite line, not one per message.
        wait = max(1, math.ceil(verdict.retry_after_seconds))
        if not self._limits.seen.first_time("limits", f"rate-notice:{key}", wait):
            return Outcome([], limited="rate")
        # Read-only: a refused message writes nothing, not even "last seen".
        user = self._repository.find_user(incoming.channel, incoming.user_id)
        language = user.language if user is not None else "th"
        return Outcome([TextReply(too_fast_notice(verdict.retry_after_seconds, language))], limited="rate")

    def _guarded_question(self, text: str, turn: _Turn) -> Outcome:
        """A question answered inside one of the user's answer slots, timed for the metrics."""
        with self._slot(turn.limit_key) as free:
            if not free:
                count_limited(turn.channel, "busy")
                return Outcome([TextReply(busy_notice(turn.language))], limited="busy")
            started = time.perf_counter()
            outcome = self._question(text, turn.user_id, turn.conversation, turn.language)
            decision = outcome.decision.value if outcome.decision else "other"
            confidence = outcome.retrieval.confidence if outcome.retrieval else None
            observe_answer(time.perf_counter() - started, confidence, decision)
            return outcome

    @contextmanager
    def _slot(self, key: str) -> Iterator[bool]:
        """One of ``key``'s answer slots (always free without limits)."""
        if self._limits is None:
            yield True
            return
        with answer_slot(self._limits.answers, key) as free:
            yield free

    def _status(self, turn: _Turn) -> list[Reply]:
        """The user's tickets that are not closed, each with its state in plain words."""
        tickets = self._tickets.open_tickets_of_user(turn.user_id)
        if not tickets:
            return [TextReply(message("ticket.status_none", turn.language))]
        lines = [message("ticket.status_header", turn.language)]
        for ticket in tickets[-5:]:
            status = message(f"ticket.status.{ticket.status}", turn.language, mentor=ticket.assignee_name or "")
            question = ticket.question if len(ticket.question) <= 80 else ticket.question[:79] + "…"
            lines.append(
                message(
                    "ticket.status_line", turn.language, reference=ticket.reference, status=status, question=question
                )
            )
        return [TextReply("\n".join(lines))]

    def _reopen(self, text: str, intent: Intent, turn: _Turn) -> list[Reply] | None:
        """Reopen an answered ticket when this message clearly continues it (rules in the module docstring)."""
        last = self._repository.last_assistant_message(turn.conversation)
        number = find_ticket_number(text)
        target: TicketRecord | None = None
        if last is not None and last.mode == FOLLOW_UP_PROMPT_MODE:
            target = self._ticket_named_in(last.text, turn.user_id)
        elif number is not None:
            target = self._ticket_of_user(number, turn.user_id)
        elif last is not None and last.mode == MENTOR_MODE:
            continues = intent is Intent.NEGATIVE or is_follow_up(text) or bool(_CONTINUES.match(text.lower()))
            target = self._ticket_named_in(last.text, turn.user_id) if continues else None
        if target is None or target.status != TicketStatus.ANSWERED:
            return None
        reopened = self._tickets.reopen_on_follow_up(turn.user_id, text, target.id)
        if reopened is None:
            return None  # answered too long ago: a new question
        self._repository.add_user_message(turn.conversation, text)
        reply = message("ticket.reopened", turn.language, reference=reopened.reference)
        self._repository.add_assistant_message(turn.conversation, reply, None, "ticket", [], True)
        return [EscalationNotice(reply, reopened.reference)]

    def _negative(self, text: str, turn: _Turn) -> Outcome:
        """First "ไม่ตรง" after an answer: apologise and offer a mentor; a second in a row: hand it over."""
        last = self._repository.last_assistant_message(turn.conversation)
        self._repository.add_user_message(turn.conversation, text)
        if last is not None and last.mode == NEGATIVE_OFFER_MODE:
            return Outcome(self._escalate(turn), Decision.ESCALATE, intent=Intent.NEGATIVE)
        if last is None or last.mode not in _ANSWER_MODES:
            return Outcome([TextReply(message("chat.negative_nothing", turn.language))], intent=Intent.NEGATIVE)
        offer = QuickReplies(message("chat.negative_offer", turn.language), self._offer_options(turn.language))
        self._repository.add_assistant_message(turn.conversation, offer.text, None, NEGATIVE_OFFER_MODE, [], True)
        return Outcome([offer], Decision.ESCALATE, intent=Intent.NEGATIVE)

    def _ticket_named_in(self, text: str, user_id: int) -> TicketRecord | None:
        number = find_ticket_number(text)
        return None if number is None else self._ticket_of_user(number, user_id)

    def _ticket_of_user(self, number: int, user_id: int) -> TicketRecord | None:
        ticket = self._tickets.by_number(number)
        return ticket if ticket is not None and ticket.user_id == user_id else None

    @staticmethod
    def _offer_options(language: str) -> tuple[QuickOption, ...]:
        return (
            QuickOption(message("chat.escalate_yes", language), ACCEPT_ESCALATION),
            QuickOption(message("chat.escalate_no", language), DECLINE_ESCALATION),
        )

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
            offer = QuickReplies(message("chat.not_covered", language), self._offer_options(language))
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

    def _action(self, action: str, turn: _Turn) -> list[Reply]:
        language = turn.language
        if action == ACCEPT_ESCALATION:
            return self._escalate(turn)
        if action == DECLINE_ESCALATION:
            return [TextReply(message("chat.escalate_declined", language))]
        if action.startswith((MORE_PREFIX, DONE_PREFIX)):
            return self._ticket_button(action, turn)
        return [TextReply(message("chat.help", language))]

    def _ticket_button(self, action: str, turn: _Turn) -> list[Reply]:
        """The buttons under a mentor's answer: "ask more" (the next message reopens) or "got it" (close)."""
        prefix = MORE_PREFIX if action.startswith(MORE_PREFIX) else DONE_PREFIX
        ticket_id = action.removeprefix(prefix)
        ticket = self._tickets.get(int(ticket_id)) if ticket_id.isdigit() else None
        if ticket is None or ticket.user_id != turn.user_id:
            return [TextReply(message("ticket.unknown", turn.language))]
        if prefix == DONE_PREFIX:
            if ticket.status != TicketStatus.CLOSED:
                self._tickets.close(ticket.id, f"user:{turn.user_id}")
            return [TextReply(message("ticket.closed_by_user", turn.language, reference=ticket.reference))]
        prompt = message("ticket.ask_follow_up", turn.language, reference=ticket.reference)
        self._repository.add_assistant_message(turn.conversation, prompt, None, FOLLOW_UP_PROMPT_MODE, [], False)
        return [TextReply(prompt)]

    def _escalate(self, turn: _Turn, question: str | None = None) -> list[Reply]:
        """Hand the question (``question``, or the user's latest one) to the mentors as a ticket."""
        turns = self._repository.recent_turns(turn.conversation, self._history_turns)
        if question is None:
            asked = [t.text for t in turns if t.role == "user" and detect(t.text) is Intent.QUESTION]
            question = asked[-1] if asked else None
        if question is None:
            return [TextReply(message("chat.nothing_to_escalate", turn.language))]
        passages = self._retriever.retrieve(question, k=self._passages).passages
        context = TicketContext.of(turns, passages, _attempt_after(turns, question))
        ticket, created = self._tickets.create_or_attach(
            turn.user_id, turn.conversation, question, context, routing_tags(passages), chat_id=turn.chat_id
        )
        if created:
            count_escalation(turn.channel)
            text = message(
                "ticket.escalated", turn.language, reference=ticket.reference, hours=self._answer_within_hours
            )
        else:
            text = message("ticket.attached", turn.language, reference=ticket.reference)
        self._repository.add_assistant_message(turn.conversation, text, None, "ticket", [], True)
        return [EscalationNotice(text, ticket.reference)]


@dataclass(frozen=True)
class _Turn:
    """Who is talking, in which conversation and language, and where (a group chat, or ``None``)."""

    user_id: int
    conversation: int
    language: str
    chat_id: str | None
    channel: str = "cli"
    limit_key: str = ""
    """Whose limits apply (:func:`_limit_key`)."""


def _limit_key(channel: str, platform_user_id: str) -> str:
    """The key of a user's rate and answer slots (the limits hash it before storing)."""
    return f"{channel}:{platform_user_id}"


def routing_tags(passages: Sequence[Passage], limit: int = 8) -> list[str]:
    """Tags for routing a ticket to the right mentors: ``module:3``, ``week:3`` and the topics of the top passages."""
    tags: list[str] = []
    for passage in passages[:3]:
        chunk = passage.chunk
        if chunk.module is not None:
            tags.append(f"module:{chunk.module}")
        if chunk.week is not None:
            tags.append(f"week:{chunk.week}")
        tags.extend(chunk.topics)
    return list(dict.fromkeys(tags))[:limit]


_CANNED = frozenset(message(key, language) for key in ("chat.not_covered", "chat.clarify") for language in ("th", "en"))


def _attempt_after(turns: Sequence[Turn], question: str) -> TicketAttempt | None:
    """What the assistant said to ``question`` (the message after it), unless it only offered a mentor."""
    for index, turn in enumerate(turns):
        if turn.role == "user" and turn.text == question:
            following = turns[index + 1] if index + 1 < len(turns) else None
            if following is not None and following.role == "assistant" and following.text not in _CANNED:
                return TicketAttempt(following.text)
    return None
