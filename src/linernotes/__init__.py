"""linernotes: read musicians' biographies, return evidenced facts about the people in them."""
from __future__ import annotations

from .api import BatchResult, extract, extract_many, extract_paths
from .errors import ExtractionError, GoldError, InputError, LinernotesError
from .evaluate import evaluate
from .model import RELATIONS, Check, Document, Fact, Mention, Person

__version__ = "0.1.0"

__all__ = sorted([
    "BatchResult", "Check", "Document", "ExtractionError", "Fact", "GoldError", "InputError", "LinernotesError", "Mention", "Person",
    "RELATIONS", "evaluate", "extract", "extract_many", "extract_paths",
])
