"""Family: relatives' facts stay with the relatives; named relatives become father/mother/sibling/spouse values."""
from __future__ import annotations

import pytest

from ..helpers import assert_well_formed, facts, main_person, person, values


def extract_ok(extract, text):
    doc = extract(text)
    assert_well_formed(text, doc)
    return doc


# -- an unnamed relative's facts are not the person's ---------------------------------------------

@pytest.mark.parametrize("text,occupations", [
    ("Dilnaz Abenova is a singer. Her father, a violinist from Osh, taught her to sing.", {"singer"}),
    ("Dilnaz Abenova is a singer. Her father was a violinist from Osh.", {"singer"}),
    ("Dilnaz Abenova is a singer. Her father, Serik Abenov, plays the violin in Osh.", {"singer"}),
    ("Dilnaz Abenova's father Serik Abenov is a violinist from Osh.", set()),
])
def test_the_fathers_violin_is_not_hers(extract, text, occupations):
    who = main_person(extract_ok(extract, text))
    assert who.name == "Dilnaz Abenova"
    assert values(who, "occupation") == occupations
    assert "violinist" not in values(who, "occupation")
    assert "violin" not in values(who, "instrument")
    assert "osh" not in values(who, "born_in") | values(who, "residence")


def test_a_grandparents_occupation_is_not_the_persons(extract):
    who = main_person(extract_ok(extract, "Arman Zhaksybek's grandfather, a famous akyn, sang at weddings."))
    assert "akyn" not in values(who, "occupation")


def test_a_relatives_instrument_is_not_the_persons(extract):
    doc = extract_ok(extract, "Dilnaz Abenova is a singer. Her mother, Roza Abenova, was a pianist.")
    who = person(doc, "Dilnaz Abenova")
    assert "pianist" not in values(who, "occupation")
    assert "piano" not in values(who, "instrument")


def test_a_named_relatives_own_facts_go_to_the_relative(extract):
    doc = extract_ok(extract, "Dilnaz Abenova is a singer. Her father, Serik Abenov, plays the violin.")
    assert values(person(doc, "Serik Abenov"), "instrument") == {"violin"}


# -- named relatives ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,relation,relative,inverse,gender", [
    ("Dilnaz Abenova is a singer. Her mother, Roza Abenova, was a pianist.", "mother", "Roza Abenova", "child", "female"),
    ("Dilnaz Abenova is a singer. Her father, Serik Abenov, plays the violin.", "father", "Serik Abenov", "child", "male"),
    ("Madina Sarsenbayeva's brother, Askar Sarsenbayev, is a drummer.", "sibling", "Askar Sarsenbayev", "sibling", "male"),
    ("Dilnaz Abenova grew up with her sister Zhanna Abenova in Taraz.", "sibling", "Zhanna Abenova", "sibling", "female"),
    ("Dilnaz Abenova's husband, Serik Omarov, is a drummer.", "spouse", "Serik Omarov", "spouse", "male"),
    ("Dilnaz Abenova and her husband Serik Omarov run a music school.", "spouse", "Serik Omarov", "spouse", "male"),
    ("Dilnaz Abenova's cousin Marat Abenov is a pianist.", "relative", "Marat Abenov", "relative", None),
])
def test_named_relative(extract, text, relation, relative, inverse, gender):
    doc = extract_ok(extract, text)
    who, kin = main_person(doc), person(doc, relative)
    assert who.values(relation) == [relative]
    assert kin.values(inverse) == [who.name]
    (fact,) = facts(who, relation)
    assert text[fact.start:fact.end] == relative
    assert relative in fact.evidence
    if gender:
        assert kin.values("gender") == [gender]
    assert not kin.main


def test_daughter_of_two_parents(extract):
    doc = extract_ok(extract, "Dilnaz Abenova is the daughter of Serik Abenov and Roza Abenova. She sings.")
    who = main_person(doc)
    assert who.values("gender") == ["female"]
    assert set(who.values("father") + who.values("mother") + who.values("relative")) == {"Serik Abenov", "Roza Abenova"}
    for parent in ("Serik Abenov", "Roza Abenova"):
        assert person(doc, parent).values("child") == ["Dilnaz Abenova"]


def test_married(extract):
    doc = extract_ok(extract, "Dilnaz Abenova married Serik Omarov in 2012.")
    assert person(doc, "Dilnaz Abenova").values("spouse") == ["Serik Omarov"]
    assert person(doc, "Serik Omarov").values("spouse") == ["Dilnaz Abenova"]


def test_is_married_to(extract):
    doc = extract_ok(extract, "Timur Zhakupov plays jazz. He is married to Aliya Zhakupova.")
    assert person(doc, "Timur Zhakupov").values("spouse") == ["Aliya Zhakupova"]


def test_married_the_drummer(extract):
    doc = extract_ok(extract, "Dilnaz Abenova married the drummer Serik Omarov in 2012.")
    assert person(doc, "Dilnaz Abenova").values("spouse") == ["Serik Omarov"]


def test_has_a_son(extract):
    doc = extract_ok(extract, "Dilnaz Abenova has a son, Arman Abenov, who plays the dombra.")
    assert person(doc, "Dilnaz Abenova").values("child") == ["Arman Abenov"]


def test_son_of_the_composer(extract):
    doc = extract_ok(extract, "Arman Zhaksybek is the son of the composer Yerlan Abenov.")
    assert person(doc, "Arman Zhaksybek").values("father") + person(doc, "Arman Zhaksybek").values("relative") == ["Yerlan Abenov"]


# -- what parents wanted ------------------------------------------------------------------------

@pytest.mark.parametrize("text,wished,actual,unplayed", [
    ("Marat Ibrayev's parents wanted him to become a pianist. Instead he became a guitarist.", "pianist", "guitarist",
     "piano"),
    ("Madina Sarsenbayeva's parents wanted her to become a pianist. She became a cellist instead.", "pianist",
     "cellist", "piano"),
    ("His parents wanted Arman Zhaksybek to become a violinist. Arman Zhaksybek became a drummer.", "violinist",
     "drummer", "violin"),
])
def test_what_parents_wanted_is_not_asserted(extract, text, wished, actual, unplayed):
    who = main_person(extract_ok(extract, text))
    assert wished not in values(who, "occupation")
    assert actual in values(who, "occupation")
    assert unplayed not in values(who, "instrument")


def test_parents_wanted_a_non_musical_job(extract):
    who = main_person(extract_ok(extract, "Kairat Seitkali is a composer. His parents wanted him to become a doctor."))
    assert values(who, "occupation") == {"composer"}


# -- issue 12: the usual English shapes -----------------------------------------------------------

@pytest.mark.parametrize("text,a,b", [
    ("Zarema Tulegenova and Bolat Iskakov married in 1988.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("Zarema Tulegenova and Bolat Iskakov wed in 1988.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("Zarema Tulegenova met Bolat Iskakov in Almaty; the couple married two years later.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("Zarema Tulegenova divorced Bolat Iskakov in 2010.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("Zarema Tulegenova has been married to Bolat Iskakov since 1990.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("Zarema Tulegenova is the wife of the composer Bolat Iskakov.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("Zarema Tulegenova's marriage to Bolat Iskakov lasted ten years.", "Zarema Tulegenova", "Bolat Iskakov"),
    ("The singer Zarema Tulegenova and the drummer Bolat Iskakov have toured as a duo since their wedding in 1999.",
     "Zarema Tulegenova", "Bolat Iskakov"),
])
def test_spouse_shapes(extract, text, a, b):
    doc = extract_ok(extract, text)
    assert b in person(doc, a).values("spouse")
    assert a in person(doc, b).values("spouse")


@pytest.mark.parametrize("text", [
    "Zarema Tulegenova and Bolat Iskakov played at their sister's wedding in 1999.",  # the sister's, not theirs
    "Zarema Tulegenova met Bolat Iskakov in 1990. Before her marriage in 1995 she sang in a choir.",  # names no partner
])
def test_a_marriage_noun_without_the_couple_as_possessor_gives_no_spouse(extract, text):
    doc = extract_ok(extract, text)
    assert person(doc, "Zarema Tulegenova").values("spouse") == []


def test_born_to_two_parents(extract):
    doc = extract_ok(extract, "Aisulu Bekova was born to Murat Bekov and his wife, Gulzhan.")
    assert "Murat Bekov" in person(doc, "Aisulu Bekova").values("father")


def test_two_named_children_are_people(extract):
    doc = extract_ok(extract, "Gulzhan Sarsenova has two sons, Arman and Timur.")
    assert set(person(doc, "Gulzhan Sarsenova").values("child")) == {"Arman", "Timur"}


@pytest.mark.parametrize("text,relation,a,b", [
    ("Kanat Abishev's brother Daulet Abishev plays the drums.", "sibling", "Kanat Abishev", "Daulet Abishev"),
    ("Kanat Abishev is the younger brother of the singer Dariga Abisheva.", "sibling", "Kanat Abishev", "Dariga Abisheva"),
    ("Aruzhan Temirova is the granddaughter of the akyn Zhambyl Temirov.", "relative", "Aruzhan Temirova", "Zhambyl Temirov"),
    ("Gulzhan Sarsenova is the mother of the pianist Erlan Sarsenov.", "child", "Gulzhan Sarsenova", "Erlan Sarsenov"),
    ("Gulzhan Sarsenova is the mother of the pianist Erlan Sarsenov.", "mother", "Erlan Sarsenov", "Gulzhan Sarsenova"),
])
def test_kin_shapes(extract, text, relation, a, b):
    assert b in person(extract_ok(extract, text), a).values(relation)


def test_the_second_child_of_a_list(extract):
    doc = extract_ok(extract, "Serik Omarov married Aizhan Bekova in 1990. The couple had two children: a daughter, "
                              "Aigul, who became a singer, and a son, Nurlan.")
    assert set(person(doc, "Serik Omarov").values("child")) == {"Aigul", "Nurlan"}


def test_a_child_after_a_second_verb(extract):
    doc = extract_ok(extract, "In 1998 Serik Omarov met the violinist Aizhan Bekova; they married in 2000 and have a "
                              "daughter, Aigul, now a student.")
    assert person(doc, "Aizhan Bekova").values("child") == ["Aigul"]


def test_a_wife_of_many_years(extract):
    doc = extract_ok(extract, "Serik Omarov is survived by his wife of forty years, the pianist Aizhan Bekova.")
    assert person(doc, "Serik Omarov").values("spouse") == ["Aizhan Bekova"]


def test_two_people_who_are_siblings(extract):
    doc = extract_ok(extract, "Serik Omarov and Aizhan Bekova are siblings.")
    assert person(doc, "Serik Omarov").values("sibling") == ["Aizhan Bekova"]
    assert person(doc, "Aizhan Bekova").values("sibling") == ["Serik Omarov"]


@pytest.mark.parametrize("text", [
    "Aizhan Bekova recorded the album with her duo partner, the pianist Dana Kim.",
    "Aizhan Bekova toured with her regular partner, the pianist Dana Kim.",
])
def test_a_partner_on_stage_is_no_partner_in_life(extract, text):
    assert person(extract_ok(extract, text), "Aizhan Bekova").values("partner") == []


def test_a_possessor_on_the_name(extract):
    doc = extract_ok(extract, "Askar Bekov's son Timur Bekov plays the drums.")
    assert person(doc, "Askar Bekov").values("child") == ["Timur Bekov"]


def test_the_second_her_is_the_first_ones_person(extract):
    doc = extract_ok(extract, "Aisulu Bekova grew up in Osh. Her mother, Zuura, taught Russian at the school; her father, "
                              "Asan Bekov, drove a lorry.")
    assert person(doc, "Aisulu Bekova").values("father") == ["Asan Bekov"]
    assert person(doc, "Zuura").values("father") == []


@pytest.mark.parametrize("text,child,parents", [
    ("Dana Kim sings. Serik Omarov and Aigul Bekova moved to Hamburg in 2022 with their daughter, Mina.", "Mina",
     {"Serik Omarov", "Aigul Bekova"}),
    ("Dana Kim was born in Seoul. Serik Omarov is survived by his wife, Aigul, a retired teacher; by their son, Nurlan; "
     "and by four grandchildren.", "Nurlan", {"Serik Omarov", "Aigul"}),
])
def test_whose_their(extract, text, child, parents):
    doc = extract_ok(extract, text)
    assert {p.name for p in doc.people if child in p.values("child")} == parents


def test_the_couples_son(extract):
    doc = extract_ok(extract, "Aigul Bekova married Nurlan Omarov in 2001. The couple's son, Timur, was born in 2005.")
    assert {p.name for p in doc.people if "Timur" in p.values("child")} == {"Aigul Bekova", "Nurlan Omarov"}


def test_her_husband_is_x(extract):
    doc = extract_ok(extract, "Aigul Bekova is a singer. Her first husband was the poet Nurlan Omarov.")
    assert person(doc, "Aigul Bekova").values("spouse") == ["Nurlan Omarov"]
