"""The engine's privacy desk: the notice and consent, ``/mydata``, ``/forget``.

Consent is asked on the channels where SMEs write (LINE, Telegram, web chat); the terminal
(``nzap ask``, ``nzap chat``) is the operator on their own machine and is not asked.

Before consent nothing of a message is kept (not the display name, not the conversation) but
one thing: the latest question itself, so that it is answered right after the user agrees
instead of being asked again. It is held in the database (``held_questions``: the text and when
it came, nothing else), because the press of "ยินยอม" may reach another worker (and Telegram
buttons hold 64 bytes, LINE postbacks 300: it cannot ride in the button). It is held for
:attr:`~bot.privacy.service.PrivacyService.held_minutes` at most; a newer question replaces it;
the notice says so. On consent (the button or a typed "ตกลง") :meth:`PrivacyDesk.agree` hands it
to the engine, which answers it on the normal question path after the confirmation, and it is
then stored like any message of someone who agreed. A refusal, ``/forget`` and the retention
rounds delete it. Someone who refused is not held anything: their notice says nothing is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.i18n.privacy import text
from bot.privacy.commands import CONSENT_NO, CONSENT_YES, FORGET_NO, FORGET_YES, PrivacyCommand
from bot.privacy.service import PrivacyService
from bot.storage.models import utcnow
from bot.storage.records import UserRecord
from bot.storage.repository import ConversationRepository
from bot.types import QuickOption, QuickReplies, Reply, TextReply

NOTICE_VERSION = "2026-12"
"""The privacy notice's version; consent to an older one is asked again when the notice changes.

2026-12: the notice names what this round stores beside the messages (web chat history, business name,
saved carbon figures, feedback on answers, reminders).
"""
CONSENT_CHANNELS = frozenset({"line", "telegram", "web"})
"""Channels whose users are asked for consent before anything is stored."""
CHAT_EXPORT_CHARS = 12_000
"""Longest ``/mydata`` JSON sent in a chat (a few LINE or Telegram messages); older messages are left out."""


class PrivacyDesk:
    """Answers the privacy notice's buttons and the privacy commands; says whether a user may be served."""

    def __init__(
        self,
        repository: ConversationRepository,
        service: PrivacyService,
        *,
        version: str = NOTICE_VERSION,
        channels: frozenset[str] = CONSENT_CHANNELS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repository = repository
        self._service = service
        self._version = version
        self._channels = channels
        self._clock = clock

    @property
    def service(self) -> PrivacyService:
        """Export, erasure and retention."""
        return self._service

    def consented(self, user: UserRecord) -> bool:
        """Whether the user agreed to the current notice (always, on channels that do not ask)."""
        if user.channel not in self._channels:
            return True
        return user.consent_status == "given" and user.consent_version == self._version

    def gate(self, user: UserRecord, language: str) -> list[Reply]:
        """The reply to a message from someone who has not agreed: the notice, or why nothing can be answered."""
        if user.consent_status == "declined":
            yes = QuickOption(text("privacy.consent_yes", language), CONSENT_YES)
            return [QuickReplies(text("privacy.declined", language), (yes,))]
        return [self.notice(user, language)]

    def notice(self, user: UserRecord, language: str) -> QuickReplies:
        """The privacy notice with the consent buttons (and, for someone who agreed, when they did)."""
        body = text("privacy.notice", language, days=self._service.retention_days, minutes=self._service.held_minutes)
        if self.consented(user) and user.consent_at is not None:
            date = user.consent_at.astimezone(UTC).strftime("%Y-%m-%d")
            body = f"{body}\n\n{text('privacy.status_given', language, date=date)}"
        options = (
            QuickOption(text("privacy.consent_yes", language), CONSENT_YES),
            QuickOption(text("privacy.consent_no", language), CONSENT_NO),
        )
        return QuickReplies(body, options)

    def hold(self, user: UserRecord, question: str) -> None:
        """Keep the question of someone who has not agreed yet, to answer it once they do (not after a refusal)."""
        if user.consent_status != "declined" and question.strip():
            self._repository.hold_question(user.id, question, self._clock())

    def agree(self, user: UserRecord, language: str) -> tuple[list[Reply], str | None]:
        """Record consent; the confirmation, and the question held for the engine to answer (``None`` if none).

        The held question is taken (deleted) here, so two presses of the button answer it once.
        """
        now = self._clock()
        self._repository.set_consent(user.id, "given", self._version, now)
        held = self._repository.take_held_question(user.id, self._service.held_since(now))
        key = "privacy.accepted" if held is None else "privacy.accepted_held"
        return [TextReply(text(key, language))], held

    def act(self, action: str, user: UserRecord, language: str) -> list[Reply]:
        """A privacy button: consent given or refused, erasure confirmed or cancelled.

        Consent given here leaves a held question unanswered (and deleted): the engine calls
        :meth:`agree` instead, to answer it.
        """
        if action == CONSENT_YES:
            return self.agree(user, language)[0]
        if action == CONSENT_NO:
            withdrawn = user.consent_status == "given"
            # Declined: the question held for after consent will never be answered, so it goes now.
            self._repository.drop_held_question(user.id)
            self._repository.set_consent(user.id, "declined", self._version, self._clock())
            if withdrawn:
                return [TextReply(text("privacy.withdrawn", language))]
            return self.gate(self._repository.user(user.id), language)
        if action == FORGET_YES:
            report = self._service.erase(user.id)
            return [TextReply(text("privacy.forgotten", language, messages=report.messages, tickets=report.tickets))]
        if action == FORGET_NO:
            return [TextReply(text("privacy.forget_cancelled", language))]
        raise ValueError(f"not a privacy action: {action!r}")

    def command(self, command: PrivacyCommand, user: UserRecord, language: str) -> list[Reply]:
        """``/privacy``, ``/mydata`` or ``/forget`` (which asks for confirmation first)."""
        if command is PrivacyCommand.NOTICE:
            return [self.notice(user, language)]
        if command is PrivacyCommand.FORGET:
            options = (
                QuickOption(text("privacy.forget_yes", language), FORGET_YES),
                QuickOption(text("privacy.forget_no", language), FORGET_NO),
            )
            return [QuickReplies(text("privacy.forget_confirm", language), options)]
        return self._export(user, language)

    def _export(self, user: UserRecord, language: str) -> list[Reply]:
        data = self._service.export(user.id)
        total = sum(len(c["messages"]) for c in data["conversations"])
        fitted, shown = fit_export(data, CHAT_EXPORT_CHARS)
        consent = text(f"privacy.consent.{user.consent_status}", language)
        summary = text("privacy.mydata", language, messages=total, tickets=len(data["tickets"]), consent=consent)
        if shown < total:
            summary = f"{summary}\n{text('privacy.mydata_cut', language, shown=shown, total=total)}"
        return [TextReply(summary), TextReply(_dump(fitted))]


def fit_export(data: dict[str, Any], limit: int) -> tuple[dict[str, Any], int]:
    """``data`` with its oldest messages left out until its JSON fits ``limit`` characters; and how many stay."""
    messages = [(i, j) for i, c in enumerate(data["conversations"]) for j in range(len(c["messages"]))]
    keep = len(messages)
    while True:
        kept = set(messages[len(messages) - keep :]) if keep else set()
        conversations = [
            {**c, "messages": [m for j, m in enumerate(c["messages"]) if (i, j) in kept]}
            for i, c in enumerate(data["conversations"])
        ]
        if keep < len(messages):
            conversations = [c for c in conversations if c["messages"]]
        fitted = {**data, "conversations": conversations}
        if "web_chat" in data and keep < len(messages):
            # The web page's transcript repeats the conversation: cut it back as far, oldest first.
            fitted["web_chat"] = data["web_chat"][-keep:] if keep else []
        if keep == 0 or len(_dump(fitted)) <= limit:
            return fitted, keep
        keep = keep * 3 // 4


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
