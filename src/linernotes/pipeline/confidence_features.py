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

from spacy.tokens import Doc, Token

from ..model import OBJECT_KINDS, SINGLE_VALUED
from ..reference.vocab import kinship
from .layout import text_of, tokens_of
from .recognise import SPAN_KEY
from .relate import AttributedFact
from .syntax import HYPOTHETICAL, NEGATORS, UNREALISED

#: Words that hedge a statement: the rules drop the negated and the wished-for, not the merely reported.
HEDGES = {"reportedly", "allegedly", "rumoured", "rumored", "perhaps", "possibly", "probably", "maybe", "apparently",
          "supposedly", "may", "might", "could", "would", "believed", "thought", "claimed", "according", "said"}
FIRST_PERSON = {"i", "me", "my", "mine", "we", "our", "us"}
UNREAL = HYPOTHETICAL | UNREALISED
#: Tokens on either side of the anchor that count as near it.
WINDOW = 8


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


def bucket(n: int) -> str:
    """0, 1, 2-3, 4-7, 8-15, 16+: distances and counts on a log scale."""
    if n < 2:
        return str(n)
    for top in (3, 7, 15):
        if n <= top:
            return f"{(top + 1) // 2}-{top}"
    return "16+"


class DocumentView:
    """The per-document indexes the features read, each built once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = tokens_of(doc)
        self.starts = [t.idx for t in self.tokens]
        self.length = max(len(text_of(doc)), 1)
        self.people = doc._.ln_people or []
        refs = doc._.ln_refs or {}
        self.mentions: dict[int, list[int]] = {}  # person -> token indexes that refer to them, sorted
        for i in sorted(refs):
            for person in refs[i]:
                self.mentions.setdefault(person, []).append(i)
        self.named: dict[int, list[int]] = {}  # person -> token indexes of their names, sorted
        for index, person in enumerate(self.people):
            self.named[index] = sorted(i for span in person.spans for i in range(span.start, span.end))
        self.refs = refs
        spans = sorted(doc.spans[SPAN_KEY], key=lambda s: (s.start_char, -s.end_char))
        self.labels = {(s.start_char, s.end_char): s.label_ for s in spans}
        self.span_starts = [s.start_char for s in spans]
        self.spans = [(s.start_char, s.end_char, s.label_) for s in spans]
        self.text = text_of(doc)
        self.folded = self.text.casefold()
        self.links = doc._.ln_links or {}
        self.lines = doc._.ln_lines or []
        self.line_starts = [start for start, _, _ in self.lines]
        lowers = [t.lower_ for t in self.tokens]
        self.hedges = [i for i, w in enumerate(lowers) if w in HEDGES]
        self.negations = [i for i, w in enumerate(lowers) if w in NEGATORS]
        self.first_person = [i for i, w in enumerate(lowers) if w in FIRST_PERSON]
        kin = kinship()
        self.kin = [i for i, w in enumerate(lowers) if w in kin]
        unreal = HYPOTHETICAL | UNREALISED
        self.unreal = [i for i, t in enumerate(self.tokens) if t.lemma_.lower() in unreal or t.lower_ in unreal]
        self.anyone = sorted(refs)
        self.sentence_people: dict[tuple[int, int], set[int]] = {}

    def people_between(self, start: int, end: int) -> set[int]:
        """The people referred to in tokens [start, end) (a sentence), computed once per sentence."""
        found = self.sentence_people.get((start, end))
        if found is None:
            found = self.sentence_people[start, end] = {p for i in range(start, end) for p in self.refs.get(i, ())}
        return found

    def token_at(self, char: int) -> Token:
        return self.tokens[max(bisect_right(self.starts, char) - 1, 0)]

    def value_root(self, start: int, end: int) -> Token:
        """The token of the value span whose head lies outside it."""
        token = self.token_at(start)
        for _ in range(6):
            head = token.head
            if head.i == token.i or not start <= head.idx < end:
                break
            token = head
        return token

    def label_around(self, start: int, end: int) -> str:
        """The type of the mention the value is (``Place``), or is inside (``in:Place``), or ``none``."""
        exact = self.labels.get((start, end))
        if exact is not None:
            return exact
        n = bisect_right(self.span_starts, start)
        for k in range(n - 1, max(n - 4, -1), -1):
            a, b, label = self.spans[k]
            if a <= start and end <= b:
                return f"in:{label}"
        return "none"

    def line_kind(self, char: int) -> str:
        n = bisect_right(self.line_starts, char) - 1
        return self.lines[n][2] if n >= 0 and char <= self.lines[n][1] else "none"

    @staticmethod
    def within(positions: list[int], low: int, high: int) -> bool:
        """Is any of the sorted ``positions`` in [low, high)?"""
        n = bisect_left(positions, low)
        return n < len(positions) and positions[n] < high

    @staticmethod
    def nearest(positions: list[int], i: int) -> int | None:
        n = bisect_left(positions, i)
        near = [abs(positions[k] - i) for k in (n - 1, n) if 0 <= k < len(positions)]
        return min(near) if near else None


def dependency_path(anchor: Token, value: Token) -> str:
    """The labels from the value up to the lowest common ancestor, then from the anchor up: "pobj/prep^dobj"."""
    if anchor.i == value.i:
        return "self"
    up: dict[int, int] = {}  # token index -> steps from the anchor
    labels = []
    t = anchor
    for step in range(12):
        up[t.i] = step
        if t.head.i == t.i:
            break
        labels.append(t.dep_)
        t = t.head
    below = []
    t = value
    for _ in range(12):
        if t.i in up:
            return "/".join(below[:2]) + "^" + "/".join(labels[:up[t.i]][:2])
        if t.head.i == t.i:
            break
        below.append(t.dep_)
        t = t.head
    return "far"


def tree_steps(anchor: Token, person: int, refs: dict[int, tuple[int, ...]], limit: int = 10) -> int | None:
    """Steps up the parse from the anchor to a clause whose subject, possessor or apposition is the person."""
    t = anchor
    for step in range(limit):
        if person in refs.get(t.i, ()):
            return step
        if any(c.dep_ in ("nsubj", "nsubjpass", "poss", "appos") and person in refs.get(c.i, ()) for c in t.children):
            return step
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def unreal_above(token: Token, limit: int = 5) -> str:
    """Is there a negation, a wish or a plan on the way from ``token`` to the root ("a tour of the
    United States planned for 2020", "had hoped that his daughter would ...")? The rules drop such
    statements only when the word governs the anchor's own clause."""
    t = token
    for _ in range(limit):
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det"):
                return "negated"
            if c.dep_ in ("amod", "acl", "aux", "advcl", "xcomp") and (c.lemma_.lower() in UNREAL or c.lower_ in UNREAL):
                return "unreal"
        if t.i != token.i and t.lemma_.lower() in UNREAL:
            return "unreal"
        if t.head.i == t.i:
            break
        t = t.head
    return "no"


def kind_match(label: str, relation: str, person_valued: bool) -> str:
    """Is the value the kind of thing the relation takes: a Place for born_in, a Person for spouse?"""
    expected = "Person" if person_valued else OBJECT_KINDS.get(relation)
    if expected is None:
        return "literal"
    return "match" if label == expected else "inside" if label == f"in:{expected}" else "other"


def fact_features(fact: AttributedFact, view: DocumentView) -> list[str]:
    cand = fact.candidate
    relation, rule, how = cand.relation, cand.rule or "-", fact.how or "-"
    anchor = cand.anchor
    value = view.value_root(cand.start, cand.end)
    sent_start, sent_end = fact.evidence.start, fact.evidence.end
    label = view.label_around(cand.start, cand.end)
    mentions = view.mentions.get(fact.person, [])
    distance = view.nearest(mentions, anchor.i)
    in_sentence = ("name" if view.within(view.named.get(fact.person, []), sent_start, sent_end)
                   else "pronoun" if view.within(mentions, sent_start, sent_end) else "absent")
    others = view.people_between(sent_start, sent_end) - {fact.person}
    low, high = anchor.i - WINDOW, anchor.i + WINDOW + 1
    # Is someone else named nearer the value than the person it is given to? (a relative's fact, a list of people)
    to_value = view.nearest(mentions, value.i)
    rivals = [i for i in view.anyone if fact.person not in view.refs[i]]
    other = view.nearest(rivals, value.i)
    closer = "none" if other is None else str(to_value is None or other < to_value)
    text = cand.value
    steps = tree_steps(anchor, fact.person, view.refs)
    recent = {p for i in view.anyone[bisect_left(view.anyone, anchor.i - 60): bisect_left(view.anyone, anchor.i)]
              for p in view.refs[i]}
    before_anchor = view.text[fact.evidence.start_char:anchor.idx]
    in_quote = (before_anchor.count('"') + before_anchor.count("“") + before_anchor.count("”")) % 2 == 1
    value_mentions = len(view.mentions.get(cand.value_person, [])) if cand.value_person is not None else None
    steps_bucket = bucket(steps) if steps is not None else "none"
    kind = kind_match(label, relation, cand.value_person is not None)
    before = view.text[max(sent_char := fact.evidence.start_char, cand.start - 2):cand.start]
    opened = view.text[sent_char:cand.start]
    quoted = any(c in before for c in "'\"‘“«") or opened.rfind("(") > opened.rfind(")")
    said = min(view.folded.count(text.casefold()), 9) if text else 0
    position = min(int(5 * view.tokens[sent_start].idx / view.length), 4)
    features = [
        f"relation={relation}", f"rule={rule}", f"rule×relation={rule}|{relation}", f"how={how}",
        f"how×relation={how}|{relation}", f"prior={fact.prior:.2f}", f"prior×how={fact.prior:.2f}|{how}",
        f"anchor.dep={anchor.dep_}", f"anchor.pos={anchor.pos_}", f"path={dependency_path(anchor, value)}",
        f"dist.value={bucket(abs(value.i - anchor.i))}",
        f"dist.person={bucket(distance) if distance is not None else 'none'}",
        f"dist.person×how={bucket(distance) if distance is not None else 'none'}|{how}",
        f"person.in_sentence={in_sentence}", f"person.in_sentence×how={in_sentence}|{how}",
        f"person.main={bool(view.people[fact.person].main)}", f"person.main×relation={bool(view.people[fact.person].main)}|{relation}",
        f"value.label={label}", f"value.label×relation={label}|{relation}",
        f"value.linked={cand.ref is not None or (cand.start, cand.end) in view.links}",
        f"value.person={cand.value_person is not None}",
        f"value.words={bucket(len(cand.value.split()))}",
        f"dist.value_person={bucket(to_value) if to_value is not None else 'none'}", f"other_closer={closer}",
        f"other_closer×how={closer}|{how}", f"kin.near={view.within(view.kin, value.i - 3, value.i + 4)}",
        f"unreal.sentence={view.within(view.unreal, sent_start, sent_end)}",
        f"value.shape={'comma' if ',' in text else 'digit' if any(c.isdigit() for c in text) else 'lower' if text.islower() else 'upper'}",
        f"person.mentions={bucket(len(mentions))}", f"person.named_later={bool(mentions) and mentions[0] >= sent_end}",
        f"person.named_later×how={bool(mentions) and mentions[0] >= sent_end}|{how}",
        f"person.gone_before={bool(mentions) and mentions[-1] < sent_start}", f"value.quoted={quoted}", f"value.quoted×relation={quoted}|{relation}",
        f"value.said={bucket(said)}", f"in_sentence×relation={in_sentence}|{relation}",
        f"other_closer×relation={closer}|{relation}",
        f"value.modality={unreal_above(value)}", f"anchor.modality={unreal_above(anchor, 8)}",
        f"recent.people={bucket(len(recent))}", f"recent.people×in_sentence={bucket(len(recent))}|{in_sentence}",
        f"anchor.quoted={in_quote}",
        f"value.person_mentions={bucket(value_mentions) if value_mentions is not None else 'none'}",
        f"tree.steps={steps_bucket}", f"tree.steps×how={steps_bucket}|{how}", f"value.kind={kind}",
        f"value.kind×relation={kind}|{relation}",
        f"value.dep={value.dep_}", f"value.in_list={value.dep_ == 'conj' or any(c.dep_ == 'conj' for c in value.children)}",
        f"x.anchor.lemma={anchor.lemma_.lower()}", f"x.anchor.lemma×relation={anchor.lemma_.lower()}|{relation}",
        f"x.value.head={value.head.lemma_.lower()}|{value.dep_}", f"x.value.term={(cand.label or cand.value).casefold()}|{relation}",
        f"sentence.tokens={bucket(sent_end - sent_start)}", f"sentence.others={bucket(len(others))}",
        f"line={view.line_kind(cand.start)}", f"position={position}",
        f"hedge.near={view.within(view.hedges, low, high)}", f"negation.near={view.within(view.negations, low, high)}",
        f"first_person={view.within(view.first_person, sent_start, sent_end)}",
    ]
    if value.sent.start != anchor.sent.start:
        features.append("value.other_sentence")
    if relation == "gender":  # how the gender was decided: said in words, or counted from pronouns (and how clearly)
        cluster = view.people[fact.person]
        votes = cluster.gender_votes
        share = max(votes.values()) / sum(votes.values()) if votes else 0.0
        features += [f"gender.said={cluster.cue_gender is not None}", f"gender.share={min(int(share * 5), 4)}",
                     f"gender.votes={bucket(sum(votes.values()))}"]
    return features


def claims_of(doc: Doc) -> list[Claim]:
    """The document's claims with their features, in the order their first fact was found."""
    facts = doc._.ln_facts or []
    if not facts:
        return []
    view = DocumentView(doc)
    claims: dict[tuple[int, str, str], Claim] = {}
    for fact in facts:
        key = claim_key(fact)
        claim = claims.get(key)
        if claim is None:
            claim = claims[key] = Claim(*key)
        claim.facts.append(fact)
        claim.features.update(fact_features(fact, view))
    # What the other claims say: the same value for several people, rival values of a single-valued relation.
    holders: dict[tuple[str, str], int] = {}
    values: dict[tuple[int, str], int] = {}
    relations: dict[str, set[str]] = {}  # a value said as two kinds of thing ("Kervan Records": a work and a label)
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
    people = len(view.people)
    ensembles = bucket(len(doc._.ln_ensembles or ()))
    kinds = {kind for _, _, kind in view.lines}
    style = [f"doc.{kind}" for kind in sorted(kinds)] + [f"doc.tokens={bucket(len(view.tokens) // 100)}"]
    for (person, relation, key), claim in claims.items():
        rules = {f.candidate.rule for f in claim.facts}
        first = claim.facts[0].candidate
        n = bisect_left(ordered, (first.start, first.end))
        overlaps = any(a < first.end and first.start < b and (a, b) != (first.start, first.end)
                       for a, b in ordered[max(n - 3, 0): n + 4])
        kinds = len(relations[key])
        rivals = values[person, relation] - 1
        claim.features.update([
            f"support={bucket(len(claim.facts))}", f"rules={bucket(len(rules))}",
            f"holders={bucket(holders[relation, key])}", f"holders×relation={bucket(holders[relation, key])}|{relation}",
            f"values={bucket(values[person, relation])}", f"value.relations={bucket(kinds)}", f"value.relations×relation={bucket(kinds)}|{relation}",
            f"value.overlaps={overlaps}", f"anchor.facts={bucket(max(per_anchor[f.candidate.anchor.i] for f in claim.facts))}",
            f"sentence.facts={bucket(max(per_sentence[f.evidence.start] for f in claim.facts))}",
            f"doc.people={bucket(people)}", f"doc.ensembles={ensembles}", *style,
        ])
        if relation in SINGLE_VALUED:
            claim.features.add(f"rivals={bucket(rivals)}")
    return list(claims.values())
