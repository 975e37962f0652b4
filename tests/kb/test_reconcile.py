"""Reconciliation scoring: the same name matches, namesakes are told apart by the facts given."""
from __future__ import annotations

import pytest

from linernotes.kb.ingest import ingest
from linernotes.kb.reconcile import reconcile

from ..conftest import write_corpus
from .corpus import CORPUS


@pytest.fixture()
def kb(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


def test_full_name_matches_on_its_own(kb):
    found = reconcile(kb, "Imankulov, Ivan")
    assert found[0].name == "Iván Imankulov" and found[0].score == 100 and found[0].match
    assert "saxophon" in found[0].description and "Almaty" in found[0].description
    assert all(not c.match for c in found[1:])


def test_a_surname_alone_is_not_a_match_but_properties_decide_the_order(kb):
    found = reconcile(kb, "Imankulov")
    assert {c.name for c in found} >= {"Iván Imankulov", "Vivaan Imankulov"} and not any(c.match for c in found)
    by_instrument = reconcile(kb, "Imankulov", properties={"instrument": "accordion"})
    assert by_instrument[0].name == "Vivaan Imankulov"
    assert by_instrument[0].score > by_instrument[1].score


def test_unknown_names_give_nothing(kb):
    assert reconcile(kb, "Zzyzx Qwerty") == []
