"""The mentor web console (``/console``): sign-in, the ticket queue, ticket pages, "save as FAQ"."""

from bot.mentoring.console.app import MentorConsole
from bot.mentoring.console.config import ConsoleConfig

__all__ = ["ConsoleConfig", "MentorConsole"]
