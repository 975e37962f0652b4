"""Titles written without quotation marks after the noun that says what they are.

"Her 2015 album Copper Sky reached number three", "the opera The Glass Orchard", "her third
record, titled Northern Lights,": the small model often tags nothing there, or only a piece
("Gold" of "Dust and Gold"). A run of capitalised words right after a work noun (singular:
``data/lexicons/work_title_nouns.txt``) is a Work, unless a name of another kind is already there.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span
from ..reference.lexicons import lexicon
from .layout import tokens_with

#: Small words inside a title ("Songs of the Steppe", "Dust and Gold"); a title never ends on one.
INNER = {"of", "the", "and", "a", "an", "de", "la", "le", "les", "des", "du", "del", "el", "di", "da", "von", "van", "&"}
INTRO = {"titled", "entitled", "called", "named"}
#: Names of these kinds are kept: the title is not one of them.
KEEP = {"Work", "Ensemble", "Award", "Event", "Venue", "Institution", "Country", "Date", "Instrument", "Genre"}
MAX_WORDS = 8


def _capitalised(token) -> bool:
    return token.text[:1].isupper() and token.is_alpha or token.text[:1].isdigit() and token.like_num and token.i > 0 \
        and token.doc[token.i - 1].text[:1].isupper()


def unquoted_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    nouns = lexicon("work_title_nouns")
    at: dict[int, list[Span]] = {}
    for s in spans:
        for i in range(s.start, s.end):
            at.setdefault(i, []).append(s)
    out = list(spans)
    for token in tokens_with(doc, lowers=nouns):
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") \
                or token.text[:1].isupper() and token.text not in ("EP", "LP"):
            continue
        own = next((s for s in out if s.label_ in ("Work", "Person", "Organization") and s.start == token.i and s.end > token.i + 1), None)
        if own is not None:  # "EP Grey" tagged as one name: the noun is no part of the title
            out = [s for s in out if s is not own]
            out.append(Span(doc, token.i + 1, own.end, label="Work"))
            continue
        i = token.i + 1
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ in INTRO:
            i += 1
        if i >= len(doc) or not doc[i].text[:1].isupper() or not doc[i].is_alpha or doc[i].lower_ in nouns:
            continue  # "her debut EP, Oq Yo'l": the next noun introduces the title
        start, end, j = i, i, i
        while j < len(doc) and j - start < MAX_WORDS:
            t = doc[j]
            if t.is_sent_start and j > start:
                break
            if _capitalised(t) or t.text in ("'", "’", "-") and not t.whitespace_ and j > start and not doc[j - 1].whitespace_:
                j += 1
                if _capitalised(t):
                    end = j
                continue
            if t.lower_ in INNER and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                if t.lower_ in ("and", "&") and any(s.label_ == "Person" for s in at.get(j + 1, ())):
                    break  # "released the album Ember and Sam Dole produced it"
                j += 1
                continue
            break
        if end <= start:
            continue
        after = doc[end] if end < len(doc) else None
        if after is not None and after.pos_ == "NOUN" and after.is_lower and doc[end - 1].head.i == after.i:
            continue  # "a single Pamiri melody": the capitalised word is an adjective of the noun after it
        overlapping = {id(s): s for k in range(start, end) for s in at.get(k, ())}.values()
        if any(s.label_ in KEEP and not (s.label_ == "Work" and start <= s.start and s.end <= end and (s.start, s.end) != (start, end))
               for s in overlapping):
            continue  # already a title (or another kind of name); a piece of this title is replaced below
        if any(s.start < start or s.end > end for s in overlapping):
            continue  # a longer name runs through it
        out = [s for s in out if not (s.start < end and start < s.end and s.label_ != "Date")]
        out.append(Span(doc, start, end, label="Work"))
    return out
