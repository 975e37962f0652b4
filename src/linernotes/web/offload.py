"""Uploads' extraction off the event loop, in a daemon thread of its own.

The server's thread pool (anyio's) runs non-daemon threads that the interpreter waits for at exit,
and a cancelled call into it waits for the thread to return: one long extraction would hold up
SIGTERM for as long as it runs. A daemon thread is abandoned at exit instead, so the server stops
within its graceful-shutdown timeout whatever an extraction is doing; an upload cut short that way
never committed (``ingest_text`` stores in one transaction), so nothing is half-stored. The
per-document time budget (``linernotes.api``) still interrupts a runaway extraction inside the thread.
"""
from __future__ import annotations

import asyncio
import threading
from typing import Callable, TypeVar

T = TypeVar("T")


async def in_daemon_thread(work: Callable[..., T], *args, **kwargs) -> T:
    """``work(*args, **kwargs)`` in a new daemon thread; awaiting it can be cancelled at any moment."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()

    def settle(outcome, error) -> None:
        if done.done():  # cancelled meanwhile (the server is stopping): nobody waits any more
            return
        if error is not None:
            done.set_exception(error)
        else:
            done.set_result(outcome)

    def run() -> None:
        outcome, error = None, None
        try:
            outcome = work(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting request, not lost
            error = exc if isinstance(exc, Exception) else RuntimeError(f"the upload's thread stopped: {exc!r}")
        try:
            loop.call_soon_threadsafe(settle, outcome, error)
        except RuntimeError:  # the loop has closed: the server stopped first
            pass

    threading.Thread(target=run, name="linernotes-upload", daemon=True).start()
    return await done
