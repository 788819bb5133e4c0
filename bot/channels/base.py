"""What every chat platform adapter offers the server."""

from __future__ import annotations

from typing import Protocol

from fastapi import APIRouter


class ChannelPlugin(Protocol):
    """A platform adapter: its webhook routes and its start/stop hooks.

    Platform SDKs are imported only inside the adapter's own package. The adapter turns
    webhooks into :class:`bot.types.IncomingMessage` values for the conversation engine and
    renders the engine's replies in the platform's own forms, degrading to text.
    """

    name: str

    def router(self) -> APIRouter:
        """The routes to mount (for example ``POST /webhooks/line``)."""
        ...

    async def startup(self) -> None:
        """Open clients; called once when the server starts."""
        ...

    async def shutdown(self) -> None:
        """Finish background work and close clients."""
        ...
