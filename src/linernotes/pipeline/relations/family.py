"""Family: father, mother, spouse, partner, child, sibling, relative, from kinship nouns and marriage verbs."""
from __future__ import annotations

from typing import Iterator

from spacy.symbols import NOUN

from ...reference import fold
from ...reference.vocab import kinship
from ..arguments import names_after, person_behind
from ..relate import Candidate, Context, recent_people, rule
from ..syntax import subject_owner
from ..layout import tokens_of, tokens_with
from ...reference.lexicons import lexicon

CHILD_INVERSE = {"male": "father", "female": "mother"}


def _value(ctx: Context, index: int) -> tuple[str, int, int]:
    span = ctx.people[index].spans[0]
    return ctx.people[index].name, span.start_char, span.end_char


@rule("linernotes.family.v1")
def family(ctx: Context) -> Iterator[Candidate]:
    refs, kin, WORKING = ctx.refs, kinship(), lexicon("working_partner_words")
    named_by_pronoun: dict[tuple[int, str, int], tuple[int, ...]] = {}  # (sentence, pronoun, relative) -> whose relative
    couples: dict[int, tuple[int, int]] = {}  # sentence -> the couple a pronoun-owned spouse noun named in it
    for token in tokens_of(ctx.doc):
        if token.pos != NOUN:
            continue
        entry = kin.get(fold(token.text))
        if entry is None or entry[0] in ("parent", "family"):
            continue
        relation, _ = entry
        named = [p for c in token.children if c.dep_ in ("appos", "compound") for p in [person_behind(c, refs)] if p is not None]
        named += [c for n in list(named) for c in n.conjuncts if c.i in refs]  # "her daughters, Gulnora and Shahnoza"
        if not named and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ",":
            # the parser often coordinates the names with the noun: "daughters(, Gulnora) and Shahnoza"
            named = [c for c in token.conjuncts if c.i in refs and c.pos_ == "PROPN"]
        if token.dep_ in ("appos", "compound") and token.head.i in refs:
            named.append(token.head)  # "her husband, Y" / "her brother Timur Serikov plays ...": the noun hangs on the name
        if not named:
            named = names_after_a_duration(token, refs)  # "his wife of forty years, the pianist Y"
        if relation == "partner" and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in WORKING
                                         for c in token.children):
            continue  # "her duo partner, the pianist Y", "his regular partner": a partner on stage, not in life
        if token.dep_ == "nsubj" and token.head.lemma_.lower() == "be":  # "Her husband is the composer X"
            named += [p for c in token.head.children if c.dep_ == "attr" for p in [person_behind(c, refs)] if p is not None]
        if token.dep_ == "attr":  # "Daulet is her brother"
            subject = next((c for c in token.head.children if c.dep_ == "nsubj" and c.i in refs), None)
            if subject is not None:
                named.append(subject)
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "a daughter, Aliya, ..., and a son, Timur": the son is coordinated with the daughter
        owner = next((c for c in token.children if c.dep_ == "poss" and c.i in refs), None)
        if owner is None and first is not token and kin.get(fold(first.text)) is not None:
            owner = next((c for c in first.children if c.dep_ == "poss" and c.i in refs), None)  # "their son, X, and daughter, Y"
        if owner is None and token.dep_ == "compound":  # "Askar's son Timur plays": the possessor hangs on the name
            owner = next((c for c in token.head.children if c.dep_ == "poss" and c.i in refs and c.i < token.i), None)
        owners = refs[owner.i] if owner is not None else ()
        group = next((c for c in token.children if c.dep_ == "poss" and c.i not in refs), None)
        if owner is None and group is not None and subject_owner(group, refs).why == "group":
            owners = recent_people(ctx.doc, refs, group)  # "the couple's son, Timur"
        if owner is not None and owner.pos_ == "PRON" and len(owners) == 1 and (token.sent.start, owner.lower_, owners[0]) in named_by_pronoun:
            # "Her mother, Zuura, taught ...; her father, Asan, drove ...": the second "her" is the first one's person,
            # not the mother just named
            owners = named_by_pronoun[(token.sent.start, owner.lower_, owners[0])]
        if owner is not None and owner.lower_ == "their":
            owners = couple_of_clause(token, refs, couples.get(token.sent.start)) or owners
        if owner is None and first.dep_ in ("dobj", "appos") and relation == "child":
            # "they have a daughter, Saraa", "The couple had two children: a daughter, Aliya, ..."
            verb = first.head if first.dep_ == "dobj" else first.head.head
            if verb.lemma_.lower() == "have":
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is None and verb.dep_ == "conj":  # "they married in 2000 and have a daughter"
                    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    owners = refs.get(subject.i, ()) or (recent_people(ctx.doc, refs, subject)
                                                         if subject_owner(subject, refs).why == "group" else ())
        if not owners:
            continue  # "the son of X" has no possessor: the loop below reads it
        for name_token in named:
            relative = refs[name_token.i][0]
            if owner is not None and owner.pos_ == "PRON":
                named_by_pronoun[(token.sent.start, owner.lower_, relative)] = owners
                if relation == "spouse" and len(owners) == 1:
                    couples[token.sent.start] = (owners[0], relative)  # "his wife, Sevil, ...; their son, Orkhan"
            for person in owners:
                if person == relative:
                    continue
                name, start, end = _value(ctx, relative)
                yield Candidate(relation, name, start, end, token, 0.85, people=(person,), value_person=relative, check_modality=False)
                if relation in ("father", "mother"):
                    child, a, b = _value(ctx, person)
                    yield Candidate("child", child, a, b, token, 0.85, people=(relative,), value_person=person, check_modality=False)
                elif relation == "child":
                    gender = ctx.people[person].gender
                    same = len(owners) == 2 and len({ctx.people[p].gender for p in owners}) == 1
                    if gender in CHILD_INVERSE and not same:  # two parents of one gender: a gender guess is wrong
                        parent, a, b = _value(ctx, person)
                        yield Candidate(CHILD_INVERSE[gender], parent, a, b, token, 0.8, people=(relative,), value_person=person, check_modality=False)
    # "the son of Askar and Dilnaz", "daughter of the violinist Askar Bekov", "she was born to Askar and Dilnaz"
    for token in tokens_of(ctx.doc):
        entry = kin.get(fold(token.text))
        born = token.lower_ == "born" and token.pos_ == "VERB"
        if not born and (entry is None or entry[0] != "child"):
            continue
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == ("to" if born else "of")), None)
        if prep is None:
            continue
        owner = refs[token.head.i] if born and token.dep_ == "acl" and token.head.i in refs else None  # "X, born to ..."
        t = token
        while t.dep_ in ("attr", "appos", "conj") and owner is None:
            if t.dep_ == "appos" and t.head.i in refs:
                owner = refs[t.head.i]
            t = t.head
        if owner is None:
            subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in refs), None)
            owner = refs[subject.i] if subject is not None else None
        if owner is None:
            continue
        parents = []
        for obj in prep.children:
            if obj.dep_ == "pobj":  # "the son of the composer X": the name behind the title noun
                parents.extend(p for p in (person_behind(o, refs) for o in [obj, *obj.conjuncts]) if p is not None)
                if not parents and any(c.lower_ == "the" for c in obj.children) and obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].i in refs:
                    # "the son of the composer X" with X parsed as the son's apposition
                    parents += [c for c in token.children if c.dep_ == "appos" and c.i in refs and c.i > obj.i]
        for parent_token in parents:
            parent = refs[parent_token.i][0]
            gender = ctx.people[parent].gender
            relation = CHILD_INVERSE.get(gender or "", "relative")
            for person in owner:
                name, start, end = _value(ctx, parent)
                yield Candidate(relation, name, start, end, token, 0.8, people=(person,), value_person=parent, check_modality=False)
                child, a, b = _value(ctx, person)
                yield Candidate("child", child, a, b, token, 0.8, people=(parent,), value_person=person, check_modality=False)


def couple_of_clause(token, refs, couple: tuple[int, int] | None) -> tuple[int, ...]:
    """Whose "their": the two people of the clause's subject ("X and Y moved with their daughter"), else the couple
    named just before in the sentence ("survived by his wife, Sevil, and their son")."""
    verb = token
    for _ in range(6):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            people = subject_owner(subject, refs).people
            if len(people) == 2:
                return people
            break
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return couple or ()


def names_after_a_duration(token, refs) -> list:
    """"his wife of fifty years, the ballet teacher Y": the name comes after the duration (the parser loses it)."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in ("year", "decade", "month")), None)
            if obj is not None and obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].text == ",":
                found = names_after(obj.doc[obj.i + 1], refs, limit=6)[:1]
                return [t for t in obj.doc[obj.i + 1: obj.sent.end] if refs.get(t.i) == tuple(found)][:1] if found else []
    return []


@rule("linernotes.each_other.v1")
def each_other(ctx: Context) -> Iterator[Candidate]:
    """"X and Y are siblings", "the two are cousins": a plural kinship noun said of two people."""
    refs, kin = ctx.refs, kinship()
    for token in tokens_of(ctx.doc):
        entry = kin.get(fold(token.text))
        if entry is None or token.dep_ != "attr" or token.tag_ not in ("NNS", "NNPS") or entry[0] not in ("sibling", "relative"):
            continue
        subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        owner = subject_owner(subject, refs) if subject is not None else None
        pair = owner.people if owner is not None and owner.why == "person" else \
            recent_people(ctx.doc, refs, subject) if owner is not None and owner.why == "group" else ()
        if len(pair) != 2:
            continue
        for a, b in (pair, pair[::-1]):
            name, start, end = _value(ctx, b)
            yield Candidate(entry[0], name, start, end, token, 0.8, people=(a,), value_person=b)


@rule("linernotes.marriage.v1")
def marriage(ctx: Context) -> Iterator[Candidate]:
    refs, MARRY, MARRIAGE = ctx.refs, lexicon("marriage_verbs"), lexicon("marriage_nouns")
    for token in tokens_with(ctx.doc, lemmas=MARRIAGE | MARRY, lowers=MARRY):
        if token.pos_ == "NOUN" and token.lemma_.lower() in MARRIAGE:
            yield from couple_of(token, ctx)
            continue
        if token.lemma_.lower() not in MARRY and token.lower_ not in MARRY:
            continue
        partners = [p for c in token.children if c.dep_ in ("dobj",) for p in [person_behind(c, refs)] if p is not None]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                partners.extend(p for c in prep.children if c.dep_ == "pobj" for p in [person_behind(c, refs)] if p is not None)
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        start = after if after is not None and after.lower_ == "to" else token
        partners += [ctx.people[i].spans[0].root for i in names_after(start, refs)[:1]]
        if not partners:
            # "they married in 2000", "X and Y married", "the couple wed": the two people the subject stands for
            # married each other.
            subject = next((c for c in [*token.children, *token.head.children] if c.dep_ in ("nsubj", "nsubjpass")), None)
            owner = subject_owner(subject, refs) if subject is not None else None
            pair = owner.people if owner is not None and owner.why == "person" else \
                recent_people(ctx.doc, refs, subject) if owner is not None and owner.why == "group" else ()
            if len(pair) == 2:
                yield from each_others_spouse(pair, token, ctx)
        seen = set()
        for partner_token in partners:
            other = refs[partner_token.i][0]
            if other in seen:
                continue
            seen.add(other)
            name, start, end = _value(ctx, other)
            yield Candidate("spouse", name, start, end, token, 0.85, value_person=other)


def couple_of(noun, ctx: Context) -> Iterator[Candidate]:
    """"They have played as a duo since their marriage in 2004": a marriage whose possessor stands for two people
    is theirs, each the other's spouse ("her marriage" names no partner; "her marriage to X" is a pattern)."""
    owners = tuple(dict.fromkeys(next((ctx.refs[c.i] for c in noun.children if c.dep_ == "poss" and c.i in ctx.refs), ())))
    if len(owners) == 2:
        yield from each_others_spouse(owners, noun, ctx)


def each_others_spouse(pair: tuple[int, ...], anchor, ctx: Context) -> Iterator[Candidate]:
    for a, b in (pair, pair[::-1]):
        name, start, end = _value(ctx, b)
        yield Candidate("spouse", name, start, end, anchor, 0.8, people=(a,), value_person=b)
