"""Reference knowledge: one loader per data file, all offline, all lazily loaded and cached."""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

DATA_PACKAGE = "linernotes.data"


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """A lookup key: accents stripped, case folded, punctuation and spaces folded (memoised: the
    same few thousand words are folded again and again, per token and per rule; the 16,384 most
    recently used are kept, about 3.5 MB: a stream of new names cycles through, the common words
    stay)."""
    return fold_text(text)


def fold_text(text: str) -> str:
    """``fold`` without the memo, for a whole document's text: each is folded once, and the memo
    would keep every one of them, and its folded copy, alive for the rest of the run."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'")
    return re.sub(r"[^\w']+", " ", text).strip()


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``linernotes/data/<name>`` as dicts (header row gives the keys)."""
    with resources.files(DATA_PACKAGE).joinpath(name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = []
        for number, row in enumerate(reader, 2):
            if None in row or any(v is None for v in row.values()):
                raise ValueError(f"{name}:{number}: wrong number of columns")
            rows.append({k: v.strip() for k, v in row.items()})
        return tuple(rows)


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]
