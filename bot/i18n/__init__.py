"""Every user-facing text, Thai first, English as an option: one catalogue shape, one module per area.

``catalogue`` holds the shape (:data:`Catalogue`, :class:`Texts`); ``core`` the general texts;
``line``, ``telegram``, ``console``, ``mentor_groups``, ``privacy``, ``limits``, ``schedule`` and
``conversation`` each hold one area's texts. ``render`` turns replies into plain text.
"""

from bot.i18n.catalogue import LANGUAGES, Catalogue, Texts, message_from
from bot.i18n.core import MESSAGES, message, skip_reason

__all__ = ["LANGUAGES", "MESSAGES", "Catalogue", "Texts", "message", "message_from", "skip_reason"]
