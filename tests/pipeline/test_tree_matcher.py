"""The pattern matcher finds exactly what spaCy's DependencyMatcher finds, for every shipped pattern."""
from __future__ import annotations

import pytest
from spacy.matcher import DependencyMatcher

from linernotes.pipeline.patterns import load_patterns
from linernotes.pipeline.tree_matcher import TreeMatcher, UnsupportedPattern

PATTERNS = load_patterns()
TEXTS = [e.text for p in PATTERNS for e in p.examples] + [
    "Her husband, the pianist Ivan Petrov, taught her; she was a pupil of Gulnara Kassymova and married Timur Ospanov in 2001.",
]


def test_same_matches_as_spacy_on_every_example(nlp):
    ours, spacy_matcher = TreeMatcher(), DependencyMatcher(nlp.vocab)
    for key, pattern in enumerate(PATTERNS):
        ours.add(key, pattern.match)
        spacy_matcher.add(str(key), [list(pattern.match)])
    for text in TEXTS:
        doc = nlp(text)
        # DependencyMatcher lets one token fill two roles ("his student, X" with X as both the owner's
        # title's apposition and the value); ours gives each role its own token, as a fact needs.
        expected = sorted((int(nlp.vocab.strings[k]), tuple(v)) for k, v in spacy_matcher(doc) if len(set(v)) == len(v))
        assert sorted((k, tuple(v)) for k, v in ours(doc)) == expected, text


def test_operators_and_attribute_tests(nlp):
    doc = nlp("Aigerim Sadykova studied the dombra with Kali Zhantileuov.")
    matcher = TreeMatcher()
    matcher.add(1, [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "study"}},
                    {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "name", "RIGHT_ATTRS": {"LOWER": {"IN": ["zhantileuov"]}}}])
    matcher.add(2, [{"RIGHT_ID": "name", "RIGHT_ATTRS": {"LOWER": "zhantileuov"}},
                    {"LEFT_ID": "name", "REL_OP": "<<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"NOT_IN": ["NOUN"]}, "LEMMA": "study"}}])
    found = {key for key, _ in matcher(doc)}
    assert found == {1, 2}


@pytest.mark.parametrize("nodes", [
    [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LEMMA": "x"}}, {"LEFT_ID": "a", "REL_OP": ".", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}],
    [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LIKE_NUM": True}}],
    [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LEMMA": {"REGEX": "x"}}}],
    [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}, {"LEFT_ID": "z", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}],
])
def test_what_it_cannot_read_is_refused(nodes):
    with pytest.raises(UnsupportedPattern):
        TreeMatcher().add(1, nodes)
