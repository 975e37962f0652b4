"""The data model and its JSON contract: the one place that says what linernotes outputs.

The JSON shape is the extraction format read by ``shared/eval/score.py``:
``{"doc", "mentions", "people": [{"id", "name", "aliases", "main", "facts"}], "checks"}``.
Fields added later (reference ids, labels) are optional extras; the contract fields stay.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .reference import load_tsv, split_cell  # the data files' reader (standard library only: no cycle)

#: Value types stored as written (a date, a number, a gender), not as a thing other facts can share.
LITERAL_VALUES = frozenset({"Date", "Gender", "Number"})


@dataclass(frozen=True)
class RelationSpec:
    """One row of ``data/relations.tsv``: everything the code knows about one relation."""

    name: str
    wikidata: str | None  # the Wikidata property, e.g. "P19"
    wikidata_reversed: bool  # the property is stated of the value, pointing at the person ("^P112")
    values: tuple[str, ...]  # what the value is: "Place", "Person", "Date"; "Person|Genre" when either
    single: bool  # a person has at most one value (a second one is a contradiction)
    inverse: str | None  # what the value person has in return (A teacher_of B => B student_of A)
    group: str  # the section of a profile that shows it
    schema_org: str | None  # the schema.org property of the JSON-LD export
    schema_org_reversed: bool  # stated of the value, pointing at the person ("^founder")
    phrase: str  # how an answer says it: "X is married to Y"
    noun: str  # what a message calls the value: "birthplace"
    filter: str | None  # the people-list filter that searches it
    graph: bool  # the explorer's graph draws it as an edge
    common: bool  # many people share a value (gender, occupation): sharing one shows no identity
    musicbrainz: str | None = None  # the MusicBrainz relationship type ("member of band")
    musicbrainz_reversed: bool = False  # the value is the relationship's first artist ("^teacher": the value taught)
    dated: bool = False  # a sentence may date it ("in 1947 joined"): exports look for its begin and end

    @property
    def kind(self) -> str | None:
        """The kind of thing the value is, when it is a thing: not a person and not a literal."""
        return next((v for v in self.values if v != "Person" and v not in LITERAL_VALUES), None)


def _property(cell: str) -> tuple[str | None, bool]:
    """``"P19"`` -> ("P19", False); ``"^P112"`` -> ("P112", True), the property read backwards."""
    return (cell.lstrip("^") or None), cell.startswith("^")


def relation_table(rows: Iterable[dict[str, str]]) -> dict[str, RelationSpec]:
    """The relation table from the rows of ``relations.tsv``; a malformed row is refused, naming it."""
    table: dict[str, RelationSpec] = {}
    for row in rows:
        name = row["relation"]
        if row["cardinality"] not in ("single", "multi") or {row["graph"], row["common"], row.get("dated", "")} - {"yes", ""}:
            raise ValueError(f"relations.tsv: {name}: cardinality is single or multi; graph, common and dated are yes or empty")
        if not (row["value"] and row["group"] and row["phrase"] and row["noun"]) or name in table:
            raise ValueError(f"relations.tsv: {name}: a second row, or no value, group, phrase or noun")
        wikidata, wikidata_reversed = _property(row["wikidata"])
        schema_org, schema_org_reversed = _property(row["schema_org"])
        musicbrainz, musicbrainz_reversed = _property(row.get("musicbrainz", ""))
        table[name] = RelationSpec(
            name, wikidata, wikidata_reversed, tuple(split_cell(row["value"])), row["cardinality"] == "single",
            row["inverse"] or None, row["group"], schema_org, schema_org_reversed, row["phrase"], row["noun"],
            row["filter"] or None, row["graph"] == "yes", row["common"] == "yes", musicbrainz, musicbrainz_reversed,
            row.get("dated") == "yes")
    unknown = sorted(s.inverse for s in table.values() if s.inverse and s.inverse not in table)
    if unknown:
        raise ValueError(f"relations.tsv: unknown inverse relation(s) {unknown}")
    return table


#: Every relation linernotes may assert, in the order a profile shows them (``data/relations.tsv``).
RELATION_TABLE: dict[str, RelationSpec] = relation_table(load_tsv("relations.tsv"))

#: Every relation with the Wikidata property it stands for (``None`` where Wikidata has no single property).
RELATIONS: dict[str, str | None] = {name: spec.wikidata for name, spec in RELATION_TABLE.items()}

#: Relations whose value is another person (used for symmetric / inverse facts).
PERSON_RELATIONS = frozenset(name for name, spec in RELATION_TABLE.items() if spec.values == ("Person",))

#: Relations whose value may name another person (``influenced_by``: a person or a genre).
PERSON_VALUED = frozenset(name for name, spec in RELATION_TABLE.items() if "Person" in spec.values)

#: Relations a person has at most one value of (a second value is a contradiction).
SINGLE_VALUED = frozenset(name for name, spec in RELATION_TABLE.items() if spec.single)

#: The person-valued relation the value person has in return: teacher_of <-> student_of, spouse <-> spouse.
INVERSE: dict[str, str] = {name: spec.inverse for name, spec in RELATION_TABLE.items() if spec.inverse}

#: Relations grouped the way a profile shows them.
RELATION_GROUPS: dict[str, tuple[str, ...]] = {
    group: tuple(name for name, spec in RELATION_TABLE.items() if spec.group == group)
    for group in dict.fromkeys(spec.group for spec in RELATION_TABLE.values())}

#: What kind of thing the value of a relation is, for relations whose value is not a person or a literal.
OBJECT_KINDS: dict[str, str] = {name: spec.kind for name, spec in RELATION_TABLE.items() if spec.kind}


def relations_valued(*values: str) -> tuple[str, ...]:
    """The relations whose value may be of one of ``values`` ("Place", "Date"...), in table order."""
    return tuple(name for name, spec in RELATION_TABLE.items() if set(spec.values) & set(values))


#: Relations whose value is a place (linked to the gazetteer, drawn on the map, the "place" filter).
PLACE_RELATIONS = relations_valued("Place")
#: Relations whose value is a date (a timeline places them by their value).
DATE_RELATIONS = relations_valued("Date")
#: Relations whose value is an ensemble (membership, bandmates).
ENSEMBLE_RELATIONS = relations_valued("Ensemble")

MENTION_TYPES = (
    "Person Ensemble Instrument Genre Place Country Organization Institution "
    "Venue Event Award Work Date"
).split()

SEVERITIES = ("info", "warning", "error")


@dataclass
class Mention:
    """A typed span of the document text (character offsets)."""

    start: int
    end: int
    text: str
    type: str
    ref: str | None = None  # reference id, e.g. "geonames:1526384"
    label: str | None = None  # canonical label of the referenced thing

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "type": self.type}
        if self.ref:
            out["ref"] = self.ref
            out["label"] = self.label
        return out


@dataclass
class Fact:
    """One relation of a person, with the sentence that supports it."""

    relation: str
    value: str
    start: int
    end: int
    evidence: str
    confidence: float
    ref: str | None = None
    label: str | None = None
    note: str | None = None  # why a link or attribution was chosen

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}")

    @property
    def key(self) -> tuple[str, str]:
        return (self.relation, self.value.casefold())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "relation": self.relation,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
        }
        if self.ref:
            out["ref"] = self.ref
            out["label"] = self.label
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Person:
    """A person found in one document, with every name the text calls them by."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    main: bool = False
    facts: list[Fact] = field(default_factory=list)

    def add(self, fact: Fact) -> bool:
        """Add ``fact`` unless the same relation/value is already known; keep the surer one."""
        key = fact.key
        for i, old in enumerate(self.facts):
            if old.relation == fact.relation and old.key == key:
                if fact.confidence > old.confidence:
                    self.facts[i] = fact
                return False
        self.facts.append(fact)
        return True

    def values(self, relation: str) -> list[str]:
        return [f.value for f in self.facts if f.relation == relation]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "main": self.main,
            "facts": [f.to_dict() for f in sorted(self.facts, key=lambda f: (f.start, f.relation))],
        }


@dataclass
class Check:
    """A finding of the fact checker: something the text claims that cannot all be true.

    Its code and severity come from the check catalogue, ``linernotes.errors.Checks``.
    """

    code: str
    severity: str
    message: str
    value: str
    start: int
    end: int
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r} (one of {', '.join(SEVERITIES)})")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
        }


@dataclass
class Document:
    """The result of reading one biography."""

    doc: str
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "mentions": [m.to_dict() for m in self.mentions],
            "people": [p.to_dict() for p in self.people],
            "checks": [c.to_dict() for c in self.checks],
        }
