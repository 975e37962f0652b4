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


#: Nouns a person is named through: "the singer X", "Professor X", "the class of X", "the guidance of X".
THROUGH_OF = {"class", "guidance", "tutelage", "supervision", "direction", "baton", "studio", "school", "mentorship", "wing"}


def person_behind(token: Token, refs: dict[int, tuple[int, ...]]) -> Token | None:
    """The name an argument stands for: itself ("Kassymova"), the name a title noun introduces
    ("the singer Aruzhan Kassymova", "the zhyrau Kuanysh Beisenov"), or the name after "the class of"."""
    if token.i in refs and len(refs[token.i]) == 1:
        return token
    for child in token.children:
        if child.dep_ in ("appos", "compound", "nmod") and child.i in refs and len(refs[child.i]) == 1:
            return child
    if token.lemma_.lower() in THROUGH_OF:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return person_behind(obj, refs)
    return None
