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
])
def test_partner_shapes(extract, text, partner):
    doc = extract(LEAD + text)
    assert partner in values(person(doc, "Dina Sarsenova"), "collaborator")


def test_a_stage_name_with_the_own_name_in_brackets_is_one_person(extract):
    doc = extract(LEAD + "Her second album includes a duet with the rapper Aq Bura (Nurlan Sadykov).")
    nurlan = person(doc, "Nurlan Sadykov")
    assert "Aq Bura" in nurlan.aliases
    assert values(nurlan, "collaborator") == {"dina sarsenova"}
