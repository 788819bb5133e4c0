"""Test users who already agreed to the privacy notice, so that a test can start with its question.

Through the engine (what pressing "ยินยอม" does) or, for a server running in another process,
straight into its database with the repository.
"""

from __future__ import annotations

from bot.conversation.engine import ConversationEngine
from bot.privacy import CONSENT_YES, NOTICE_VERSION
from bot.storage import ConversationRepository, Database
from bot.storage.models import utcnow
from bot.types import IncomingMessage


def consent(engine: ConversationEngine, channel: str, *user_ids: str) -> None:
    """Each user presses "ยินยอม" under the privacy notice."""
    for user_id in user_ids:
        engine.handle(IncomingMessage(channel=channel, user_id=user_id, action=CONSENT_YES))


def consent_in_database(database: Database, channel: str, *user_ids: str) -> None:
    """Record each user's consent to the current notice directly in ``database``."""
    repository = ConversationRepository(database)
    for user_id in user_ids:
        user = repository.touch_user(channel, user_id)
        repository.set_consent(user.id, "given", NOTICE_VERSION, utcnow())
