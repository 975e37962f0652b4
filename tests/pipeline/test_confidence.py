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


def test_a_trees_model_reads_back_from_its_file_and_scores_each_claim_as_alone(nlp, tmp_path):
    import numpy as np

    from linernotes.boosting import Trees
    from linernotes.pipeline.confidence import FeatureTrees

    # one tree of depth 2: born_in facts score +1 (and +0.5 more when linked), the rest -1
    trees = FeatureTrees(("relation=born_in", "value.linked=True"),
                         Trees(0.25, np.array([[0, 1, -1]]), np.array([[1.5, 1.0, -1.0, -1.0]])))
    model = ConfidenceModel({}, 0.0, scale=2.0, shift=-0.5, threshold=0.2, trees=trees)
    path = tmp_path / "trees.json"
    path.write_text(json.dumps({"trees": trees.to_dict(), "platt": {"scale": 2.0, "shift": -0.5}, "threshold": 0.2}),
                    encoding="utf-8")
    again = load_model(str(path))
    load_model.cache_clear()
    assert again.trees.names == trees.names and again.threshold == 0.2
    assert model.score(["relation=born_in", "value.linked=True", "rule=new"]) == pytest.approx(1.75)
    assert model.score(["relation=born_in"]) == pytest.approx(1.25)
    assert model.score(["relation=age", "value.linked=True"]) == pytest.approx(-0.75)
    doc = nlp(TEXT)
    rescore(doc, again)
    claims = claims_of(doc)
    assert {c.relation for c in claims} >= {"born_in", "gender"}
    for claim in claims:
        assert all(f.confidence == pytest.approx(model.probability(claim.features), abs=1e-12) for f in claim.facts)


def test_a_batch_of_documents_is_scored_as_each_alone(nlp):
    if confidence.shipped_model() is None:
        pytest.skip("no model file: run `linernotes train`")
    texts = [TEXT, "Marat Sadykov is a kobyz player from Almaty. His wife, Aigerim Sadykova, plays the dombra."]
    alone = [[f.confidence for f in nlp(text)._.ln_facts] for text in texts]
    together = [[f.confidence for f in doc._.ln_facts] for doc in nlp.pipe(texts, batch_size=2)]
    assert [len(d) for d in together] == [len(d) for d in alone] and all(alone)
    assert [c for d in together for c in d] == pytest.approx([c for d in alone for c in d], abs=1e-12)
    assert len({c for doc in together for c in doc}) > 1, "the model, not a constant"
