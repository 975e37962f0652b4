"""Where the knowledge base is: a file path or URL made a SQLAlchemy URL, and the same fit for messages.

Messages never show a password: URLs are shown as ``scheme://user:***@host/db``, a SQLite file as its path.
"""
from __future__ import annotations

import os
from urllib.parse import quote, unquote

from ..errors import Errors, StoreError

DEFAULT_DB = "linernotes.db"


def database_url(target: str | None = None) -> str:
    """A SQLAlchemy URL from a URL, a file path, or ``$LINERNOTES_DB`` / ``linernotes.db``."""
    target = target or os.environ.get("LINERNOTES_DB") or DEFAULT_DB
    if "://" not in target:
        return f"sqlite:///{os.path.abspath(target)}"
    if target.startswith("postgresql://") or target.startswith("postgres://"):
        target = "postgresql+psycopg://" + target.split("://", 1)[1]
    scheme, credentials, rest = _split(target)
    if credentials is None:
        return target
    user, colon, password = credentials.partition(":")
    return f"{scheme}://{_quote(user)}{colon}{_quote(password)}@{rest}"  # a '@' in a password stays in it


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL (None for other databases and for memory)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return path if path and not path.startswith(":memory:") else None


def shown(url: str) -> str:
    """The knowledge base as a message names it: a file's path, or the URL with the password hidden."""
    path = sqlite_path(url)
    if path:
        return path
    scheme, credentials, rest = _split(url)
    if credentials is None or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{rest}"


def scrub(text: str, url: str) -> str:
    """``text`` with the URL's password, in any spelling, replaced by ***."""
    _, credentials, _ = _split(url)
    password = (credentials or "").partition(":")[2]
    for form in sorted({password, unquote(password), _quote(password)}, key=len, reverse=True):
        if len(form) >= 3:
            text = text.replace(form, "***")
    return text


def cannot_open(url: str, error: Exception | str) -> StoreError:
    """E020 for the knowledge base at ``url``, saying why, without the password."""
    why = str(error).splitlines()[0] if str(error) else type(error).__name__
    if sqlite_path(url) and "not a database" in why:
        why = ("the file is not a SQLite database; give the file `linernotes ingest PATH... --db FILE` created, "
               "or a postgresql:// URL")
    return StoreError(Errors.E020.format(url=shown(url), why=scrub(why, url)))


def _split(url: str) -> tuple[str, str | None, str]:
    """(scheme, user:password or None, host and the rest). The credentials end at the last '@' before the
    query, so a password may hold '@' unencoded."""
    if "://" not in url:
        return "", None, url
    scheme, rest = url.split("://", 1)
    at = rest.split("?", 1)[0].rfind("@")
    if at < 0:
        return scheme, None, rest
    return scheme, rest[:at], rest[at + 1:]


def _quote(part: str) -> str:
    return quote(unquote(part), safe="")
