"""The last resort (ASGI middleware): whatever nothing else handled becomes a logged 500 in the one
error shape (``web.errors``), never a traceback or a plain-text answer."""
from __future__ import annotations

import secrets

from fastapi.responses import JSONResponse

from ..errors import Errors
from . import journal
from .errors import shape
from .security import BodyTooLarge


class CatchAll:
    """ASGI middleware, the last resort: an exception nothing else handled is logged (``journal``)
    and answered 500 in the error shape with a reference, never a traceback."""

    def __init__(self, app, respond) -> None:
        self.app = app
        self.respond = respond  # (scope, code, message, status) -> response

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except BodyTooLarge:
            raise
        except Exception as error:  # noqa: BLE001 - the point of a last resort
            ref = secrets.token_hex(4)
            journal.failure(ref, scope.get("method", ""), scope.get("path", ""), error)
            if not started:
                message = Errors.E037.format(ref=ref)
                try:
                    response = self.respond(scope, "E037", message, 500)
                except Exception:  # noqa: BLE001 - the error page itself failed
                    response = JSONResponse(shape("E037", message, 500), status_code=500)
                await response(scope, receive, send)
