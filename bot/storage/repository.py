"""Reading and writing conversations: users, messages and language choice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.models import CONSENT_STATUSES, Conversation, HeldQuestion, Message, User, utcnow
from bot.storage.records import MessageRecord, UnknownUserError, UserRecord, message_record, user_record
from bot.types import Citation, Turn

Language = Literal["th", "en"]


class ConversationRepository:
    """Conversation state in the database; every method is one transaction.

    Returns frozen records, never ORM objects, so nothing depends on an open session.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def database(self) -> Database:
        """The database this repository writes to (shared with the ticket service)."""
        return self._database

    def touch_user(self, channel: str, platform_user_id: str, display_name: str | None = None) -> UserRecord:
        """The user with this id on this channel, created if new; marks them as seen now.

        A given ``display_name`` replaces the stored one; ``None`` keeps it.
        """
        now = utcnow()
        with self._database.session() as session:
            user = _find_user(session, channel, platform_user_id)
            if user is None:
                user = User(
                    channel=channel,
                    platform_user_id=platform_user_id,
                    display_name=display_name,
                    created_at=now,
                    last_seen_at=now,
                )
                try:
                    with session.begin_nested():
                        session.add(user)
                except IntegrityError:
                    # Another worker created the same user between our select and insert.
                    user = _find_user(session, channel, platform_user_id)
                    if user is None:
                        raise
            user.last_seen_at = now
            if display_name is not None:
                user.display_name = display_name
            session.flush()
            return user_record(user)

    def find_user(self, channel: str, platform_user_id: str) -> UserRecord | None:
        """The user with this id on this channel, or ``None``; writes nothing (not even ``last_seen_at``)."""
        with self._database.session() as session:
            user = _find_user(session, channel, platform_user_id)
            return None if user is None else user_record(user)

    def set_consent(self, user_id: int, status: str, version: str | None, at: datetime | None) -> UserRecord:
        """Record the user's choice on the privacy notice ``version`` (``at`` is when they made it)."""
        if status not in CONSENT_STATUSES:
            raise ValueError(f"unknown consent status {status!r}; expected one of {CONSENT_STATUSES}")
        with self._database.session() as session:
            user = _get_user(session, user_id)
            user.consent_status, user.consent_version, user.consent_at = status, version, at
            session.flush()
            return user_record(user)

    def hold_question(self, user_id: int, text: str, at: datetime) -> None:
        """Keep ``text`` as the user's held question (replacing any earlier one) until it is taken or dropped."""
        with self._database.session() as session:
            held = session.get(HeldQuestion, user_id, with_for_update=True)
            if held is not None:
                held.text, held.held_at = text, at
                return
            try:
                with session.begin_nested():
                    session.add(HeldQuestion(user_id=user_id, text=text, held_at=at))
            except IntegrityError:
                # Another worker held a question of the same user first: the later message wins either way.
                session.execute(
                    update(HeldQuestion).where(HeldQuestion.user_id == user_id).values(text=text, held_at=at)
                )

    def take_held_question(self, user_id: int, since: datetime) -> str | None:
        """Delete the user's held question and return its text if it was held at or after ``since``.

        Taken at most once: of two workers taking it at the same time, one gets the text.
        """
        with self._database.session() as session:
            mine = delete(HeldQuestion).where(HeldQuestion.user_id == user_id)
            taken = session.execute(mine.returning(HeldQuestion.text, HeldQuestion.held_at)).first()
        if taken is None or taken.held_at < since:
            return None
        return str(taken.text)

    def drop_held_question(self, user_id: int) -> bool:
        """Delete the user's held question; whether there was one."""
        with self._database.session() as session:
            mine = delete(HeldQuestion).where(HeldQuestion.user_id == user_id)
            return session.execute(mine.returning(HeldQuestion.user_id)).first() is not None

    def user(self, user_id: int) -> UserRecord:
        """The user with this id; :class:`UnknownUserError` if there is none."""
        with self._database.session() as session:
            return user_record(_get_user(session, user_id))

    def active_conversation(self, user_id: int) -> int:
        """The id of the user's active conversation, started now if they have none."""
        with self._database.session() as session:
            return _active_conversation(session, user_id)

    def reset(self, user_id: int) -> int:
        """End the user's active conversation and start a new one; returns the new id."""
        with self._database.session() as session:
            _get_user(session, user_id)
            session.execute(
                update(Conversation)
                .where(Conversation.user_id == user_id, Conversation.ended_at.is_(None))
                .values(ended_at=utcnow())
            )
            return _active_conversation(session, user_id)

    def add_user_message(self, conversation_id: int, text: str) -> int:
        """Store what the user wrote; returns the message id."""
        with self._database.session() as session:
            message = Message(conversation_id=conversation_id, role="user", text=text, created_at=utcnow())
            session.add(message)
            session.flush()
            return message.id

    def add_assistant_message(
        self,
        conversation_id: int,
        text: str,
        confidence: float | None,
        mode: str | None,
        citations: Sequence[Citation],
        escalate: bool = False,
        coverage: str | None = None,
    ) -> int:
        """Store an answer with its confidence, answerer mode, sources and tier; returns the message id."""
        with self._database.session() as session:
            message = Message(
                conversation_id=conversation_id,
                role="assistant",
                text=text,
                created_at=utcnow(),
                confidence=confidence,
                mode=mode,
                citations=[asdict(citation) for citation in citations],
                escalate=escalate,
                coverage=coverage,
            )
            session.add(message)
            session.flush()
            return message.id

    def message(self, message_id: int) -> MessageRecord | None:
        """The message with this id, or ``None``."""
        with self._database.session() as session:
            message = session.get(Message, message_id)
            return None if message is None else message_record(message)

    def recent_turns(self, conversation_id: int, limit: int) -> list[Turn]:
        """The last ``limit`` messages of the conversation, oldest first."""
        if limit <= 0:
            return []
        with self._database.session() as session:
            rows = session.execute(
                select(Message.role, Message.text)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(limit)
            ).all()
        return [Turn(role=role, text=text) for role, text in reversed(rows)]

    def own_message(self, message_id: int, user_id: int) -> MessageRecord | None:
        """The user message ``message_id`` when it is ``user_id``'s own (a button's turn), else ``None``.

        ``None`` too when it is gone (erased, past retention): the button has expired.
        """
        with self._database.session() as session:
            message = session.scalars(
                select(Message)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Message.id == message_id, Message.role == "user", Conversation.user_id == user_id)
            ).first()
            return None if message is None else message_record(message)

    def turns_through(self, message_id: int, limit: int, replies: int = 1) -> list[Turn]:
        """Up to ``limit`` messages of ``message_id``'s conversation ending with it and the ``replies``
        assistant messages right after it (what was said to it), oldest first.

        The history of an earlier turn, as :meth:`recent_turns` is the history of the latest one.
        """
        return [Turn(m.role, m.text) for m in self.messages_through(message_id, limit, replies)]

    def messages_through(self, message_id: int, limit: int, replies: int = 1) -> list[MessageRecord]:
        """:meth:`turns_through` with everything stored about each message (modes, tiers, sources)."""
        with self._database.session() as session:
            message = session.get(Message, message_id)
            if message is None or limit <= 0:
                return []
            conversation = message.conversation_id
            before = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation, Message.id <= message_id)
                .order_by(Message.id.desc())
                .limit(limit)
            ).all()
            after = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation, Message.id > message_id)
                .order_by(Message.id)
                .limit(replies)
            ).all()
            said = [message_record(m) for m in after]
            said = said[: next((i for i, m in enumerate(said) if m.role != "assistant"), len(said))]
            records = [message_record(m) for m in reversed(before)] + said
        return records[-limit:]

    def recent_user_messages(self, conversation_id: int, limit: int) -> list[MessageRecord]:
        """The user's messages among the last ``limit`` of the conversation, oldest first (with their ids)."""
        return [m for m in self.recent_messages(conversation_id, limit) if m.role == "user"]

    def recent_messages(self, conversation_id: int, limit: int) -> list[MessageRecord]:
        """The last ``limit`` messages of the conversation with everything stored about them, oldest first."""
        if limit <= 0:
            return []
        with self._database.session() as session:
            rows = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(limit)
            ).all()
            return [message_record(row) for row in reversed(rows)]

    def set_business_name(self, user_id: int, name: str | None, at: datetime) -> None:
        """Store the business name the user gave (``None``: they skipped); either way it was asked at ``at``."""
        with self._database.session() as session:
            user = _get_user(session, user_id)
            user.business_asked_at = user.business_asked_at or at
            if name is not None:
                user.business_name = name

    def last_assistant_message(self, conversation_id: int) -> MessageRecord | None:
        """The assistant's latest message in the conversation (its ``mode`` says what kind it was)."""
        with self._database.session() as session:
            message = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id, Message.role == "assistant")
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(1)
            ).first()
            return None if message is None else message_record(message)

    def last_user_question(self, conversation_id: int) -> str | None:
        """The user's message before their latest one, for resolving a follow-up question.

        Call it after storing the current message with :meth:`add_user_message`; ``None``
        when the current message is the first of the conversation.
        """
        with self._database.session() as session:
            return session.scalars(
                select(Message.text)
                .where(Message.conversation_id == conversation_id, Message.role == "user")
                .order_by(Message.created_at.desc(), Message.id.desc())
                .offset(1)
                .limit(1)
            ).first()

    def set_language(self, user_id: int, language: Language) -> None:
        """Remember the language the user wants replies in (``th`` or ``en``)."""
        if language not in get_args(Language):
            raise ValueError(f"unsupported language {language!r}; expected one of {get_args(Language)}")
        with self._database.session() as session:
            _get_user(session, user_id).language = language

    def user_language(self, user_id: int) -> str:
        """The language the user wants replies in."""
        return self.user(user_id).language


def _find_user(session: Session, channel: str, platform_user_id: str) -> User | None:
    """The user with this channel id, or ``None``."""
    return session.scalars(
        select(User).where(User.channel == channel, User.platform_user_id == platform_user_id)
    ).one_or_none()


def _get_user(session: Session, user_id: int) -> User:
    """The user with this id; :class:`UnknownUserError` if there is none."""
    user = session.get(User, user_id)
    if user is None:
        raise UnknownUserError(f"no user with id {user_id}")
    return user


def _active_conversation(session: Session, user_id: int) -> int:
    """The id of the user's active conversation, started now if they have none."""
    query = select(Conversation.id).where(Conversation.user_id == user_id, Conversation.ended_at.is_(None))
    existing = session.scalars(query).first()
    if existing is not None:
        return existing
    conversation = Conversation(user_id=user_id, started_at=utcnow())
    try:
        with session.begin_nested():
            session.add(conversation)
    except IntegrityError:
        # Another worker started one first (at most one active conversation per user), or the user is gone.
        existing = session.scalars(query).first()
        if existing is None:
            raise
        return existing
    return conversation.id
