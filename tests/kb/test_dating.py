"""Each fact dated by its own clause of its own sentence, not by the sentence's first date."""
from __future__ import annotations

import pytest

from linernotes.kb.dating import fact_date

ALBUMS = 'The debut album, "Paper Borders" (2013), was followed by "Night Trains to Osh" (2016), on which he plays a komuz.'
TOURS = "In 2019 they toured Germany, Poland and the Netherlands, and in 2021 the duo performed at the Sziget Festival."
LABEL = ('After a self-released EP, "Red Dawn" (2015), they signed to the label Eastbound Records in 2017 and released '
         'the album "Zhel" the following year.')
WORKS = 'He recorded for the label Melodiya; his best-known works are "Kulan\'s Run" (1958) and "Seven Rivers" (1975).'
PRIZES = "She won the Kurmangazy Prize in 1999 and received the Order of Kurmet in 2010."
PERIOD = "From 1991 to 2004 she played in the Saryarka Folk Orchestra, with which she toured Japan."
COUPLE = "Anil Deshmukh (1950–2019) and his wife Priya Deshmukh were among the best-known couples."


@pytest.mark.parametrize("sentence, value, expected", [
    (ALBUMS, "Paper Borders", "2013"), (ALBUMS, "Night Trains to Osh", "2016"), (ALBUMS, "komuz", None),
    (TOURS, "Germany", "2019"), (TOURS, "Netherlands", "2019"), (TOURS, "Sziget Festival", "2021"),
    (LABEL, "Red Dawn", "2015"), (LABEL, "Eastbound Records", "2017"), (LABEL, "Zhel", "2018"),
    (WORKS, "Melodiya", None), (WORKS, "Kulan's Run", "1958"), (WORKS, "Seven Rivers", "1975"),
    (PRIZES, "Kurmangazy Prize", "1999"), (PRIZES, "Order of Kurmet", "2010"),
    (PERIOD, "Saryarka Folk Orchestra", "1991"), (PERIOD, "Japan", "1991"),
    (COUPLE, "Priya Deshmukh", None),  # the brackets' dates are Anil's own
    ("In 1996 she signed to Dala Records, which released her album, \"Voices\", two years later.", "Voices", "1998"),
])
def test_a_fact_takes_the_date_of_its_own_clause(sentence, value, expected):
    assert fact_date(sentence, [value]) == expected


def test_a_date_that_is_another_facts_value_dates_nothing_else():
    sentence = "Sydykov, who was born in Bishkek in 1986, came to Berlin to study."
    assert fact_date(sentence, ["Berlin"]) == "1986"  # only the sentence's date, from another clause
    assert fact_date(sentence, ["Berlin"], taken=["1986"]) is None  # but it is the birth's
    assert fact_date(sentence, ["Bishkek"], clause_only=True) == "1986"  # the birthplace's own clause
    assert fact_date(sentence, ["Berlin"], clause_only=True) is None
    assert fact_date(sentence, ["Almaty"]) is None  # not in the sentence: no date from anywhere else
