"""Who the person is: gender, age, nationality, occupation, voice type."""
from __future__ import annotations

import pytest

from ..helpers import assert_well_formed, facts, main_person, values


def main_of(extract, text):
    doc = extract(text)
    assert_well_formed(text, doc)
    return main_person(doc)


# -- gender -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,gender", [
    ("Priya Raghunathan learned the sitar in Pune. She now teaches it.", "female"),
    ("Arjun Tulegen learned the tabla in Pune. He now teaches it.", "male"),
    ("Kairat Nurpeisov recorded two albums. His daughter sings on both.", "male"),
    ("Dana Ospan was raised in Taraz. Her first teacher was a neighbour.", "female"),
])
def test_gender_from_pronouns(extract, text, gender):
    who = main_of(extract, text)
    assert who.values("gender") == [gender]
    (fact,) = facts(who, "gender")
    assert text[fact.start:fact.end].lower() in {"she", "he", "his", "her", "him"}
    assert text[fact.start:fact.end] in fact.evidence


def test_no_pronoun_no_gender(extract):
    assert main_of(extract, "Dana Ospan plays the kobyz in Taraz.").values("gender") == []


# -- age ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,age,surface", [
    ("Vivaan Tulegen is a 31-year-old pianist from Shymkent.", "31", "31"),
    ("Kamila Yusupova, aged 27, plays the kobyz.", "27", "27"),
    ("Kamila Yusupova is a 45 year old jazz singer.", "45", "45"),
])
def test_age(extract, text, age, surface):
    who = main_of(extract, text)
    assert who.values("age") == [age]
    (fact,) = facts(who, "age")
    assert text[fact.start:fact.end] == surface


def test_age_at_a_past_event_is_not_the_age(extract):
    who = main_of(extract, "At the age of 7, Kamila Yusupova began to play the kobyz.")
    assert who.values("age") == []


def test_age_in_a_when_clause_is_not_the_age(extract):
    who = main_of(extract, "Kamila Yusupova began to play the kobyz when she was 7 years old.")
    assert who.values("age") == []


def test_age_of_an_object_is_not_the_persons(extract):
    who = main_of(extract, "Kamila Yusupova plays a 200-year-old kobyz.")
    assert who.values("age") == []


# -- nationality --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,surface", [
    ("Saule Nurlanovna is a Kazakh dombra player.", "kazakhstan", "Kazakh"),
    ("Marat Ibrayev, a Kyrgyz komuz player, lives in Bishkek.", "kyrgyzstan", "Kyrgyz"),
    ("Nargiza Alimova is an Uzbek pop singer.", "uzbekistan", "Uzbek"),
    ("Kamila Yusupova is a Kazakhstani pianist.", "kazakhstan", "Kazakhstani"),
])
def test_nationality_from_a_demonym_on_the_occupation(extract, text, country, surface):
    who = main_of(extract, text)
    assert values(who, "nationality") == {country}
    (fact,) = facts(who, "nationality")
    assert text[fact.start:fact.end] == surface


def test_demonyms_on_other_things_are_not_nationality(extract):
    who = main_of(extract, "Kamila Yusupova is a pianist. She admires Kazakh cuisine and Russian novels.")
    assert who.values("nationality") == []


def test_a_relatives_nationality_is_not_the_persons(extract):
    who = main_of(extract, "Kamila Yusupova is a Kazakh singer. Her husband, an Uzbek drummer, tours with her.")
    assert values(who, "nationality") == {"kazakhstan"}
    assert "drummer" not in values(who, "occupation")


# -- occupation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,occupation", [
    ("Saule Nurlanovna is a Kazakh dombra player.", "dombra player"),
    ("Erzhan Sultanov is an ethnomusicologist.", "ethnomusicologist"),
    ("Kamila Yusupova works as a music teacher in Taraz.", "music teacher"),
    ("Kamila Yusupova, a composer, lives in Taraz.", "composer"),
    ("Kamila Yusupova became a harpist.", "harpist"),
])
def test_occupation(extract, text, occupation):
    who = main_of(extract, text)
    assert occupation in values(who, "occupation")
    fact = next(f for f in facts(who, "occupation") if f.value == occupation)
    assert text[fact.start:fact.end].lower() == occupation


def test_coordinated_occupations(extract):
    who = main_of(extract, "Kamila Yusupova, a composer and conductor, lives in Taraz.")
    assert {"composer", "conductor"} <= values(who, "occupation")


def test_occupation_implies_the_instrument(extract):
    text = "Vivaan Tulegen is a 31-year-old pianist from Shymkent."
    who = main_of(extract, text)
    assert "piano" in values(who, "instrument")
    (fact,) = facts(who, "instrument")
    assert text[fact.start:fact.end] == "pianist"  # the canonical instrument points at the word that says it


def test_admired_professions_are_not_occupations(extract):
    who = main_of(extract, "Kamila Yusupova admired pianists but became a harpist.")
    assert values(who, "occupation") == {"harpist"}
    assert "piano" not in values(who, "instrument")


# -- voice type ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,voice", [
    ("Kamila Yusupova is a mezzo-soprano.", "mezzo-soprano"),
    ("Marat Ibrayev is a 24-year-old tenor from Karaganda.", "tenor"),
])
def test_voice_type(extract, text, voice):
    assert main_of(extract, text).values("voice_type") == [voice]


# -- ages that are facts: now, and at death --------------------------------------------------------

@pytest.mark.parametrize("text,age", [
    ("Kamila Yusupova is a kobyz player. The 29-year-old teaches the kobyz in Taraz.", "29"),
    ("Kamila Yusupova, 41, is a kobyz player.", "41"),
    ("Kamila Yusupova, now fifty-two, still teaches the kobyz.", "52"),
    ("Kamila Yusupova died in Taraz in 2011. She was eighty-one.", "81"),
    ("Kamila Yusupova died in Taraz in 2011, at the age of sixty-six.", "66"),
    ("Kamila Yusupova died in Taraz in 2011, aged seventy-three.", "73"),
])
def test_current_age_and_age_at_death(extract, text, age):
    assert main_of(extract, text).values("age") == [age]


@pytest.mark.parametrize("text", [
    "Kamila Yusupova began the kobyz at the age of nine.",
    "Kamila Yusupova was twelve when she first sang in public.",
    "Kamila Yusupova is a singer. She was one of the first women to play the kobyz.",
])
def test_an_earlier_age_or_a_count_is_no_age(extract, text):
    assert main_of(extract, text).values("age") == []


# -- nationality and ethnicity outside a job title -------------------------------------------------

@pytest.mark.parametrize("text,country", [
    ("The Kazakh-born violinist Kamila Yusupova won the prize.", "kazakhstan"),
    ("Kamila Yusupova holds Turkish citizenship.", "turkey"),
    ("Kamila Yusupova is a pianist. She is Georgian.", "georgia"),
    ("Kamila Yusupova, a Kyrgyz from Osh, plays the komuz.", "kyrgyzstan"),
    ("Kamila Yusupova plays with the Ghanaian drummer Kofi Mensah.", None),
])
def test_nationality_from_other_demonym_shapes(extract, text, country):
    who = main_of(extract, text)
    assert values(who, "nationality") == ({country} if country else set())


def test_demonym_born_is_a_birthplace_of_the_named_person(extract):
    doc = extract("Kamila Yusupova plays with the Nigerian-born saxophonist Emeka Obi.")
    obi = next(p for p in doc.people if p.name == "Emeka Obi")
    assert values(obi, "nationality") == {"nigeria"} and values(obi, "born_in") == {"nigeria"}
    assert values(main_person(doc), "nationality") == set()


@pytest.mark.parametrize("text", [
    "Kamila Yusupova, an ethnic Uzbek, was born in Osh.",
    "Kamila Yusupova is a pianist of Uzbek descent.",
])
def test_ethnicity(extract, text):
    assert values(main_of(extract, text), "ethnicity") == {"uzbek"}


def test_a_plural_title_gives_each_name_the_occupation(extract):
    doc = extract("Kamila Yusupova taught in Taraz. Her students included the dombra players Aruzhan Bekova and Timur Sadyk.")
    for name in ("Aruzhan Bekova", "Timur Sadyk"):
        who = next(p for p in doc.people if p.name == name)
        assert values(who, "occupation") == {"dombra player"}
    assert "dombra player" not in values(main_person(doc), "occupation")


def test_a_run_of_titles_before_a_name(extract):
    doc = extract("The band was formed in 2001 by guitarist and singer Ruslan Omarov and drummer Aidos Kenzhe.")
    omarov = next(p for p in doc.people if p.name == "Ruslan Omarov")
    assert {"guitarist", "singer"} <= values(omarov, "occupation")


def test_an_instrument_master_keeps_the_texts_words(extract):
    doc = extract("Kamila Yusupova learned the kobyz from the kobyz master Almas Nurov.")
    nurov = next(p for p in doc.people if p.name == "Almas Nurov")
    assert values(nurov, "occupation") == {"kobyz master"}
    (fact,) = facts(nurov, "occupation")
    assert fact.label == "kobyz player"  # the role in the vocabulary


@pytest.mark.parametrize("text", [
    "Kamila Yusupova is a tenor saxophonist from Taraz.",
    "Kamila Yusupova plays the alto saxophone.",
])
def test_a_voice_word_naming_an_instrument_is_no_voice_type(extract, text):
    assert main_of(extract, text).values("voice_type") == []


def test_dual_citizenship(extract):
    who = main_of(extract, "Kamila Yusupova is a pianist. She holds dual Kazakh and Russian citizenship.")
    assert values(who, "nationality") == {"kazakhstan", "russia"}


def test_coordinated_demonyms_on_a_title(extract):
    who = main_of(extract, "Kamila Yusupova is a Kazakh and Russian pianist.")
    assert values(who, "nationality") == {"kazakhstan", "russia"}


def test_a_hyphenated_heritage(extract):
    who = main_of(extract, "Kamila Yusupova is an Uzbek-American pianist.")
    assert values(who, "nationality") == {"united states"}
    assert values(who, "ethnicity") == {"uzbek"}


def test_a_voice_before_a_name_is_voice_type_and_occupation(extract):
    doc = extract("Kamila Yusupova is a soprano. Her husband, the baritone Arman Nurlanov, sings with her.")
    arman = next(p for p in doc.people if p.name == "Arman Nurlanov")
    assert values(arman, "voice_type") == {"baritone"}
    assert "baritone" in values(arman, "occupation")
    assert values(main_person(doc), "voice_type") == {"soprano"}


def test_a_cast_list_line_gives_no_voice_to_the_next_name(extract):
    doc = extract("Tonight's recital. Kamila Yusupova, soprano · Arman Nurlanov, piano")
    assert all(not values(p, "voice_type") for p in doc.people if p.name != "Kamila Yusupova")


def test_one_of_the_plural_title(extract):
    who = main_of(extract, "Kamila Yusupova is one of the leading harpists of her generation.")
    assert values(who, "occupation") == {"harpist"}


def test_a_demonym_on_a_long_title_said_of_someone(extract):
    who = main_of(extract, "Ingrid Holm is a Norwegian hardanger fiddle player.")
    assert values(who, "nationality") == {"norway"}
    assert values(main_of(extract, "Ingrid Holm is a fiddler. She admires Norwegian folk music."), "nationality") == set()
