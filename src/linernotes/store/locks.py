"""Two kinds of write transaction: exclusive (one at a time per knowledge base) and concurrent.

*Exclusive* (``Store.transaction``): what a write checks first still holds at the commit. Resolution,
corrections by hand and the schema's migrations take it: they read a block of people and rewrite it.

*Concurrent* (``Store.writing``): storing documents. Writers do not take turns on PostgreSQL; they
stay correct because every row two writers could both create has a unique key and is created with
``INSERT ... ON CONFLICT DO NOTHING`` (a document by name, a text by digest, an entity by kind and
key), in one global order (names, then digests, then entity keys, each sorted) so that no two
writers wait on each other in a cycle. SQLite has one writer at a time whatever is asked, so there
both kinds begin with ``BEGIN IMMEDIATE`` (waiting up to the busy timeout instead of failing on the
upgrade from reader to writer). Readers never wait.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

#: The PostgreSQL advisory lock exclusive writers take: any constant will do ("lnkb" in ASCII).
ADVISORY_KEY = 0x6C6E6B62


def lock_for_writing(conn: Connection) -> None:
    """Wait for other exclusive writers, then hold the knowledge base until this transaction ends.

    Must be the first statement of the transaction. SQLite: ``BEGIN IMMEDIATE`` (waits up to the
    busy timeout); PostgreSQL: a transaction-scoped advisory lock.
    """
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})


def begin_concurrent_write(conn: Connection) -> None:
    """Start a transaction that writes beside other writers (see the module's docstring)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
