"""Music: instrument, genre, collaborator, member_of, founded, record_label, award, notable_work."""
from __future__ import annotations

import pytest

from ..helpers import assert_well_formed, facts, main_person, person, surface_matches, values


def main_of(extract, text):
    doc = extract(text)
    assert_well_formed(text, doc)
    return main_person(doc)


# -- instrument ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,instrument,surface", [
    ("Arjun Mukanov plays the dombyra.", "dombra", "dombyra"),
    ("Lola Karimova plays the qobyz.", "kobyz", "qobyz"),
    ("Priya Raghunathan learned the sitar from her uncle.", "sitar", "sitar"),
    ("Dauren Mukhametov plays the organ in a church band.", "organ", "organ"),
    ("Vivaan Tulegen taught himself the accordion.", "accordion", "accordion"),
    ("Kairat Nurpeisov switched to the tenor sax at sixteen.", "saxophone", "tenor sax"),
])
def test_instrument_canonical_value_and_offsets(extract, text, instrument, surface):
    who = main_of(extract, text)
    assert values(who, "instrument") == {instrument}
    (fact,) = facts(who, "instrument")
    assert text[fact.start:fact.end] == surface
    assert fact.evidence == text
    assert fact.label == instrument and fact.ref


def test_several_instruments(extract):
    who = main_of(extract, "Dana Ospan plays the kobyz, the dombra and the sybyzgy.")
    assert values(who, "instrument") == {"kobyz", "dombra", "sybyzgy"}


@pytest.mark.parametrize("text,kept,dropped", [
    ("Arjun Mukanov plays the dombyra. He never learned the piano.", "dombra", "piano"),
    ("Dana Ospan plays the dombra but never learned the piano.", "dombra", "piano"),
    ("Madina Sarsenbayeva never played the saxophone, although she plays the cello.", "cello", "saxophone"),
    ("Madina Sarsenbayeva dreamed of playing the harp. She plays the cello.", "cello", "harp"),
    ("Arman Zhaksybek listened to the accordion as a child. He plays the guitar.", "guitar", "accordion"),
    ("Dana Ospan refused to play the accordion. She plays the kobyz.", "kobyz", "accordion"),
])
def test_negated_wished_or_heard_instruments_are_not_played(extract, text, kept, dropped):
    who = main_of(extract, text)
    assert kept in values(who, "instrument")
    assert dropped not in values(who, "instrument")


def test_negated_instrument_alone(extract):
    doc = extract("Dana Ospan never learned the piano.")
    assert "piano" not in {f.value for p in doc.people for f in p.facts}


def test_an_instrument_word_outside_music(extract):
    who = main_of(extract, "Dauren Mukhametov donated an organ to the hospital.")
    assert who.values("instrument") == []


# -- genre --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,genres", [
    ("Timur Zhakupov plays jazz and rock.", {"jazz", "rock"}),
    ("Madina Sarsenbayeva recorded an album of hip hop.", {"hip hop"}),
    ("Rustam Kassymov recorded an album of soul music.", {"soul music", "soul"}),
    ("Dana Ospan is a jazz pianist.", {"jazz"}),
])
def test_genre(extract, text, genres):
    who = main_of(extract, text)
    assert values(who, "genre") and values(who, "genre") <= genres
    for fact in facts(who, "genre"):
        assert surface_matches(text, fact)


def test_genre_of_traditional_songs(extract):
    text = "Dana Ospan sings traditional Kazakh folk songs."
    who = main_of(extract, text)
    assert values(who, "genre") & {"folk", "kazakh folk", "traditional kazakh folk", "folk music"}
    assert values(who, "genre") <= {"folk", "kazakh folk", "traditional kazakh folk", "folk music", "traditional music",
                                    "kazakh folk music", "traditional kazakh folk music"}


@pytest.mark.parametrize("text", [
    "Rustam Kassymov loved his country more than anything.",
    "Rustam Kassymov put his heart and soul into the family business.",
])
def test_no_genre_from_ordinary_words(extract, text):
    assert main_of(extract, text).values("genre") == []


# -- collaborator -------------------------------------------------------------------------------

def test_collaborated_with(extract):
    text = "Meruyert Tulegenova collaborated with Daniyar Sarsenov on a jazz album."
    doc = extract(text)
    assert_well_formed(text, doc)
    a, b = person(doc, "Meruyert Tulegenova"), person(doc, "Daniyar Sarsenov")
    assert a.values("collaborator") == ["Daniyar Sarsenov"]
    assert b.values("collaborator") == ["Meruyert Tulegenova"]
    (fact,) = facts(a, "collaborator")
    assert text[fact.start:fact.end] == "Daniyar Sarsenov"
    assert "jazz" in values(a, "genre")


def test_a_pair_as_subject(extract):
    doc = extract("Arman Zhaksybek and Dana Ospan formed a duo. They toured Japan.")
    assert person(doc, "Arman Zhaksybek").values("collaborator") == ["Dana Ospan"]
    assert person(doc, "Dana Ospan").values("collaborator") == ["Arman Zhaksybek"]


def test_recorded_with(extract):
    doc = extract("Madina Sarsenbayeva recorded an album with Talgat Mukhanov.")
    assert person(doc, "Madina Sarsenbayeva").values("collaborator") == ["Talgat Mukhanov"]


def test_performs_alongside_the_singer(extract):
    doc = extract("Meruyert Tulegenova often performs alongside the singer Daniyar Sarsenov.")
    assert person(doc, "Meruyert Tulegenova").values("collaborator") == ["Daniyar Sarsenov"]


def test_meeting_is_not_collaborating(extract):
    doc = extract("Meruyert Tulegenova plays the kobyz. She met Daniyar Sarsenov at a wedding.")
    assert main_person(doc).values("collaborator") == []


# -- ensembles, labels, awards, works -----------------------------------------------------------

def test_member_of_and_founded(extract):
    who = main_of(extract, "Arman Zhaksybek joined the Astana Philharmonic Orchestra in 2001. "
                           "In 2005 he founded the Steppe Wind Ensemble.")
    assert who.values("member_of") == ["Astana Philharmonic Orchestra"]
    assert who.values("founded") == ["Steppe Wind Ensemble"]


def test_member_of_stated(extract):
    who = main_of(extract, "Meruyert Tulegenova is a member of the Astana Philharmonic Orchestra.")
    assert who.values("member_of") == ["Astana Philharmonic Orchestra"]


def test_record_label_and_award(extract):
    who = main_of(extract, "Arman Zhaksybek signed with Silk Road Records. He won the Kurmangazy Prize.")
    assert who.values("record_label") == ["Silk Road Records"]
    assert who.values("award") == ["Kurmangazy Prize"]


def test_notable_work_without_quotes(extract):
    text = 'Meruyert Tulegenova released the album "Steppe Dreams" in 2012.'
    who = main_of(extract, text)
    assert who.values("notable_work") == ["Steppe Dreams"]
    (fact,) = facts(who, "notable_work")
    assert text[fact.start:fact.end] == "Steppe Dreams"


def test_influenced_by_a_person(extract):
    who = main_of(extract, "Erzhan Sultanov was influenced by Kurmangazy. He is an ethnomusicologist.")
    assert who.values("influenced_by") == ["Kurmangazy"]


# -- founded, an ensemble without a name -----------------------------------------------------

def test_unnamed_band_formed_together_goes_to_both_founders(extract):
    text = ("Aigerim Sadykova met a drummer named Timur Bekov in Almaty. "
            "Together, they formed a band that played at weddings.")
    doc = extract(text)
    assert values(person(doc, "Aigerim Sadykova"), "founded") == {"band"}
    assert values(person(doc, "Timur Bekov"), "founded") == {"band"}
    (fact,) = facts(person(doc, "Timur Bekov"), "founded")
    assert text[fact.start:fact.end] == "band"


@pytest.mark.parametrize("text", [
    "Aigerim Sadykova admired the band her brother formed.",
    "Aigerim Sadykova never formed a band.",
])
def test_unnamed_band_not_founded_when_someone_else_or_negated(extract, text):
    assert values(main_of(extract, text), "founded") == set()


def test_unnamed_band_after_a_meeting_sentence(extract):
    doc = extract("Aigerim Sadykova is a singer from Taraz. She met the drummer Timur Bekov in 2012. "
                  "Together, they formed a band.")
    assert values(person(doc, "Timur Bekov"), "founded") == {"band"}


def test_roles_from_activity(extract):
    from ..helpers import main_person, values
    who = main_person(extract("Zhanar Bekova is from Shymkent. She plays the kobyz and she also sings."))
    assert {"kobyz player", "singer"} <= values(who, "occupation")
    past = main_person(extract("Zhanar Bekova is from Shymkent. As a child she played the kobyz."))
    assert "kobyz player" not in values(past, "occupation")  # a childhood instrument is no occupation


def test_recorded_for_a_company_makes_it_the_label(extract):
    doc = extract("Dilshod Karimov is a tar player. He recorded three albums for Melodiya in the 1970s.")
    assert "melodiya" in values(main_person(doc), "record_label")


def test_recordings_for_a_company_name_the_label_not_a_work(extract):
    doc = extract("Dilshod Karimov is a tar player. Karimov's records for Melodiya, notably the album \"Bayati Shiraz\" (1974), "
                  "are still reissued.")
    who = main_person(doc)
    assert "melodiya" in values(who, "record_label")
    assert "melodiya" not in values(who, "notable_work")


def test_an_ensemble_founded_before_a_whose_clause(extract):
    # the parser makes the band the subject of the relative clause's verb
    doc = extract("In 2009 Ravi Menon founded the fusion group Tidal Engine, whose album \"Coastline\" (2013) blends sarod with synthesisers.")
    assert "tidal engine" in values(person(doc, "Ravi Menon"), "founded")
    assert "Tidal Engine" not in [p.name for p in doc.people]


# -- members, founders, collaborators (issue 12, item 5) --------------------------------------

def test_a_partner_of_founded_with_is_a_member_a_co_founder_only_when_said(extract):
    doc = extract("Sigrid Haugen is a singer. In 2004 she founded the Fjord Lights Quartet with the pianist Jorun Vik.")
    assert "fjord lights quartet" in values(person(doc, "Sigrid Haugen"), "founded")
    assert "fjord lights quartet" in values(person(doc, "Jorun Vik"), "member_of")
    assert "fjord lights quartet" not in values(person(doc, "Jorun Vik"), "founded")
    doc = extract("Sigrid Haugen is a singer. In 2004 she founded the Fjord Lights Quartet together with the pianist Jorun Vik.")
    assert "fjord lights quartet" in values(person(doc, "Jorun Vik"), "founded")


def test_partners_of_an_unnamed_trio_are_not_its_founders(extract):
    doc = extract("Sigrid Haugen is a singer. In Oslo she formed a trio with the bassist Jorun Vik and the drummer Ola Brekke.")
    assert values(person(doc, "Jorun Vik"), "founded") == set()
    assert "Sigrid Haugen" in person(doc, "Jorun Vik").values("collaborator")


@pytest.mark.parametrize("text,company", [
    ("Ilse Marten is a principal soloist of the Graz Opera, where her roles include Tosca.", "graz opera"),
    ("Ilse Marten joined the Vienna State Opera in 1999.", "vienna state opera"),
])
def test_a_soloist_of_an_opera_company_is_its_member(extract, text, company):
    assert company in values(main_of(extract, text), "member_of")


def test_debut_at_an_opera_house_is_no_membership(extract):
    assert values(main_of(extract, "Ilse Marten made her debut at the Vienna State Opera in 1999."), "member_of") == set()


def test_a_joined_person_is_no_ensemble(extract):
    doc = extract("Sigrid Haugen is a singer. In 2012 she joined Jorun Vik on stage in Bergen.")
    assert values(person(doc, "Sigrid Haugen"), "member_of") == set()


def test_her_accompanist_was_her_husband_the_player(extract):
    doc = extract("Sigrid Haugen was a singer. For thirty years her accompanist was her husband, the lute player Jorun Vik.")
    assert "Jorun Vik" in person(doc, "Sigrid Haugen").values("collaborator")


def test_began_performing_together(extract):
    doc = extract("Sigrid Haugen and Jorun Vik met in 2003 and began performing together.")
    assert "Jorun Vik" in person(doc, "Sigrid Haugen").values("collaborator")


# -- career: awards, works, labels (issue 12) ---------------------------------------------------

@pytest.mark.parametrize("text,award", [
    ("Saltanat Iskakova won the Golden Yurt Award for Best Folk Album in 2016.", "Golden Yurt Award for Best Folk Album"),
    ("Saltanat Iskakova received the Kambar Prize of the Union of Composers of Kazakhstan.",
     "Kambar Prize of the Union of Composers of Kazakhstan"),
    ("In 2009 Saltanat Iskakova received the Almaty Jazz Club's Award for Outstanding Contribution to Kazakh Jazz.",
     "Almaty Jazz Club's Award for Outstanding Contribution to Kazakh Jazz"),
    ("Saltanat Iskakova won second prize at the Tulpar Piano Competition in Astana.", "second prize at the Tulpar Piano Competition"),
    ("Saltanat Iskakova was made a Chevalier of the Order of Arts and Letters.", "Order of Arts and Letters"),
    ("Saltanat Iskakova won the Prize of the Steppe Music Council for Best Crossover Album.",
     "Prize of the Steppe Music Council for Best Crossover Album"),
])
def test_long_award_names_are_one_award(extract, text, award):
    assert values(main_of(extract, text), "award") == {award.lower()}


@pytest.mark.parametrize("text", [
    "Saltanat Iskakova received a Grammy nomination for her second album.",
    "Saltanat Iskakova was a finalist for the Polar Music Prize.",
    "Saltanat Iskakova was nominated for the Golden Yurt Award.",
])
def test_a_nomination_is_no_award(extract, text):
    assert values(main_of(extract, text), "award") == set()


@pytest.mark.parametrize("text,work", [
    ("Saltanat Iskakova is a singer. Her 2015 album Copper Steppe reached number three.", "Copper Steppe"),
    ("Saltanat Iskakova is a singer. She is best known for her 2011 single Glass Yurts.", "Glass Yurts"),
    ("Saltanat Iskakova is a singer. Her third album, titled Northern Winds, came out in 2016.", "Northern Winds"),
    ("Saltanat Iskakova is a singer. Her first record, Dust and Salt, appeared in 2013.", "Dust and Salt"),
    ("Saltanat Iskakova is a singer. She recorded the cycle Rast and Shur in 1983.", "Rast and Shur"),
])
def test_titles_without_quotation_marks(extract, text, work):
    assert work.lower() in values(main_of(extract, text), "notable_work")


def test_a_capitalised_adjective_after_single_is_no_title(extract):
    doc = extract("Saltanat Iskakova is a singer. Her teacher allowed her a single Pamiri melody a week.")
    assert values(main_person(doc), "notable_work") == set()


@pytest.mark.parametrize("text,dropped", [
    ("Saltanat Iskakova received the Golden Yurt Award for the best world music album of 2019.", "world music"),
    ("Saltanat Iskakova studied Turkish folk music at the conservatory in Ankara.", "folk"),
    ("Saltanat Iskakova lost the final to a pop ballad.", "pop"),
    ("Saltanat Iskakova left the band in 2018 to write film scores.", "film music"),
])
def test_genre_words_that_are_no_style_of_the_person(extract, text, dropped):
    genres = values(main_of(extract, text), "genre")
    assert not {g for g in genres if dropped.split()[0] in g}


def test_a_regional_folk_tradition_keeps_its_region(extract):
    who = main_of(extract, "Saltanat Iskakova sings Anatolian folk songs and plays jazz.")
    assert {"anatolian folk", "jazz"} <= values(who, "genre")


def test_a_genre_before_another_musicians_name_is_theirs(extract):
    doc = extract("Saltanat Iskakova is a pianist. Her new album features the pansori singer Ji-min Han.")
    assert "pansori" not in values(main_person(doc), "genre")


def test_a_works_label_with_no_person_in_the_clause_is_the_topics(extract):
    doc = extract("Saule Nurova is a pianist from Taraz. In 2016 the album Ayaz appeared on the Vienna label Kaltklang.")
    assert "kaltklang" in values(main_person(doc), "record_label")


@pytest.mark.parametrize("text,label", [
    ("Saule Nurova is a pianist. In 2011 she signed a recording contract with Kumis Music.", "kumis music"),
    ("Saule Nurova is a pianist. She signed with Hollow Reed in 2012.", "hollow reed"),
    ("Saule Nurova is a pianist. Her second album was released on the Ninefold label.", "ninefold"),
    ("Saule Nurova is a pianist. Ayaz (Kaltklang, 2016) was her breakthrough.", "kaltklang"),
])
def test_label_shapes(extract, text, label):
    assert label in values(main_person(extract(text)), "record_label")
