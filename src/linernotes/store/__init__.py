"""The one way to the knowledge base: SQLite by default, PostgreSQL by URL, the same code for both.

    store = Store.open("linernotes.db")          # or "postgresql://user@host/db"
    with store.writing() as tx:                  # one transaction: all of it or none of it,
        tx.add_documents([...])                  # beside other writers (ON CONFLICT, see locks.py)
    with store.transaction() as tx:              # one transaction, one exclusive writer at a time
        resolve(tx, ...)
    with store.reading() as tx:
        tx.counts()

Every value from a document is passed as a bound parameter; no SQL is built from text.
"""
from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DatabaseError

from .identifiers import Identifiers
from .locks import begin_concurrent_write, lock_for_writing
from .migrations import LATEST, migrate
from .queries import Queries
from .reviews import Reviews
from .urls import DEFAULT_DB, cannot_open, database_url, shown, sqlite_path
from .writes import Writes


class Tx(Reviews, Identifiers, Writes, Queries):
    """A connection inside a transaction, with the knowledge base's reads and writes."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")  # first: switching to WAL waits for another writer too
    cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE replaces a document's rows
    _use_wal(cursor)  # readers keep reading while a batch is written
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at each commit under WAL, without an fsync per row
    cursor.close()


def _use_wal(cursor, attempts: int = 50) -> None:
    """Switch to WAL (kept in the file) unless it is on. Two processes creating a database at once may
    find the switch busy without the busy timeout applying: then wait a little and try again."""
    for attempt in range(attempts):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


class Store:
    """A knowledge base at a URL; ``Store.open`` creates or upgrades its schema."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, target: str | None = None, create: bool = True) -> "Store":
        """The knowledge base at ``target``, its schema created or upgraded. With ``create=False`` a
        SQLite file that does not exist is an error (E020), not a new empty knowledge base."""
        url = database_url(target)
        path = sqlite_path(url)
        if path and not create and not os.path.exists(path):
            raise cannot_open(url, "the file does not exist; run `linernotes ingest PATH... --db FILE` first "
                                   "to create it, or check the path")
        engine = None
        try:
            if url.startswith("sqlite"):
                engine = create_engine(url)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            migrate(engine)
        except (ArgumentError, DatabaseError, ImportError, ValueError) as exc:  # not a database, refused, ...
            if engine is not None:
                engine.dispose()
            raise cannot_open(url, exc) from exc
        return cls(engine, url)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """Writes inside are committed together at the end, or rolled back together on an error."""
        with self.engine.begin() as conn:
            lock_for_writing(conn)  # one writer at a time: what a write checks first stays true
            yield Tx(conn)

    @contextmanager
    def writing(self) -> Iterator[Tx]:
        """Like ``transaction``, but other writers may write at the same time (PostgreSQL): only for
        writes that stay correct that way, i.e. storing documents (``Tx.add_documents``)."""
        with self.engine.begin() as conn:
            begin_concurrent_write(conn)
            yield Tx(conn)

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        with self.engine.connect() as conn:
            yield Tx(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({shown(self.url)!r}, schema v{LATEST})"


__all__ = ["DEFAULT_DB", "Store", "Tx", "database_url"]
