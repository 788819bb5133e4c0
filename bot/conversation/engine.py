"""The conversation engine: one message in, replies out, whatever the channel.

One turn passes the limits at the front door (:mod:`~bot.conversation.frontdoor`) and the
privacy desk, then is a button (:mod:`~bot.conversation.actions`), a conversation act
answered without retrieval (:mod:`~bot.conversation.intents`), something for the mentors
(:mod:`~bot.conversation.handoff`) or a course question (:mod:`~bot.conversation.questions`,
its replies composed by :mod:`~bot.conversation.replies`). The engine keeps the conversation
in the database and never sends anything itself; channels render and deliver the replies.

Personal data (:mod:`bot.privacy`): on LINE, Telegram and the web chat nothing of a message
is stored until the user has agreed to the privacy notice, but for the latest question, held
briefly by the privacy desk and answered right after the consent confirmation; the notice's
buttons, ``/privacy``, ``/mydata`` and ``/forget`` are answered whatever the user's choice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.buttons import ButtonPayload
from bot.conversation.actions import press, topic_of
from bot.conversation.acts import JUDGED_BY_VECTOR, act_reply
from bot.conversation.answerers.base import Answerer
from bot.conversation.business import SKIP_BUSINESS, BusinessNames
from bot.conversation.coverage import Tier
from bot.conversation.feedback import FeedbackDesk, feedback_press
from bot.conversation.footprint import FOOTPRINT_ACTION, FootprintBook, footprint_command
from bot.conversation.frontdoor import FrontDoor, limit_key
from bot.conversation.handoff import MentorHandoff
from bot.conversation.intents import Intent, detect
from bot.conversation.options import EngineOptions
from bot.conversation.policy import AnswerPolicy, Decision
from bot.conversation.questions import Condenser, CourseQuestions
from bot.conversation.reminders import ReminderDesk
from bot.conversation.replies import (
    ACCEPT_ESCALATION,
    DECLINE_ESCALATION,
    MORE_ACTION,
    act_kind,
    mentor_buttons,
    notice,
)
from bot.conversation.tools.toolbox import Toolbox, ToolReply
from bot.conversation.turn import Outcome, TurnState
from bot.i18n.conversation import conversation_message
from bot.limits import Limits
from bot.mentoring.outbox import Outbox
from bot.mentoring.tickets import TicketService
from bot.privacy import CONSENT_YES, PRIVACY_ACTIONS, PrivacyDesk, PrivacyService, privacy_command, typed_consent
from bot.storage import ConversationRepository, Database, UserRecord
from bot.storage.feedback import FeedbackRepository
from bot.types import IncomingMessage, QuickReplies, Reply, TextReply
from ingestion import thai
from knowledge.retriever import HybridRetriever

# Importers (channels, the terminal, tests, bench/) know these by the engine's name.
__all__ = ["ACCEPT_ESCALATION", "DECLINE_ESCALATION", "Condenser", "ConversationEngine", "Outcome"]

_CONVERSATION_ACTS = {
    Intent.EMPTY: "chat.empty",
    Intent.GREETING: "chat.greeting",
    Intent.THANKS: "chat.thanks",
    Intent.HELP: "chat.help",
    Intent.CHATTER: "chat.chatter",
}
"""Intents answered with one catalogue message, without retrieval and without storing anything."""

_MORE = re.compile(
    r"(?:ขอ)?(?:อ่าน(?:ต่อ|เพิ่ม)|รายละเอียดเพิ่ม(?:เติม)?|more|read more|details?)(?:\s*(?:ครับ|ค่ะ|คะ|หน่อย|นะ))*"
)
"""A typed "อ่านเพิ่ม": the details of the last answer (the button sends :data:`MORE_ACTION`)."""


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
        tools: Toolbox | None = None,
        footprints: FootprintBook | None = None,
        reminders: ReminderDesk | None = None,
        feedback: bool = True,
    ) -> None:
        """``limits``: the abuse limits (none when ``None``); ``privacy``: consent and data rights (a default desk);
        ``tools``: the calculators and the schedule, tried before retrieval (none when ``None``);
        ``footprints``: where computed activities are kept and ``/footprint`` answered (none when ``None``);
        ``reminders``: session reminders' opt-in, offered after consent (none when ``None``);
        ``feedback``: put 👍 / 👎 under answers (presses of earlier buttons are recorded either way)."""
        self._retriever = retriever
        self._answerer = answerer
        self._repository = repository
        self._tickets = tickets or TicketService(repository.database, Outbox(repository.database))
        self._privacy = privacy or PrivacyDesk(repository, PrivacyService(repository.database))
        options = EngineOptions(
            stopwords=stopwords,
            passages=passages,
            history_turns=history_turns,
            max_message_chars=max_message_chars,
            answer_within_hours=answer_within_hours,
            feedback=feedback,
        )
        self._door = FrontDoor(limits, self.language_of)
        self._questions = CourseQuestions(retriever, answerer, repository, policy, options, condense)
        self._business = BusinessNames(repository)
        self._handoff = MentorHandoff(self._tickets, repository, retriever, options, self._business)
        self._tools = tools
        self._footprints = footprints
        self._reminders = reminders
        self._feedback = FeedbackDesk(FeedbackRepository(repository.database))

    @property
    def tickets(self) -> TicketService:
        """Where hand-offs to mentors go."""
        return self._tickets

    @property
    def database(self) -> Database:
        """The database the conversations are kept in (channels keep what belongs with them there too)."""
        return self._repository.database

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

    def keeping(self, channel: str, user_id: str) -> int | None:
        """The user's internal id when they agreed to the privacy notice (what they see may be kept), else ``None``.

        Read-only, like :meth:`language_of`: asking about someone who just ran ``/forget`` stores nothing.
        """
        user = self._repository.find_user(channel, user_id)
        return user.id if user is not None and self._privacy.consented(user) else None

    def wants_name(self, channel: str, user_id: str) -> bool:
        """Whether the user agreed to the privacy notice and their display name is not known yet (read-only).

        Channels whose events carry no name (LINE) ask the platform for it only then.
        """
        user = self._repository.find_user(channel, user_id)
        return user is not None and user.display_name is None and self._privacy.consented(user)

    def handle(self, incoming: IncomingMessage) -> list[Reply]:
        """Replies to one message."""
        return self.process(incoming).replies

    def process(self, incoming: IncomingMessage) -> Outcome:
        """Like :meth:`handle`, with what was decided and why."""
        key = limit_key(incoming.channel, incoming.user_id)
        refused = self._door.refuse(incoming, key)
        if refused is not None:
            return refused
        # No display name yet: it is stored only once the user has agreed to the notice.
        user = self._repository.touch_user(incoming.channel, incoming.user_id)
        language = user.language
        text = incoming.text  # normalised by the channel (IncomingMessage says so): not again here
        if incoming.action == CONSENT_YES:
            return self._agreed(incoming, user)
        if incoming.action in PRIVACY_ACTIONS:
            return Outcome(self._privacy.act(incoming.action, user, language), privacy=True)
        command = None if incoming.action else privacy_command(text)
        if command is not None:
            return Outcome(self._privacy.command(command, user, language), privacy=True)
        if not self._privacy.consented(user):
            folded = thai.fold_for_matching(text)
            if typed_consent(folded):
                # "ตกลงครับ" typed under the notice agrees to it, as the "ยินยอม" button does.
                return self._agreed(incoming, user)
            if not incoming.action and self._is_question(text, folded):
                self._privacy.hold(user, text)
            return Outcome(self._privacy.gate(user, language), privacy=True)
        return self._serve(incoming, user)

    def _agreed(self, incoming: IncomingMessage, user: UserRecord) -> Outcome:
        """Consent given: the confirmation, then the answer to the question held since the notice, if any."""
        confirmation, held = self._privacy.agree(user, user.language)
        if held is None:
            return Outcome(self._offer_reminders(user, confirmation), privacy=True)
        # The normal path, as if the held question were typed now: tools, acts, coverage, mentor buttons.
        answered = self._serve(replace(incoming, text=held, action=None), self._repository.user(user.id))
        replies = [*confirmation, *answered.replies]
        offer = self._reminders.offer(user.id, user.language, replies) if self._reminders is not None else []
        return replace(answered, replies=[*replies, *offer], held=held)

    def _offer_reminders(self, user: UserRecord, confirmation: list[Reply]) -> list[Reply]:
        """The consent confirmation with the reminders' opt-in button under it (one message, as before)."""
        offer = self._reminders.offer(user.id, user.language) if self._reminders is not None else []
        if not offer or len(confirmation) != 1 or not isinstance(confirmation[0], TextReply):
            return [*confirmation, *offer]
        [button] = offer
        assert isinstance(button, QuickReplies)
        return [QuickReplies(f"{confirmation[0].text}\n\n{button.text}", button.options)]

    def _is_question(self, text: str, folded: str) -> bool:
        """Worth holding through the consent step: not a greeting, thanks, small talk, command or empty message."""
        if detect(folded) is not Intent.QUESTION:
            return False
        return self._questions.responder.act(self._questions.responder.understand(text)) is None

    def _serve(self, incoming: IncomingMessage, user: UserRecord) -> Outcome:
        """A message of a user who agreed to the notice (or need not): a button or a typed message."""
        text = incoming.text
        if incoming.display_name is not None and incoming.display_name != user.display_name:
            self._repository.touch_user(incoming.channel, incoming.user_id, incoming.display_name)
        conversation = self._repository.active_conversation(user.id)
        # Folded once, for every matcher of this turn (intents, follow-up cues): lower case, Arabic digits.
        folded = thai.fold_for_matching(text)
        key = limit_key(incoming.channel, incoming.user_id)
        turn = TurnState(user.id, conversation, user.language, incoming.chat_id, incoming.channel, key, text, folded)
        if self._reminders is not None:
            # Before the button decoding: the reminder opt-in button and the typed commands are its own.
            reminded = self._reminders.answer(user.id, incoming.action, text, user.language)
            if reminded is not None:
                return Outcome(reminded, kind="reminders")
        if incoming.action == SKIP_BUSINESS:
            return Outcome(self._business.skipped(turn))
        if incoming.action:
            # A button names the turn (question) or ticket it belongs to: an old one acts on its own.
            pressed = ButtonPayload.decode(incoming.action)
            if pressed is None:
                return Outcome([notice("button.expired", user.language)], kind="other")
            if (rated := feedback_press(pressed)) is not None:  # 👍 / 👎 name the answer they rate
                return Outcome(self._feedback.press(rated, turn, self._handoff), kind="feedback")
            if pressed.kind == MORE_ACTION:
                return self._questions.more(conversation, user.language, pressed.turn, user.id)
            if pressed.kind == FOOTPRINT_ACTION and self._footprints is not None:
                return Outcome(self._footprints.show(user.id, user.language), kind="footprint")
            topic = topic_of(pressed)
            if topic is not None:
                return self._question(topic, turn)
            return Outcome(press(pressed, incoming.action, turn, self._handoff))
        return self._typed(turn)

    def _typed(self, turn: TurnState) -> Outcome:
        """A typed message of a user who agreed to the notice: a conversation act, the mentors, or a question."""
        if self._footprints is not None and (footprint := footprint_command(turn.text)) is not None:
            return Outcome(self._footprints.command(footprint, turn.user_id, turn.language), kind="footprint")
        named = self._business.typed(turn)
        if named is not None:
            return Outcome(named, kind="business")
        intent = detect(turn.folded)
        if intent in _CONVERSATION_ACTS:
            return Outcome([notice(_CONVERSATION_ACTS[intent], turn.language)], intent=intent, kind="smalltalk")
        if intent is Intent.RESET:
            self._repository.reset(turn.user_id)
            return Outcome([notice("chat.reset", turn.language)], intent=intent)
        if intent is Intent.STATUS:
            return Outcome(self._handoff.status(turn), intent=intent)
        if intent is Intent.HUMAN:
            return Outcome(self._handoff.requested(turn), Decision.ESCALATE, intent=intent)
        if _MORE.fullmatch(turn.folded.strip()):
            return self._questions.more(turn.conversation, turn.language)
        reopened = self._handoff.reopen(intent, turn)
        if reopened is not None:
            return Outcome(reopened, Decision.ESCALATE, intent=intent)
        if intent is Intent.NEGATIVE:
            return self._handoff.negative(turn)
        # Greetings, thanks, praise, small talk and attempts to change the rules, anywhere in a short
        # message that asks nothing else: a friendly line, no retrieval and no mentor offer.
        responder = self._questions.responder
        understood = responder.understand(turn.text)
        act = responder.act(understood)
        if act in JUDGED_BY_VECTOR and responder.acts is not None:
            # Before the calculators and the schedule: "ขอบคุณค่ะ เข้าใจแล้วว่า scope 2 คือค่าไฟ" is
            # thanks, not figures, and a diploma asked for by name is refused, not a schedule question.
            # The vector is kept by the retriever, so a course question is not embedded twice.
            act = responder.act(understood, vector=self._retriever.query_vector(understood.query or turn.text))
        if act is not None:
            reply, kind = act_reply(act, turn.language), act_kind(act)
            if kind != "smalltalk":
                # An off-topic question or a refusal is a question asked: kept like any other (consent,
                # export, erasure), so staff can see what people ask outside the course.
                self._repository.add_user_message(turn.conversation, turn.text)
                self._repository.add_assistant_message(turn.conversation, reply, None, kind, [], False)
            return Outcome([TextReply(reply)], intent=intent, kind=kind)
        tool = self._tools.answer(turn.text, turn.language) if self._tools is not None else None
        if tool is not None:
            # The user's own figures are part of the conversation like any question (consent, export, erasure).
            asked = self._repository.add_user_message(turn.conversation, turn.text)
            if tool.not_covered:
                return self._tool_not_covered(tool, turn, asked, intent)
            self._repository.add_assistant_message(turn.conversation, tool.text, None, tool.kind, [], False)
            answer: Reply = TextReply(tool.text)
            if self._footprints is not None and tool.activities:
                answer = self._footprints.keep(turn.user_id, tool.activities, tool.text, turn.language)
            return Outcome([answer], intent=intent, kind=tool.kind, values=dict(tool.values))
        return self._question(turn.text, turn)

    def _tool_not_covered(self, tool: ToolReply, turn: TurnState, asked: int, intent: Intent) -> Outcome:
        """A figure the course has no factor for ("ถ่านไม้"): said plainly, with the mentor buttons it promises."""
        self._repository.add_assistant_message(
            turn.conversation, tool.text, None, tool.kind, [], True, Tier.NOT_COVERED.value
        )
        prompt = conversation_message("answer.mentor_prompt", turn.language)
        replies: list[Reply] = [TextReply(tool.text), mentor_buttons(prompt, turn.language, asked)]
        return Outcome(
            replies, Decision.ESCALATE, intent=intent, kind=tool.kind,
            coverage=Tier.NOT_COVERED.value, values=dict(tool.values),
        )  # fmt: skip

    def _question(self, text: str, turn: TurnState) -> Outcome:
        """A course question, answered inside one of the user's answer slots."""
        return self._door.one_at_a_time(turn, lambda: self._questions.answer(text, turn.conversation, turn.language))
