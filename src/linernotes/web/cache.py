"""Answers that many requests repeat (the home page's counts), kept a few seconds.

Per process: an upload in this process clears it at once (``clear``); another worker process
sees the upload at most ``seconds`` later.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, TypeVar

T = TypeVar("T")
#: How long a cached answer is used.
DEFAULT_SECONDS = 5.0


class Recent:
    """Named results computed at most once every ``seconds``, until ``clear``."""

    def __init__(self, seconds: float = DEFAULT_SECONDS) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()
        self.kept: dict[str, tuple[float, object]] = {}  # name -> (when computed, result)
        self.generation = 0  # bumped by clear: a result computed across a clear is not kept

    def get(self, name: str, compute: Callable[[], T]) -> T:
        now = time.monotonic()
        with self.lock:
            kept, generation = self.kept.get(name), self.generation
        if kept is not None and now - kept[0] < self.seconds:
            return kept[1]  # type: ignore[return-value]
        result = compute()
        with self.lock:
            if generation == self.generation:
                self.kept[name] = (now, result)
        return result

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
            self.generation += 1
