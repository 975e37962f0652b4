"""Where and when: born_in, residence, died_in, performed_at, toured, birth_date, death_date."""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Span

from ...dates import parse_date
from ...reference.countries import Country, countries
from ...reference.places import gazetteer
from ..arguments import person_behind
from ..relate import Candidate, Context, rule
from ..syntax import PLACE_CARRIERS
from ...reference import fold, vocab
from ._util import clean_name
from ..layout import text_of, tokens_of, tokens_with
from ...reference.lexicons import lexicon


class _Words:
    """The trigger words of these rules by lexicon name (``W.birth_words``), from ``data/lexicons``."""

    def __getattr__(self, name: str) -> frozenset[str]:
        return lexicon(name)


W = _Words()

PLACE_LABELS = ("Place", "Country", "Venue", "Event")
LIFESPAN = re.compile(r"\s*\(([^()]{4,90})\)")


def trigger_chain(span: Span, ctx: Context, steps: int = 8):
    """Heads above a place name up to its verb; ``None`` if the place only qualifies another place."""
    chain = []
    t = span.root
    for _ in range(steps):
        if t.head.i == t.i:
            break
        t = t.head
        other = ctx.mention_of(t, "Place", "Country")
        if other is not None and other != span and t.pos_ == "PROPN":
            if span.root.dep_ == "conj" and not qualifies(span, other):
                continue  # one of a list: "toured Germany, Poland and the Netherlands"
            if span.root.dep_ == "appos" and span.label_ == other.label_ == "Country":
                continue  # the same list parsed as apposition: "West Germany, the Netherlands and Austria"
            return None
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in ("be",):
            break
    return chain


def classify(chain) -> tuple[str, object] | None:
    preposition = next((t.lower_ for t in chain if t.dep_ == "prep" or t.pos_ == "ADP"), "")
    family_seen = False
    detour = False  # passed through a noun that is neither a place carrier nor a venue
    for t in chain:
        word = t.lemma_.lower()
        shared_born = word in W.residence_words and any(
            c.lower_ == "born" and not any(ch.dep_ == "prep" for ch in c.children) for c in t.conjuncts)
        if t.lower_ == "born" or word in W.birth_words or shared_born:
            if detour and not family_seen:
                return None
            return "born_in", t
        if word in W.household_nouns:
            family_seen = True
        if detour:
            continue  # only "born" reaches through other nouns ("born to a family of nomads in ...")
        if word == "take" and any(c.dep_ == "dobj" and c.lower_ == "stage" for c in t.children):
            return "performed_at", t
        if word in W.death_words or t.lower_ in ("died", "death"):
            return "died_in", t
        if word in W.tour_words or t.lower_ in W.tour_words:
            return "toured", t
        if word == "leave" and preposition == "for" or word in ("come", "hail") and preposition == "from":
            return "residence", t  # "he left for Leningrad to study", "Moreira comes from Salvador"
        if word in W.residence_words or t.lower_ in W.residence_words:
            if word == "return" and preposition not in ("to", "home"):
                continue
            return "residence", t
        if word in W.performance_words or t.lower_ in W.performance_words:
            return ("toured" if preposition in W.spread_prepositions else "performed_at"), t
        if word in W.place_stop_words:
            return None
        if t.pos_ in ("NOUN", "PROPN") and word not in PLACE_CARRIERS and word not in W.venue_nouns and t.ent_type_ not in ("DATE", "TIME"):
            detour = True  # a date is no detour: "died on 5 December 2019 in Baku" hangs "in Baku" on "December"
    return None


@rule("linernotes.stages_played.v1")
def stages_played(ctx: Context) -> Iterator[Candidate]:
    """"the band played Wacken Open Air", "headlined Köchmön Fest": a named thing played is a stage, whatever
    the model called it (festival names often come out as organizations)."""
    for span in ctx.labelled("Organization"):
        root = first = span.root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "played the Seoul Jazz Festival ... and the Blue Note Tokyo": one of the list
        if first.dep_ == "dobj" and first.head.lemma_.lower() in W.stage_verbs and not ctx.mention_of(root, "Instrument") \
                and (first is root or ctx.mention_of(first, "Venue", "Event", "Organization") is not None):
            text, start, end = clean_name(span)
            yield Candidate("performed_at", text, start, end, first.head, 0.7, fallback=True)


@rule("linernotes.places.v1")
def places(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    for span in ctx.labelled(*PLACE_LABELS):
        if span.end + 1 < len(doc) and doc[span.end].text in ("-", "–") and doc[span.end + 1].lower_ in ("born", "based", "raised", "bred"):
            continue  # "Lagos-born", "Seoul-based": read by origins, with the name the phrase ends in
        chain = trigger_chain(span, ctx)
        if not chain:
            continue
        found = classify(chain)
        if found is None and span.label_ in ("Venue", "Event") and {fold(t.text) for t in span} & W.stage_names \
                and chain[0].lower_ in ("at", "in", "on") and not {t.lemma_.lower() for t in chain} & (W.place_stop_words | W.death_words | W.birth_words | W.residence_words):
            verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), chain[-1])
            found = ("performed_at", verb)  # a stage or a festival in someone's story is where they performed
        if found is None:
            continue
        relation, trigger = found
        if chain[0].lower_ == "as" or chain[0].lower_ == "with" and span.label_ in ("Venue", "Event"):
            continue  # "her debut at the Bolshoi as Tatiana" (a role), "sang with the Korean Theatre" (a company)
        if span.label_ == "Country" and locates(span, ctx):
            continue  # "two nights in Khujand, in northern Kyrgyzstan": where the city is, not another stage
        if called_off(trigger) or wished(trigger):
            continue
        if span.label_ in ("Venue", "Event") and relation not in ("performed_at", "toured"):
            continue
        # A generic venue "in Astana" yields the city; a named venue yields itself, not its city.
        if span.label_ in ("Place", "Country") and any(ctx.mention_of(t, "Venue", "Event") for t in chain):
            continue
        text, start, end = clean_name(span)
        yield Candidate(relation, text, start, end, trigger, 0.9 if relation != "performed_at" else 0.8,
                        fallback=relation in ("performed_at", "toured", "residence"))
        if relation == "born_in":
            country = country_of(span, ctx)
            if country is not None:
                yield Candidate("nationality", country.name, start, end, trigger, 0.6, ref=country.ref, label=country.name)
        if relation == "born_in":
            raised = [c for c in [trigger, *trigger.conjuncts] if (c.lemma_.lower() in W.residence_words or c.lower_ == "raised")
                      and (c is trigger or not any(ch.dep_ == "prep" for ch in c.children))]
            if raised:
                yield Candidate("residence", text, start, end, trigger, 0.85)


def locates(span: Span, ctx: Context) -> bool:
    """"Khujand, in northern Kyrgyzstan": a country phrase right after a place and a comma says where the place is."""
    doc = ctx.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in ("ADJ", "DET") or i >= 0 and doc[i].lower_ in ("north", "south", "east", "west", "of"):
        i -= 1
    if i < 2 or doc[i].lower_ != "in" or doc[i - 1].text != ",":
        return False
    return ctx.mention_of(doc[i - 2], "Place") is not None


def called_off(trigger) -> bool:
    """"A tour of the United States ... was dropped", "they cancelled the tour": a tour that did not happen."""
    return trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and trigger.head.lemma_.lower() in W.cancel_verbs


def wished(trigger) -> bool:
    """"I would love to play in Mongolia one day": a wish, not a concert."""
    t = trigger
    for _ in range(4):
        if t.lemma_.lower() in ("love", "like", "prefer") and any(c.lower_ in ("would", "'d") for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def person_noun(token) -> bool:
    """A noun that stands for a person: an occupation ("a kobyz player"), "native", "musician"."""
    return token.pos_ in ("NOUN", "PROPN") and (vocab.occupations().get(token.text) is not None or token.lemma_.lower() in W.origin_person_nouns)


@rule("linernotes.origins.v1")
def origins(ctx: Context) -> Iterator[Candidate]:
    """Where someone is from, said inside a noun phrase: "a kobyz player from Kyzylorda", "the Taraz kobyz
    player Bolat Iskakov", "Berlin producer Jonas Hartmann", "Tashkent-born", "Seoul-based", "a jazz pianist in Astana"."""
    doc = ctx.doc
    for span in ctx.labelled("Place", "Country"):
        root = span.root
        text, start, end = clean_name(span)
        after = doc[span.end: span.end + 2]
        if len(after) == 2 and after[0].text in ("-", "–") and after[1].lower_ in ("born", "based", "raised", "bred"):
            relation = "born_in" if after[1].lower_ == "born" else "residence"
            owner = _named_under(after[1], ctx) or _named_under(root, ctx) or name_after_title(after[1], ctx)
            if owner is None and not _said_of_someone(after[1].head):
                continue  # "with the São Paulo-born drummer" whose name we cannot find: not the clause's subject's
            yield Candidate(relation, text, start, end, after[1], 0.8, people=owner)
            if relation == "born_in":
                country = country_of(span, ctx)
                if country is not None:  # "Lagos-born" -> Nigeria
                    yield Candidate("nationality", country.name, start, end, after[1], 0.6, ref=country.ref,
                                    label=country.name, people=owner)
            continue
        if root.dep_ == "pobj" and root.head.lower_ in ("from", "in") and person_noun(root.head.head) and span.label_ == "Place":
            head = root.head.head
            if root.head.lower_ == "in" and head.dep_ not in ("attr", "appos"):
                continue  # "a pianist in Astana" said of someone, not "played with a pianist in Astana"
            owner = _named_under(head, ctx)
            yield Candidate("residence", text, start, end, head, 0.75, people=owner)
            country = country_of(span, ctx, guess=False)
            if country is not None and root.head.lower_ == "from":  # "a haegeum player from Seoul, South Korea"
                yield Candidate("nationality", country.name, start, end, head, 0.7, ref=country.ref, label=country.name,
                                people=owner)
        elif root.dep_ == "poss" and person_noun(root.head) and span.label_ == "Place":
            from .identity import one_of, predicative
            owner = _named_under(root.head, ctx)
            if owner is not None or one_of(root.head) or predicative(root.head):
                # "one of Tashkent's busiest session guitarists", "Almaty's best-known kobyz player, X"
                yield Candidate("residence", text, start, end, root.head, 0.7, people=owner)
        elif root.dep_ in ("compound", "nmod", "amod") and person_noun(root.head) and span.label_ == "Place" and root.i < root.head.i:
            owner = _named_under(root.head, ctx)
            if owner is not None:
                yield Candidate("residence", text, start, end, root.head, 0.7, people=owner)


def name_after_title(token, ctx: Context, steps: int = 8) -> tuple[int, ...] | None:
    """The name a title phrase ends in, read along the words: "São Paulo-born drummer and producer Lucas Ferreira"."""
    doc = ctx.doc
    i = token.i + 1
    for _ in range(steps):
        if i >= len(doc):
            return None
        t = doc[i]
        if i in ctx.refs and t.pos_ == "PROPN":
            return ctx.refs[i] if len(ctx.refs[i]) == 1 else None
        if not (ctx.mention_of(t, "Occupation", "Instrument", "Genre", "Demonym", "Place") or t.lower_ in ("and", ",", "&", "-", "–")
                or t.pos_ in ("ADJ", "NOUN") or t.lower_ in ("born", "based", "raised", "bred")):
            return None
        i += 1
    return None


def _said_of_someone(noun) -> bool:
    from .identity import predicative
    return noun.dep_ in ("nsubj", "nsubjpass") or predicative(noun)


def _named_under(token, ctx: Context) -> tuple[int, ...] | None:
    """The person a noun phrase names: "the Taraz kobyz player Bolat Iskakov" -> Bolat Iskakov."""
    for t in (token, token.head):
        named = person_behind(t, ctx.refs)
        if named is not None:
            return ctx.refs[named.i]
    return None


@rule("linernotes.life_dates.v1")
def life_dates(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    for token in tokens_with(doc, lowers=("born", "died", "death", "dies")):
        relation = "birth_date" if token.lower_ == "born" else "death_date" if token.lower_ in ("died", "death", "dies") else None
        if relation is None:
            continue
        window = doc[token.i + 1: min(token.i + 9, token.sent.end)]
        dates = [s for s in ctx.labelled("Date") if window.start <= s.start < window.end
                 and not any(t.pos_ == "VERB" for t in doc[token.i + 1: s.start])]  # not "born in Lagos and came to Britain in 1962"
        if not dates:
            # "born far from the capital, in Shusha, on 2 May 1941": further on, in the phrase "born" governs
            dates = [s for s in ctx.labelled("Date") if window.end <= s.start < min(token.i + 17, token.sent.end)
                     and governed_by(s.root, token)]
            if not dates:
                continue
        end = max(window.end, min(dates[0].end, token.sent.end))  # the whole date: "on 9 September 1988", not "on 9 September"
        window = doc[token.i + 1: end]
        parsed = parse_date(window.text)
        if parsed:
            iso, a, b = parsed
            yield Candidate(relation, iso, window.start_char + a, window.start_char + b, token, 0.9)
            if relation == "birth_date":
                yield from place_after_date(token, window, ctx)
    # "Askar Mambetov (14 May 1931 – 2 June 1998) was ..." right after a person's first name.
    for index, person in enumerate(ctx.people):
        # the first mention with a bracket after it (the first may be a heading: "Rahmatullo Saidov and his students")
        match, first = next(((m, span) for span in person.spans[:3] if (m := LIFESPAN.match(text_of(doc), span.end_char))),
                            (None, person.spans[0]))
        if not match or "born" in match.group(1).lower():
            continue
        inner, offset = match.group(1), match.start(1)
        parts = re.split(r"\s*[–—-]\s*|\s+to\s+", inner)
        if len(parts) != 2:
            continue
        position = offset
        for relation, part in zip(("birth_date", "death_date"), parts):
            at = inner.find(part, position - offset) + offset
            parsed = parse_date(part)
            if parsed:
                iso, a, b = parsed
                token = doc.char_span(at + a, at + b, alignment_mode="expand")
                anchor = token.root if token is not None else first.root
                yield Candidate(relation, iso, at + a, at + b, anchor, 0.9, people=(index,), check_modality=False)
            position = at + len(part)




def governed_by(token, head, steps: int = 6) -> bool:
    """Does ``token`` hang under ``head`` through prepositions and nouns only (no other verb in between)?"""
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == head.i:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def place_after_date(born, window: Span, ctx: Context) -> Iterator[Candidate]:
    """Encyclopedia style "(born 12 March 1987, Shymkent)": the place after the date and a comma, closing the bracket."""
    date = next((s for s in ctx.labelled("Date") if window.start <= s.start < window.end), None)
    doc = ctx.doc
    if date is None or date.end + 2 >= len(doc) or doc[date.end].text != ",":
        return
    place = ctx.mention_of(doc[date.end + 1], "Place", "Country")
    if place is None or place.start != date.end + 1 or place.end >= len(doc) or doc[place.end].text not in (")", ";"):
        return
    text, start, end = clean_name(place)
    yield Candidate("born_in", text, start, end, born, 0.85)
    country = country_of(place, ctx)
    if country is not None:
        yield Candidate("nationality", country.name, start, end, born, 0.6, ref=country.ref, label=country.name)


def country_of(span: Span, ctx: Context, guess: bool = True) -> Country | None:
    """The country a place is in: said in the text ("Almaty, Kazakhstan") or (``guess``) the gazetteer's best guess."""
    index = countries()
    if span.label_ == "Country":
        return index.find(span.text)
    for token in span.root.children:
        if token.dep_ in ("appos", "conj", "npadvmod"):
            mention = ctx.mention_of(token, "Country")
            if mention is not None:
                return index.find(mention.text)
    after = ctx.doc[span.end: span.end + 2]
    if len(after) == 2 and after[0].text == ",":
        mention = ctx.mention_of(after[1], "Country")
        if mention is not None:
            return index.find(mention.text)
    if span.label_ == "Place" and guess:
        place = gazetteer().best(span.text)
        if place is not None:
            return index.countries.get(place.country)
    return None


def qualifies(span: Span, other: Span) -> bool:
    """"Almaty, Kazakhstan": a country written right after a place says where that place is."""
    between = span.doc[other.end: span.start]
    return span.label_ == "Country" and other.label_ == "Place" and len(between) == 1 and between[0].text == ","
