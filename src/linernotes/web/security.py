"""Response headers every page gets: a strict Content Security Policy, no sniffing, no framing, and
the server time spent (``Server-Timing``); and a cap on request bodies before they are read."""
from __future__ import annotations

import json
import time

from ..errors import Errors

#: Pages load scripts, styles and images from this server only; no inline script can run.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: OpenRefine shows reconciliation previews in a frame of its own page.
PREVIEW_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")

#: Largest request body accepted (bytes): a biography of MAX_TEXT_CHARS characters in UTF-8, form-encoded.
MAX_BODY_BYTES = 2_000_000


class SecurityHeaders:
    """ASGI middleware: headers on every response, oversized bodies refused with the JSON error shape."""

    def __init__(self, app, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send, self.max_body)
            return
        received, overflow, answered = 0, False, False

        async def limited_receive():
            nonlocal received, overflow
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:  # a chunked body that keeps coming
                    overflow = not answered  # too late to refuse once the answer has begun
                    raise BodyTooLarge()
            return message

        started = time.perf_counter()
        policy = PREVIEW_CSP if path.startswith("/reconcile/preview") else CSP

        async def send_with_headers(message) -> None:
            nonlocal answered
            if overflow:  # the app caught BodyTooLarge and answered otherwise (FastAPI: a 400)
                if not answered:
                    answered = True
                    await _too_large(send, self.max_body)
                return
            if message["type"] == "http.response.start":
                answered = True
                headers = list(message.get("headers", []))
                elapsed = (time.perf_counter() - started) * 1000
                headers += [(b"content-security-policy", policy.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"),
                            (b"server-timing", f"app;dur={elapsed:.2f}".encode())]
                if not path.startswith("/reconcile/preview"):
                    headers.append((b"x-frame-options", b"DENY"))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if not answered:
                await _too_large(send, self.max_body)


class BodyTooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"error": {"code": "E034", "message": Errors.E034.format(limit=limit), "status": 413}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": body})
