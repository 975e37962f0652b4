"""The data model: relation catalogue, fact/person behaviour and the JSON shape of each object."""
from __future__ import annotations

import json

import pytest

from linernotes.model import (MENTION_TYPES, PERSON_RELATIONS, RELATIONS, SEVERITIES, SINGLE_VALUED, Check, Document,
                              Fact, Mention, Person)

#: The relations and Wikidata properties the shared README promises (None: no single property).
README_RELATIONS = {
    "gender": "P21", "age": None, "birth_date": "P569", "born_in": "P19", "death_date": "P570", "died_in": "P20",
    "nationality": "P27", "ethnicity": "P172", "residence": "P551", "occupation": "P106", "instrument": "P1303",
    "voice_type": "P412", "genre": "P136", "educated_at": "P69", "field_of_study": "P812", "member_of": "P463",
    "founded": "P112", "collaborator": None, "influenced_by": "P737", "student_of": "P1066", "teacher_of": "P802",
    "performed_at": None, "toured": None, "record_label": "P264", "award": "P166", "notable_work": "P800",
    "father": "P22", "mother": "P25", "spouse": "P26", "partner": "P451", "child": "P40", "sibling": "P3373",
    "relative": "P1038",
}
README_MENTION_TYPES = ("Person Ensemble Instrument Genre Place Country Organization Institution Venue Event Award "
                        "Work Date").split()


def fact(relation="instrument", value="dombra", start=10, end=16, confidence=0.9, **kw) -> Fact:
    return Fact(relation, value, start, end, "She plays the dombra.", confidence, **kw)


def test_relations_are_the_readme_catalogue():
    assert RELATIONS == README_RELATIONS


def test_mention_types_cover_the_readme():
    assert set(README_MENTION_TYPES) <= set(MENTION_TYPES)
    assert len(MENTION_TYPES) == len(set(MENTION_TYPES))


def test_relation_subsets_are_known_relations():
    assert PERSON_RELATIONS <= set(RELATIONS)
    assert SINGLE_VALUED <= set(RELATIONS)
    assert {"father", "mother", "spouse", "sibling", "student_of", "teacher_of", "collaborator"} <= PERSON_RELATIONS
    assert {"born_in", "birth_date", "gender"} <= SINGLE_VALUED
    assert "instrument" not in SINGLE_VALUED


def test_severities():
    assert SEVERITIES == ("info", "warning", "error")


def test_unknown_relation_is_refused():
    with pytest.raises(ValueError, match="unknown relation"):
        fact(relation="favourite_colour")


def test_fact_to_dict_has_exactly_the_contract_keys_and_rounds_confidence():
    out = fact(confidence=0.876543).to_dict()
    assert list(out) == ["relation", "value", "start", "end", "evidence", "confidence"]
    assert out["confidence"] == 0.88
    assert out["value"] == "dombra" and (out["start"], out["end"]) == (10, 16)


def test_fact_to_dict_extras_only_when_set():
    out = fact(ref="linernotes:instrument/dombra", label="dombra", note="because").to_dict()
    assert out["ref"] == "linernotes:instrument/dombra"
    assert out["label"] == "dombra"
    assert out["note"] == "because"
    assert "note" not in fact(ref="x", label="y").to_dict()


def test_fact_key_folds_case():
    assert fact(value="Dombra").key == fact(value="dombra").key == ("instrument", "dombra")
    assert fact(value="dombra").key != fact(relation="genre", value="dombra").key


def test_person_add_deduplicates_and_keeps_the_surer_fact():
    who = Person("p1", "Asel Omarova")
    assert who.add(fact(confidence=0.6)) is True
    assert who.add(fact(value="Dombra", confidence=0.9, start=40, end=46)) is False
    assert len(who.facts) == 1
    assert who.facts[0].confidence == 0.9 and who.facts[0].start == 40
    assert who.add(fact(confidence=0.5)) is False
    assert who.facts[0].confidence == 0.9
    assert who.add(fact(value="kobyz")) is True
    assert who.values("instrument") == ["Dombra", "kobyz"]
    assert who.values("genre") == []


def test_person_to_dict_shape_and_fact_order():
    who = Person("p2", "Asel Omarova", aliases=["Asel"], main=True)
    who.add(fact(relation="genre", value="jazz", start=50, end=54))
    who.add(fact(relation="occupation", value="pianist", start=5, end=12))
    who.add(fact(relation="instrument", value="piano", start=5, end=12))
    out = who.to_dict()
    assert list(out) == ["id", "name", "aliases", "main", "facts"]
    assert out["id"] == "p2" and out["main"] is True and out["aliases"] == ["Asel"]
    assert [(f["start"], f["relation"]) for f in out["facts"]] == [(5, "instrument"), (5, "occupation"), (50, "genre")]


def test_person_aliases_are_copied_not_shared():
    who = Person("p1", "Asel Omarova", aliases=["Asel"])
    out = who.to_dict()
    out["aliases"].append("Omarova")
    assert who.aliases == ["Asel"]


def test_mention_to_dict():
    plain = Mention(0, 4, "Osh", "Place").to_dict()
    assert plain == {"start": 0, "end": 4, "text": "Osh", "type": "Place"}
    linked = Mention(0, 3, "Osh", "Place", ref="geonames:1527534", label="Osh, KG").to_dict()
    assert linked["ref"] == "geonames:1527534" and linked["label"] == "Osh, KG"


def test_check_to_dict():
    check = Check("place-country-mismatch", "warning", "Osh is a city in Kyrgyzstan, not in Kazakhstan", "Osh", 20, 23, "ev")
    assert check.to_dict() == {"code": "place-country-mismatch", "severity": "warning",
                               "message": "Osh is a city in Kyrgyzstan, not in Kazakhstan", "value": "Osh",
                               "start": 20, "end": 23, "evidence": "ev"}


def test_unknown_severity_is_refused():
    with pytest.raises(ValueError, match="unknown severity"):
        Check("wrong-capital", "fatal", "m", "Osh", 20, 23)


def test_document_to_dict_has_exactly_the_contract_keys():
    who = Person("p1", "Asel Omarova", main=True)
    who.add(fact())
    document = Document("bio.txt", text="secret text", mentions=[Mention(0, 4, "Asel", "Person")], people=[who],
                        checks=[], warnings=["W001"])
    out = document.to_dict()
    assert list(out) == ["doc", "mentions", "people", "checks"]
    assert out["doc"] == "bio.txt"
    assert "secret text" not in json.dumps(out)
    assert json.loads(json.dumps(out)) == out
