"""Tokenizing long runs of characters without whitespace in bounded time.

spaCy's tokenizer strips a run's prefixes and suffixes one at a time, searching the rest of the run
each time, so its cost grows with the square of the run: 40,000 "(" in a row take minutes, inside
compiled code that the time budget cannot interrupt. No word is anywhere near ``LONG_RUN``
characters, so real text is tokenized exactly as before; a longer run is cut into pieces of
``PIECE`` characters, each tokenized on its own.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.tokens import Doc

LONG_RUN = 1000
PIECE = 100
_LONG = re.compile(r"\S{%d,}" % LONG_RUN)


class BoundedTokenizer:
    """Wraps the model's tokenizer (everything else is delegated to it)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        runs = [m.span() for m in _LONG.finditer(text)]
        if not runs:
            return self.tokenizer(text)
        docs, at = [], 0
        for start, end in runs:
            if at < start:
                docs.append(self.tokenizer(text[at:start]))  # ends in whitespace: cut where the tokenizer cuts
            docs.extend(self.tokenizer(text[i:min(i + PIECE, end)]) for i in range(start, end, PIECE))
            at = end
        if at < len(text):
            docs.append(self.tokenizer(text[at:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)
