"""The mentor web console (``/console``): sign-in, the ticket queue, ticket pages, "save as FAQ"; extensions
(the staff's insight dashboard) plug in through :class:`ConsoleExtension`."""

from bot.mentoring.console.app import ConsoleExtension, MentorConsole, NavLink
from bot.mentoring.console.config import ConsoleConfig

__all__ = ["ConsoleConfig", "ConsoleExtension", "MentorConsole", "NavLink"]
