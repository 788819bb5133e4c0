"""Reading and writing conversations: users, messages and language choice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.models import CONSENT_STATUSES, Conversation, HeldQuestion, Message, User, utcnow
from bot.types import Citation, Turn

Language = Literal["th", "en"]


class UnknownUserError(LookupError):
    """No user has this id."""


@dataclass(frozen=True)
class UserRecord:
    """A user as stored."""

    id: int
    channel: str
    platform_user_id: str
    display_name: str | None
    language: str
    created_at: datetime
    last_seen_at: datetime
    consent_status: str = "unknown"
    """``unknown``, ``given`` or ``declined`` (see :mod:`bot.privacy`)."""
    consent_version: str | None = None
    consent_at: datetime | None = None


@dataclass(frozen=True)
class MessageRecord:
    """A message as stored; the answer fields are ``None``/empty on user messages."""

    id: int
    conversation_id: int
    role: str
    text: str
    created_at: datetime
    confidence: float | None
    mode: str | None
    citations: tuple[Citation, ...]
    escalate: bool


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
            return _user_record(user)

    def find_user(self, channel: str, platform_user_id: str) -> UserRecord | None:
        """The user with this id on this channel, or ``None``; writes nothing (not even ``last_seen_at``)."""
        with self._database.session() as session:
            user = _find_user(session, channel, platform_user_id)
            return None if user is None else _user_record(user)

    def set_consent(self, user_id: int, status: str, version: str | None, at: datetime | None) -> UserRecord:
        """Record the user's choice on the privacy notice ``version`` (``at`` is when they made it)."""
        if status not in CONSENT_STATUSES:
            raise ValueError(f"unknown consent status {status!r}; expected one of {CONSENT_STATUSES}")
        with self._database.session() as session:
            user = _get_user(session, user_id)
            user.consent_status, user.consent_version, user.consent_at = status, version, at
            session.flush()
            return _user_record(user)

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
            return _user_record(_get_user(session, user_id))

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
        """Store an answer with its confidence, answerer mode, sources and coverage tier; returns the message id."""
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
            return None if message is None else _message_record(message)

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

    def last_assistant_message(self, conversation_id: int) -> MessageRecord | None:
        """The assistant's latest message in the conversation (its ``mode`` says what kind it was)."""
        with self._database.session() as session:
            message = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id, Message.role == "assistant")
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(1)
            ).first()
            return None if message is None else _message_record(message)

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


def _user_record(user: User) -> UserRecord:
    """The frozen record of a user row."""
    return UserRecord(
        id=user.id,
        channel=user.channel,
        platform_user_id=user.platform_user_id,
        display_name=user.display_name,
        language=user.language,
        created_at=user.created_at,
        last_seen_at=user.last_seen_at,
        consent_status=user.consent_status,
        consent_version=user.consent_version,
        consent_at=user.consent_at,
    )


def _message_record(message: Message) -> MessageRecord:
    """The frozen record of a message row."""
    return MessageRecord(
        id=message.id,
        conversation_id=message.conversation_id,
        role=message.role,
        text=message.text,
        created_at=message.created_at,
        confidence=message.confidence,
        mode=message.mode,
        citations=tuple(Citation(**citation) for citation in message.citations or ()),
        escalate=message.escalate,
    )
