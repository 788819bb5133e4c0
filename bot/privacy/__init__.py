"""Personal data (PDPA): the privacy notice and consent, ``/mydata``, ``/forget``, retention.

The engine asks :class:`PrivacyDesk` before it stores anything: until a user has agreed to
the current notice (:data:`NOTICE_VERSION`), their messages get the notice (or, after a
refusal, an explanation) and nothing but the user row (channel, platform id, consent state)
and their latest question (held briefly, only to answer it once they agree) is written.
:class:`PrivacyService` exports, erases and purges.
"""

from __future__ import annotations

from bot.privacy.anonymise import ERASED_ID, ERASED_TEXT
from bot.privacy.commands import (
    CONSENT_NO,
    CONSENT_YES,
    FORGET_NO,
    FORGET_YES,
    PRIVACY_ACTIONS,
    PrivacyCommand,
    privacy_command,
    typed_consent,
)
from bot.privacy.desk import CONSENT_CHANNELS, NOTICE_VERSION, PrivacyDesk
from bot.privacy.service import ErasureReport, PrivacyService, PurgeReport

__all__ = [
    "CONSENT_CHANNELS",
    "CONSENT_NO",
    "CONSENT_YES",
    "ERASED_ID",
    "ERASED_TEXT",
    "FORGET_NO",
    "FORGET_YES",
    "NOTICE_VERSION",
    "PRIVACY_ACTIONS",
    "ErasureReport",
    "PrivacyCommand",
    "PrivacyDesk",
    "PrivacyService",
    "PurgeReport",
    "privacy_command",
    "typed_consent",
]
