"""The checks, one module per kind of knowledge; importing this package registers them all, in this order."""
from . import places, lifetime, contradictions  # noqa: F401
