"""Ensembles as entities: members and their years, facts of the band for the members of the time."""
from __future__ import annotations

from ..helpers import person, values

PRESS_KIT = """DALA TOLQYNY — PRESS KIT 2025

Dala Tolqyny are Almaty's loudest band. Formed in 2012 by singer Yerzhan Abilov and kobyz player Madina Seitova, the band fuses Kazakh folk with heavy rock.

LINE-UP
Yerzhan Abilov — lead vocals, dombra
Madina Seitova — kobyz, backing vocals
Timur Baizhanov — drums (since 2019)

Founding drummer Ruslan Ospanov left the band at the end of 2018.

Signed to the label Shanyraq Records, the band has released two albums: Kók Tu ('Blue Banner', 2014) and Altyn Kópir ('Golden Bridge', 2024). Since 2019 Dala Tolqyny have toured Germany and Poland.
"""


def test_founders_from_a_passive_with_an_agent(extract):
    doc = extract(PRESS_KIT)
    assert "dala tolqyny" in values(person(doc, "Yerzhan Abilov"), "founded")
    assert "dala tolqyny" in values(person(doc, "Madina Seitova"), "founded")


def test_line_up_rows_give_members_and_instruments(extract):
    timur = person(extract(PRESS_KIT), "Timur Baizhanov")
    assert "dala tolqyny" in values(timur, "member_of")
    assert "drums" in values(timur, "instrument")


def test_band_facts_go_to_the_members_of_the_time(extract):
    doc = extract(PRESS_KIT)
    timur, yerzhan = person(doc, "Timur Baizhanov"), person(doc, "Yerzhan Abilov")
    assert "altyn kopir" in values(timur, "notable_work")  # 2024, after he joined in 2019
    assert "kok tu" not in values(timur, "notable_work")  # 2014, before he joined
    assert {"kok tu", "altyn kopir"} <= values(yerzhan, "notable_work")
    assert {"germany", "poland"} <= values(timur, "toured")


def test_band_history_sentences(extract):
    text = ("Kök Bulut is a Kyrgyz band formed in Bishkek in 2001. Its founders were the komuz player Nurbek Asanov and the singer "
            "Cholpon Toktogulova. In 2004 the keyboardist Azamat Ryskulov joined, and the trio recorded Jer Ene (2004). "
            "Ryskulov left in 2010. He was replaced by Erkin Mamatov. The band recorded Bulut Jol (2013).")
    doc = extract(text)
    assert "kok bulut" in values(person(doc, "Nurbek Asanov"), "founded")
    assert "kok bulut" in values(person(doc, "Azamat Ryskulov"), "member_of")
    assert "kok bulut" in values(person(doc, "Erkin Mamatov"), "member_of")
    assert "bulut jol" not in values(person(doc, "Azamat Ryskulov"), "notable_work")
    assert "bulut jol" in values(person(doc, "Erkin Mamatov"), "notable_work")


def test_a_band_without_a_name(extract):
    doc = extract("Munisa Ortikova is an Uzbek percussionist. In Berlin she formed a trio with the bassist Katrin Lenz and the "
                  "saxophonist Tunde Adeyemi. The trio's first album, Usul, appeared on the Berlin label Kreisklang in 2017.")
    for name in ("Munisa Ortikova", "Katrin Lenz", "Tunde Adeyemi"):
        assert "usul" in values(person(doc, name), "notable_work"), name


def test_a_duo_of_two_named_people_makes_both_members(extract):
    doc = extract("Qara Tuman, the Vienna duo of the cellist Ilse Brunner and the drummer Aset Kenzhe, "
                  "has played together since 2011. Their second album came out on the Vienna label Donau Klang.")
    for name in ("Ilse Brunner", "Aset Kenzhe"):
        assert "qara tuman" in values(person(doc, name), "member_of")
        assert "donau klang" in values(person(doc, name), "record_label")


def test_a_player_in_a_named_orchestra_is_its_member(extract):
    doc = extract("Aruzhan Bek is a pianist. Her father, Serik Bek, was a kobyz player in the orchestra of the Kazakh State Philharmonic.")
    assert "kazakh state philharmonic" in values(person(doc, "Serik Bek"), "member_of")


def test_another_orchestra_is_not_the_band_of_the_text(extract):
    """'the orchestra of the regional philharmonic' is not a back-reference to the text's band."""
    doc = extract("Yerzhan Tolegenuly founded the band Kokzhal in 2010. His father, Tolegen Abishev, was a kobyz player "
                  "in the orchestra of the regional philharmonic. Kokzhal toured Turkey in 2014.")
    assert "kokzhal" not in values(person(doc, "Tolegen Abishev"), "member_of")
    assert "turkey" not in values(person(doc, "Tolegen Abishev"), "toured")


def test_the_ensemble_noun_before_a_name_carries_it_when_the_parse_drops_it(extract):
    doc = extract("Yerzhan Tolegenuly is a dombra player. As a student he played in the conservatory's folk ensemble Sazgen (2005–2009).")
    assert "sazgen" in values(person(doc, "Yerzhan Tolegenuly"), "member_of")


def test_a_name_after_a_band_noun_and_a_comma_is_an_ensemble(extract):
    doc = extract("Lale Demir is a singer. Her son, Emil Demir, plays the guitar in an Izmir rock band, Kara Su, rather than the saz.")
    assert "kara su" in values(person(doc, "Emil Demir"), "member_of")


def test_the_bands_drummer_and_its_founder(extract):
    doc = extract("The Grey Herons Band was formed in Leiden in 1999. Its founder, Piet Halsema, sings. "
                  "The band's drummer, Ruud Kemper, joined in 2001.")
    assert "grey herons band" in values(person(doc, "Piet Halsema"), "founded")
    assert "grey herons band" in values(person(doc, "Ruud Kemper"), "member_of")


def test_who_took_whose_place_were_no_bandmates(extract):
    text = ("The Grey Herons Band was formed in Leiden in 1999 by the singer Piet Halsema. The drummer Sven Aalders joined in 2000 "
            "and left in 2003. In 2003 the drummer Ruud Kemper replaced Aalders.")
    doc = extract(text)
    assert "grey herons band" in values(person(doc, "Ruud Kemper"), "member_of")
    assert "Sven Aalders" not in person(doc, "Ruud Kemper").values("collaborator")
