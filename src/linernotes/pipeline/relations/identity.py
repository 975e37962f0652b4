"""Who the person is: gender, age, nationality, occupation, voice type."""
from __future__ import annotations

import re
from typing import Iterator

from ...reference import vocab
from ...reference.countries import countries
from ..arguments import person_behind
from ..layout import text_of
from ..relate import Candidate, Context, rule
from ...reference.lexicons import lexicon

PREDICATIVE = {"attr", "appos", "oprd", "acomp"}


def predicative(token) -> bool:
    """Is this noun said *of* someone: "was a singer", "X, a singer", "as a singer", "singer X"?"""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in PREDICATIVE or (token.dep_ == "pobj" and token.head.lower_ == "as"):
        return True
    if token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ == "PROPN":
        return True
    # "A talented musician, he felt ...": a fronted noun phrase describing the subject.
    if token.dep_ in ("npadvmod", "nsubj", "dep") and token.i < token.sent.start + 6:
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is not None and following.text == ","
    return False


@rule("linernotes.occupation.v1")
def occupation(ctx: Context) -> Iterator[Candidate]:
    occupations = vocab.occupations()
    for span in ctx.labelled("Occupation"):
        root = span.root
        if root.tag_ in ("NNS", "NNPS") and root.dep_ != "attr":
            term = occupations.get(span.text)
            if term is not None:  # "the tar players Orkhan Babayev and Nigar Rzayeva": one each
                for people in _plural_title_names(root, ctx):
                    yield from _occupation_facts(ctx, span, term, term.name, people)
                if one_of(root):  # "she is one of the leading pianists of her generation"
                    yield from _occupation_facts(ctx, span, term, term.name, None)
            continue
        # "the English bassist Hannah Whitcombe", "founded by the guitarist Enkhbat Sukh": a title noun
        # before a name says whose job it is, wherever the phrase stands in the sentence.
        named = next((c for c in root.children if c.dep_ in ("appos", "compound", "nmod") and c.i in ctx.refs and c.pos_ == "PROPN"
                      and len(ctx.refs[c.i]) == 1), None)
        if named is None and span.end < len(ctx.doc) and span.end in ctx.refs and ctx.doc[span.end].pos_ == "PROPN" \
                and len(ctx.refs[span.end]) == 1:
            named = ctx.doc[span.end]  # "pianist Ji-woo Park": the name right after the noun
        if named is None:
            named = _title_run_name(span, ctx)  # "guitarist and singer Yerlan Sadykov", however it is parsed
        if named is None and not predicative(root):
            continue
        term = occupations.get(span.text)
        if term is None:
            continue
        people = ctx.refs[named.i] if named is not None else None
        if people is None and root.dep_ == "attr" and any(c.dep_ == "poss" for c in root.children):
            # "Bayram later became Yazmyrat's first accompanist": the subject's job, not the possessor's
            subject = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
            named = person_behind(subject, ctx.refs) if subject is not None else None
            if named is None:
                continue
            people = ctx.refs[named.i]
        yield from _occupation_facts(ctx, span, term, occupations.as_written(span.text) or term.name, people)


def _occupation_facts(ctx: Context, span, term, value: str, people) -> Iterator[Candidate]:
    """The occupation, the instrument it implies, and a demonym on the title noun."""
    root = span.root
    yield Candidate("occupation", value, span.start_char, span.end_char, root, 0.9,
                    ref=term.ref, label=term.name, people=people)
    if term.extra.get("instrument") and term.extra["instrument"] != "voice":
        instrument = vocab.instruments().get(term.extra["instrument"])
        if instrument:
            yield Candidate("instrument", instrument.name, span.start_char, span.end_char, root, 0.85,
                            ref=instrument.ref, label=instrument.name, people=people)
    doc = ctx.doc
    for child in root.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            for t in [child, *child.conjuncts]:  # "a Soviet and Russian violinist"
                demonym = ctx.mention_of(t, "Demonym")
                country = countries().by_adjective(demonym.text) if demonym else None
                if country:
                    yield Candidate("nationality", country.name, demonym.start_char, demonym.end_char, root, 0.85,
                                    ref=country.ref, label=country.name, people=people)
                    # "an Armenian-American composer": the first demonym of the pair is a heritage
                    if demonym.start >= 2 and doc[demonym.start - 1].text in ("-", "–"):
                        heritage = ctx.mention_of(doc[demonym.start - 2], "Demonym")
                        if heritage is not None:
                            yield Candidate("ethnicity", heritage.text, heritage.start_char, heritage.end_char, root, 0.7,
                                            people=people)


def one_of(token) -> bool:
    """A plural noun in "is one of the busiest session guitarists", "X, one of the leading pianists": said of someone."""
    of = token.head
    return token.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ == "one" and predicative(of.head)


def _plural_title_names(root, ctx: Context) -> list[tuple[int, ...]]:
    """The people a plural title introduces: "the kobyz players Raushan Ermekova and Marat Yesenov"."""
    first = next((c for c in root.children if c.dep_ in ("appos", "compound", "nmod") and c.i > root.i
                  and c.pos_ == "PROPN" and c.i in ctx.refs), None)
    if first is None:
        return []
    out = []
    for t in [first, *first.conjuncts]:
        if t.i in ctx.refs and len(ctx.refs[t.i]) == 1 and t.pos_ == "PROPN" and ctx.refs[t.i] not in out:
            out.append(ctx.refs[t.i])
    return out if len(out) >= 2 else []


def _title_run_name(span, ctx: Context):
    """The name after a run of titles joined by "and" or commas: "guitarist and singer Yerlan Sadykov"."""
    doc = ctx.doc
    i = span.end
    for _ in range(4):
        if i + 1 < len(doc) and doc[i].lower_ in ("and", "&", ","):
            nxt = ctx.mention_of(doc[i + 1], "Occupation")
            if nxt is not None and nxt.start == i + 1:
                i = nxt.end
                continue
        break
    if i == span.end or i >= len(doc) or i not in ctx.refs or doc[i].pos_ != "PROPN" or len(ctx.refs[i]) != 1:
        return None
    return doc[i]


@rule("linernotes.instrument_roles.v1")
def instrument_roles(ctx: Context) -> Iterator[Candidate]:
    """"the Azerbaijani tar virtuoso Arif Babazade", "her father, the kobyz master Almas Seitov": a player of it."""
    from .music import player_of
    instruments = vocab.instruments()
    for span in ctx.labelled("Instrument"):
        noun = ctx.doc[span.end] if span.end < len(ctx.doc) else None
        if noun is None or noun.lemma_.lower() not in lexicon("mastery_nouns") or noun.pos_ != "NOUN":
            continue
        term = instruments.get(span.text)
        role = player_of(term) if term is not None else None
        named = person_behind(noun, ctx.refs)
        if named is None and not predicative(noun):
            continue
        people = ctx.refs[named.i] if named is not None else None
        if role is not None:
            written = f"{instruments.as_written(span.text) or span.text.lower()} {noun.lemma_.lower()}"  # "tar master", as the text says it; the role stays the label
            yield Candidate("occupation", written, span.start_char, noun.idx + len(noun.text), noun, 0.75,
                            ref=role.ref, label=role.name, people=people)
        if term is not None:
            yield Candidate("instrument", instruments.as_written(span.text), span.start_char, span.end_char, noun, 0.8,
                            ref=term.ref, label=term.name, people=people)


@rule("linernotes.nationality_noun.v1")
def nationality_noun(ctx: Context) -> Iterator[Candidate]:
    """"the first Kazakh musician", "a Kyrgyz woman": a demonym on a person noun said of someone."""
    person_nouns = lexicon("nationality_person_nouns")
    for span in ctx.labelled("Demonym"):
        head = span.root.head
        if span.root.dep_ in ("amod", "compound") and head.lemma_.lower() in person_nouns and predicative(head):
            country = countries().by_adjective(span.text)
            if country and not ctx.mention_of(head, "Occupation"):
                yield Candidate("nationality", country.name, span.start_char, span.end_char, head, 0.85,
                                ref=country.ref, label=country.name)


@rule("linernotes.demonyms.v1")
def demonyms(ctx: Context) -> Iterator[Candidate]:
    """Nationality and ethnicity said with a demonym outside a job title: "the Nigerian-born saxophonist X"
    (also born_in the country), "holds Turkish citizenship", "she is Georgian", "an ethnic Korean",
    "a pianist of Korean descent"."""
    from .life import _named_under
    doc = ctx.doc
    for span in ctx.labelled("Demonym"):
        root = span.root
        country = countries().by_adjective(span.text)
        after = doc[span.end: span.end + 2]
        if len(after) == 2 and after[0].text in ("-", "–") and after[1].lower_ == "born":
            if country is None:
                continue
            noun = after[1].head
            owner = _named_under(noun, ctx) if after[1].dep_ in ("amod", "compound") else None
            if owner is None and noun.i > after[1].i and noun.i + 1 < len(doc) and noun.i + 1 in ctx.refs \
                    and doc[noun.i + 1].pos_ == "PROPN" and len(ctx.refs[noun.i + 1]) == 1:
                owner = ctx.refs[noun.i + 1]  # "the Kazakh-born violinist Marta Velikova", however it is parsed
            yield Candidate("nationality", country.name, span.start_char, span.end_char, after[1], 0.8,
                            ref=country.ref, label=country.name, people=owner)
            yield Candidate("born_in", country.name, span.start_char, span.end_char, after[1], 0.75, people=owner)
            continue
        head = root.head
        if root.dep_ in ("amod", "compound") and head.lemma_.lower() in lexicon("ethnicity_nouns") and head.dep_ == "pobj" \
                and head.head.lower_ == "of":
            yield Candidate("ethnicity", span.text, span.start_char, span.end_char, head.head.head, 0.8)
            continue  # "a pianist of Korean descent"
        if any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in root.children) and root.dep_ in PREDICATIVE:
            yield Candidate("ethnicity", span.text, span.start_char, span.end_char, root, 0.8, fallback=True)
            continue  # "an ethnic Korean"
        if country is None:
            continue
        if len(after) == 2 and after[0].text in ("-", "–") and ctx.mention_of(after[1], "Demonym"):
            continue  # "an Uzbek-American pianist": a heritage (read with the occupation), not a nationality
        noun = _citizenship_after(span, ctx)
        if noun is not None:
            yield Candidate("nationality", country.name, span.start_char, span.end_char, noun, 0.85,
                            ref=country.ref, label=country.name)  # "holds Turkish citizenship", "dual Kazakh and Russian citizenship"
        elif root.dep_ == "acomp" and head.lemma_ == "be" and not any(c.dep_ == "prep" for c in root.children):
            yield Candidate("nationality", country.name, span.start_char, span.end_char, root, 0.75,
                            ref=country.ref, label=country.name)  # "she is Georgian"
        elif root.dep_ == "appos" and head.i in ctx.refs and len(ctx.refs[head.i]) == 1 \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children):
            yield Candidate("nationality", country.name, span.start_char, span.end_char, root, 0.8,
                            ref=country.ref, label=country.name, people=ctx.refs[head.i])  # "X, a Kazakh from Almaty"
        else:
            named = _title_name(root, ctx)
            if named is not None:
                yield Candidate("nationality", country.name, span.start_char, span.end_char, root, 0.8,
                                ref=country.ref, label=country.name, people=named)
            else:
                title = _title_noun(root, ctx)
                if title is not None and predicative(title):  # "she is a Norwegian hardanger fiddle player"
                    yield Candidate("nationality", country.name, span.start_char, span.end_char, title, 0.8,
                                    ref=country.ref, label=country.name)


def _title_noun(token, ctx: Context, steps: int = 4):
    """The occupation noun a demonym's phrase ends in: "a Norwegian hardanger fiddle player" -> player."""
    for _ in range(steps):
        if token.dep_ not in ("amod", "compound", "nmod") or token.head.i <= token.i:
            return None
        token = token.head
        span = ctx.mention_of(token, "Occupation")
        if span is not None and span.root.i == token.i:
            return token
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
    return None


def _citizenship_after(span, ctx: Context):
    """The citizenship noun a demonym (or a list of them) stands before: "Kazakh and Russian citizenship"."""
    doc = ctx.doc
    i = span.end
    while i < len(doc) and i < span.end + 6 and (doc[i].lower_ in ("and", "or", ",", "-") or ctx.mention_of(doc[i], "Demonym")):
        i += 1
    if i < len(doc) and doc[i].lemma_.lower() in lexicon("citizenship_nouns") and doc[i].pos_ == "NOUN":
        return doc[i]
    return None


def _title_name(token, ctx: Context, steps: int = 4) -> tuple[int, ...] | None:
    """The person a demonym at the front of a title phrase describes, however the title is parsed:
    "the Kazakh sybyzgy player Askar Nurlanuly" (demonym on the instrument), "the Ghanaian drummer Kwame
    Asante" (demonym on the name)."""
    for _ in range(steps):
        if token.dep_ not in ("amod", "compound", "nmod") or token.head.i <= token.i:
            return None
        token = token.head
        if token.i in ctx.refs and token.pos_ == "PROPN":
            return ctx.refs[token.i] if len(ctx.refs[token.i]) == 1 else None
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        named = person_behind(token, ctx.refs) if token.pos_ == "NOUN" else None
        if named is not None and named.i > token.i:
            return ctx.refs[named.i]  # "the Uzbek doira master Akmal Yunusov": the name hangs on a noun of the title
    return None


@rule("linernotes.voice_type.v1")
def voice_type(ctx: Context) -> Iterator[Candidate]:
    for span in ctx.labelled("VoiceType"):
        root = span.root
        if root.dep_ in ("amod", "compound", "nmod") and _names_an_instrument(root.head, ctx):
            continue  # "the tenor saxophonist", "alto saxophone": a kind of instrument, not a voice
        # "the baritone Dias Nurpeisov": a title before a name, like an occupation
        named = next((c for c in root.children if c.dep_ in ("appos", "compound") and c.i > root.i and c.pos_ == "PROPN"
                      and c.i in ctx.refs and len(ctx.refs[c.i]) == 1
                      and not any(t.is_punct for t in ctx.doc[span.end: c.i])), None)  # not "X, soprano · Y, piano"
        if named is None and span.end < len(ctx.doc) and span.end in ctx.refs and ctx.doc[span.end].pos_ == "PROPN" \
                and len(ctx.refs[span.end]) == 1:
            named = ctx.doc[span.end]
        people = ctx.refs[named.i] if named is not None else None
        if named is not None or predicative(root) or root.dep_ in ("amod", "compound"):
            term = vocab.voice_types().get(span.text)
            if term:
                yield Candidate("voice_type", term.name, span.start_char, span.end_char, root, 0.85, ref=term.ref, label=term.name,
                                people=people)
                singer = vocab.occupations().get("singer")
                if singer is not None and root.pos_ == "NOUN" and (named is not None or predicative(root)) \
                        and root.dep_ not in ("amod", "compound"):
                    # "a mezzo-soprano" is what she does: the voice is the occupation's word (a singer)
                    yield Candidate("occupation", term.name, span.start_char, span.end_char, root, 0.8, ref=singer.ref,
                                    label=singer.name, people=people)


UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORD = r"(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(UNITS[1:10]) + r"))?|" + "|".join(UNITS[1:][::-1]) + ")"
NUMBER = r"(\d{1,3}|" + NUMBER_WORD + r")"
#: "a 25-year-old singer", "the twenty-six-year-old", "died ..., aged 78"
AGE = re.compile(r"\b" + NUMBER + r"[- ]years?[- ]old\b|\baged " + NUMBER + r"\b", re.IGNORECASE)
#: "died ... at the age of seventy-four": an age at death (an age at an earlier moment is no fact of the person)
AT_THE_AGE = re.compile(r"\bat the age of " + NUMBER + r"\b", re.IGNORECASE)
#: "Tseegii, now forty-four, ...", "She was 79.", "He is now 52.": the whole predicate is the number.
NOW = re.compile(r"\b(?:now|(?:is|was|'s)(?: now)?) " + NUMBER + r"(?=\s*(?:[,.;)]|$))", re.IGNORECASE)
#: "Aizada Sultanbekova, 34, is a komuz player": a number in commas right after a name.
AFTER_NAME = re.compile(r"\s*,\s*" + NUMBER + r"\s*(?:,|\))", re.IGNORECASE)


def number_value(text: str) -> int | None:
    """"34" -> 34, "forty-four" -> 44, "Seven" -> 7."""
    text = text.lower().replace(" ", "-")
    if text.isdigit():
        return int(text)
    parts = text.split("-")
    if parts[0] in TENS:
        value = 20 + 10 * TENS.index(parts[0])
        return value + (UNITS.index(parts[1]) if len(parts) > 1 and parts[1] in UNITS else 0)
    return UNITS.index(text) if text in UNITS else None


def _age(doc, match, group_start: int, anchor=None, people=None):
    """The candidate for the number in ``match`` (the first group that matched from ``group_start``)."""
    group = next(g for g in range(group_start, (match.re.groups or 0) + 1) if match.group(g))
    number = number_value(match.group(group))
    if number is None or not 0 < number < 120:
        return None
    start, end = match.start(group), match.end(group)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return Candidate("age", str(number), start, end, anchor if anchor is not None else span.root, 0.85, people=people)


def _dies(token) -> bool:
    """Is the clause this token hangs in about a death ("died in Baku ..., at the age of 74")?"""
    for _ in range(6):
        if token.lemma_.lower() in ("die", "death", "pass") or token.lower_ == "died":
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _names_an_instrument(token, ctx: Context) -> bool:
    if ctx.mention_of(token, "Instrument") is not None:
        return True
    span = ctx.mention_of(token, "Occupation")
    term = vocab.occupations().get(span.text) if span is not None else None
    return term is not None and term.extra.get("instrument") not in (None, "", "voice")


@rule("linernotes.age.v1")
def age(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    text = text_of(doc)
    for match in AGE.finditer(text):
        cand = _age(doc, match, 1)
        if cand is None:
            continue
        token = cand.anchor
        # Only an age said of someone ("a 25-year-old singer"), not "a 200-year-old instrument".
        head = token
        while head.head.i != head.i and head.dep_ in ("nummod", "npadvmod", "amod", "compound", "punct", "dep"):
            head = head.head
        aged = match.group(2) is not None  # "died in Baku, aged 74": said of the clause's subject
        if not aged and head.pos_ in ("NOUN", "PROPN") and not predicative(head) and head.dep_ not in ("nsubj",) and head.i not in ctx.refs:
            continue
        if head.dep_ in ("acomp", "attr") and (head.head.dep_ == "advcl" or any(c.dep_ == "mark" for c in head.head.children)):
            continue  # "when she was 7 years old": an earlier moment
        # "The 31-year-old, an ethnic Korean, writes ...": the age standing for the person the text is about
        cand.fallback = head.lower_ == "old" and head.dep_ in ("nsubj", "nsubjpass")
        yield cand
    for match in AT_THE_AGE.finditer(text):
        cand = _age(doc, match, 1)
        if cand is not None and _dies(cand.anchor):
            yield cand
    for match in NOW.finditer(text):
        cand = _age(doc, match, 1)
        if cand is None:
            continue
        token = cand.anchor
        if any(c.dep_ in ("prep", "pobj", "dobj") or c.pos_ == "NOUN" for c in token.children) \
                or token.dep_ in ("nummod", "compound", "quantmod"):
            continue  # "was one of the first", "is now 44 kilometres long"
        verb = token.head
        if verb.dep_ in ("advcl", "relcl") or any(c.dep_ == "mark" for c in verb.children):
            continue  # "who taught him when he was twelve": an earlier moment, not the person's age
        yield cand
    for index, person in enumerate(ctx.people):
        for span in person.spans:
            match = AFTER_NAME.match(text, span.end_char)
            if match:
                cand = _age(doc, match, 1, anchor=span.root, people=(index,))
                if cand is not None:
                    yield cand


@rule("linernotes.gender.v1")
def gender(ctx: Context) -> Iterator[Candidate]:
    for index, person in enumerate(ctx.people):
        if person.gender and person.gender_evidence is not None:
            token = ctx.doc[person.gender_evidence]
            votes = sum(person.gender_votes.values())
            yield Candidate("gender", person.gender, token.idx, token.idx + len(token.text), token,
                            0.95 if votes > 1 else 0.75, people=(index,), check_modality=False)
