"""A deadline for a request's headers (against slowloris): uvicorn's h11 protocol with a timer.

uvicorn has no header timeout of its own: ``timeout_keep_alive`` only closes a connection idle
*between* requests, and its timer is cancelled by the first byte received, so a client sending a
byte now and then would hold a connection (and its memory) forever. Here each connection must
deliver a request's complete headers within ``HeaderDeadline.seconds`` of opening, or of the
previous response, else it is closed.

Limits: the deadline covers the headers only, not the body (a slow body is held by the body cap of
``web.security``, and by the request's own handler); it bounds the time per connection, not the
number of connections (put a reverse proxy in front for that).
"""
from __future__ import annotations

import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger("uvicorn.error")
#: Seconds a connection has to send a request's complete headers; ``linernotes serve --header-timeout``.
DEFAULT_HEADER_SECONDS = 10.0


class HeaderDeadline(H11Protocol):
    """h11 protocol that closes a connection whose request headers are not complete in time."""

    seconds = DEFAULT_HEADER_SECONDS

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline = None
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._disarm_once_heard()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets the same deadline
            self._disarm_once_heard()  # unless it was pipelined and has already arrived

    def connection_lost(self, exc) -> None:
        self._cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._cancel()
        self._deadline = self.loop.call_later(self.seconds, self._too_slow)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _disarm_once_heard(self) -> None:
        if self.conn.their_state is not h11.IDLE:  # h11 has parsed the request line and headers
            self._cancel()

    def _too_slow(self) -> None:
        self._deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            logger.info("Closing a connection whose request headers took over %s s", self.seconds)
            self.transport.close()
