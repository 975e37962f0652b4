"""The confidence model's features: recorded at attribution, read off the parse, merged per claim."""
from __future__ import annotations

from linernotes.pipeline import people_of
from linernotes.pipeline.confidence_features import bucket, claims_of, dependency_path, kind_match

TEXT = ("Aigerim Sadykova is a Kazakh dombra player. She was born in Taraz in 1984. "
        "Her brother, Marat Sadykov, plays the kobyz. She studied at the Kurmangazy Conservatory.")


def test_rule_and_how_are_recorded_on_every_fact(parse):
    facts = parse(TEXT)._.ln_facts
    assert facts and all(f.candidate.rule and f.how and f.prior is not None for f in facts)
    assert any(f.candidate.rule.startswith("linernotes.") and f.how in ("person", "given", "bracket") for f in facts)


def test_a_claim_is_what_the_output_shows_once(parse):
    doc = parse(TEXT)
    claims = claims_of(doc)
    shown = {(i, fact.relation, fact.value.casefold()) for i, person in enumerate(people_of(doc)) for fact in person.facts}
    assert {(c.person, c.relation, c.key) for c in claims} == shown
    assert sum(len(c.facts) for c in claims) == len(doc._.ln_facts)


def test_claim_features_name_relation_rule_how_and_the_parse(parse):
    doc = parse(TEXT)
    born = next(c for c in claims_of(doc) if c.relation == "born_in")
    names = born.features
    assert "relation=born_in" in names and any(n.startswith("rule=linernotes.") for n in names)
    assert any(n.startswith("how=") for n in names) and any(n.startswith("path=") for n in names)
    assert "value.kind=match" in names and "value.linked=True" in names and "person.main=True" in names
    assert "support=1" in names and "holders=1" in names


def test_who_is_named_nearest_the_value(parse):
    doc = parse("Aigerim Sadykova is a Kazakh dombra player. Her brother, Marat Sadykov, plays the kobyz.")
    claims = {(doc._.ln_people[c.person].name, c.relation, c.key): c for c in claims_of(doc)}
    assert "other_closer=False" in claims["Marat Sadykov", "instrument", "kobyz"].features
    assert "other_closer=False" in claims["Aigerim Sadykova", "instrument", "dombra"].features
    # her sibling's name is the value: he, not she, is named nearest it
    assert "other_closer=True" in claims["Aigerim Sadykova", "sibling", "marat sadykov"].features


def test_buckets_and_kinds():
    assert [bucket(n) for n in (None, 0, 1, 2, 3, 4, 7, 8, 15, 16, 99)] == \
        ["none", "0", "1", "2-3", "2-3", "4-7", "4-7", "8-15", "8-15", "16+", "16+"]
    assert kind_match("Place", "born_in", False) == "match"
    assert kind_match("in:Place", "born_in", False) == "inside"
    assert kind_match("Person", "born_in", False) == "other"
    assert kind_match("Person", "spouse", True) == "match"
    assert kind_match("none", "birth_date", False) == "literal"


def test_dependency_path_runs_up_to_the_common_ancestor(parse):
    doc = parse("She was born in Taraz.")
    born, taraz = doc[2], doc[4]
    assert dependency_path(born, taraz) == "pobj/prep^"
    assert dependency_path(born, born) == "self"
