"""Stage 5, link: give each mention and fact value that names a known thing its reference id.

Places resolve through the gazetteer. When a name is ambiguous, a country named right after it
or elsewhere in the document decides, then population; the choice is explained in ``note``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import relations_valued
from ..reference import vocab
from ..reference.countries import countries
from ..reference.places import Place, gazetteer
from .layout import spans_of
from .recognise import SPAN_KEY

if not Doc.has_extension("ln_links"):
    Doc.set_extension("ln_links", default=None)

#: Facts whose value this stage links: places (the gazetteer), countries and institutions.
LINKED_RELATIONS = frozenset(relations_valued("Place", "Country", "Institution"))
VOCABULARIES = {"Instrument": vocab.instruments, "Genre": vocab.genres, "Institution": vocab.institutions}


@Language.factory("linernotes_link", assigns=["doc._.ln_links"], requires=["doc.spans", "doc._.ln_facts"])
def make_linker(nlp: Language, name: str) -> "Linker":
    return Linker()


class Linker:
    def __call__(self, doc: Doc) -> Doc:
        links: dict[tuple[int, int], tuple[str, str, str | None]] = {}
        context = document_countries(doc)
        for span in spans_of(doc, SPAN_KEY):
            key = (span.start_char, span.end_char)
            if span.label_ == "Place":
                place, note = resolve_place(span, context)
                if place is not None:
                    links[key] = (place.ref, f"{place.name}, {place.country}", note)
            elif span.label_ == "Country":
                country = countries().find(span.text)
                if country is not None:
                    links[key] = (country.ref, country.name, None)
            elif span.label_ in VOCABULARIES:
                term = VOCABULARIES[span.label_]().get(span.text)
                if term is not None:
                    links[key] = (term.ref, term.name, None)
        doc._.ln_links = {k: (ref, label) for k, (ref, label, _) in links.items()}
        notes = {k: note for k, (_, _, note) in links.items() if note}
        for fact in doc._.ln_facts or []:
            cand = fact.candidate
            if cand.ref is None and (cand.start, cand.end) in links and cand.relation in LINKED_RELATIONS:
                cand.ref, cand.label, _ = links[(cand.start, cand.end)]
                cand.note = notes.get((cand.start, cand.end))
        return doc


def document_countries(doc: Doc) -> list[str]:
    """ISO codes of the countries the document names, in order of first mention."""
    found: list[str] = []
    for span in spans_of(doc, SPAN_KEY):
        country = countries().find(span.text) if span.label_ == "Country" else (
            countries().by_adjective(span.text) if span.label_ == "Demonym" else None)
        if country and country.iso2 not in found:
            found.append(country.iso2)
    return found


COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeastern",
           "northwestern", "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest", "upper", "lower"}


def stated_country(span: Span) -> str | None:
    """The country written right after a place: "Karakol, Kazakhstan" -> "KZ"."""
    doc = span.doc
    after = doc[span.end: span.end + 7]
    if len(after) < 2 or after[0].text not in (",", "in"):
        return None
    # ", Kazakhstan", "in Kazakhstan", ", in northern Kyrgyzstan", ", in the south of Kazakhstan"
    rest = list(after[1:])
    while rest and (rest[0].lower_ in ("in", "the", "of", "part", "far") or rest[0].lower_.replace("-", "") in COMPASS):
        rest = rest[1:]
    if not rest:
        return None
    country = countries().find(rest[0].text) or (countries().find(doc[rest[0].i: rest[0].i + 2].text) if rest[0].i + 2 <= len(doc) else None)
    return country.iso2 if country else None


def resolve_place(span: Span, context: list[str]) -> tuple[Place | None, str | None]:
    candidates = gazetteer().lookup(span.text)
    if not candidates:
        return None, None
    if len(candidates) == 1:
        return candidates[0], None
    stated = stated_country(span)
    if stated:
        for place in candidates:
            if place.country == stated:
                return place, f"{len(candidates)} places are called {span.text}; the text places it in {stated}"
    for iso in context:
        for place in candidates:
            if place.country == iso and place.population >= 1000:
                return place, f"{len(candidates)} places are called {span.text}; chose the one in {iso}, a country the text mentions"
    best = candidates[0]
    return best, f"{len(candidates)} places are called {span.text}; chose the most populous ({best.population:,})"
