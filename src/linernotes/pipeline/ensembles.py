"""Stage 3b, ensembles: bands, duos, orchestras as entities of the document, with their members.

Sets ``doc._.ln_ensembles`` (a list of :class:`EnsembleCluster`) and ``doc._.ln_ensemble_refs``
(token index -> ensemble index) for the ensemble's names and for "the band", "the trio", "the
group's", "its" that stand for it. Membership is read after the relation rules have run (from
their ``member_of``/``founded`` facts, line-up rows and band-history sentences), in
:mod:`.membership`; a fact whose subject is the ensemble then goes to the members of that time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..reference import fold
from ..reference.vocab import name_cues
from .recognise import SPAN_KEY
from .layout import text_of, tokens_of, tokens_with, spans_of
from ..reference.lexicons import lexicon

if not Doc.has_extension("ln_ensembles"):
    Doc.set_extension("ln_ensembles", default=None)
    Doc.set_extension("ln_ensemble_refs", default=None)

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
SINCE = re.compile(r"\b(?:since|from)\s+(1[89]\d\d|20\d\d)\b", re.I)
RANGE = re.compile(r"\b(1[89]\d\d|20\d\d)\s*[–—-]\s*(1[89]\d\d|20\d\d|present|today)?")
# Trigger words (data/lexicons): leave_verbs ("left", "quit": a member's last year), membership_start_verbs,
# ensemble_start_verbs.


@dataclass
class Membership:
    start: int | None = None
    end: int | None = None

    def active(self, year: int | None) -> bool:
        if year is None:
            return self.end is None
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass
class EnsembleCluster:
    name: str
    keys: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)
    members: dict[int, Membership] = field(default_factory=dict)

    def members_at(self, year: int | None) -> tuple[int, ...]:
        """The members who belonged in ``year`` (current members when no year is known)."""
        chosen = [p for p, m in self.members.items() if m.active(year)]
        if not chosen and year is None:
            chosen = list(self.members)
        return tuple(sorted(chosen))


def ensemble_nouns() -> set[str]:
    return {w for w, t in name_cues().get("noun", {}).items() if t == "Ensemble"} - {"project", "act", "lineup", "line-up"}


@Language.factory("linernotes_ensembles", assigns=["doc._.ln_ensembles", "doc._.ln_ensemble_refs"], requires=["doc.spans"])
def make_ensembles(nlp: Language, name: str) -> "Ensembles":
    return Ensembles()


class Ensembles:
    def __call__(self, doc: Doc) -> Doc:
        ensembles, refs = find_ensembles(doc)
        doc._.ln_ensembles = ensembles
        doc._.ln_ensemble_refs = refs
        return doc


def find_ensembles(doc: Doc) -> tuple[list[EnsembleCluster], dict[int, int]]:
    ensembles: list[EnsembleCluster] = []
    refs: dict[int, int] = {}
    by_key: dict[str, int] = {}
    for span in spans_of(doc, SPAN_KEY):
        if span.label_ != "Ensemble":
            continue
        key = fold(span.text).removeprefix("the ")
        if key not in by_key:
            # A translation in brackets right after a name is that name again: "Khar Salkhi ("Black Wind")".
            previous = next((e for e in ensembles[-1:] if e.spans and 0 <= span.start - e.spans[-1].end <= 2
                             and "(" in text_of(doc)[e.spans[-1].end_char:span.start_char]), None)
            if previous is not None:
                by_key[key] = ensembles.index(previous)
                previous.keys.add(key)
            else:
                by_key[key] = len(ensembles)
                ensembles.append(EnsembleCluster(span.text, {key}))
        index = by_key[key]
        ensembles[index].spans.append(span)
        if ensembles[index].name.isupper() and not span.text.isupper():
            ensembles[index].name = span.text  # "DALA TOLQYNY" in a headline, "Dala Tolqyny" in the text
        for token in span:
            refs[token.i] = index
    nouns = ensemble_nouns()
    # "In Berlin she formed a trio with X and Y": a band without a name is an entity too.
    for token in tokens_with(doc, lemmas=nouns):
        if token.i in refs or token.pos_ != "NOUN":
            continue
        introduced = token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon("ensemble_start_verbs") and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
        if introduced and fold(token.text) not in by_key:
            by_key[fold(token.text)] = len(ensembles)
            ensembles.append(EnsembleCluster(token.text, {fold(token.text)}, [doc[token.i: token.i + 1]]))
            refs[token.i] = len(ensembles) - 1
    if not ensembles:
        return ensembles, refs
    merge_unnamed(ensembles, refs)
    last: int | None = None
    last_sentence: int | None = None
    mention_at = {s.start: refs[s.start] for e in ensembles for s in e.spans}
    main = max(range(len(ensembles)), key=lambda i: (len(ensembles[i].spans), -ensembles[i].spans[0].start))
    people_refs = doc._.ln_refs or {}
    for token in tokens_of(doc):
        if token.i in mention_at:
            last = mention_at[token.i]
            last_sentence = token.sent.end
            continue
        if token.i in refs:
            continue
        # "the band", "the group's", "the trio": the ensemble talked about.
        if token.lemma_.lower() in nouns and token.tag_ in ("NN", "NNP") and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children) and not any(
                c.dep_ in ("compound", "amod", "appos") and c.pos_ == "PROPN" or c.dep_ == "prep" and c.lower_ == "of"
                and not any(g.i in people_refs for g in c.children)
                for c in token.children):  # "the orchestra of the regional philharmonic" is another one, not "the trio of X, Y"
            refs[token.i] = last if last is not None else main
            last, last_sentence = refs[token.i], token.sent.end
        elif last is not None and (token.lower_ == "its" or token.lower_ in ("it", "they", "their", "them")
                                   and last_sentence is not None and token.sent.start <= last_sentence + 1
                                   and token.i not in (doc._.ln_refs or {})):
            refs[token.i] = last  # "It was formed by ...", "its second album", "they played at ..." after "the trio"
    return ensembles, refs


def merge_unnamed(ensembles: list[EnsembleCluster], refs: dict[int, int]) -> None:
    """"Lim formed a trio ... The Nastya Lim Trio has held ...": a named band with the same noun is that trio."""
    for index, unnamed in enumerate(ensembles):
        if len(unnamed.spans) != 1 or len(unnamed.spans[0]) != 1 or unnamed.spans[0][0].pos_ != "NOUN":
            continue
        noun = unnamed.spans[0][0].lemma_.lower()
        named = next((i for i, e in enumerate(ensembles) if i != index and e.spans and e.spans[0][-1].lemma_.lower() == noun
                      and e.spans[0].start > unnamed.spans[0].start and len(e.spans[0]) > 1), None)
        if named is None:
            continue
        target = ensembles[named]
        target.spans = unnamed.spans + target.spans
        target.keys |= unnamed.keys
        unnamed.spans = []
        for i, e in list(refs.items()):
            if e == index:
                refs[i] = named
    kept = [e for e in ensembles if e.spans]
    if len(kept) != len(ensembles):
        renumber = {id(e): n for n, e in enumerate(kept)}
        old = list(ensembles)
        for i, e in list(refs.items()):
            refs[i] = renumber[id(old[e])]
        ensembles[:] = kept


def fact_year(doc: Doc, start_char: int, sent: Span) -> int | None:
    """The year a statement is about: "(2007)" after its value, else the first year in its sentence."""
    after = text_of(doc)[start_char:start_char + 80]
    match = re.match(r"[^()\n]{0,60}\(([^()]{0,50})\)", after)
    if match:
        years = YEAR.findall(match.group(1))
        if years:
            return int(years[0])
    years = YEAR.findall(sent.text)
    return int(years[0]) if years else None


def membership_years(sent: Span) -> Membership:
    """"since 2019", "(2005–2009)", "joined in 2006", "left at the end of 2018"."""
    text = sent.text
    lemmas = {t.lemma_.lower() for t in sent}
    since = SINCE.search(text)
    if since:
        return Membership(int(since.group(1)))
    span = RANGE.search(text)
    if span and span.group(2):
        end = span.group(2)
        return Membership(int(span.group(1)), int(end) if end.isdigit() else None)
    years = [int(y) for y in YEAR.findall(text)]
    if lemmas & lexicon("leave_verbs") and years:
        return Membership(None, years[-1])
    if lemmas & (lexicon("membership_start_verbs") | lexicon("ensemble_start_verbs")) and years:
        return Membership(years[0])
    return Membership()  # "the remaining trio ... recorded X in 2020" says nothing of when they joined


def lineup_members(doc: Doc, ensembles: list[EnsembleCluster], people_refs: dict[int, tuple[int, ...]]) -> list[tuple[int, Span]]:
    """List lines that start with a person's name ("Arsen Kim — bass guitar (since 2012)"): a line-up."""
    out = []
    text = text_of(doc)
    for start, end, kind in doc._.ln_lines or ():
        if kind != "item":
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first = next((t for t in span if not t.is_space and not t.is_punct), None)
        if first is None or first.i not in people_refs or len(people_refs[first.i]) != 1:
            continue
        name_end = first
        while name_end.i + 1 < span.end and people_refs.get(name_end.i + 1) == people_refs[first.i]:
            name_end = doc[name_end.i + 1]
        # the name, then a dash or colon: "Arsen Kim — bass guitar (since 2012)"
        if not re.match(r"\s*(?:[—–:]|-\s)", text[name_end.idx + len(name_end.text):end]):
            continue
        out.append((people_refs[first.i][0], span))
    return out
