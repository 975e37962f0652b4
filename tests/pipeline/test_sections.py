"""Lists under Discography and Awards headings."""
from __future__ import annotations

from linernotes.reference import load_tsv
from linernotes.pipeline.recognise import award_patterns

from ..helpers import main_person, person, values

ENTRY = """Yerzhan Tolegenuly (born 1987 in Shymkent) is a Kazakh dombra player. In 2010 he founded the band Kokzhal together with the guitarist Timur Akhmetov.

Discography
With Kokzhal
- Dala Sazy (Tumar Records, 2012)
- Kerueen ("Caravan") (Tumar Records, 2017)
Solo
- Küi Kitaby (Tumar Records, 2019)

Awards
- 2014 – Zhas Tolqyn Prize of the Union of Composers of Kazakhstan
- 2022 – Medal "For Contribution to the Development of National Culture"
"""


def test_discography_items_are_works_and_labels(extract):
    who = main_person(extract(ENTRY))
    assert {"dala sazy", "kerueen", "kui kitaby"} <= values(who, "notable_work")
    assert "tumar records" in values(who, "record_label")


def test_a_sub_heading_with_the_band_gives_its_members_the_works(extract):
    timur = person(extract(ENTRY), "Timur Akhmetov")
    assert {"dala sazy", "kerueen"} <= values(timur, "notable_work")
    assert "kui kitaby" not in values(timur, "notable_work")  # solo


def test_award_items(extract):
    who = main_person(extract(ENTRY))
    assert "zhas tolqyn prize of the union of composers of kazakhstan" in values(who, "award")
    assert 'medal "for contribution to the development of national culture"' in {v.lower() for v in who.values("award")}


def test_every_award_pattern_matches_its_example():
    for row in load_tsv("award_patterns.tsv"):
        assert award_patterns().search(row["example"]), row["pattern"]


TRIO = """Saule Nurova (born 1985 in Taraz) is a Kazakh pianist. In Vienna she formed a trio with the bassist Lena Gruber and the drummer Otto Brandl.

Discography
- Ayaz (Kaltklang, 2016) – with Lena Gruber and Otto Brandl
- Solo Nights (self-released, 2019) – solo

Awards
- 2017 – Album of the Year, Vienna Jazz Awards, for Ayaz (shared with the trio)
"""


def test_an_award_for_a_listed_work_goes_to_its_makers(extract):
    doc = extract(TRIO)
    for name in ("Saule Nurova", "Lena Gruber", "Otto Brandl"):
        assert "album of the year vienna jazz awards" in values(person(doc, name), "award"), name


OPERA = """Aida Sarsenova (born 1980 in Taraz) is a Kazakh mezzo-soprano.

Roles
- Olga, Eugene Onegin (2001)
- Amneris, Aida (2004)

Awards and nominations
- 2005 – Second prize, Tulpar Vocal Competition
- 2009 – Golden Mask for Best Female Role (nominated)
"""


def test_a_roles_list_gives_role_and_opera_and_a_nomination_no_award(extract):
    who = main_person(extract(OPERA))
    assert {"olga", "eugene onegin", "amneris", "aida"} <= values(who, "notable_work")
    assert not any("golden mask" in v for v in values(who, "award"))
    assert any("second prize" in v for v in values(who, "award"))
