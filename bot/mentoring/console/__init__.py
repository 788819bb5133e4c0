"""The mentor web console (``/console``): sign-in, the ticket queue, ticket pages, "save as FAQ"."""

from bot.mentoring.console.app import ConsoleConfig, MentorConsole

__all__ = ["ConsoleConfig", "MentorConsole"]
