"""A few hundred biographies from the repository's own: each text, and variants of it with
sentences left out or reordered (different texts, so different facts), written to a folder."""
from __future__ import annotations

import re
from pathlib import Path

from ..conftest import EXAMPLES, REPO

SOURCES = sorted((EXAMPLES / "bios").glob("*.txt")) + sorted((REPO / "eval" / "frozen" / "docs").glob("*.txt"))


def _variants(text: str) -> list[str]:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return [text, " ".join(sentences[1:]), " ".join(sentences[:-1]), " ".join(sentences[::2]),
            " ".join(sentences[1::2]), " ".join(reversed(sentences))]


def write_many(folder: Path) -> list[str]:
    """Write the corpus into ``folder``; return the file paths, sorted as the reader walks them."""
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    for source in SOURCES:
        for number, text in enumerate(_variants(source.read_text(encoding="utf-8"))):
            if text.strip() and text not in seen:
                seen.add(text)
                (folder / f"{source.stem}-v{number}.txt").write_text(text, encoding="utf-8")
    return sorted(str(p) for p in folder.glob("*.txt"))
