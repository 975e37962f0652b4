"""Parsing the dates biographies write into ISO strings, with offsets of the date in the text."""
from __future__ import annotations

import pytest

from linernotes.dates import parse_date, year_of


@pytest.mark.parametrize("text,expected", [
    ("12 March 1987", ("1987-03-12", 0, 13)),
    ("12 march 1987", ("1987-03-12", 0, 13)),
    ("12th March 1987", ("1987-03-12", 0, 15)),
    ("March 12, 1987", ("1987-03-12", 0, 14)),
    ("May 5th, 1999", ("1999-05-05", 0, 13)),
    ("born on 3rd Feb. 2001 in Osh", ("2001-02-03", 8, 21)),
    ("July 1969", ("1969-07", 0, 9)),
    ("Sept. 1990", ("1990-09", 0, 10)),
    ("In Mar 1999 she left", ("1999-03", 3, 11)),
    ("in 1975", ("1975", 3, 7)),
    ("in 2024", ("2024", 3, 7)),
])
def test_forms(text, expected):
    assert parse_date(text) == expected
    iso, start, end = expected
    assert parse_date(text[start:end])[0] == iso


def test_offsets_point_at_the_date():
    text = "Kairat Nurpeisov (born 7 November 1952) was a kobyz player."
    iso, start, end = parse_date(text)
    assert iso == "1952-11-07"
    assert text[start:end] == "7 November 1952"


def test_the_first_date_wins():
    assert parse_date("from 1990 to 12 May 1995") == ("1990", 5, 9)
    assert parse_date("on 2 June 1998, not 1999") == ("1998-06-02", 3, 14)


def test_impossible_day_falls_back_to_the_month():
    assert parse_date("45 March 1987") == ("1987-03", 3, 13)


def test_day_beyond_the_month_length():
    assert parse_date("31 February 1990")[0] == "1990-02"


@pytest.mark.parametrize("text", ["no date here", "1234", "at the age of 15", "in the 1980s", "room 101", ""])
def test_no_date(text):
    assert parse_date(text) is None


def test_year_of():
    assert year_of("1987-03-12") == 1987
    assert year_of("1987") == 1987
    assert year_of("") is None
    assert year_of(None) is None
    assert year_of("March") is None
