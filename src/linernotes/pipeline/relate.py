"""Stage 4, relate: run the relation rules and attribute every candidate fact to a person.

Rules live in ``linernotes.pipeline.relations`` (one module per family of relations) and are
registered with :func:`rule`. Each yields :class:`Candidate` facts anchored on a token; this
stage decides whose fact it is, drops negated and merely wished-for statements, and adds the
inverse of person-valued relations (A teacher_of B => B student_of A).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .recognise import SPAN_KEY
from ..model import INVERSE
from ..reference import fold
from .arguments import names_after, people_under
from .ensembles import lineup_members
from .syntax import Owner, is_hypothetical, is_negated, person_of
from .layout import tokens_of, spans_of

if not Doc.has_extension("ln_facts"):
    Doc.set_extension("ln_facts", default=None)


@dataclass
class Candidate:
    relation: str
    value: str
    start: int  # character offsets of the value in the document
    end: int
    anchor: Token  # the token whose clause says it (attribution, negation)
    confidence: float = 0.9
    people: tuple[int, ...] | None = None  # set when the rule already knows whose fact it is
    value_person: int | None = None  # for person-valued relations
    ref: str | None = None
    label: str | None = None
    fallback: bool = False  # may fall back to the topic person when the clause has no person
    ensemble: int | None = None  # set when the rule already knows it is an ensemble's fact
    check_modality: bool = True
    rule: str = ""  # the rule or pattern that found it (set by :func:`relate` when the rule does not): a feature of the confidence model


@dataclass
class AttributedFact:
    person: int
    candidate: Candidate
    confidence: float
    evidence: Span
    #: How the person was found ("person", "possessor", "bracket", "topic", "group", "inverse", ...) and the
    #: rule's own confidence before attribution capped it: what the confidence model reads.
    how: str = ""
    prior: float | None = None

    def __post_init__(self) -> None:
        if self.prior is None:
            self.prior = self.candidate.confidence


@dataclass
class Context:
    doc: Doc
    people: list
    refs: dict[int, tuple[int, ...]]
    mentions: list[Span]
    ensembles: list = field(default_factory=list)
    ensemble_refs: dict[int, int] = field(default_factory=dict)
    by_label: dict[str, list[Span]] = field(default_factory=dict)
    at_token: dict[int, list[Span]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for span in self.mentions:
            self.by_label.setdefault(span.label_, []).append(span)
            for i in range(span.start, span.end):
                self.at_token.setdefault(i, []).append(span)

    def labelled(self, *labels: str) -> Iterator[Span]:
        for label in labels:
            yield from self.by_label.get(label, ())

    def mention_of(self, token: Token, *labels: str) -> Span | None:
        return next((s for s in self.at_token.get(token.i, ()) if s.label_ in labels), None)


Rule = Callable[[Context], Iterable[Candidate]]
RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a relation rule under a versioned name (``"linernotes.born_in.v1"``)."""
    def register(function: Rule) -> Rule:
        RULES[name] = function
        return function
    return register


@Language.factory("linernotes_relate", assigns=["doc._.ln_facts"], requires=["doc._.ln_people", "doc._.ln_refs"],
                  default_config={"disabled": [], "patterns": []})
def make_relater(nlp: Language, name: str, disabled: list[str], patterns: list[str]) -> "Relater":
    """``disabled``: rule names ("linernotes.teaching.v1") or pattern names ("learning", "learning.pupil_of")
    to switch off; ``patterns``: more pattern files or directories, read after the shipped ones."""
    from . import relations  # noqa: F401  (registers the rules)
    from .patterns import PATTERN_DIR, PatternSet, is_disabled, load_patterns
    shipped = [p for p in load_patterns([PATTERN_DIR, *patterns]) if not is_disabled(p.name, disabled)]
    rules = [(name, function) for name, function in RULES.items() if not is_disabled(name, disabled)]
    return Relater([*rules, ("linernotes.patterns.v1", PatternSet(nlp.vocab, shipped))])


class Relater:
    def __init__(self, rules: list[tuple[str, "Rule"]] | None = None) -> None:
        self.rules = rules if rules is not None else list(RULES.items())

    def __call__(self, doc: Doc) -> Doc:
        doc._.ln_facts = relate(doc, self.rules)
        return doc


def relate(doc: Doc, rules: Iterable[tuple[str, Rule]] | None = None) -> list[AttributedFact]:
    people = doc._.ln_people or []
    ctx = Context(doc, people, doc._.ln_refs or {}, list(spans_of(doc, SPAN_KEY)),
                  doc._.ln_ensembles or [], doc._.ln_ensemble_refs or {})
    topics = topic_people(doc, ctx.refs)
    bracketed = brackets_after_names(doc, ctx.refs)
    for person, row in lineup_members(doc, ctx.ensembles, ctx.refs):  # "Arsen Kim — bass guitar": the row is his
        for token in row:
            bracketed.setdefault(token.i, (person,))
    facts: list[AttributedFact] = []
    of_ensembles: list[tuple[Candidate, int]] = []
    of_works: list[tuple[Candidate, str]] = []
    work_at = work_subjects(ctx)
    band = text_about_a_band(ctx)
    unreal_at: dict[int, bool] = {}
    owner_at: dict[int, Owner] = {}
    for name, function in (RULES.items() if rules is None else rules):
        for cand in function(ctx):
            cand.rule = cand.rule or name
            if cand.check_modality:
                unreal = unreal_at.get(cand.anchor.i)
                if unreal is None:  # many candidates share an anchor: ask once
                    unreal = unreal_at[cand.anchor.i] = is_negated(cand.anchor) or is_hypothetical(cand.anchor)
                if unreal:
                    continue
            how = ""
            if cand.ensemble is not None:
                owner = Owner((), "ensemble", cand.confidence, cand.ensemble)
            elif cand.people is not None:
                owner = Owner(cand.people, "given", cand.confidence)
            elif cand.anchor.i in bracketed:
                owner = Owner(bracketed[cand.anchor.i], "person", 0.9)
                how = "bracket"
            else:
                owner = owner_at.get(cand.anchor.i)
                if owner is None:
                    owner = owner_at[cand.anchor.i] = person_of(cand.anchor, ctx.refs, ensembles=ctx.ensemble_refs)
            if owner.why == "ensemble" and cand.relation == "collaborator" and cand.people is None:
                leader = leader_of(ctx.ensembles[owner.ensemble], people) if owner.ensemble is not None and owner.ensemble < len(ctx.ensembles) else None
                if leader is not None:
                    owner = Owner((leader,), "person", owner.confidence)  # "The Roman Lim Quartet's album features X": his guest
            if owner.why == "ensemble":
                of_ensembles.append((cand, owner.ensemble))  # its members are known only after every rule has run
                continue
            if owner.why == "other" and owner.subject in work_at and cand.relation in OF_A_WORK:
                of_works.append((cand, work_at[owner.subject]))  # "Zhel was named Album of the Year": the work's makers
                continue
            if not owner.people and owner.why in ("no-subject", "other", "description") and band is not None \
                    and cand.relation in BAND_RELATIONS and (owner.why != "other" or cand.fallback or cand.relation == "notable_work"):
                of_ensembles.append((cand, band))  # a band history: an unowned album or tour is the band's
                continue
            targets, confidence = owner.people, min(cand.confidence, owner.confidence or cand.confidence)
            how = how or owner.why
            # A clause with no subject at all (a fragment, or a parse that lost it) is about the topic;
            # so is "the young musician"; "the duo" is the people named just before.
            if not targets and (owner.why in ("no-subject", "description") or owner.why == "other" and cand.fallback):
                topic = topics.get(cand.anchor.sent.start)
                if topic is not None:
                    targets, confidence = (topic,), min(cand.confidence, 0.7 if owner.why == "description" else 0.6)
                    how = f"topic ({owner.why})"
            elif not targets and owner.why == "group":
                targets, confidence = recent_people(doc, ctx.refs, cand.anchor), min(cand.confidence, 0.7)
            found = targets
            if targets and cand.relation in SHARED_WITH_PARTNERS and owner.why in ("person", "possessor"):
                targets = tuple(dict.fromkeys([*targets, *partners_of_clause(cand.anchor, ctx.refs)]))
            for person in targets:
                if person == cand.value_person:
                    continue
                facts.append(AttributedFact(person, cand, confidence, cand.anchor.sent, how if person in found else "partner"))
                inverse = INVERSE.get(cand.relation)
                if inverse and cand.value_person is not None:
                    other = people[person]
                    facts.append(AttributedFact(cand.value_person, Candidate(
                        inverse, other.name, other.spans[0].start_char, other.spans[0].end_char, cand.anchor,
                        cand.confidence, value_person=person, rule=cand.rule), confidence, cand.anchor.sent, "inverse"))
    if ctx.ensembles:
        from .membership import ensemble_facts  # it builds on this module's Candidate
        facts += ensemble_facts(ctx, facts, of_ensembles)
    facts += work_facts(facts, of_works, people)
    facts += siblings_of_children(ctx, facts)
    return facts


def leader_of(ensemble, people: list) -> int | None:
    """The person an ensemble is named after ("the Roman Lim Quartet", "the Lipatov Quartet"), if one of the text."""
    name = fold(ensemble.name).split()
    found = []
    for i, person in enumerate(people):
        full = fold(person.name).split()
        if len(full) > 1 and any(name[k:k + len(full)] == full for k in range(len(name))) \
                or len(full) > 1 and full[-1] in name and sum(fold(p.name).split()[-1:] == full[-1:] for p in people) == 1:
            found.append(i)
    return found[0] if len(found) == 1 else None


def siblings_of_children(ctx: Context, facts: list[AttributedFact]) -> list[AttributedFact]:
    """Two children of one parent are siblings: "a daughter, Aliya, ... and a son, Timur"."""
    children: dict[int, dict[int, AttributedFact]] = {}
    for fact in facts:
        if fact.candidate.relation == "child" and fact.candidate.value_person is not None:
            children.setdefault(fact.person, {})[fact.candidate.value_person] = fact
    out = []
    for kids in children.values():
        for a, fact in kids.items():
            for b in kids:
                if a != b:
                    first = ctx.people[b].spans[0]
                    out.append(AttributedFact(a, Candidate("sibling", ctx.people[b].name, first.start_char, first.end_char,
                                                           fact.candidate.anchor, 0.6, value_person=b), 0.6, fact.evidence,
                                              "sibling of children"))
    return out


#: What a band does as a band.
BAND_RELATIONS = {"notable_work", "record_label", "toured", "performed_at", "award", "genre"}


def text_about_a_band(ctx: Context) -> int | None:
    """The ensemble a text is about, when its first prose sentence is about that ensemble rather than a person."""
    if not ctx.ensembles:
        return None
    first = next((s for s in ctx.doc.sents if any(t.i in ctx.ensemble_refs or t.i in ctx.refs for t in s)), None)
    if first is None:
        return None
    for token in first:
        if token.i in ctx.refs:
            return None  # a person comes first: the text is about people
        if token.i in ctx.ensemble_refs:
            return ctx.ensemble_refs[token.i]
    return None


#: What a work can win or come out on, for the people who made it.
OF_A_WORK = {"award", "record_label", "collaborator", "performed_at"}
WORK_NOUNS = {"album", "single", "record", "ep", "lp", "song", "debut", "follow-up", "recording", "track", "release"}


def work_subjects(ctx: Context) -> dict[int, str]:
    """Tokens that stand for a named work as a subject: the title itself, or "the debut album, X," around it."""
    out: dict[int, str] = {}
    for span in ctx.labelled("Work"):
        key = fold(span.text)
        out[span.root.i] = key
        head = span.root.head
        if span.root.dep_ in ("appos", "compound") and head.lemma_.lower() in WORK_NOUNS:
            out[head.i] = key
    return out


def work_facts(facts: list[AttributedFact], of_works: list[tuple[Candidate, str]], people: list | None = None) -> list[AttributedFact]:
    """A work's award or label goes to those the text credits with the work."""
    makers: dict[str, list[int]] = {}
    for fact in facts:
        if fact.candidate.relation == "notable_work":
            makers.setdefault(fold(fact.candidate.value), []).append(fact.person)
    out = []
    for cand, key in of_works:
        for person in dict.fromkeys(makers.get(key, ())):
            if person != cand.value_person:
                out.append(AttributedFact(person, cand, min(cand.confidence, 0.7), cand.anchor.sent, "work maker"))
                inverse = INVERSE.get(cand.relation)
                if inverse and cand.value_person is not None and people:
                    # "The album's single was produced with X": X worked with its maker too
                    other = people[person]
                    out.append(AttributedFact(cand.value_person, Candidate(
                        inverse, other.name, other.spans[0].start_char, other.spans[0].end_char, cand.anchor,
                        cand.confidence, value_person=person), min(cand.confidence, 0.7), cand.anchor.sent, "work maker inverse"))
    return out


#: What people do together when one does it "with" another: "with Mehmet she recorded two albums for Kervan Plak".
SHARED_WITH_PARTNERS = {"notable_work", "record_label", "performed_at", "toured"}


def partners_of_clause(anchor: Token, refs: dict[int, tuple[int, ...]]) -> list[int]:
    """The people the clause's verb is done with: "with X", "together with X", "alongside X"."""
    verb = anchor
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "alongside")]
    preps += [g for c in verb.children if c.lower_ == "together" for g in c.children if g.dep_ == "prep" and g.lower_ == "with"]
    out: list[int] = []
    for prep in preps:
        out += [refs[t.i][0] for t in people_under(prep, refs)] + names_after(prep, refs)
    return list(dict.fromkeys(out))


def brackets_after_names(doc: Doc, refs: dict[int, tuple[int, ...]]) -> dict[int, tuple[int, ...]]:
    """Tokens inside brackets right after a person's name belong to that person: "X (born 1980 in Khovd)"."""
    out: dict[int, tuple[int, ...]] = {}
    tokens = tokens_of(doc)
    for i in sorted(refs):
        if i + 1 >= len(tokens) or len(refs[i]) != 1 or tokens[i + 1].text != "(":
            continue
        token = tokens[i + 1]
        for inner in doc[token.i + 1: min(token.i + 30, len(doc))]:
            if inner.text in (")", "(") or inner.is_sent_start:
                break
            out[inner.i] = refs[token.i - 1]
    return out


def topic_people(doc: Doc, refs: dict[int, tuple[int, ...]]) -> dict[int, int]:
    """The person each sentence is about when it names nobody: the last person named as a subject,
    or the person whose name opens the sentence (the parser often loses "X (born ...) is a ...")."""
    topics: dict[int, int] = {}
    current: int | None = None
    for sent in doc.sents:
        topics[sent.start] = current if current is not None else -1
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is not None and first.i in refs and len(refs[first.i]) == 1:
            current = topics[sent.start] = refs[first.i][0]
        for token in sent:
            if token.i in refs and len(refs[token.i]) == 1 and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                current = refs[token.i][0]
                if topics[sent.start] == -1:
                    topics[sent.start] = current
        if topics[sent.start] == -1:
            topics[sent.start] = current
    return {k: v for k, v in topics.items() if v is not None and v >= 0}


DUAL = {"two", "duo", "couple", "pair", "both", "spouses", "partners", "siblings"}


def recent_people(doc: Doc, refs: dict[int, tuple[int, ...]], token: Token) -> tuple[int, ...]:
    """The people a group word stands for: those named (or pronoun-referred) most recently before
    ``token`` in this sentence and the one before, the last two for "the two of them" / "the couple"."""
    sent = token.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    words = {t.lower_ for t in doc[sent.start: token.i + 1]}
    size = 2 if words & DUAL else 3 if "trio" in words else None
    found: list[int] = []
    for t in range(token.i - 1, start - 1, -1):
        if doc[t].lower_ in ("they", "them", "their", "theirs"):
            continue  # another group word: its people are what we are looking for, not a clue
        for i in refs.get(t, ()):
            if i not in found:
                found.append(i)
        if size and len(found) >= size:
            break
    found = found[:size] if size else found
    return tuple(sorted(found)) if len(found) >= 2 else ()
