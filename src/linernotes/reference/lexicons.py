"""Word lists in ``data/lexicons`` (one word per line, ``#`` starts a comment): what the relation
patterns name as ``"@name"`` and the rules read. A leaf module, so any stage can import it at the top."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicons"


class UnknownLexicon(ValueError):
    """No word list of that name."""


@lru_cache(maxsize=None)
def lexicon(name: str, directory: str = str(LEXICON_DIR)) -> frozenset[str]:
    """A word list: one entry per line, ``#`` starts a comment."""
    path = Path(directory) / f"{name}.txt"
    if not path.exists():
        raise UnknownLexicon(f"{path}: no such lexicon")
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)
