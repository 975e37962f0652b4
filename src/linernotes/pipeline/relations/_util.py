"""Small helpers shared by the relation rules."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...reference import fold

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
        if t.head is t:
            break
        t = t.head
        out.append(t)
    return out


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def governing(token: Token, through: set[str] | None = None, steps: int = 6) -> Token | None:
    """The word a name depends on, skipping prepositions and carrier nouns ("the town of X")."""
    t = token
    for _ in range(steps):
        if t.head is t:
            return None
        t = t.head
        if t.pos_ == "ADP" or t.dep_ in ("prep", "agent") or t.pos_ == "PUNCT":
            continue
        if through and fold(t.text) in through:
            continue
        if t.dep_ in ("appos", "conj") and t.pos_ == "PROPN":
            continue
        return t
    return None
