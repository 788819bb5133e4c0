"""Refuse request bodies over a size limit before they reach any route."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodySizeLimit:
    """ASGI middleware: 413 for a declared or streamed body larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self._app = app
        self._max = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check ``Content-Length`` first, then count the bytes actually received."""
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._max:
            await _too_large(send)
            return
        received = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            # A streamed body (no Content-Length) past the limit: the 413 is sent from here, and the app
            # is told the client went away. Raising instead did not work everywhere: FastAPI turns any
            # error while it reads a body into its own 400.
            nonlocal received, refused, started
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self._max:
                    refused = True
                    if not started:
                        started = True
                        await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the app's answer to the "disconnect": the client already has its 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self._app(scope, counting_receive, tracking_send)
        except Exception:
            # The app's reaction to the disconnect (starlette's ClientDisconnect, say) after the 413: not a fault.
            if not refused:
                raise


async def _too_large(send: Send) -> None:
    body = json.dumps({"detail": "request body too large"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
