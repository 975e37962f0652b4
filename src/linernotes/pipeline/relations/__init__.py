"""Relation rules, one module per family; importing this package registers them all."""
from . import identity, life, learning, music, family, sections  # noqa: F401
