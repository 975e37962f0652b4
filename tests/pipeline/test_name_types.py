"""What a proper name is, from its context: titles, bands, labels, awards."""
from __future__ import annotations

import pytest

from ..helpers import all_values, main_person, mentions_of, values


@pytest.mark.parametrize("text,name,kind", [
    ("Her debut album, Oq Yo'l ('White Road', 2021), went viral.", "Oq Yo'l", "Work"),
    ("In 2010 he founded the folk-rock band Kokzhal with a friend.", "Kokzhal", "Ensemble"),
    ("Dala Tolqyny are the loudest band in Almaty.", "Dala Tolqyny", "Ensemble"),
    ("Altyn Sandyq was founded in 2017 by Aibek Turgunbaev.", "Altyn Sandyq", "Ensemble"),
    ("The album came out on the Almaty label Shanyraq Records.", "Shanyraq Records", "Organization"),
    ("In 2017 she was named an Honoured Artist of the Republic of Uzbekistan.", "Honoured Artist of the Republic of Uzbekistan", "Award"),
    ("Zhel was named Album of the Year at the national awards.", "Album of the Year", "Award"),
])
def test_context_types_names(extract, text, name, kind):
    assert name in mentions_of(extract(text), kind)


def test_titles_do_not_become_people(extract):
    doc = extract("Aruzhan Bekova is a singer. Her albums Kók Tu ('Blue Banner', 2014) and Zhel ('Wind', 2017) were released by Tumar Records.")
    assert [p.name for p in doc.people] == ["Aruzhan Bekova"]
    assert {"kok tu", "zhel"} <= values(main_person(doc), "notable_work")


def test_a_lifespan_makes_a_person_of_what_the_model_called_an_organization(extract):
    doc = extract("Yerzhan Tolegenuly (born 12 March 1987 in Shymkent) is a Kazakh dombra player, composer and singer.")
    who = main_person(doc)
    assert who.name == "Yerzhan Tolegenuly"
    assert {"dombra player", "composer", "singer"} <= values(who, "occupation")
    assert "1987-03-12" in who.values("birth_date")


def test_an_ensemble_with_years_is_not_a_person(extract):
    doc = extract("As a student he played in the conservatory's folk ensemble Sazgen (2005–2009).")
    assert "Sazgen" in mentions_of(doc, "Ensemble")
    assert not all_values(doc, "birth_date")


@pytest.mark.parametrize("text, name", [
    ("Aliya Serikova was a pupil of Dina Nurpeisova.", "Dina Nurpeisova"),  # the model's ORG
    ("Aliya Serikova is the daughter of Marat Ospanov.", "Marat Ospanov"),  # the model's NORP "Marat"
    ("Aliya Serikova took lessons from Dina Nurpeisova.", "Dina Nurpeisova"),
    ("Aliya Serikova learned the dombra from Marat Ospanov.", "Marat Ospanov"),
])
def test_a_name_a_teaching_or_kinship_word_introduces_is_a_person(nlp, text, name):
    doc = nlp(text)
    assert (name, "Person") in [(s.text, s.label_) for s in doc.spans["linernotes"]]
