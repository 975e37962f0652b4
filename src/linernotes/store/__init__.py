"""The one way to the knowledge base: SQLite by default, PostgreSQL by URL, the same code for both.

    store = Store.open("linernotes.db")          # or "postgresql://user@host/db"
    with store.transaction() as tx:              # one transaction: all of it or none of it
        tx.add_documents([...])
    with store.reading() as tx:
        tx.counts()

Every value from a document is passed as a bound parameter; no SQL is built from text.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError

from ..errors import Errors, StoreError
from .migrations import LATEST, migrate
from .queries import Queries
from .writes import Writes

DEFAULT_DB = "linernotes.db"


class Tx(Writes, Queries):
    """A connection inside a transaction, with the knowledge base's reads and writes."""


def database_url(target: str | None = None) -> str:
    """A SQLAlchemy URL from a URL, a file path, or ``$LINERNOTES_DB`` / ``linernotes.db``."""
    target = target or os.environ.get("LINERNOTES_DB") or DEFAULT_DB
    if "://" not in target:
        return f"sqlite:///{os.path.abspath(target)}"
    if target.startswith("postgresql://") or target.startswith("postgres://"):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE replaces a document's rows
    cursor.execute("PRAGMA journal_mode=WAL")  # readers keep reading while a batch is written
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at each commit under WAL, without an fsync per row
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """A knowledge base at a URL; ``Store.open`` creates or upgrades its schema."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, target: str | None = None) -> "Store":
        url = database_url(target)
        try:
            if url.startswith("sqlite"):
                engine = create_engine(url)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            migrate(engine)
        except (ArgumentError, OperationalError, ImportError) as exc:
            raise StoreError(Errors.E020.format(url=_redact(url), why=str(exc).splitlines()[0])) from exc
        return cls(engine, url)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """Writes inside are committed together at the end, or rolled back together on an error."""
        with self.engine.begin() as conn:
            yield Tx(conn)

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        with self.engine.connect() as conn:
            yield Tx(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({_redact(self.url)!r}, schema v{LATEST})"


def _redact(url: str) -> str:
    """A URL fit for messages: the password hidden."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in credentials else url
    return url


__all__ = ["DEFAULT_DB", "Store", "Tx", "database_url"]
