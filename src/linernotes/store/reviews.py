"""Reads and writes of fact reviews (``schema.fact_reviews``) and the review status of facts."""
from __future__ import annotations

from sqlalchemy import Connection


class Reviews:
    """Mixed into ``Tx``."""

    conn: Connection
