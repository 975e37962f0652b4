"""Every relation pattern gives the facts its examples say, and the pattern files are data only."""
from __future__ import annotations

import textwrap

import pytest
import spacy

from linernotes.pipeline import load
from linernotes.pipeline.patterns import PatternError, load_patterns, read_patterns

PATTERNS = load_patterns()
EXAMPLES = [pytest.param(p, e, id=f"{p.name}[{i}]") for p in PATTERNS for i, e in enumerate(p.examples)]


def facts_of(doc, rule: str | None = None) -> set[tuple[str, str, str]]:
    people = doc._.ln_people
    return {(people[f.person].name, f.candidate.relation, f.candidate.value.casefold())
            for f in doc._.ln_facts if rule is None or f.candidate.rule == rule}


@pytest.mark.parametrize("pattern, example", EXAMPLES)
def test_pattern_examples(nlp, pattern, example):
    doc = nlp(example.text)
    found = facts_of(doc, pattern.name)
    for person, relation, value in example.facts:
        assert (person, relation, value.casefold()) in found, f"{pattern.name} did not give {person} | {relation} | {value}"
    everything = facts_of(doc)
    for person, relation, value in example.absent:
        assert (person, relation, value.casefold()) not in everything


def test_every_pattern_has_an_example_that_gives_a_fact():
    assert PATTERNS
    for pattern in PATTERNS:
        assert any(e.facts for e in pattern.examples), pattern.name


def test_a_new_sentence_shape_is_one_data_entry(tmp_path):
    """Switch the shipped "pupil of" off, and it is gone; give it back from a file of one's own: no Python."""
    text = "Aigerim Sadykova was a pupil of Gulnara Kassymova."
    fact = ("Aigerim Sadykova", "student_of", "gulnara kassymova")
    without = load(disabled=["learning.pupil_of"])
    assert fact not in facts_of(without(text))
    (tmp_path / "mine.toml").write_text(textwrap.dedent('''
        [[pattern]]
        id = "pupil_of"
        relation = "student_of"
        match = [
          { RIGHT_ID = "trigger", RIGHT_ATTRS = { LEMMA = "pupil" } },
          { LEFT_ID = "trigger", REL_OP = ">", RIGHT_ID = "of", RIGHT_ATTRS = { LOWER = "of" } },
          { LEFT_ID = "of", REL_OP = ">", RIGHT_ID = "value", RIGHT_ATTRS = { DEP = "pobj" } },
        ]
        examples = [ { text = "A was a pupil of B.", facts = ["A | student_of | B"] } ]
    '''), encoding="utf-8")
    with_mine = load(disabled=["learning.pupil_of"], patterns=[str(tmp_path)])
    doc = with_mine(text)
    assert fact in facts_of(doc, "mine.pupil_of")
    assert ("Gulnara Kassymova", "teacher_of", "aigerim sadykova") in facts_of(doc)  # the inverse comes for free


def test_a_rule_can_be_switched_off_by_name(nlp):
    text = "Aigerim Sadykova studied at the Kurmangazy Conservatory."
    assert any(f.candidate.relation == "educated_at" for f in nlp(text)._.ln_facts)
    off = load(disabled=["linernotes.educated_at.v1"])
    assert not any(f.candidate.relation == "educated_at" for f in off(text)._.ln_facts)


@pytest.mark.parametrize("body, message", [
    ('[[pattern]]\nid = "x"\nrelation = "nope"\nmatch = [{ RIGHT_ID = "value", RIGHT_ATTRS = {} }]', "unknown relation"),
    ('[[pattern]]\nid = "x"\nrelation = "spouse"\nmatch = [{ RIGHT_ID = "trigger", RIGHT_ATTRS = {} }]\n'
     'examples = [{ text = "t", facts = ["A | spouse | B"] }]', "RIGHT_ID 'value'"),
    ('[[pattern]]\nid = "x"\nrelation = "spouse"\nmatch = [{ RIGHT_ID = "value", RIGHT_ATTRS = {} }]', "example"),
    ('[[pattern]]\nid = "x"\nrelation = "spouse"\nmatch = [{ RIGHT_ID = "value", RIGHT_ATTRS = { LEMMA = { IN = "@no_such_list" } } }]\n'
     'examples = [{ text = "t", facts = ["A | spouse | B"] }]', "no such lexicon"),
    ('[[pattern]\n', "not valid TOML"),
])
def test_a_broken_pattern_file_is_refused_with_its_name(tmp_path, body, message):
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PatternError, match=message) as error:
        read_patterns(path)
    assert "broken.toml" in str(error.value)
