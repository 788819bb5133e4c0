"""A short lane for platform webhooks past FastAPI's router and its inner middlewares.

A webhook's acknowledgement is bound by the web process's CPU: 200 users writing at the same
instant are 220 webhooks, and each pays its share before the last is acknowledged (LINE waits
about two seconds; the target is 100 ms). Measured in-process (``bench/burst_costs.py``,
2026-12-05, fastapi 0.165), a request to a plain route included between two other routers
cost 108 us of CPU through FastAPI (its router asks every included router, in order, for its
routes' version before matching; then its own middlewares), and 65-68 us by this lane.

Webhook routes are plain Starlette routes (they read the raw body and need no dependency,
validation or documentation), so they lose nothing by going straight to their route. This
middleware sits inside FastAPI's outermost error handler and our request id, timing and size
limit, so a webhook still gets all of those, and inside an ``ExceptionMiddleware`` with the
application's own exception handlers, so an error maps to the same status as before (a 405
for a ``GET``, a 503 for the database). Every other path goes on to FastAPI unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.routing import Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send


def plain_routes(routes: Sequence[Any]) -> tuple[list[Route], list[Any]]:
    """``routes`` split into plain Starlette routes (the lane's) and the rest (FastAPI's: ``APIRoute`` and others)."""
    plain = [route for route in routes if type(route) is Route]
    return plain, [route for route in routes if type(route) is not Route]


class WebhookLane:
    """ASGI middleware: a request to one of ``routes``' paths goes straight to its route; any other to ``app``."""

    def __init__(
        self, app: ASGIApp, routes: Sequence[Route], exception_handlers: Mapping[Any, Callable[..., Any]]
    ) -> None:
        """``exception_handlers`` are the application's (read when the middleware stack is built, at the first
        request, so handlers added after this middleware count too); the ones for 500 stay with FastAPI's
        outer error handler."""
        handlers = {key: handler for key, handler in exception_handlers.items() if key not in (500, Exception)}
        self._app = app
        self._paths = frozenset(route.path for route in routes)
        self._lane = ExceptionMiddleware(Router(routes=list(routes)), handlers=handlers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The lane for a webhook path (any method: a wrong one gets the route's 405), else the app."""
        if scope["type"] == "http" and scope["path"] in self._paths:
            await self._lane(scope, receive, send)
        else:
            await self._app(scope, receive, send)
