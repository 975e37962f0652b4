"""ask: questions about any relation, answered from facts with citations; never invented."""
from __future__ import annotations

import pytest

from linernotes.kb.ask import ask
from linernotes.kb.ingest import ingest

from ..conftest import write_corpus
from .corpus import CORPUS


@pytest.fixture()
def filled(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


@pytest.mark.parametrize("question,items,document", [
    ("Who plays the accordion?", ["Vivaan Imankulov"], "vivaan.txt"),
    ("Who plays the saxophone?", ["Iván Imankulov"], "ivan_a.txt"),
    ("Where was Ivan Imankulov born?", ["Almaty"], "ivan_a.txt"),
    ("When was Iván Imankulov born?", ["1985"], "ivan_a.txt"),
    ("Which musicians studied at a conservatory?", ["Iván Imankulov"], "ivan_a.txt"),
    ("Who plays folk music?", ["Vivaan Imankulov"], "vivaan.txt"),
    ("What does Vivaan Imankulov play?", ["accordion"], "vivaan.txt"),
])
def test_answers_with_citations(filled, question, items, document):
    answer = ask(filled, question)
    assert answer.answered, answer.text
    assert answer.items == items
    assert answer.citations and answer.citations[0].document == document
    assert answer.citations[0].evidence in open_text(filled, document)


def open_text(store, name):
    with store.reading() as tx:
        return tx.document(name)["text"]


def test_how_many(filled):
    answer = ask(filled, "How many musicians come from Almaty?")
    assert answer.count == 1 and answer.items == ["Iván Imankulov"]


def test_yes_no_and_partners(filled):
    yes = ask(filled, "Did Aigerim Sadykova play in a band?")
    assert yes.answered and yes.text.startswith("Yes")
    assert "formed a band" in yes.citations[0].evidence
    partners = ask(filled, "Who did Aigerim Sadykova form a band with?")
    assert partners.items == ["Timur Bekov"]


@pytest.mark.parametrize("question", [
    "Did Vivaan Imankulov play the saxophone?",  # nothing says so: not "no", not "yes"
    "Who plays the theremin?",
    "Where was Nobody Atall born?",
    "What is the meaning of life?",
])
def test_unanswerable_questions_say_so(filled, question):
    answer = ask(filled, question)
    assert not answer.answered
    assert answer.citations == []
    assert not answer.text.startswith("Yes")


def test_unanswered_shows_nearest_evidence(filled):
    answer = ask(filled, "Did Vivaan Imankulov play the saxophone?")
    assert answer.nearest and all({"document", "sentence"} <= set(n) for n in answer.nearest)


@pytest.mark.parametrize("question", ["Who was born in Kazakhstan?", "Who was born in KZ?",
                                      "Who was born in the Kazakh SSR?", "Who was born in Alma-Ata?"])
def test_place_questions_know_what_lies_in_a_place(filled, question):
    answer = ask(filled, question)
    assert answer.answered and answer.items == ["Iván Imankulov"], answer.text
    assert answer.citations[0].value == "Almaty" and answer.citations[0].document == "ivan_a.txt"


def test_place_questions_count_and_check_by_the_country(filled):
    assert ask(filled, "How many people were born in Kazakhstan?").count == 1
    yes = ask(filled, "Was Ivan Imankulov born in Kazakhstan?")
    assert yes.answered and yes.items == ["Almaty"]
    assert not ask(filled, "Was Ivan Imankulov born in Kyrgyzstan?").answered
    assert ask(filled, "Who was born in Kyrgyzstan?").items == ["Vivaan Imankulov"]
    assert ask(filled, "Who was born in the Issyk-Kul Region?").items == ["Vivaan Imankulov"]  # Karakol's region


def test_age_between_dates():
    from linernotes.kb.ask import age_between

    assert age_between("1931-05-14", "1998-06-02") == (67, 67)
    assert age_between("1922-02-03", "1990-10-11") == (68, 68)
    assert age_between("1922-12-03", "1990-10-11") == (67, 67)  # the birthday not yet reached
    assert age_between("1950", "2019") == (68, 69)  # years only: either
    assert age_between("1990", "1950") is None


SAKEN = ("Saken Orynbayev (3 March 1920 – 1 February 1990) was a Kazakh dombra player. He grew up in Taraz "
         "and played at weddings across the region. Later he joined the Otrar Folk Ensemble, with which he toured.")


@pytest.fixture()
def saken(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", {**CORPUS, "saken.txt": SAKEN}))])
    return store


def test_age_at_death_from_the_birth_and_death_dates(saken):
    answer = ask(saken, "How old was Saken Orynbayev when he died?")
    assert answer.answered and answer.items == ["69"], answer.text
    assert {c.relation for c in answer.citations} == {"birth_date", "death_date"}
    assert not ask(saken, "How old was Vivaan Imankulov when he died?").answered  # no death date: no age


def test_nearest_evidence_is_the_sentence_of_the_asked_relation(saken):
    answer = ask(saken, "Did Saken Orynbayev join the Saryarka Orchestra?")
    assert not answer.answered
    assert "Otrar Folk Ensemble" in answer.nearest[0]["sentence"]  # not his first sentence


def test_an_unknown_name_is_an_unknown_person_not_a_place(filled):
    answer = ask(filled, "Where does Saule live?")
    assert not answer.answered and "Saule" in answer.text and "lived in" not in answer.text


@pytest.mark.parametrize("question,items", [
    ("What instrument does Vivaan Imankulov play now?", ["accordion"]),  # "now" is not a value
    ("Who was born in 1985?", ["Iván Imankulov"]),  # a year is a value
    ("Which Kazakh musicians play the saxophone?", ["Iván Imankulov"]),  # two values: the played one, and Kazakh
])
def test_values_in_a_question(filled, question, items):
    answer = ask(filled, question)
    assert answer.answered and answer.items == items, (answer.text, answer.reading)


def test_a_second_value_narrows_the_people(filled):
    assert not ask(filled, "Which Kyrgyz musicians play the saxophone?").answered
