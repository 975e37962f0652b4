"""Who belonged to each ensemble, and when; then the ensemble's facts for those members.

Membership comes from the relation rules' ``member_of``/``founded`` facts, from line-up lists, and
from the ways band histories say it: "Its founders were X and Y", "In 2004 X joined", "she was
replaced in 2018 by Y", "the remaining trio of X, Y and Z", "The Roman Lim Quartet — pianist X,
bassist Y —", "Zhakupov left in 2011". A fact whose subject is the ensemble then goes to the
members who belonged in its year (today's members when it has none).
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import ENSEMBLE_RELATIONS
from ..reference import fold, vocab
from .ensembles import YEAR, Membership, fact_year, lineup_members, membership_years
from .relate import AttributedFact, Candidate, Context
from .arguments import names_after, person_behind
from .layout import tokens_with
from .syntax import is_hypothetical, is_negated
from ..reference.lexicons import lexicon

# Trigger words (data/lexicons): founder_nouns, ensemble_member_nouns, band_join_verbs, recruit_verbs,
# line_up_words ("founding drummer", "original singer"), leave_verbs.

RELATIVE_NEXT = re.compile(r"\b(?:the following|the next) year\b|\ba year later\b|\bthe year after\b")
#: What an ensemble is, not what it did at one time: every member shares it.
TIMELESS = {"genre"}


def sentence_year(token: Token) -> int | None:
    """The year written nearest to ``token`` in its sentence ("the 2017 single ... she was replaced in 2018 by")."""
    years = [t for t in token.sent if t.like_num and YEAR.fullmatch(t.text)]
    return int(min(years, key=lambda t: abs(t.i - token.i)).text) if years else None


def main_ensemble(ctx: Context) -> int:
    return max(range(len(ctx.ensembles)), key=lambda i: (len(ctx.ensembles[i].spans), -ctx.ensembles[i].spans[0].start))


def the_ensemble_named(token: Token, erefs: dict[int, int]) -> int | None:
    """The ensemble a group noun stands for: "the trio", "Bozkır Modular, the Berlin duo of ...",
    "Kokzhal is a quartet of ..."."""
    if token.i in erefs:
        return erefs[token.i]
    if token.dep_ == "appos" and token.head.i in erefs:
        return erefs[token.head.i]
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        return next((erefs[c.i] for c in token.head.children if c.dep_ == "nsubj" and c.i in erefs), None)
    return None


def said_memberships(ctx: Context) -> list[tuple[int, int, Membership, str, Token]]:
    """(person, ensemble, years, relation, anchor) from the sentence shapes of band histories."""
    from .relate import text_about_a_band
    doc, refs, erefs = ctx.doc, ctx.refs, ctx.ensemble_refs
    band = text_about_a_band(ctx)
    main = main_ensemble(ctx)
    founder_nouns, member_nouns = lexicon("founder_nouns"), lexicon("ensemble_member_nouns")
    join, recruit = lexicon("band_join_verbs"), lexicon("recruit_verbs")
    out: list[tuple[int, int, Membership, str, Token]] = []
    for token in tokens_with(doc, lemmas=founder_nouns | member_nouns | join | recruit | {"replacement", "successor", "replace"}):
        word = token.lemma_.lower()
        if is_negated(token) or is_hypothetical(token):
            continue  # "she was never a member", "he hoped to join the band"
        # "Its founders were the komuz player X and the singer Y"; "the remaining trio of X, Y and Z".
        if word in founder_nouns | member_nouns and token.pos_ == "NOUN":
            ensemble = next((erefs[c.i] for c in token.children if c.dep_ == "poss" and c.i in erefs), None)
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if ensemble is None and of is not None:
                ensemble = next((erefs[c.i] for c in of.children if c.dep_ == "pobj" and c.i in erefs), None)
            named: list[int] = []
            itself = the_ensemble_named(token, erefs)
            if itself is not None and of is not None and word in member_nouns:
                ensemble, named = itself, names_after(of, refs)
            elif ensemble is not None and token.dep_ in ("nsubj", "attr"):
                named = names_after(token.head, refs) + [refs[c.i][0] for c in token.head.children
                                                         if c.dep_ in ("nsubj", "attr") and c.i in refs]
            elif ensemble is None and band is not None and token.dep_ == "attr" and word in ("member", "members") \
                    and token.head.lemma_.lower() in ("be", "become"):
                # "the German bassist Michael Brandt ... became the fourth member"
                ensemble = band
                named = [refs[t.i][0] for c in token.head.children if c.dep_ == "nsubj"
                         for t in doc[c.left_edge.i: c.i + 1] if t.i in refs][:1]
            relation = "founded" if word in founder_nouns else "member_of"
            for person in dict.fromkeys(named):
                out.append((person, ensemble, Membership(), relation, token))
        # "In 2004 the keyboardist Azamat Ryskulov joined", "X rejoined the band".
        elif word in recruit and token.pos_ == "VERB" and band is not None:
            # "Instead, in 2015, they recruited Madina Seitkali"
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and (subject.i in erefs or subject.lower_ in ("they", "we")):
                for obj in (c for c in token.children if c.dep_ == "dobj"):
                    named = person_behind(obj, refs)
                    if named is not None:
                        out.append((refs[named.i][0], band, Membership(sentence_year(token)), "member_of", token))
        elif word in join and token.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in token.children):
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i not in erefs and not (word == "complete" and obj.lemma_.lower() in ("up", "line-up", "lineup")):
                continue  # "X completed the first line-up" is a member; "X joined the army" is not
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if subjects:
                # the names anywhere in the subject phrase: "the keyboardist and producer Azamat Ryskulov joined"
                named = dict.fromkeys(p for subject in subjects for t in doc[subject.left_edge.i: subject.right_edge.i + 1]
                                      for p in refs.get(t.i, ()))
                for person in named:
                    out.append((person, erefs[obj.i] if obj is not None and obj.i in erefs else (band if band is not None else main),
                                Membership(sentence_year(token)), "member_of", token))
        # "His replacement, Ruslan Ten, was born ...": who replaced a member is one.
        elif word in ("replacement", "successor") and token.pos_ == "NOUN" and band is not None:
            named = [refs[c.i][0] for c in token.children if c.dep_ == "appos" and c.i in refs]
            year = sentence_year(token) or (sentence_year(doc[token.sent.start - 1]) if token.sent.start > 0 else None)
            for person in named:
                out.append((person, band, Membership(year), "member_of", token))
        # "He was replaced by Erkin Mamatov", "she was replaced in 2018 by Zhanar Bekova".
        elif word == "replace" and token.pos_ == "VERB":
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                year = sentence_year(token)
                if year is None and token.sent.start > 0:
                    year = sentence_year(doc[token.sent.start - 1])  # "X left in 2010 ... He was replaced by Y"
                for person in names_after(agent, refs):
                    out.append((person, main, Membership(year), "member_of", token))
            elif band is not None and not any(c.dep_ == "prep" and c.lower_ in ("in", "as") and not any(g.like_num for g in c.children)
                                              for c in token.children):
                # "In 2002 Timur Rakhimov replaced him", "Rakhimov, a bassist from Fergana, replaces him" (a band
                # history; "replaced X in the band" is the pattern ensembles.replaced_in)
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                obj = next((c for c in token.children if c.dep_ == "dobj"), None)
                named = person_behind(subject, refs) if subject is not None else None
                if named is not None and obj is not None and (obj.i in refs or person_behind(obj, refs) is not None):
                    out.append((refs[named.i][0], band, Membership(sentence_year(token)), "member_of", token))
    # In a text about a band, "Founding drummer Ruslan Ospanov", "the band's original singer X": a member.
    if band is not None:
        for span in ctx.labelled("Occupation"):
            marked = {c.lower_ for c in span.root.children if c.dep_ in ("amod", "compound")} | {
                doc[span.start - 1].lower_ if span.start > 0 else ""}
            if not marked & lexicon("line_up_words"):
                continue
            named = person_behind(span.root, refs) or (doc[span.end] if span.end < len(doc) and span.end in refs else None)
            if named is not None and len(refs[named.i]) == 1:
                relation = "founded" if marked & {"founding", "founder"} else "member_of"
                out.append((refs[named.i][0], band, Membership(), relation, span.root))
    # "The Roman Lim Quartet — pianist X, bassist Y and drummer Z — has played ...".
    for index, ensemble in enumerate(ctx.ensembles):
        for span in ensemble.spans:
            after = doc[span.end] if span.end < len(doc) else None
            if after is not None and after.text in ("—", "–", ":", "-"):
                for person in names_after(after, refs):
                    out.append((person, index, Membership(), "member_of", after))
        # A band named after its leader: "the Roman Lim Quartet".
        for person_index, person in enumerate(ctx.people):
            names = [n for n in [person.name, *person.aliases] if len(n.split()) > 1]
            if any(fold(n) in fold(ensemble.name) and fold(n) != fold(ensemble.name) for n in names):
                out.append((person_index, index, Membership(), "founded", ensemble.spans[0].root))
    return out


def replacements(ctx: Context) -> set[tuple[int, int]]:
    """Pairs (one, other) where one took the other's place: "X was replaced by Y", "Y replaced X", "Y took
    X's place", "his replacement, Y". They were never in the band at the same time."""
    refs, out = ctx.refs, set()
    for token in tokens_with(ctx.doc, lemmas=("replace", "take", "replacement", "successor")):
        word = token.lemma_.lower()
        old: list[int] = []
        new: list[int] = []
        if word == "replace" and token.pos_ == "VERB":
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            for c in token.children:
                if c.dep_ == "nsubjpass" and agent is not None:
                    old += refs.get(c.i, ())
                    new += names_after(agent, refs)
                elif c.dep_ == "nsubj":
                    new += refs.get(c.i, ())
                elif c.dep_ == "dobj":
                    named = person_behind(c, refs)
                    old += refs[named.i] if named is not None else ()
        elif word == "take" and token.pos_ == "VERB":
            place = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in ("place", "seat", "chair", "spot")), None)
            if place is not None:
                new += [p for c in token.children if c.dep_ == "nsubj" for p in refs.get(c.i, ())]
                old += [p for c in place.children if c.dep_ == "poss" for p in refs.get(c.i, ())]
        elif word in ("replacement", "successor") and token.pos_ == "NOUN":
            old += [p for c in token.children if c.dep_ == "poss" for p in refs.get(c.i, ())]
            new += [refs[c.i][0] for c in token.children if c.dep_ == "appos" and c.i in refs]
        out |= {(a, b) for a in old for b in new if a != b} | {(b, a) for a in old for b in new if a != b}
    return out


def overlap(a: Membership, b: Membership) -> bool:
    return (a.start is None or b.end is None or a.start <= b.end) and (b.start is None or a.end is None or b.start <= a.end)


def ensemble_facts(ctx: Context, facts: list[AttributedFact], of_ensembles: list[tuple[Candidate, int]]) -> list[AttributedFact]:
    """Members from the facts and line-ups; then each fact about an ensemble for its members at the time."""
    doc, ensembles = ctx.doc, ctx.ensembles
    index_of = {key: i for i, e in enumerate(ensembles) for key in e.keys}
    for fact in facts:
        if fact.candidate.relation in ENSEMBLE_RELATIONS:
            i = index_of.get(fold(fact.candidate.value).removeprefix("the "))
            if i is not None:
                years = membership_years(fact.evidence)
                if fact.candidate.relation == "founded":
                    years.end = None if years.end is None or years.start is not None else years.end
                known = ensembles[i].members.get(fact.person)
                if known is None or known.start is None and known.end is None:
                    ensembles[i].members[fact.person] = years
    out: list[AttributedFact] = []
    for person, i, years, relation, anchor in said_memberships(ctx):
        known = ensembles[i].members.get(person)
        if known is None or known.start is None and known.end is None:
            ensembles[i].members[person] = years
        name = ensembles[i].spans[0]
        out.append(AttributedFact(person, Candidate(relation, ensembles[i].name, name.start_char, name.end_char, anchor, 0.75),
                                  0.75, anchor.sent, "said membership"))
    leave_verbs = lexicon("leave_verbs")
    for token in tokens_with(doc, lemmas=leave_verbs):
        # "Zhakupov left in March 2011", "In 2014 Aika left to pursue a solo career": a member's last year.
        if token.pos_ != "VERB" or any(c.dep_ == "dobj" and c.i not in ctx.ensemble_refs for c in token.children):
            continue
        holders = [token] + ([token.head] if token.dep_ == "conj" else [])  # "X played on ... and left in 2018"
        subject = next((c for h in holders for c in h.children if c.dep_ == "nsubj" and c.i in ctx.refs), None)
        year = sentence_year(token)
        if year is not None and RELATIVE_NEXT.search(token.sent.text):
            year += 1  # "the 2017 single ... but left the following year"
        if subject is None or year is None:
            continue
        for ensemble in ensembles:
            for person in ctx.refs[subject.i]:
                if person in ensemble.members and ensemble.members[person].end is None:
                    ensemble.members[person].end = year
    main = max(range(len(ensembles)), key=lambda i: (len(ensembles[i].members), len(ensembles[i].spans)))
    for person, line in lineup_members(doc, ensembles, ctx.refs):
        years = membership_years(line)  # "(since 2019)", "(2003–2012)"
        ensemble = ensembles[main]
        ensemble.members.setdefault(person, years)
        name = ensemble.spans[0]
        out.append(AttributedFact(person, Candidate("member_of", ensemble.name, name.start_char, name.end_char, line.root, 0.75),
                                  0.75, line, "line-up row"))
        for span in ctx.labelled("Instrument"):
            if line.start <= span.start and span.end <= line.end:
                term = vocab.instruments().get(span.text)
                if term:
                    out.append(AttributedFact(person, Candidate("instrument", vocab.instruments().as_written(span.text), span.start_char, span.end_char, span.root,
                                                                0.8, ref=term.ref, label=term.name), 0.8, line, "line-up row"))
    # Bandmates of the same time made music together (not who took whose place).
    replaced = replacements(ctx)
    for ensemble in ensembles:
        if not 2 <= len(ensemble.members) <= 8:
            continue
        for a, ma in ensemble.members.items():
            for b, mb in ensemble.members.items():
                if a == b or not overlap(ma, mb) or (a, b) in replaced:
                    continue
                first = ctx.people[b].spans[0]
                out.append(AttributedFact(a, Candidate("collaborator", ctx.people[b].name, first.start_char, first.end_char,
                                                       first.root, 0.6, value_person=b), 0.6, first.sent, "bandmates"))
    for cand, i in of_ensembles:
        ensemble = ensembles[i]
        if cand.relation in ENSEMBLE_RELATIONS and fold(cand.value).removeprefix("the ") in ensemble.keys:
            continue
        year = fact_year(doc, cand.start, cand.anchor.sent)
        members = tuple(ensemble.members) if cand.relation in TIMELESS else ensemble.members_at(year)
        basis = "every member" if cand.relation in TIMELESS else "member that year" if year is not None else "member now"
        for person in members:
            dated = ensemble.members[person].start is not None or ensemble.members[person].end is not None
            out.append(AttributedFact(person, cand, min(cand.confidence, 0.75), cand.anchor.sent,
                                      f"ensemble member ({basis}, {'dated' if dated else 'undated'})"))
    return out
