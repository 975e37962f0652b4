"""The knowledge base on the shared seed biographies: five people, the example questions answered."""
from __future__ import annotations

import pytest

from linernotes.kb.ask import ask
from linernotes.kb.ingest import ingest

from ..conftest import SHARED_EVAL

SEEDS = SHARED_EVAL / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/eval/seeds is not beside this clone")


@pytest.fixture()
def seeded(store):
    report = ingest(store, [str(SEEDS)])
    assert report.failed == 0
    return store


def test_seeds_give_exactly_five_people_and_twice_changes_nothing(seeded):
    with seeded.reading() as tx:
        before = tx.counts()
        names = sorted(p["name"] for p in tx.iter_people())
    assert names == ["Bakhyt Ivanov", "Iván Imankulov", "Kairat Yusuf", "Sophia", "Vivaan Imankulov"]
    again = ingest(seeded, [str(SEEDS)])
    assert again.unchanged == 4 and again.added == again.replaced == 0
    with seeded.reading() as tx:
        assert tx.counts() == before


@pytest.mark.parametrize("question,items", [
    ("Who plays the accordion?", ["Vivaan Imankulov"]),
    ("Where was Bakhyt Ivanov born?", ["Almaty"]),
    ("How many musicians come from Almaty?", ["Bakhyt Ivanov", "Kairat Yusuf"]),
    ("Did Kairat Yusuf play in a band?", ["a band"]),
    ("Who did Kairat Yusuf form a band with?", ["Sophia"]),
])
def test_example_questions(seeded, question, items):
    answer = ask(seeded, question)
    assert answer.answered, answer.text
    assert sorted(answer.items) == items
    assert answer.citations and all(c.document.endswith(".txt") and c.evidence for c in answer.citations)


def test_conservatory_question_is_answered_honestly(seeded):
    # No seed musician studied at a conservatory (Vivaan went to a university): say so, invent nothing.
    answer = ask(seeded, "Which musicians studied at a conservatory?")
    assert not answer.answered and answer.items == [] and answer.citations == []
