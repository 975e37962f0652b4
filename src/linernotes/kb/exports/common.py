"""What every export reads (``Corpus``), and what they share: IRIs, one statement per value, inferred facts."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ...keys import value_key
from ...model import RELATION_TABLE
from ...reference import fold
from ...reference.countries import countries
from ...reference.lexicons import lexicon
from ...reference.vocab import entity_heads
from ..identifiers import Identifier

DEFAULT_BASE = "urn:linernotes:"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
WIKIDATA_DIRECT = "http://www.wikidata.org/prop/direct/"
GEONAMES = "https://sws.geonames.org/"
GENDERS = {"male": "Q6581097", "female": "Q6581072", "non-binary": "Q48270"}
#: Review statuses a reviewer decided (``--reviewed-only`` exports only these).
REVIEWED = frozenset({"accepted", "corrected", "added"})

Row = dict[str, Any]


@dataclass
class Corpus:
    """The knowledge base as an export reads it, with the ids of its people and entities."""

    people: list[Row]
    facts: list[Row]
    entities: dict[int, Row]
    members: dict[int, list[Row]]
    person_ids: dict[int, dict[str, Identifier]]
    entity_ids: dict[int, dict[str, Identifier]]
    retrieved: dict[str, Any]  # document name -> when it was ingested
    spans: dict[int, str]  # fact id -> the document's text at its value span, for facts that may be inferred
    base: str = DEFAULT_BASE
    stated_in: str | None = None  # the Wikidata item of the source the documents come from (S248)

    def facts_by_person(self) -> dict[int, list[Row]]:
        out: dict[int, list[Row]] = defaultdict(list)
        for fact in self.facts:
            if fact["person_id"] is not None:
                out[fact["person_id"]].append(fact)
        return out

    def names(self, person: Row) -> list[str]:
        """Every name the person's descriptions call them by, the profile's first."""
        return list(dict.fromkeys([person["name"], *(n for m in self.members[person["id"]]
                                                     for n in [m["name"], *m["aliases"]])]))

    def qid(self, person_id: int | None) -> str | None:
        ident = self.person_ids.get(person_id or 0, {}).get("wikidata")
        return ident.value if ident else None

    def entity_qid(self, entity_id: int | None) -> str | None:
        ident = self.entity_ids.get(entity_id or 0, {}).get("wikidata")
        return ident.value if ident else None

    def person_iri(self, person_id: int) -> str:
        return person_iri(self.base, person_id)

    def document_iri(self, name: str) -> str:
        return document_iri(self.base, name)

    def published(self) -> bool:
        """The base is a web address: document IRIs are URLs a reference may cite (S854)."""
        return self.base.startswith(("http://", "https://"))


def person_iri(base: str, person_id: int) -> str:
    """A person's IRI: the explorer's page of the person when ``base`` is where the explorer is served
    (and the reconciliation service's identifier space, ``{base}people/``)."""
    return f"{base}people/{person_id}"


def document_iri(base: str, name: str) -> str:
    """A document's IRI: the explorer's page of the document when ``base`` is the explorer's address, so a
    Wikidata reference URL (S854) opens the biography."""
    return f"{base}documents/" + re.sub(r"[^A-Za-z0-9._~-]", lambda m: "%%%02X" % ord(m.group()), name)


def entity_iri(entity: Row, base: str) -> str:
    """One IRI per thing: a GeoNames place or a Wikidata item where the reference data knows it, else ours.
    A country stored both as a place and as a country is one node."""
    ref = entity.get("ref") or ""
    if ref.startswith("wikidata:"):
        return WIKIDATA_ENTITY + ref.split(":", 1)[1]
    if ref.startswith("geonames:"):
        return f"{GEONAMES}{ref.split(':', 1)[1]}/"
    return f"{base}entity/{entity['id']}"


def object_iri(fact: Row, base: str) -> str | None:
    """The IRI a fact's value stands for: another person, a Wikidata item, a GeoNames place, an entity."""
    if fact.get("object_person_id"):
        return person_iri(base, fact["object_person_id"])
    ref = fact.get("ref") or ""
    if fact.get("entity_id") or ref.startswith(("wikidata:", "geonames:")):
        return entity_iri({"ref": ref, "id": fact.get("entity_id")}, base)
    return None


@dataclass
class Statement:
    """One relation and value of a person, with every fact (document, sentence) that says it."""

    person_id: int
    relation: str
    facts: list[Row] = field(default_factory=list)

    @property
    def fact(self) -> Row:
        return self.facts[0]


def statements(corpus: Corpus, facts: list[Row]) -> list[Statement]:
    """A person's facts as statements: the same relation and value from two documents (a merged profile)
    is one statement with two sources."""
    grouped: dict[tuple, Statement] = {}
    for fact in facts:
        target = object_iri(fact, corpus.base) or value_key(fact.get("label") or fact["value"])
        key = (fact["person_id"], fact["relation"], target)
        grouped.setdefault(key, Statement(fact["person_id"], fact["relation"])).facts.append(fact)
    return list(grouped.values())


def inferred(fact: Row, corpus: Corpus) -> str | None:
    """Why a fact is the reader's inference rather than what the text states, or None if stated.
    A gender is counted from pronouns or read off kinship words ("her father"), never stated as such;
    a nationality whose value span names a place, not the country, is the birthplace's country."""
    if fact["relation"] == "gender":
        return "gender inferred from pronouns or kinship words, not stated"
    if fact["relation"] == "nationality":
        said = corpus.spans.get(fact["id"])
        if said is None:
            return None
        index = countries()
        country = index.find(said) or index.by_adjective(said)
        if country is None or fold(country.name) != fold(fact.get("label") or fact["value"]):
            return f"nationality inferred from the country of {said!r}, not stated"
    return None


def may_be_inferred(fact: Row) -> bool:
    """Facts ``inferred`` needs the text of the value span for."""
    return fact["relation"] == "nationality"


def valued(relation: str, kind: str) -> bool:
    spec = RELATION_TABLE.get(relation)
    return bool(spec and kind in spec.values)


def wikidata_property(relation: str) -> str | None:
    """The Wikidata property a person's fact states; None when there is none, or it is stated of the value."""
    spec = RELATION_TABLE.get(relation)
    return spec.wikidata if spec and not spec.wikidata_reversed else None


def country_of_entity(entity: Row):
    """The country (``reference.countries.Country``) an entity is, or is in; None if not known."""
    return countries().countries.get(entity.get("country") or "") or next(
        (c for c in countries().countries.values() if c.ref == entity.get("key")), None)


def is_country(entity: Row) -> bool:
    """A country, whether stored as a country or as a place ("India" a place of birth)."""
    country = country_of_entity(entity)
    return entity["kind"] == "Country" or (country is not None and entity.get("key") == country.ref)


def place_name(entity: Row) -> str:
    """An entity's name without the country code the gazetteer adds to a city ("Baku, AZ" -> "Baku")."""
    name, country = entity["name"], entity.get("country")
    return name[:-len(country) - 2] if country and name.endswith(f", {country}") else name


def head_type(name: str) -> str | None:
    """What the last word of a name says it is: "Sziget Festival" -> Event, "Wigmore Hall" -> Venue."""
    words = fold(name.rsplit(",", 1)[0]).split()
    return entity_heads().get(words[-1]) if words else None


def names_a_recording(fact: Row) -> bool:
    """The words just before a work's title call it a recording ("her album", "first solo recording",
    "her later albums include")."""
    before = fold(fact["evidence"].split(fact["value"], 1)[0]).split()[-4:] if fact["value"] in fact["evidence"] else []
    words = set(before) | {w[:-1] for w in before if w.endswith("s")}
    return bool(words & lexicon("recording_nouns"))
