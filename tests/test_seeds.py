"""End to end on the four seed biographies, scored by the shared referee (../shared/eval/score.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from linernotes import BatchResult, extract_paths

from .conftest import SHARED_EVAL

SEEDS = SHARED_EVAL / "seeds"
GOLD = SHARED_EVAL / "seeds.gold.jsonl"
SCORER = SHARED_EVAL / "score.py"


@pytest.fixture(scope="module")
def scored(nlp, tmp_path_factory):
    missing = [p for p in (SEEDS, GOLD, SCORER) if not p.exists()]
    if missing:
        pytest.skip(f"../shared/eval not found: {', '.join(map(str, missing))} missing; the seed evaluation needs the "
                    "shared referee folder next to the repository")
    result = BatchResult()
    pred = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    documents = list(extract_paths([str(SEEDS)], result))
    with open(pred, "w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
    assert result.errors == []
    run = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    errors = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--errors"], capture_output=True,
                            text=True, timeout=120).stdout
    return json.loads(run.stdout), errors, result, documents


def test_every_seed_is_read(scored):
    summary, _, result, _ = scored
    assert result.documents == len(list(SEEDS.glob("*.txt"))) >= 4
    assert summary["documents"]["missing_from_pred"] == 0


def test_facts_micro_f1(scored):
    summary, errors, _, _ = scored
    assert summary["micro"]["f1"] >= 0.90, errors


def test_people_exact(scored):
    summary, errors, _, _ = scored
    assert summary["people"]["fp"] == 0, errors
    assert summary["people"]["fn"] == 0, errors


def test_checks(scored):
    summary, errors, _, _ = scored
    assert summary["checks"]["tp"] >= 1, errors
    assert summary["checks"]["fp"] == 0, errors


def test_the_one_finding_is_karakol(scored):
    *_, documents = scored
    found = [(c.code, c.value, c.severity) for d in documents for c in d.checks]
    assert found == [("place-country-mismatch", "Karakol", "warning")]
