"""Checks against the gazetteer and the country and institution lists: where places are, which city was a capital."""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span

from ...dates import YEAR
from ...model import Check
from ...reference import fold, vocab
from ...reference.countries import countries
from ...reference.places import gazetteer
from ..check import check_rule, finding
from ..layout import text_of, spans_of
from ..link import stated_country
from ..recognise import SPAN_KEY

CAPITAL = re.compile(r"\b(?:(then|former|formerly|once|now|current)\s+)?(?:the\s+)?(?:(former|then|old|new)\s+)?capital(?:\s+city)?\s+of\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
#: "Istanbul, the Turkish capital": a capital named by its country's adjective.
ADJECTIVE_CAPITAL = re.compile(r"\b(?:(then|former|formerly|once|now|current)\s+)?(?:the\s+)?(?:(former|then|old|new)\s+)?([A-Z][\w'’-]+)\s+capital\b(?!\s+of)")


@check_rule("linernotes.place_country.v1", codes=("place-country-mismatch",))
def place_country(doc: Doc) -> Iterator[Check]:
    """"Karakol, Kazakhstan": a place the gazetteer knows, but only in other countries."""
    index = countries()
    for span in spans_of(doc, SPAN_KEY):
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


@check_rule("linernotes.wrong_capital.v1", codes=("wrong-capital",))
def wrong_capital(doc: Doc) -> Iterator[Check]:
    """"Almaty, the capital of Kyrgyzstan" (mind the year: Almaty was Kazakhstan's capital until 1997)."""
    index = countries()
    places = [s for s in spans_of(doc, SPAN_KEY) if s.label_ == "Place"]
    text = text_of(doc)
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


@check_rule("linernotes.institution_location.v1", codes=("institution-location-mismatch",))
def institution_location(doc: Doc) -> Iterator[Check]:
    """"the Kurmangazy Conservatory in Astana" when the conservatory is in Almaty."""
    spans = spans_of(doc, SPAN_KEY)
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
