"""What the confidence model reads about each claim: cheap facts of the attribution and the parse.

A *claim* is what the output shows once: one person's relation and value (the facts
``to_document`` merges into one, ``Person.add``'s key). Its features are indicator names
("relation=born_in", "how=topic (no-subject)", "dist.person=2-3", ...), the union over the
facts that support it. Names only: a model that has never seen a name gives it no weight, so a
new rule or a new way of attribution costs nothing but the model's knowledge of it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc

from ..model import OBJECT_KINDS, SINGLE_VALUED
from ..reference import fold
from ..reference.vocab import kinship
from .layout import text_of, spans_of
from .recognise import SPAN_KEY
from .relations.sections import section_relations
from .relate import AttributedFact
from .syntax import HYPOTHETICAL, NEGATORS, UNREALISED

#: Words that hedge a statement: the rules drop the negated and the wished-for, not the merely reported.
HEDGES = {"reportedly", "allegedly", "rumoured", "rumored", "perhaps", "possibly", "probably", "maybe", "apparently",
          "supposedly", "may", "might", "could", "would", "believed", "thought", "claimed", "according", "said"}
FIRST_PERSON = {"i", "me", "my", "mine", "we", "our", "us"}
UNREAL = HYPOTHETICAL | UNREALISED
QUOTES = "'\"‘“«"
QUOTE_SET = frozenset(QUOTES)
#: Tokens on either side of the anchor that count as near it; tokens before it that count as recent.
WINDOW, RECENT = 8, 60


@dataclass
class Claim:
    """One person's relation and value as the output shows it, and the facts behind it."""

    person: int
    relation: str
    key: str  # the value, case-folded: the output merges facts on it
    facts: list[AttributedFact] = field(default_factory=list)
    features: set[str] = field(default_factory=set)


def claim_key(fact: AttributedFact) -> tuple[int, str, str]:
    return fact.person, fact.candidate.relation, fact.candidate.value.casefold()


def _bucket(n: int | None) -> str:
    if n is None:
        return "none"
    if n < 2:
        return str(n)
    for top in (3, 7, 15):
        if n <= top:
            return f"{(top + 1) // 2}-{top}"
    return "16+"


_BUCKETS = [_bucket(n) for n in range(16)]


def bucket(n: int | None) -> str:
    """0, 1, 2-3, 4-7, 8-15, 16+ (``none`` for no value): distances and counts on a log scale."""
    if n is None:
        return "none"
    return _BUCKETS[n] if 0 <= n < 16 else _bucket(n)


def nearest(positions: list[int], i: int) -> int | None:
    """The distance from ``i`` to the nearest of the sorted ``positions``."""
    n = bisect_left(positions, i)
    near = [abs(positions[k] - i) for k in (n - 1, n) if 0 <= k < len(positions)]
    return min(near) if near else None


def within(positions: list[int], low: int, high: int) -> bool:
    """Is any of the sorted ``positions`` in [low, high)?"""
    n = bisect_left(positions, low)
    return n < len(positions) and positions[n] < high


class Parse:
    """The parse as plain lists (heads, labels, hashes of the lowercase forms): the walks below visit
    tokens by index, where spaCy builds a new ``Token`` for every ``.head`` and child."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        array = doc.to_array([HEAD, DEP, LOWER, LEMMA, IDX])  # uint64; HEAD is an offset, maybe negative
        self.heads: list[int] = (np.arange(n, dtype=np.int64) + array[:, 0].astype(np.int64)).tolist()
        self.starts: list[int] = array[:, 4].tolist()
        strings = doc.vocab.strings
        dep_ids = array[:, 1].tolist()
        dep_name = {h: strings[h] for h in set(dep_ids)}
        self.deps = [dep_name[h] for h in dep_ids]
        self.lowers: list[int] = array[:, 2].tolist()  # hashes: compared with ``hashed`` word sets
        lemma_ids = array[:, 3].tolist()
        # "hoped" -> hope: is the lemma, lowercased, an unrealised word? A lemma that is some token's
        # lowercase form is lowercase already, its hash is enough; the others are looked up.
        unreal = hashed(UNREAL)
        lowercase = set(self.lowers)
        lemma_unreal = {h: h in unreal or h not in lowercase and strings[h].lower() in UNREAL for h in set(lemma_ids)}
        self.unreal_lemma = [lemma_unreal[h] for h in lemma_ids]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, head in enumerate(self.heads):
            if head != i:
                self.children[head].append(i)


@lru_cache(maxsize=None)
def _hashed(words: frozenset[str]) -> frozenset[int]:
    return frozenset(hash_string(w) for w in words)


def hashed(words) -> frozenset[int]:
    """The spaCy string hashes of ``words``: a token's ``LOWER`` is in them when its lowercase form is a word."""
    return _hashed(frozenset(words))


class DocumentView:
    """The per-document indexes the features read, each built once."""

    def __init__(self, doc: Doc) -> None:
        self.parse = parse = Parse(doc)
        self.starts = parse.starts
        self.text = text_of(doc)
        self.folded = self.text.casefold()
        self.people = doc._.ln_people or []
        self.refs: dict[int, tuple[int, ...]] = doc._.ln_refs or {}
        self.referring = sorted(self.refs)  # tokens that refer to someone
        self.mentions: dict[int, list[int]] = {}  # person -> tokens that refer to them, sorted
        for i in self.referring:
            for person in self.refs[i]:
                self.mentions.setdefault(person, []).append(i)
        self.named = {index: sorted(i for span in person.spans for i in range(span.start, span.end))
                      for index, person in enumerate(self.people)}  # person -> tokens of their names
        spans = sorted(((s.start_char, s.end_char, s.label_) for s in spans_of(doc, SPAN_KEY)), key=lambda s: (s[0], -s[1]))
        self.spans = spans
        self.span_starts = [s[0] for s in spans]
        self.labels = {(a, b): label for a, b, label in self.spans}
        self.links = doc._.ln_links or {}
        lines = doc._.ln_lines or []
        self.lines, self.line_starts = lines, [start for start, _, _ in lines]
        self.headings = [(start, section_relations().get(fold(self.text[start:end].strip(" :#*").strip()), "other"))
                         for start, end, kind in lines if kind == "heading"]
        self.heading_starts = [start for start, _ in self.headings]
        lowers = parse.lowers
        hedges, negators, first, kin, unreal = (hashed(w) for w in (HEDGES, NEGATORS, FIRST_PERSON, kinship(), UNREAL))
        self.hedges = [i for i, w in enumerate(lowers) if w in hedges]
        self.negations = [i for i, w in enumerate(lowers) if w in negators]
        self.first_person = [i for i, w in enumerate(lowers) if w in first]
        self.kin = [i for i, w in enumerate(lowers) if w in kin]
        self.unreal_lemma = parse.unreal_lemma
        self.unreal = [i for i, w in enumerate(lowers) if self.unreal_lemma[i] or w in unreal]
        self.negator_hashes, self.unreal_hashes = negators, unreal
        self.candidates: dict[tuple[int, int, int], tuple[list[str], int]] = {}  # (candidate, sentence) -> its features
        self.skip: frozenset[str] = frozenset()  # kinds of ``OPTIONAL`` feature the model does not read
        self.sentence_people: dict[tuple[int, int], set[int]] = {}
        # Walks of the parse and counts, asked again by every fact sharing a token or a value:
        self.steps: dict[tuple[int, int], str] = {}  # (anchor, person) -> tree.steps
        self.recent: dict[int, str] = {}  # anchor -> recent.people
        self.modality: dict[tuple[int, int], str] = {}  # (token, limit) -> unreal_above
        self.paths: dict[tuple[int, int], str] = {}  # (anchor, value) -> dependency_path
        self.others: dict[tuple[int, int], int | None] = {}  # (person, token) -> nearest_other
        self.verdicts: dict[int, str | None] = {}  # token -> what its children say of its modality
        self.values: dict[str, tuple[str, str, str]] = {}  # value -> words, shape, times said

    def tree_steps(self, anchor: int, person: int) -> str:
        found = self.steps.get((anchor, person))
        if found is None:
            found = self.steps[anchor, person] = bucket(tree_steps(self.parse, anchor, person, self.refs))
        return found

    def recent_people(self, anchor: int) -> str:
        """How many people are referred to in the ``RECENT`` tokens before the anchor."""
        found = self.recent.get(anchor)
        if found is None:
            referring, refs = self.referring, self.refs
            found = self.recent[anchor] = bucket(len({p for i in referring[bisect_left(referring, anchor - RECENT):
                                                                             bisect_left(referring, anchor)] for p in refs[i]}))
        return found

    def unreal_above(self, token: int, limit: int) -> str:
        found = self.modality.get((token, limit))
        if found is None:
            found = self.modality[token, limit] = unreal_above(self, token, limit)
        return found

    def path(self, anchor: int, value: int) -> str:
        found = self.paths.get((anchor, value))
        if found is None:
            found = self.paths[anchor, value] = dependency_path(self.parse, anchor, value)
        return found

    def value_facts(self, value: str) -> tuple[str, str, str]:
        """The value's number of words, shape and how often the text says it (bucketed)."""
        found = self.values.get(value)
        if found is None:
            said = min(self.folded.count(value.casefold()), 9) if value else 0
            found = self.values[value] = (bucket(len(value.split())), value_shape(value), bucket(said))
        return found

    def section(self, char: int) -> str:
        """What the heading above ``char`` lists (``section_headings.tsv``: notable_work, award ...), "other"
        for a heading it does not list, "none" before any heading."""
        n = bisect_right(self.heading_starts, char) - 1
        return self.headings[n][1] if n >= 0 else "none"

    def token_at(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def value_root(self, start: int, end: int) -> int:
        """The token of the value span whose head lies outside it."""
        heads, starts = self.parse.heads, self.starts
        i = self.token_at(start)
        for _ in range(6):
            head = heads[i]
            if head == i or not start <= starts[head] < end:
                break
            i = head
        return i

    def label_around(self, start: int, end: int) -> str:
        """The type of the mention the value is (``Place``), or is inside (``in:Place``), or ``none``."""
        exact = self.labels.get((start, end))
        if exact is not None:
            return exact
        n = bisect_right(self.span_starts, start)
        for a, b, label in reversed(self.spans[max(n - 3, 0): n]):
            if a <= start and end <= b:
                return f"in:{label}"
        return "none"

    def line_kind(self, char: int) -> str:
        n = bisect_right(self.line_starts, char) - 1
        return self.lines[n][2] if n >= 0 and char <= self.lines[n][1] else "none"

    def people_between(self, start: int, end: int) -> set[int]:
        """The people referred to in tokens [start, end) (a sentence), computed once per sentence."""
        found = self.sentence_people.get((start, end))
        if found is None:
            found = self.sentence_people[start, end] = {p for i in range(start, end) for p in self.refs.get(i, ())}
        return found

    def nearest_other(self, person: int, i: int) -> int | None:
        """The distance from token ``i`` to the nearest mention of anyone but ``person``."""
        key = person, i
        if key not in self.others:
            self.others[key] = self._nearest_other(person, i)
        return self.others[key]

    def _nearest_other(self, person: int, i: int) -> int | None:
        n = bisect_left(self.referring, i)
        best = None
        for step in (-1, 1):
            k = n - 1 if step < 0 else n
            while 0 <= k < len(self.referring) and person in self.refs[self.referring[k]]:
                k += step
            if 0 <= k < len(self.referring):
                d = abs(self.referring[k] - i)
                best = d if best is None else min(best, d)
        return best

    def verdict(self, i: int) -> str | None:
        """What token ``i``'s children say: a negation ("negated"), a wish or plan ("unreal"), or nothing."""
        if i in self.verdicts:
            return self.verdicts[i]
        parse, found = self.parse, None
        deps, lowers = parse.deps, parse.lowers
        for c in parse.children[i]:
            dep = deps[c]
            if dep == "neg" or lowers[c] in self.negator_hashes and dep in ("advmod", "det"):
                found = "negated"
                break
            if dep in ("amod", "acl", "aux", "advcl", "xcomp") and (self.unreal_lemma[c] or lowers[c] in self.unreal_hashes):
                found = "unreal"
                break
        self.verdicts[i] = found
        return found


def dependency_path(parse: Parse, anchor: int, value: int) -> str:
    """The labels from the value up to the lowest common ancestor, then from the anchor up: "pobj/prep^dobj"."""
    if anchor == value:
        return "self"
    heads, deps = parse.heads, parse.deps
    up: dict[int, int] = {}  # token index -> steps from the anchor
    labels = []
    t = anchor
    for step in range(12):
        up[t] = step
        if heads[t] == t:
            break
        labels.append(deps[t])
        t = heads[t]
    below = []
    t = value
    for _ in range(12):
        if t in up:
            return "/".join(below[:2]) + "^" + "/".join(labels[:up[t]][:2])
        if heads[t] == t:
            break
        below.append(deps[t])
        t = heads[t]
    return "far"


def tree_steps(parse: Parse, anchor: int, person: int, refs: dict[int, tuple[int, ...]], limit: int = 10) -> int | None:
    """Steps up the parse from the anchor to a clause whose subject, possessor or apposition is the person."""
    heads, deps, children = parse.heads, parse.deps, parse.children
    t = anchor
    for step in range(limit):
        if person in refs.get(t, ()) or any(
                deps[c] in ("nsubj", "nsubjpass", "poss", "appos") and person in refs.get(c, ()) for c in children[t]):
            return step
        if heads[t] == t:
            return None
        t = heads[t]
    return None


def unreal_above(view: DocumentView, token: int, limit: int = 5) -> str:
    """A negation, wish or plan on the way from ``token`` towards the root ("a tour of the United
    States planned for 2020", "had hoped that his daughter would ..."): the rules drop a statement
    only when such a word governs the anchor's own clause."""
    heads, unreal_lemma = view.parse.heads, view.unreal_lemma
    t = token
    for _ in range(limit):
        found = view.verdict(t)
        if found is not None:
            return found
        if t != token and unreal_lemma[t]:
            return "unreal"
        if heads[t] == t:
            break
        t = heads[t]
    return "no"


def kind_match(label: str, relation: str, person_valued: bool) -> str:
    """Is the value the kind of thing the relation takes: a Place for born_in, a Person for spouse?"""
    expected = "Person" if person_valued else OBJECT_KINDS.get(relation)
    if expected is None:
        return "literal"
    return "match" if label == expected else "inside" if label == f"in:{expected}" else "other"


def value_shape(text: str) -> str:
    return "comma" if "," in text else "digit" if any(c.isdigit() for c in text) else "lower" if text.islower() else "upper"


def fact_features(fact: AttributedFact, view: DocumentView) -> list[str]:
    """One fact's indicators: how its person was found, where its value sits, what its sentence is like."""
    cand = fact.candidate
    evidence = fact.evidence
    sent_start, sent_end = evidence.start, evidence.end
    key = id(cand), sent_start, sent_end
    found = view.candidates.get(key)
    if found is None:  # the facts of one candidate (an ensemble's members, a fact and its inverse) share these
        found = view.candidates[key] = candidate_features(cand, view, sent_start, sent_end, evidence.start_char)
    shared, value = found
    return shared + person_features(fact, view, value)


def candidate_features(cand, view: DocumentView, sent_start: int, sent_end: int, sent_char: int) -> tuple[list[str], int]:
    """What a candidate says whoever it is about: its rule, its value and its sentence; and its value's root token."""
    relation, rule = cand.relation, cand.rule or "-"
    parse, text = view.parse, view.text
    anchor, value = cand.anchor.i, view.value_root(cand.start, cand.end)
    label = view.label_around(cand.start, cand.end)
    kind = kind_match(label, relation, cand.value_person is not None)
    opened = text[sent_char:cand.start]
    quoted = not QUOTE_SET.isdisjoint(text[max(sent_char, cand.start - 2):cand.start]) or opened.rfind("(") > opened.rfind(")")
    words, shape, said = view.value_facts(cand.value)
    spoken = text[sent_char:parse.starts[anchor]]
    in_quote = (spoken.count('"') + spoken.count("“") + spoken.count("”")) % 2 == 1
    value_mentions = len(view.mentions.get(cand.value_person, [])) if cand.value_person is not None else None
    section = view.section(cand.start)
    value_dep = parse.deps[value]
    in_list = value_dep == "conj" or any(parse.deps[c] == "conj" for c in parse.children[value])
    features = [
        f"relation={relation}", f"rule={rule}", f"rule×relation={rule}|{relation}",
        f"dist.value={bucket(abs(value - anchor))}", f"recent.people={view.recent_people(anchor)}",
        f"anchor.dep={parse.deps[anchor]}", f"anchor.pos={cand.anchor.pos_}", f"anchor.quoted={in_quote}",
        f"path={view.path(anchor, value)}",
        f"value.label={label}", f"value.label×relation={label}|{relation}", f"value.kind={kind}",
        f"value.kind×relation={kind}|{relation}",
        f"value.linked={cand.ref is not None or (cand.start, cand.end) in view.links}",
        f"value.person={cand.value_person is not None}", f"value.person_mentions={bucket(value_mentions)}",
        f"value.words={words}", f"value.shape={shape}",
        f"value.quoted={quoted}", f"value.quoted×relation={quoted}|{relation}", f"value.said={said}",
        f"value.dep={value_dep}", f"value.in_list={in_list}",
        f"sentence.tokens={bucket(sent_end - sent_start)}", f"line={view.line_kind(cand.start)}",
        f"section={section}", f"section×relation={section == relation if section not in ('none', 'other') else section}",
    ]
    features.extend(optional_features(view, anchor, value, sent_start, sent_end))
    if not sent_start <= value < sent_end:
        features.append("value.other_sentence")
    return features, value


def optional_features(view: DocumentView, anchor: int, value: int, sent_start: int, sent_end: int):
    """The ``OPTIONAL`` features but those of ``view.skip``: a negation, wish or plan above the anchor or
    the value, kin words near the value, hedges and negations near the anchor, first person."""
    skip, low, high = view.skip, anchor - WINDOW, anchor + WINDOW + 1
    for name, compute in (
            ("anchor.modality", lambda: view.unreal_above(anchor, 8)),
            ("value.modality", lambda: view.unreal_above(value, 5)),
            ("kin.near", lambda: within(view.kin, value - 3, value + 4)),
            ("unreal.sentence", lambda: within(view.unreal, sent_start, sent_end)),
            ("hedge.near", lambda: within(view.hedges, low, high)),
            ("negation.near", lambda: within(view.negations, low, high)),
            ("first_person", lambda: within(view.first_person, sent_start, sent_end))):
        if name not in skip:
            yield f"{name}={compute()}"


def person_features(fact: AttributedFact, view: DocumentView, value: int) -> list[str]:
    """How the fact's person was found: how far they are, in tokens and in the tree, and whether someone
    else is nearer the value."""
    cand = fact.candidate
    relation, how = cand.relation, fact.how or "-"
    anchor, person = cand.anchor.i, fact.person
    sent_start, sent_end = fact.evidence.start, fact.evidence.end
    mentions = view.mentions.get(person, [])
    cluster = view.people[person]
    to_value, other = nearest(mentions, value), view.nearest_other(person, value)
    closer = "none" if other is None else str(to_value is None or other < to_value)
    steps = view.tree_steps(anchor, person)
    in_sentence = ("name" if within(view.named.get(person, []), sent_start, sent_end)
                   else "pronoun" if within(mentions, sent_start, sent_end) else "absent")
    named_later = bool(mentions) and mentions[0] >= sent_end  # a band history: did they belong yet?
    recent_people = view.recent_people(anchor)
    main = bool(cluster.main)
    person_distance = bucket(nearest(mentions, anchor))
    prior = f"{fact.prior:.2f}"
    features = [
        f"how={how}", f"how×relation={how}|{relation}", f"prior={prior}", f"prior×how={prior}|{how}",
        f"dist.person={person_distance}", f"dist.person×how={person_distance}|{how}",
        f"dist.value_person={bucket(to_value)}",
        f"other_closer={closer}", f"other_closer×how={closer}|{how}", f"other_closer×relation={closer}|{relation}",
        f"tree.steps={steps}", f"tree.steps×how={steps}|{how}",
        f"person.in_sentence={in_sentence}", f"person.in_sentence×how={in_sentence}|{how}",
        f"in_sentence×relation={in_sentence}|{relation}",
        f"person.main={main}", f"person.main×relation={main}|{relation}", f"person.mentions={bucket(len(mentions))}",
        f"person.named_later={named_later}", f"person.named_later×how={named_later}|{how}",
        f"person.gone_before={bool(mentions) and mentions[-1] < sent_start}",
        f"recent.people×in_sentence={recent_people}|{in_sentence}",
        f"sentence.others={bucket(len(view.people_between(sent_start, sent_end) - {person}))}",
    ]
    if relation == "gender":  # how the gender was decided: said in words, or counted from pronouns (and how clearly)
        votes = cluster.gender_votes
        share = max(votes.values()) / sum(votes.values()) if votes else 0.0
        features += [f"gender.said={cluster.cue_gender is not None}", f"gender.share={min(int(share * 5), 4)}",
                     f"gender.votes={bucket(sum(votes.values()))}"]
    return features


#: Features that walk the parse or scan a window, left out when the model reads none of their kind.
OPTIONAL = ("anchor.modality", "value.modality", "hedge.near", "negation.near", "kin.near", "unreal.sentence",
            "first_person")


def claims_of(doc: Doc, read: frozenset[str] | None = None) -> list[Claim]:
    """The document's claims with their features, in the order their first fact was found. ``read``:
    the kinds of feature (``anchor.modality`` for ``anchor.modality=no``) a model reads; those of
    ``OPTIONAL`` it does not read are not computed (None: every feature, as training needs)."""
    facts = doc._.ln_facts or []
    if not facts:
        return []
    view = DocumentView(doc)
    view.skip = frozenset(OPTIONAL) - read if read is not None else frozenset()
    claims: dict[tuple[int, str, str], Claim] = {}
    for fact in facts:
        key = claim_key(fact)
        claim = claims.get(key)
        if claim is None:
            claim = claims[key] = Claim(*key)
        claim.facts.append(fact)
        claim.features.update(fact_features(fact, view))
    add_claim_features(claims, facts)
    return list(claims.values())


def add_claim_features(claims: dict[tuple[int, str, str], Claim], facts: list[AttributedFact]) -> None:
    """What the other claims say: the same value for several people, rival values of a single-valued
    relation, one value said as two kinds of thing ("Kervan Records": a work and a label), crowded anchors."""
    holders: dict[tuple[str, str], int] = {}
    values: dict[tuple[int, str], int] = {}
    relations: dict[str, set[str]] = {}
    for person, relation, key in claims:
        holders[relation, key] = holders.get((relation, key), 0) + 1
        values[person, relation] = values.get((person, relation), 0) + 1
        relations.setdefault(key, set()).add(relation)
    per_anchor: dict[int, int] = {}
    per_sentence: dict[int, int] = {}
    spans: dict[tuple[int, int], None] = {}
    for fact in facts:
        per_anchor[fact.candidate.anchor.i] = per_anchor.get(fact.candidate.anchor.i, 0) + 1
        per_sentence[fact.evidence.start] = per_sentence.get(fact.evidence.start, 0) + 1
        spans[fact.candidate.start, fact.candidate.end] = None
    ordered = sorted(spans)
    for (person, relation, key), claim in claims.items():
        facts = claim.facts
        first = facts[0].candidate
        start, end = first.start, first.end
        n = bisect_left(ordered, (start, end))
        overlaps = False  # "Fès Festival of" beside "Fès Festival of World Sacred Music"
        for a, b in ordered[max(n - 3, 0): n + 4]:
            if a < end and start < b and (a != start or b != end):
                overlaps = True
                break
        if len(facts) == 1:  # most claims: one fact, one rule, one sentence
            support = rules = sentences = "1"
            anchor_facts, sentence_facts = per_anchor[first.anchor.i], per_sentence[facts[0].evidence.start]
        else:
            support, rules = bucket(len(facts)), bucket(len({f.candidate.rule for f in facts}))
            sentences = bucket(len({f.evidence.start for f in facts}))
            anchor_facts = max(per_anchor[f.candidate.anchor.i] for f in facts)
            sentence_facts = max(per_sentence[f.evidence.start] for f in facts)
        kinds, held, valued = bucket(len(relations[key])), bucket(holders[relation, key]), values[person, relation]
        claim.features.update((
            f"support={support}", f"rules={rules}", f"support.sentences={sentences}",
            f"holders={held}", f"holders×relation={held}|{relation}",
            f"values={bucket(valued)}", f"value.relations={kinds}",
            f"value.relations×relation={kinds}|{relation}", f"value.overlaps={overlaps}",
            f"anchor.facts={bucket(anchor_facts)}", f"sentence.facts={bucket(sentence_facts)}",
        ))
        if relation in SINGLE_VALUED:
            claim.features.add(f"rivals={bucket(valued - 1)}")
