"""Small helpers shared by the relation rules."""
from __future__ import annotations

from spacy.tokens import Span, Token


ARTICLES = ("the ", "a ", "an ")


def clean_name(span: Span) -> tuple[str, int, int]:
    """A proper name's text and character offsets, without a leading article."""
    text, start = span.text, span.start_char
    for article in ARTICLES:
        if text.lower().startswith(article):
            text, start = text[len(article):], start + len(article)
    return text, start, start + len(text)


def ancestors_within(token: Token, steps: int) -> list[Token]:
    out, t = [], token
    for _ in range(steps):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out

