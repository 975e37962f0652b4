"""Relation patterns kept as data: ``data/patterns/*.toml``, word lists in ``data/lexicons/*.txt``.

A pattern is a spaCy ``DependencyMatcher`` pattern whose nodes carry role names: ``trigger`` (the word
that says it; its clause decides negation and, without an ``owner``, whose fact it is), ``owner``
(the person or ensemble the fact belongs to) and ``value``. ``{"IN": "@teaching_nouns"}`` reads a
lexicon. This module compiles every file once and turns each match into :class:`Candidate` facts
through the steps every rule needs: role tokens to people (title nouns, conjunctions, apposition,
groups, ensembles), value tokens to the mention or vocabulary term they are part of.
See CONTRIBUTING.md ("A new sentence shape").
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.matcher import DependencyMatcher
from spacy.vocab import Vocab

from ..model import PERSON_VALUED, RELATION_TABLE, RELATIONS
from ..reference import vocab
from ..reference.lexicons import LEXICON_DIR, UnknownLexicon, lexicon  # noqa: F401  (lexicon: part of this module's API)
from .arguments import names_after, people_under, person_behind
from .relate import Candidate, Context
from .relations._util import clean_name
from .syntax import subject_owner
from .tree_matcher import TreeMatcher

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parents[1] / "data"
PATTERN_DIR = DATA / "patterns"
ROLES = ("trigger", "owner", "value")

#: Which mentions can stand as the value of a relation, by the kind of thing the value is.
MENTION_LABELS = {
    "Ensemble": ("Ensemble",), "Institution": ("Institution",), "Organization": ("Organization",),
    "Award": ("Award", "Event"), "Work": ("Work",), "Country": ("Country",),
    "Place": ("Place", "Country", "Venue", "Event"), "Venue": ("Venue", "Event", "Place"),
}
#: The mention label and vocabulary of a value that is a term, by the value's type (voice types are
#: recognised as VoiceType mentions: recognise.py).
TERMS = {"Instrument": ("Instrument", vocab.instruments), "Genre": ("Genre", vocab.genres),
         "Occupation": ("Occupation", vocab.occupations), "Field": ("Field", vocab.fields_of_study),
         "VoiceType": ("VoiceType", vocab.voice_types)}
#: The vocabulary a relation's value comes from, for relations whose value is a term (not a person).
VOCABULARIES = {name: TERMS[spec.kind] for name, spec in RELATION_TABLE.items()
                if spec.kind in TERMS and "Person" not in spec.values}
#: Value kinds of relations whose value is a named thing (the rest are people, terms or literals).
VALUE_KINDS = {name: spec.kind for name, spec in RELATION_TABLE.items() if spec.kind in MENTION_LABELS}


class PatternError(ValueError):
    """A pattern file that cannot be compiled; the message names the file and the pattern."""


@dataclass(frozen=True)
class Example:
    text: str
    facts: tuple[tuple[str, str, str], ...]  # (person, relation, value) the pattern must give
    absent: tuple[tuple[str, str, str], ...] = ()  # ... and must not


@dataclass(frozen=True)
class Pattern:
    name: str  # "<file>.<id>", the name the pipeline config switches it off by
    relation: str
    confidence: float
    match: tuple[dict, ...]
    examples: tuple[Example, ...]
    value_term: str | None = None  # a fixed vocabulary value ("teacher") instead of a value role
    check_modality: bool = True
    source: str = ""


def _expand(value: Any, where: str, lexicons: str) -> Any:
    """Replace ``"@name"`` (a whole lexicon) inside attribute values, recursively."""
    if isinstance(value, str) and value.startswith("@"):
        try:
            return sorted(lexicon(value[1:], lexicons))
        except UnknownLexicon as error:
            raise PatternError(f"{where}: {error}") from None
    if isinstance(value, dict):
        return {k: _expand(v, where, lexicons) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, where, lexicons) for v in value]
    return value


def _fact(line: str, where: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 3 or parts[1] not in RELATIONS:
        raise PatternError(f"{where}: an example fact is 'Person | relation | value', not {line!r}")
    return parts[0], parts[1], parts[2]


def read_patterns(path: Path, lexicons: str = str(LEXICON_DIR)) -> list[Pattern]:
    """Every pattern of one file, checked: known relation, the roles it needs, at least one example."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PatternError(f"{path}: not valid TOML: {error}") from None
    out = []
    for raw in data.get("pattern", []):
        where = f"{path.name}: pattern {raw.get('id', '?')!r}"
        relation = raw.get("relation")
        if relation not in RELATIONS:
            raise PatternError(f"{where}: unknown relation {relation!r}")
        match = tuple(_expand(node, where, lexicons) for node in raw.get("match", []))
        ids = [node.get("RIGHT_ID") for node in match]
        if not match or "trigger" not in ids and match[0].get("RIGHT_ID") is None:
            raise PatternError(f"{where}: needs a 'match' list whose first node has a RIGHT_ID")
        if "value" not in ids and not raw.get("value_term"):
            raise PatternError(f"{where}: needs a node with RIGHT_ID 'value' (or a value_term)")
        examples = tuple(Example(e["text"], tuple(_fact(f, where) for f in e.get("facts", ())),
                                 tuple(_fact(f, where) for f in e.get("absent", ()))) for e in raw.get("examples", []))
        if not examples:
            raise PatternError(f"{where}: give at least one example sentence with the facts it must give")
        out.append(Pattern(f"{path.stem}.{raw['id']}", relation, float(raw.get("confidence", 0.8)), match, examples,
                           raw.get("value_term"), bool(raw.get("check_modality", True)), str(path)))
    return out


def load_patterns(paths: Iterable[str | Path] = (PATTERN_DIR,)) -> list[Pattern]:
    """The patterns of every ``.toml`` file under ``paths`` (files or directories), in file order."""
    out: list[Pattern] = []
    for path in map(Path, paths):
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        for file in files:
            out += read_patterns(file)
    names = [p.name for p in out]
    if len(set(names)) != len(names):
        raise PatternError(f"two patterns share a name: {sorted(n for n in set(names) if names.count(n) > 1)}")
    return out


def is_disabled(name: str, disabled: Iterable[str]) -> bool:
    """``"learning"`` switches off a whole file, ``"learning.pupil_of"`` one pattern."""
    return any(name == d or name.startswith(d + ".") for d in disabled)


@dataclass
class PatternSet:
    """The enabled patterns, checked against spaCy's ``DependencyMatcher`` (the shape they are written
    in) and compiled into one :class:`TreeMatcher` (which runs them): built once per pipeline."""

    vocab: Vocab
    patterns: list[Pattern]
    matcher: TreeMatcher = field(init=False)

    def __post_init__(self) -> None:
        shape = DependencyMatcher(self.vocab)
        self.matcher = TreeMatcher()
        for key, pattern in enumerate(self.patterns):
            try:
                shape.add(pattern.name, [list(pattern.match)])
                self.matcher.add(key, pattern.match)
            except ValueError as error:
                raise PatternError(f"{pattern.source}: pattern {pattern.name!r}: {error}") from None

    def __call__(self, ctx: Context) -> Iterator[Candidate]:
        if not self.patterns:
            return
        for key, tokens in self.matcher(ctx.doc):
            pattern = self.patterns[key]
            ids = [node["RIGHT_ID"] for node in pattern.match]
            roles = {name: ctx.doc[i] for name, i in zip(ids, tokens)}
            yield from candidates(pattern, roles, ctx)


def candidates(pattern: Pattern, roles: dict, ctx: Context) -> Iterator[Candidate]:
    """The facts one match gives: one per value (a list of names is several values)."""
    trigger = roles.get("trigger") or next(iter(roles.values()))
    people, ensemble = owner_of(roles.get("owner"), ctx)
    for value, start, end, value_person, ref, label in values_of(pattern, roles, trigger, ctx):
        if value_person is not None and people and value_person in people:
            continue
        cand = Candidate(pattern.relation, value, start, end, trigger, pattern.confidence, people=people,
                         value_person=value_person, ref=ref, label=label, ensemble=ensemble,
                         check_modality=pattern.check_modality)
        cand.rule = pattern.name
        yield cand


def owner_of(token, ctx: Context) -> tuple[tuple[int, ...] | None, int | None]:
    """The people (or the ensemble) an ``owner`` token stands for; ``(None, None)`` leaves it to the clause."""
    if token is None:
        return None, None
    if token.lower_ in ("who", "that", "whom") and token.head.dep_ == "relcl":
        token = token.head.head  # "a singer who studied under X": the noun the clause is about
    owner = subject_owner(token, ctx.refs, ctx.ensemble_refs)
    if owner.why in ("person", "possessor") and owner.people:
        return owner.people, None
    if owner.why == "ensemble":
        return None, owner.ensemble
    named = person_behind(token, ctx.refs)
    if named is not None:
        return ctx.refs[named.i], None
    return None, None


def values_of(pattern: Pattern, roles: dict, trigger, ctx: Context) -> Iterator[tuple]:
    """(value, start, end, value_person, ref, label) for the ``value`` role, read by the relation's value kind."""
    relation = pattern.relation
    if pattern.value_term:
        label, vocabulary = VOCABULARIES[relation]
        term = vocabulary().get(pattern.value_term)
        if term is not None:
            yield term.name, trigger.idx, trigger.idx + len(trigger.text), None, term.ref, term.name
        return
    token = roles["value"]
    if relation in PERSON_VALUED:
        for index in people_at(token, ctx):
            person = ctx.people[index]
            span = next((s for s in person.spans if s.start <= token.i < s.end), person.spans[0])
            yield person.name, span.start_char, span.end_char, index, None, None
    elif relation in VOCABULARIES:
        label, vocabulary = VOCABULARIES[relation]
        for t in [token, *token.conjuncts]:
            span = ctx.mention_of(t, label)
            term = vocabulary().get(span.text) if span is not None else None
            if term is not None:
                yield span.text.lower(), span.start_char, span.end_char, None, term.ref, term.name
    elif relation in VALUE_KINDS:
        labels = MENTION_LABELS[VALUE_KINDS[relation]]
        for t in [token, *token.conjuncts]:
            if VALUE_KINDS[relation] == "Ensemble" and t.i in ctx.ensemble_refs and ctx.mention_of(t, "Ensemble") is None:
                name = ctx.ensembles[ctx.ensemble_refs[t.i]].name  # "the band", standing for a named one
                yield name, t.idx, t.idx + len(t.text), None, None, None
                continue
            span = ctx.mention_of(t, *labels)
            if span is not None and _qualifier(span, ctx):
                if t is not token:
                    continue  # "in Osh, Kyrgyzstan": the country says where the place is, it is no second value
                span = _qualified(span, ctx)  # "Osh, Kyrgyzstan, where ...": the place itself
            if span is not None:
                text, start, end = clean_name(span)
                quoted = text.strip("\"'“”‘’«» ")
                start += text.find(quoted)
                yield quoted, start, start + len(quoted), None, None, None


def _qualifier(span, ctx: Context) -> bool:
    """A country written right after a place and a comma: "Almaty, Kazakhstan", "Osh, in southern Kyrgyzstan"."""
    doc = ctx.doc
    if span.label_ != "Country":
        return False
    i = span.start - 1
    while i >= 0 and (doc[i].pos_ in ("ADJ", "DET") or doc[i].lower_ in ("north", "south", "east", "west", "of")):
        i -= 1
    if i >= 0 and doc[i].lower_ == "in":
        i -= 1
    return i >= 1 and doc[i].text == "," and ctx.mention_of(doc[i - 1], "Place") is not None


def _qualified(span, ctx: Context):
    """The place a qualifying country is written after."""
    i = span.start - 1
    while i >= 0 and ctx.doc[i].text != ",":
        i -= 1
    return ctx.mention_of(ctx.doc[i - 1], "Place")


def people_at(token, ctx: Context) -> list[int]:
    """The people a value token names: itself, through a title noun, its conjuncts; a preposition's objects."""
    refs = ctx.refs
    if token.pos_ == "ADP":
        found = [refs[t.i][0] for t in people_under(token, refs)] + names_after(token, refs)
        return list(dict.fromkeys(found))
    found = []
    for t in [token, *token.conjuncts]:
        named = person_behind(t, refs)
        if named is not None:
            found.append(refs[named.i][0])
            found += [refs[b.i][0] for b in (person_behind(c, refs) for c in named.conjuncts) if b is not None]
    return list(dict.fromkeys(found))
