"""Membership dates read from the membership's sentence: the date nearest before the group, a range,
a date shortly after in the same clause; a birth date in the same sentence is not the membership's."""
from __future__ import annotations

import pytest

from linernotes.kb.exports.periods import dates_in, period, statement_period


@pytest.mark.parametrize("sentence, group, expected", [
    ("He graduated in 1946, and in 1947 joined the Shirvan Trio, with which he toured.", "Shirvan Trio", ("1947", None)),
    ("From 1991 to 2004 she was the principal kobyz player of the Saryarka Orchestra.", "Saryarka Orchestra",
     ("1991", "2004")),
    ("They have performed together as the Usmonov Duo since their marriage in 2004.", "Usmonov Duo", ("2004", None)),
    ("Glass Caravan is an indie rock band formed in Berlin in 2011 by three friends.", "Glass Caravan", ("2011", None)),
    ("She joined the Aurora Quartet, with which she toured Japan in 1999.", "Aurora Quartet", (None, None)),
    ("She is the cellist of the Aurora Quartet.", "Aurora Quartet", (None, None)),
    ("She is the cellist of the Aurora Quartet.", "Silk Road Quartet", (None, None)),
])
def test_period(sentence, group, expected):
    assert period(sentence, group) == expected


def test_dates_in_order_with_precision():
    assert [d[0] for d in dates_in("Born on 3 February 1922, he left in March 1950 and died in 1990.")] == \
        ["1922-02-03", "1950-03", "1990"]


def test_a_date_another_fact_of_the_sentence_holds_is_not_the_membership():
    sentence = "Born in 1960 in Almaty, he joined the Steppe Band."
    member = {"relation": "member_of", "value": "Steppe Band", "evidence": sentence, "document": "a.txt"}
    born = {"relation": "birth_date", "value": "1960", "evidence": sentence, "document": "a.txt"}
    assert statement_period([member], [member, born]) == (None, None)
    assert statement_period([member], [member]) == ("1960", None)  # without the birth fact the year reads as the start
