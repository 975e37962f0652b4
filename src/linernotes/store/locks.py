"""One writer at a time per knowledge base, so a check made before a write still holds at the commit.

Two ingests of the same files at once each ask "is this document stored?" and then insert it; with the
lock the second asks only after the first has committed, sees the document and skips it. The same
goes for entities created on first sight, profiles, and the schema's migrations. Readers never wait.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

#: The PostgreSQL advisory lock writers take: any constant will do ("lnkb" in ASCII).
ADVISORY_KEY = 0x6C6E6B62


def lock_for_writing(conn: Connection) -> None:
    """Wait for other writers, then hold the knowledge base until this transaction ends.

    Must be the first statement of the transaction. SQLite: ``BEGIN IMMEDIATE`` (waits up to the
    busy timeout); PostgreSQL: a transaction-scoped advisory lock.
    """
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})
