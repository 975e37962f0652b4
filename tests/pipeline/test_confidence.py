"""The confidence stage: the model's probability replaces the rule's constant, and without a
model file the constants stay."""
from __future__ import annotations

import json

import pytest

from linernotes.pipeline import confidence
from linernotes.pipeline.confidence import ConfidenceModel, Scorer, load_model, rescore, sigmoid
from linernotes.pipeline.confidence_features import claims_of

TEXT = "Aigerim Sadykova is a Kazakh dombra player. She was born in Taraz in 1984."


def test_unknown_features_add_nothing():
    model = ConfidenceModel({"relation=born_in": 1.5}, bias=0.5, scale=2.0, shift=-1.0)
    assert model.score(["relation=born_in", "rule=linernotes.someone_new.v9"]) == pytest.approx(2.0)
    assert model.probability(["rule=linernotes.someone_new.v9"]) == pytest.approx(sigmoid(2.0 * 0.5 - 1.0))


def test_every_fact_of_a_claim_gets_the_claims_probability(nlp):
    doc = nlp(TEXT)
    model = ConfidenceModel({"relation=born_in": 2.0, "relation=gender": -2.0}, bias=0.0)
    rescore(doc, model)
    for claim in claims_of(doc):
        expected = model.probability(claim.features)
        assert all(f.confidence == pytest.approx(expected) for f in claim.facts)
    assert {round(f.confidence, 3) for f in doc._.ln_facts if f.candidate.relation == "born_in"} == {round(sigmoid(2.0), 3)}


def test_without_a_model_file_the_rule_constants_stay(nlp, tmp_path, monkeypatch):
    monkeypatch.setattr(confidence, "MODEL_PATH", tmp_path / "absent.json")
    assert confidence.shipped_model() is None and confidence.default_min_confidence() == 0.0
    doc = nlp.make_doc(TEXT)
    for name, component in nlp.pipeline:
        if name == "linernotes_confidence":
            break
        doc = component(doc)
    before = [f.confidence for f in doc._.ln_facts]
    Scorer()(doc)
    assert [f.confidence for f in doc._.ln_facts] == before == [min(f.prior, f.confidence) for f in doc._.ln_facts]


def test_the_model_is_read_once(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"weights": {"relation=age": 1.0}, "bias": 0.0, "threshold": 0.3}), encoding="utf-8")
    first = load_model(str(path))
    path.write_text("not json any more", encoding="utf-8")
    assert load_model(str(path)) is first and first.threshold == 0.3
    load_model.cache_clear()


def test_the_shipped_model_gives_probabilities(extract):
    if confidence.shipped_model() is None:
        pytest.skip("no model file: run `linernotes train`")
    document = extract(TEXT)
    confidences = [f.confidence for p in document.people for f in p.facts]
    assert confidences and all(0.0 < c < 1.0 for c in confidences)
