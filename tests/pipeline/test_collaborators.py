"""Collaborator: two named people making music together, said in many shapes (linernotes.collaborator.v1 and
data/patterns/collaboration.toml). Every sentence is invented."""
from __future__ import annotations

import pytest

from ..helpers import person, values

LEAD = "Dina Sarsenova is a Kazakh singer. "


@pytest.mark.parametrize("text,partner", [
    ("Her second album includes a duet with the Kazakh rapper Dala MC (Nurlan Sadykov).", "nurlan sadykov"),
    ('Her live show with her brother, DJ Marat "Max" Omarov, is a highlight of the festival.', "marat omarov"),
    ('She has guested on tracks by the rapper Arman "Ak Tulpar" Serikov.', "arman serikov"),
    ("She moved to Oslo in 2012 and plays folk and improvised music there, most often with the oud player Tarik Demir.",
     "tarik demir"),
    ("She recorded an album with Talgat Mukhanov.", "talgat mukhanov"),
    ("She and the guitarist Ruslan Temirov formed a duo in 2010.", "ruslan temirov"),
    ("Her husband, the saxophonist Ruslan Temirov, plays on her album Sixty Winters.", "ruslan temirov"),
    ("Her debut album was produced by Ruslan Temirov.", "ruslan temirov"),
    ("She is often joined on stage by the pianist Ruslan Temirov.", "ruslan temirov"),
    ("She has performed with artists such as Ruslan Temirov and Aliya Nurlanova.", "aliya nurlanova"),
    ("Her collaborators include Ruslan Temirov and Aliya Nurlanova.", "aliya nurlanova"),
    ("She toured as Ruslan Temirov's pianist.", "ruslan temirov"),
    ("She has a side project, the electronic duo Steppe Signal, with the producer Ruslan Temirov.", "ruslan temirov"),
])
def test_partner_shapes(extract, text, partner):
    doc = extract(LEAD + text)
    assert partner in values(person(doc, "Dina Sarsenova"), "collaborator")


def test_a_stage_name_with_the_own_name_in_brackets_is_one_person(extract):
    doc = extract(LEAD + "Her second album includes a duet with the rapper Aq Bura (Nurlan Sadykov).")
    nurlan = person(doc, "Nurlan Sadykov")
    assert "Aq Bura" in nurlan.aliases
    assert values(nurlan, "collaborator") == {"dina sarsenova"}


INTERVIEW = ("Interview: Tulpar\n\nErlan Sadykov, a rapper who performs as Tulpar, is a voice of Kazakh hip hop.\n\n"
             "Q: Did you play an instrument?\n"
             "A: No. My older brother, Marat Sadykov, is the dombra player in the family. Later I sampled Marat's dombra "
             "on one track, and he played it live with me at the launch.\n\n"
             "Q: How did you start?\n"
             "A: In 2014 I met Timur Abenov, the producer everybody calls Beats, in a student kitchen, and we started recording.\n\n"
             "Q: And your sister?\n"
             "A: My sister Aliya Sadykova plays the kobyz. We have recorded together, though.\n")


def test_first_person_partners_in_an_interview(extract):
    doc = extract(INTERVIEW)
    erlan = person(doc, "Erlan Sadykov")
    assert {"marat sadykov", "timur abenov", "aliya sadykova"} <= values(erlan, "collaborator")
    assert "erlan sadykov" in values(person(doc, "Marat Sadykov"), "collaborator")


def test_a_speaker_label_is_no_subject(extract):
    doc = extract(INTERVIEW)
    assert "kobyz" in values(person(doc, "Aliya Sadykova"), "instrument")
    assert "kobyz" not in values(person(doc, "Erlan Sadykov"), "instrument")


def test_playing_in_someones_band(extract):
    doc = extract(LEAD + "She played in Ruslan Temirov's band for ten years.")
    assert values(person(doc, "Dina Sarsenova"), "collaborator") == {"ruslan temirov"}


def test_playing_in_a_relatives_band_named_elsewhere(extract):
    doc = extract("Ruslan Orlov was a saxophonist. He is survived by his wife, Vera Orlova, and their sons, Pavel and Mikhail. "
                  "Mikhail, a drummer, played in his father's last quartet.")
    assert values(person(doc, "Mikhail"), "collaborator") == {"ruslan orlov"}
    assert not values(person(doc, "Pavel"), "collaborator")


def test_with_her_and_alongside_her_father(extract):
    doc = extract("Gulnara Aliyeva is a mugham singer. Her father, the tar player Rauf Aliyev, taught her. She married the "
                  "kamancheh player Elchin Rasulov, who later played with her in a trio alongside her father.")
    assert values(person(doc, "Elchin Rasulov"), "collaborator") == {"gulnara aliyeva", "rauf aliyev"}
    assert "rauf aliyev" in values(person(doc, "Gulnara Aliyeva"), "collaborator")


def test_a_guest_on_a_leaders_band_album_plays_with_the_leader(extract):
    doc = extract("Saxophonist Timur Kim leads the Timur Kim Quartet, with pianist Aliya Nurova and drummer Daulet Sadykov. "
                  "Its second album, Seoul Nights, features the pansori singer Lee Min-ah.")
    assert person(doc, "Timur Kim").values("collaborator").count("Lee Min-ah") >= 1
    assert "Lee Min-ah" not in person(doc, "Aliya Nurova").values("collaborator")


@pytest.mark.parametrize("text", [
    "She shared an apartment with Ruslan Temirov in Almaty.",
    "She started a family with Ruslan Temirov in 1999.",
    "She launched a charity with her husband Ruslan Temirov.",
    "She led a workshop with Ruslan Temirov's students.",
    "She moved to Almaty with her husband, Ruslan Temirov.",
])
def test_doing_other_things_with_someone_is_no_collaboration(extract, text):
    doc = extract(LEAD + text)
    assert "ruslan temirov" not in values(person(doc, "Dina Sarsenova"), "collaborator")


def test_a_discography_line_with_partners(extract):
    doc = extract("Dina Sarsenova (born 1980) is a Kazakh singer. She lives in Almaty.\n\nDiscography\n"
                  "- Steppe Winds (2004), with Marat Omarov (piano)\n"
                  "- Night Road (2010), with Aliya Nurlanova (kobyz) and Ruslan Temirov (drums)\n")
    assert values(person(doc, "Dina Sarsenova"), "collaborator") == {"marat omarov", "aliya nurlanova", "ruslan temirov"}
