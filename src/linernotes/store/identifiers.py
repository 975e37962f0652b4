"""Reads and writes of Wikidata and MusicBrainz identifiers (``schema.identifiers``)."""
from __future__ import annotations

from sqlalchemy import Connection


class Identifiers:
    """Mixed into ``Tx``."""

    conn: Connection
