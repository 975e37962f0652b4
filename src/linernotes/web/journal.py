"""What the server writes to its log: one line per event, control characters in any value escaped,
so a file name with a newline cannot forge a line."""
from __future__ import annotations

import logging
import re
import traceback

log = logging.getLogger("linernotes.web")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def clean(value: object) -> str:
    """``value`` as text with every control character written as an escape (``\\n``, ``\\x00``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii")
                        if not "\ud800" <= m.group() <= "\udfff" else f"\\u{ord(m.group()):04x}", str(value))


def upload(name: str, outcome: str) -> None:
    log.info("upload %s: %s", clean(repr(name)), clean(outcome))


def review(what: str, reviewer: str, outcome: str) -> None:
    """A decision on a fact made over HTTP (who and what; the why is in the knowledge base)."""
    log.info("review %s by %s: %s", clean(what), clean(repr(reviewer)), clean(outcome))


def failure(ref: str, method: str, path: str, error: BaseException) -> None:
    """An unexpected exception: one escaped summary line, then the frames (source lines, no input)."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("%s %s failed, reference %s: %s\n%s", clean(method), clean(path), ref,
              clean(f"{type(error).__name__}: {error}"), frames.rstrip())
