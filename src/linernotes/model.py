"""The data model and its JSON contract: the one place that says what linernotes outputs.

The JSON shape is the extraction format read by ``shared/eval/score.py``:
``{"doc", "mentions", "people": [{"id", "name", "aliases", "main", "facts"}], "checks"}``.
Fields added later (reference ids, labels) are optional extras; the contract fields stay.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Every relation linernotes may assert, with the Wikidata property it stands for
#: (``None`` where Wikidata has no single property for it).
RELATIONS: dict[str, str | None] = {
    "gender": "P21",
    "age": None,
    "birth_date": "P569",
    "born_in": "P19",
    "death_date": "P570",
    "died_in": "P20",
    "nationality": "P27",
    "ethnicity": "P172",
    "residence": "P551",
    "occupation": "P106",
    "instrument": "P1303",
    "voice_type": "P412",
    "genre": "P136",
    "educated_at": "P69",
    "field_of_study": "P812",
    "member_of": "P463",
    "founded": "P112",  # inverse: the ensemble's "founded by"
    "collaborator": None,
    "influenced_by": "P737",
    "student_of": "P1066",
    "teacher_of": "P802",
    "performed_at": None,
    "toured": None,
    "record_label": "P264",
    "award": "P166",
    "notable_work": "P800",
    "father": "P22",
    "mother": "P25",
    "spouse": "P26",
    "partner": "P451",
    "child": "P40",
    "sibling": "P3373",
    "relative": "P1038",
}

#: Relations whose value is another person (used for symmetric / inverse facts).
PERSON_RELATIONS = frozenset(
    "collaborator student_of teacher_of father mother spouse partner child sibling relative".split()
)

#: Relations a person has at most one value of (a second value is a contradiction).
SINGLE_VALUED = frozenset("gender birth_date born_in death_date died_in father mother".split())

#: Relations grouped the way a profile shows them.
RELATION_GROUPS: dict[str, tuple[str, ...]] = {
    "identity": ("occupation", "instrument", "voice_type", "genre", "gender", "age", "nationality", "ethnicity"),
    "life": ("birth_date", "born_in", "residence", "death_date", "died_in"),
    "learning": ("educated_at", "field_of_study", "student_of", "teacher_of"),
    "ensembles and collaborators": ("member_of", "founded", "collaborator", "influenced_by"),
    "career": ("performed_at", "toured", "record_label", "award", "notable_work"),
    "family": ("father", "mother", "spouse", "partner", "child", "sibling", "relative"),
}

#: What kind of thing the value of a relation is, for relations whose value is not a person or a literal.
OBJECT_KINDS: dict[str, str] = {
    "born_in": "Place", "died_in": "Place", "residence": "Place", "performed_at": "Place", "toured": "Place",
    "nationality": "Country", "ethnicity": "Ethnicity", "occupation": "Occupation", "instrument": "Instrument",
    "voice_type": "VoiceType", "genre": "Genre", "educated_at": "Institution", "field_of_study": "Field",
    "member_of": "Ensemble", "founded": "Ensemble", "record_label": "Organization", "award": "Award",
    "notable_work": "Work", "influenced_by": "Genre",
}

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
