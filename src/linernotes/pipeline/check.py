"""Stage 6, check: claims that cannot all be true, judged against the reference knowledge.

Every finding is a dict with code, severity, message, value, start, end and evidence. The
checker stays quiet when it is unsure: a place the gazetteer does not know is not an error.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..dates import YEAR, year_of
from ..model import SINGLE_VALUED
from ..reference import fold, vocab
from ..reference.countries import countries
from ..reference.places import gazetteer
from .layout import TOKENS_KEY
from .link import stated_country
from .recognise import SPAN_KEY
from .syntax import person_of

if not Doc.has_extension("ln_checks"):
    Doc.set_extension("ln_checks", default=None)

CAPITAL = re.compile(r"\b(?:(then|former|formerly|once|now|current)\s+)?(?:the\s+)?(?:(former|then|old|new)\s+)?capital(?:\s+city)?\s+of\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
AGE_AT = re.compile(r"\b(?:at the age of|aged|at age)\s+(\d{1,3})\b|\b(\d{1,3})[- ]years?[- ]old\b")
ACTIVE = {"perform", "play", "give", "record", "release", "tour", "sing", "appear", "conduct", "compose", "write", "found",
          "form", "join", "graduate", "study", "win", "receive", "teach", "marry", "move", "premiere", "debut"}
#: "Istanbul, the Turkish capital": a capital named by its country's adjective.
ADJECTIVE_CAPITAL = re.compile(r"\b(?:(then|former|formerly|once|now|current)\s+)?(?:the\s+)?(?:(former|then|old|new)\s+)?([A-Z][\w'’-]+)\s+capital\b(?!\s+of)")
POSTHUMOUS = ("posthum", "after his death", "after her death", "in memory", "tribute", "memorial", "in honour", "in honor")


@Language.factory("linernotes_check", assigns=["doc._.ln_checks"], requires=["doc._.ln_facts", "doc._.ln_links"])
def make_checker(nlp: Language, name: str) -> "Checker":
    return Checker()


class Checker:
    def __call__(self, doc: Doc) -> Doc:
        found = [*place_country(doc), *wrong_capital(doc), *institution_location(doc), *dates_and_ages(doc), *contradictions(doc)]
        seen, unique = set(), []
        for item in found:
            key = (item["code"], item["start"])
            if key not in seen:
                seen.add(key)
                unique.append(item)
        doc._.ln_checks = unique
        doc.user_data.pop(TOKENS_KEY, None)  # the rules' token list: the last stage lets it go
        return doc


def finding(code: str, message: str, span_text: str, start: int, end: int, sent: Span, severity: str = "warning") -> dict:
    return {"code": code, "severity": severity, "message": message, "value": span_text, "start": start, "end": end,
            "evidence": sent.text.strip()}


def place_country(doc: Doc) -> Iterator[dict]:
    """"Karakol, Kazakhstan": a place the gazetteer knows, but only in other countries."""
    index = countries()
    for span in doc.spans[SPAN_KEY]:
        if span.label_ != "Place":
            continue
        stated = stated_country(span)
        if stated is None:
            continue
        candidates = gazetteer().lookup(span.text)
        # Prefer places whose main name is the one written; alternate names reach too far afield.
        exact = [p for p in candidates if fold(p.name) == fold(span.text)]
        candidates = exact or list(candidates)
        if not candidates or any(p.country == stated for p in candidates):
            continue
        best = candidates[0]
        if best.population < 5000:
            continue  # a hamlet sharing the name is weak evidence
        real, said = index.countries.get(best.country), index.countries.get(stated)
        if real is None or said is None:
            continue
        kind = "city" if best.population >= 100_000 else "town"
        yield finding("place-country-mismatch", f"{best.name} is a {kind} in {real.name}, not in {said.name}",
                      span.text, span.start_char, span.end_char, span.sent)


def same_place(a: str, b: str) -> bool:
    if fold(a) == fold(b):
        return True
    ids_a = {p.geonameid for p in gazetteer().lookup(a)}
    return bool(ids_a & {p.geonameid for p in gazetteer().lookup(b)})


def sentence_year(sent: Span) -> int | None:
    years = [int(m.group(1)) for m in YEAR.finditer(sent.text)]
    return years[0] if len(years) == 1 else None


def wrong_capital(doc: Doc) -> Iterator[dict]:
    """"Almaty, the capital of Kyrgyzstan" (mind the year: Almaty was Kazakhstan's capital until 1997)."""
    index = countries()
    places = [s for s in doc.spans[SPAN_KEY] if s.label_ == "Place"]
    text = doc.text
    matches = [(m, index.find(m.group(3)) or index.find(m.group(3).split()[0])) for m in CAPITAL.finditer(text)]
    matches += [(m, index.by_adjective(m.group(3))) for m in ADJECTIVE_CAPITAL.finditer(text)]  # "the Turkish capital"
    for match, country in matches:
        if country is None or not country.capitals:
            continue
        # The city is the place right before ("Almaty, the capital of") or after ("the capital of C, Almaty").
        before = [s for s in places if s.end_char <= match.start() and match.start() - s.end_char <= 3]
        after = [s for s in places if s.start_char >= match.end() and s.start_char - match.end() <= 3]
        city = (before or after or [None])[-1 if before else 0]
        if city is None:
            continue
        sent = city.sent
        historical = bool(match.group(1) or match.group(2)) and (match.group(1) or match.group(2)).lower() in ("then", "former", "formerly", "once", "old")
        year = sentence_year(sent)
        if year is not None:
            allowed = country.capital_in(year)
        elif historical:
            allowed = [c.city for c in country.capitals]
        else:
            allowed = country.capital_in(None) or [c.city for c in country.capitals]
        if not allowed or any(same_place(city.text, capital) for capital in allowed):
            continue
        when = f" in {year}" if year else ""
        yield finding("wrong-capital", f"{city.text} was not the capital of {country.name}{when}; the capital was {' / '.join(allowed)}",
                      city.text, city.start_char, city.end_char, sent)


def institution_location(doc: Doc) -> Iterator[dict]:
    """"the Kurmangazy Conservatory in Astana" when the conservatory is in Almaty."""
    spans = doc.spans[SPAN_KEY]
    places = {s.start: s for s in spans if s.label_ == "Place"}
    for span in spans:
        if span.label_ != "Institution":
            continue
        term = vocab.institutions().get(span.text)
        if term is None or not term.extra.get("city"):
            continue
        following = doc[span.end: span.end + 2]
        if len(following) < 2 or following[0].lower_ not in ("in", ","):
            continue
        place = places.get(span.end + 1)
        if place is None or same_place(place.text, term.extra["city"]):
            continue
        if not gazetteer().lookup(place.text):
            continue
        yield finding("institution-location-mismatch",
                      f"{term.name} is in {term.extra['city']}, not in {place.text}",
                      place.text, place.start_char, place.end_char, span.sent)


def _person_years(doc: Doc, relation: str) -> dict[int, tuple[int, object]]:
    out = {}
    for fact in doc._.ln_facts or []:
        if fact.candidate.relation == relation and year_of(fact.candidate.value) and fact.person not in out:
            out[fact.person] = (year_of(fact.candidate.value), fact.candidate)
    return out


def dates_and_ages(doc: Doc) -> Iterator[dict]:
    """Events before birth or after death; a stated age that the birth year contradicts."""
    refs = doc._.ln_refs or {}
    births, deaths = _person_years(doc, "birth_date"), _person_years(doc, "death_date")
    for person, (died, cand) in deaths.items():
        if person in births and died < births[person][0]:
            yield finding("date-inconsistency", f"died in {died}, before being born in {births[person][0]}",
                          cand.value, cand.start, cand.end, cand.anchor.sent)
    # What is asked of a date's sentence is asked once per sentence, not once per date in it: a long
    # list sentence holds thousands of dates, and reading it whole for each was quadratic. (So is
    # ``date.sent``, which walks out to both ends of the sentence: the sentences are listed once.)
    sentences: dict[int, tuple[str, bool, re.Match | None]] = {}
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    sent_starts = [s.start for s in sents]
    for date in (s for s in doc.spans[SPAN_KEY] if s.label_ == "Date"):
        match = YEAR.search(date.text)
        if not match:
            continue
        year = int(match.group(1))
        sent = sents[bisect_right(sent_starts, date.start) - 1] if sents else date.sent
        if sent.start not in sentences:
            sent_text = sent.text
            sentences[sent.start] = (sent_text, any(t.lower_ in ("born", "died", "death") for t in sent),
                                     AGE_AT.search(sent_text))
        sent_text, life_word, age = sentences[sent.start]
        if life_word and not age:
            continue
        owner = person_of(date.root, refs)
        if len(owner.people) != 1:
            continue
        person = owner.people[0]
        verb = date.root.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        active = verb.lemma_.lower() in ACTIVE
        start, end = date.start_char + match.start(1), date.start_char + match.end(1)
        if person in births and active and year < births[person][0]:
            yield finding("date-inconsistency", f"{year} is before the birth year {births[person][0]}",
                          str(year), start, end, sent)
        if person in deaths and active and year > deaths[person][0] and not any(p in sent_text.lower() for p in POSTHUMOUS):
            yield finding("date-inconsistency", f"{year} is after the death year {deaths[person][0]}",
                          str(year), start, end, sent)
        if age and person in births:
            stated = int(age.group(1) or age.group(2))
            expected = year - births[person][0]
            if abs(expected - stated) > 1:
                yield finding("age-inconsistency",
                              f"born in {births[person][0]}, so about {expected} in {year}, not {stated}",
                              str(stated), sent.start_char + age.start(), sent.start_char + age.end(), sent)


def contradictions(doc: Doc) -> Iterator[dict]:
    """Two incompatible values of a single-valued relation for one person."""
    by_key: dict[tuple[int, str], list] = {}
    for fact in doc._.ln_facts or []:
        if fact.candidate.relation in SINGLE_VALUED:
            by_key.setdefault((fact.person, fact.candidate.relation), []).append(fact.candidate)
    for (_, relation), cands in by_key.items():
        first = cands[0]
        for other in cands[1:]:
            if compatible(relation, first.value, other.value):
                continue
            yield finding("contradiction", f"{relation.replace('_', ' ')} is given as both {first.value} and {other.value}",
                          other.value, other.start, other.end, other.anchor.sent)
            break


def compatible(relation: str, a: str, b: str) -> bool:
    if fold(a) == fold(b):
        return True
    if relation.endswith("_date"):
        return a.startswith(b) or b.startswith(a)
    if relation in ("born_in", "died_in"):
        if same_place(a, b):
            return True
        ca, cb = countries().find(a), countries().find(b)
        pa, pb = gazetteer().best(a), gazetteer().best(b)
        return bool((ca and pb and pb.country == ca.iso2) or (cb and pa and pa.country == cb.iso2))
    return False
