"""Scoring against gold: alignment of people, fact matching with folding, optional facts, checks."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from linernotes.errors import GoldError
from linernotes.evaluate import align, evaluate, normalise, read_gold, score, similarity

from .conftest import SHARED_EVAL

GOLD = {
    "doc": "corpus/duo.txt",
    "people": [
        {"name": "Aruzhan Tolegenova", "aliases": ["Aruzhan"], "main": True,
         "facts": [
             {"relation": ["gender"], "value": ["female"]},
             {"relation": ["instrument"], "value": ["dombra", "dombyra"]},
             {"relation": ["born_in"], "value": ["Almaty", "Alma-Ata"]},
             {"relation": ["occupation"], "value": ["singer", "vocalist"]},
             {"relation": ["educated_at"], "value": ["the Kurmangazy Conservatory", "Kurmangazy Kazakh National Conservatory"]},
             {"relation": ["field_of_study"], "value": ["musicology"]},
         ],
         "optional": [
             {"relation": ["residence"], "value": ["Almaty"]},
             {"relation": ["genre"], "value": ["folk"]},
         ]},
        {"name": "Berik Tolegenov", "aliases": [], "main": False,
         "facts": [{"relation": ["sibling"], "value": ["Aruzhan Tolegenova"]}]},
    ],
    "checks": [{"code": "place-country-mismatch", "about": ["Osh"]},
               {"code": "age-inconsistency", "about": ["31"]}],
    "optional_checks": [{"about": ["Grand Prix"]}],
}


def pfact(relation, value):
    return {"relation": relation, "value": value, "start": 0, "end": 1, "evidence": "e", "confidence": 0.9}


PRED = {
    "doc": "duo.txt",
    "mentions": [],
    "people": [
        {"id": "p1", "name": "Aruzhan Tolegenova", "aliases": ["Aruzhan"], "main": True, "facts": [
            pfact("gender", "female"),                       # tp
            pfact("instrument", "Dombra"),                   # tp (case)
            pfact("instrument", "dombra"),                   # the same fact again: counted once
            pfact("born_in", "Alma-Ata"),                    # tp (second listed value)
            pfact("educated_at", "Kurmangazy Conservatory"),  # tp (leading article dropped in gold)
            pfact("field_of_study", "Musicology"),           # tp
            pfact("residence", "Almaty"),                    # optional: neutral
            pfact("genre", "Folk"),                          # optional: neutral
            pfact("genre", "jazz"),                          # fp
            pfact("nationality", "Kazakhstan"),              # fp
        ]},                                                  # occupation missing: fn
        {"id": "p2", "name": "Nurlan Sadykov", "aliases": [], "main": False, "facts": [
            pfact("instrument", "piano"),                    # extra person: people fp, fact fp
        ]},
        {"id": "p3", "name": "Somebody Else", "aliases": [], "main": False, "facts": []},  # no facts: not counted
    ],                                                       # Berik missed: people fn, sibling fn
    "checks": [
        {"code": "place-country-mismatch", "message": "Osh is a city in Kyrgyzstan, not in Kazakhstan", "value": "Osh"},
        {"code": "wrong-capital", "message": "Taraz was not the capital of Kazakhstan", "value": "Taraz"},
        {"code": "date-inconsistency", "message": "the Grand Prix in 1970 is before the birth year", "value": "1970"},
        {"code": "place-country-mismatch", "message": "Osh is a city in Kyrgyzstan, not in Kazakhstan", "value": "Osh"},
    ],
}


@pytest.fixture()
def scored():
    return score({"duo.txt": GOLD}, [PRED])


@pytest.mark.parametrize("a,b", [
    ("The Kurmangazy Conservatory", "kurmangazy conservatory"),
    ("a Kazakh dombra player", "Kazakh dombra player"),
    ("An Ode", "ode"),
    ("Iván Imankulov", "ivan imankulov"),
    ("Öskemen", "oskemen"),
    ("Al-Farabi  University!", "al farabi university"),
    ("rock 'n' roll", "rock n roll"),
])
def test_normalise_folds(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("a,b", [("Almaty", "Astana"), ("theatre", "atre"), ("Anne", "ne"), ("piano", "pianist")])
def test_normalise_keeps_differences(a, b):
    assert normalise(a) != normalise(b)


def test_normalise_only_drops_a_leading_article():
    assert normalise("Theodor the Great") == "theodor the great"


def test_fact_tallies(scored):
    summary = scored.summary()
    assert summary["micro"]["tp"] == 5
    assert summary["micro"]["fp"] == 3
    assert summary["micro"]["fn"] == 2
    assert summary["micro"]["p"] == pytest.approx(5 / 8, abs=1e-4)
    assert summary["micro"]["r"] == pytest.approx(5 / 7, abs=1e-4)
    assert summary["micro"]["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_per_relation_tallies(scored):
    relations = scored.summary()["relations"]
    assert relations["instrument"]["tp"] == 1 and relations["instrument"]["fp"] == 1  # Dombra once; Nurlan's piano
    assert relations["genre"] == {"tp": 0, "fp": 1, "fn": 0, "p": 0.0, "r": 0.0, "f1": 0.0}
    assert relations["occupation"]["fn"] == 1 and relations["sibling"]["fn"] == 1
    assert relations["born_in"]["tp"] == 1 and relations["educated_at"]["tp"] == 1
    assert "residence" not in relations  # an optional fact counts neither way


def test_people_tallies(scored):
    people = scored.summary()["people"]
    assert (people["tp"], people["fp"], people["fn"]) == (1, 1, 1)


def test_check_tallies(scored):
    checks = scored.summary()["checks"]
    assert (checks["tp"], checks["fp"], checks["fn"]) == (1, 1, 1)
    by_code = scored.summary()["checks_by_code"]
    assert by_code["wrong-capital"]["fp"] == 1
    assert by_code["age-inconsistency"]["fn"] == 1
    assert "date-inconsistency" not in by_code  # about an optional check: neutral


def test_errors_explain_every_miss(scored):
    text = "\n".join(scored.errors)
    assert "missed person 'Berik Tolegenov'" in text
    assert "extra person 'Nurlan Sadykov'" in text
    assert "FP Aruzhan Tolegenova genre='jazz'" in text
    assert "FN Aruzhan Tolegenova occupation='singer'" in text
    assert "missed check age-inconsistency" in text
    assert "extra check wrong-capital" in text
    assert "Somebody Else" not in text


def test_a_missing_prediction_counts_every_gold_fact_as_missed():
    result = score({"duo.txt": GOLD}, [])
    summary = result.summary()
    assert summary["documents_missing"] == 1
    assert summary["micro"]["tp"] == 0 and summary["micro"]["fn"] == 7
    assert summary["people"]["fn"] == 2
    assert summary["checks"]["fn"] == 2


def test_a_perfect_prediction():
    perfect = {"doc": "duo.txt", "people": [
        {"name": g["name"], "facts": [pfact(f["relation"][0], f["value"][-1]) for f in g["facts"]]}
        for g in GOLD["people"]],
        "checks": [{"code": c["code"], "message": f"about {c['about'][0]}"} for c in GOLD["checks"]]}
    summary = score({"duo.txt": GOLD}, [perfect]).summary()
    assert summary["micro"]["f1"] == 1.0 and summary["micro"]["fp"] == 0
    assert summary["people"]["f1"] == 1.0
    assert summary["checks"]["f1"] == 1.0


def test_a_fact_on_the_wrong_person_is_wrong():
    swapped = {"doc": "duo.txt", "people": [
        {"name": "Aruzhan Tolegenova", "facts": []},
        {"name": "Berik Tolegenov", "facts": [pfact("instrument", "dombra")]}]}
    summary = score({"duo.txt": GOLD}, [swapped]).summary()
    assert summary["micro"]["tp"] == 0 and summary["micro"]["fp"] == 1


def test_similarity_and_alignment():
    gold = [{"name": "Aruzhan Tolegenova", "aliases": ["Aruzhan"]}, {"name": "Berik Tolegenov"}]
    assert similarity({"name": "aruzhan tolegenova"}, gold[0]) == 3
    assert similarity({"name": "Aruzhan"}, gold[0]) == 2
    assert similarity({"name": "Berik"}, gold[1]) == 1
    assert similarity({"name": "Nurlan Sadykov"}, gold[1]) == 0
    assert align([{"name": "Berik"}, {"name": "Aruzhan"}, {"name": "Nurlan"}], gold) == {0: 1, 1: 0}


# -- gold files ---------------------------------------------------------------------------------

def write_gold(tmp_path, *lines):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_read_gold_keys_by_base_name_and_skips_blank_lines(tmp_path):
    path = write_gold(tmp_path, json.dumps(GOLD), "", "   ")
    gold = read_gold(path)
    assert list(gold) == ["duo.txt"]
    assert gold["duo.txt"]["people"][0]["name"] == "Aruzhan Tolegenova"


def test_read_gold_rejects_broken_json_with_the_line_number(tmp_path):
    path = write_gold(tmp_path, json.dumps(GOLD), "{not json")
    with pytest.raises(GoldError, match=r"^\[E010\] .*gold\.jsonl:2:"):
        read_gold(path)


def test_read_gold_rejects_unknown_relations(tmp_path):
    bad = {"doc": "x.txt", "people": [{"name": "X", "facts": [{"relation": ["favourite_food"], "value": ["plov"]}]}]}
    with pytest.raises(GoldError, match="favourite_food"):
        read_gold(write_gold(tmp_path, json.dumps(bad)))


def test_read_gold_rejects_a_record_without_doc(tmp_path):
    with pytest.raises(GoldError, match=r"\[E010\]"):
        read_gold(write_gold(tmp_path, json.dumps({"people": []})))


# -- agreement with the shared scorer and the end-to-end helper -----------------------------------

def test_agrees_with_the_shared_scorer(tmp_path, scored):
    scorer = SHARED_EVAL / "score.py"
    if not scorer.exists():
        pytest.skip(f"../shared/eval not found: {scorer} is missing (a fresh clone without the shared folder)")
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    theirs = json.loads(run.stdout)
    ours = scored.summary()
    for key in ("micro", "people", "checks"):
        assert {k: theirs[key][k] for k in ("tp", "fp", "fn")} == {k: ours[key][k] for k in ("tp", "fp", "fn")}, key


def test_evaluate_extracts_and_scores(tmp_path, nlp):
    bios = tmp_path / "bios"
    bios.mkdir()
    (bios / "asel.txt").write_text("Asel Dzhumabekova is a Kazakh dombra player.", encoding="utf-8")
    gold = {"doc": "asel.txt", "people": [{"name": "Asel Dzhumabekova", "main": True, "facts": [
        {"relation": ["nationality"], "value": ["Kazakhstan", "Kazakh"]},
        {"relation": ["instrument"], "value": ["dombra"]},
        {"relation": ["occupation"], "value": ["dombra player", "dombrist", "musician"]},
        {"relation": ["born_in"], "value": ["Taraz"]},
    ]}], "checks": []}
    result = evaluate(write_gold(tmp_path, json.dumps(gold)), [str(bios)])
    summary = result.summary()
    assert summary["micro"]["tp"] == 3
    assert summary["micro"]["fn"] == 1  # born_in is not in the text
    assert summary["people"]["tp"] == 1 and summary["people"]["fp"] == 0
    assert summary["documents_missing"] == 0


def test_fact_verdicts_judge_each_fact_alone():
    pred = {"people": [
        {"name": "Aruzhan Tolegenova", "facts": [
            {"relation": "instrument", "value": "Dombyra"}, {"relation": "residence", "value": "Almaty"},
            {"relation": "born_in", "value": "Astana"}, {"relation": "born_in", "value": "Alma-Ata"}]},
        {"name": "Nobody Known", "facts": [{"relation": "gender", "value": "male"}]}]}
    from linernotes.evaluate import fact_verdicts
    assert fact_verdicts(GOLD, pred) == [[True, None, False, True], [False]]
