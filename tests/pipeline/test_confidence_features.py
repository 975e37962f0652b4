"""The confidence model's features: recorded at attribution, read off the parse, merged per claim."""
from __future__ import annotations

import pytest

from linernotes.pipeline import people_of
from linernotes.pipeline.confidence_features import (FIRST_PERSON, HEDGES, UNREAL, DocumentView, Parse, bucket,
                                                     claims_of, dependency_path, kind_match, tree_steps,
                                                     unreal_above)
from linernotes.pipeline.syntax import NEGATORS
from linernotes.reference.vocab import kinship

from ..conftest import EXAMPLES

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
    assert dependency_path(Parse(doc), 2, 4) == "pobj/prep^"  # born ... Taraz
    assert dependency_path(Parse(doc), 2, 2) == "self"


# -- the walks run on lists of heads and labels; these are the same walks over spaCy's Tokens ----------

def token_path(anchor, value) -> str:
    if anchor.i == value.i:
        return "self"
    up, labels, t = {}, [], anchor
    for step in range(12):
        up[t.i] = step
        if t.head.i == t.i:
            break
        labels.append(t.dep_)
        t = t.head
    below, t = [], value
    for _ in range(12):
        if t.i in up:
            return "/".join(below[:2]) + "^" + "/".join(labels[:up[t.i]][:2])
        if t.head.i == t.i:
            break
        below.append(t.dep_)
        t = t.head
    return "far"


def token_steps(anchor, person, refs, limit=10):
    t = anchor
    for step in range(limit):
        if person in refs.get(t.i, ()) or any(
                c.dep_ in ("nsubj", "nsubjpass", "poss", "appos") and person in refs.get(c.i, ()) for c in t.children):
            return step
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def token_modality(token, limit=5) -> str:
    t = token
    for _ in range(limit):
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det"):
                return "negated"
            if c.dep_ in ("amod", "acl", "aux", "advcl", "xcomp") and (c.lemma_.lower() in UNREAL or c.lower_ in UNREAL):
                return "unreal"
        if t.i != token.i and t.lemma_.lower() in UNREAL:
            return "unreal"
        if t.head.i == t.i:
            break
        t = t.head
    return "no"


@pytest.mark.parametrize("name", ["01_aruzhan-bekova.txt", "06_dana-zhaksylykova.txt", "11_"])
def test_the_walks_over_lists_match_the_walks_over_tokens(parse, name):
    path = next(p for p in sorted((EXAMPLES / "bios").iterdir()) if p.name.startswith(name))
    text = path.read_text(encoding="utf-8") + " She never wanted to leave. A tour of Japan was planned for 2020. I may go."
    doc = parse(text)
    view = DocumentView(doc)
    tokens = list(doc)
    assert view.starts == [t.idx for t in tokens]
    lowers = [t.lower_ for t in tokens]
    assert view.hedges == [i for i, w in enumerate(lowers) if w in HEDGES]
    assert view.negations == [i for i, w in enumerate(lowers) if w in NEGATORS]
    assert view.first_person == [i for i, w in enumerate(lowers) if w in FIRST_PERSON]
    assert view.kin == [i for i, w in enumerate(lowers) if w in kinship()]
    assert view.unreal == [i for i, t in enumerate(tokens) if t.lemma_.lower() in UNREAL or t.lower_ in UNREAL]
    assert view.unreal and view.negations and view.first_person
    for t in tokens:
        assert unreal_above(view, t.i, 5) == token_modality(t, 5) and unreal_above(view, t.i, 8) == token_modality(t, 8)
    assert {unreal_above(view, t.i, 8) for t in tokens} == {"no", "negated", "unreal"}
    for fact in doc._.ln_facts:
        anchor, value = fact.candidate.anchor, view.value_root(fact.candidate.start, fact.candidate.end)
        assert dependency_path(view.parse, anchor.i, value) == token_path(anchor, tokens[value])
        assert tree_steps(view.parse, anchor.i, fact.person, view.refs) == token_steps(anchor, fact.person, view.refs)
    for a in range(0, len(tokens), 7):
        for b in range(0, len(tokens), 11):
            assert dependency_path(view.parse, a, b) == token_path(tokens[a], tokens[b])


def test_features_a_model_does_not_read_are_left_out_and_the_rest_kept(parse):
    from linernotes.pipeline.confidence_features import OPTIONAL

    doc = parse(TEXT)
    every = claims_of(doc)
    reads = frozenset({"relation", "how", "hedge.near"})
    fewer = claims_of(doc, reads)
    skipped = set(OPTIONAL) - reads
    for full, lean in zip(every, fewer):
        assert lean.features == {f for f in full.features if f.partition("=")[0] not in skipped}
        assert any(f.startswith("hedge.near=") for f in lean.features)
        assert not any(f.startswith("anchor.modality=") for f in lean.features)
