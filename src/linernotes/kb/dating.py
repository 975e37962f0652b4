"""When a fact happened, read from its own sentence: the date of the clause that states it.

A sentence often carries several dates ("In 2019 they toured Germany, and in 2021 performed in
Budapest"; "Paper Borders (2013) was followed by Night Trains to Osh (2016)"); each fact takes the
one that belongs to it, not the sentence's first:

- a year in brackets right after the value is the value's own ("Kulan's Run" (1958)), and nobody
  else's: a bracketed year after another value is not a date for this one;
- else a date in the value's own clause (clauses end at , ; and "and"), the nearest before it,
  else the first after it ("received the Order of Kurmet in 2010");
- else the nearest date before the value in the sentence ("In 2019 they toured Germany, Poland");
- the end of a period ("from 1991 to 2004") stands for its start;
- from a date in an earlier clause, "the following year", "two years later" in the value's clause (or
  the next) count on;
- a date that is the value of another of the sentence's facts (a birth date) dates nothing else, and
  a fact whose sentence has no date of its own has none: no date from another sentence.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..dates import year_of
from .exports.periods import dates_in

_CLAUSE_END = re.compile(r"[;,]|\s(?:and|but|while|whereas|where|which|who|before|after)\s", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}
_LATER = re.compile(r"\b(?:the\s+(?:following|next)\s+year|(a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
                    r"\s+years?\s+later)\b", re.I)
_OWN_BRACKET = re.compile(r"[\"”’']?\s*\(\s*$")  # between a value and the year in brackets after it
_UNTIL = re.compile(r"\s*(?:to|until|till|through|–|—|-)\s*", re.I)  # "from 1991 to 2004": a period


def _bracketed(sentence: str, start: int, end: int) -> bool:
    """Whether a date stands in brackets, alone or in a range: "(2013)", "(1950–2019)"."""
    opened = sentence.rfind("(", 0, start)
    closes = sentence.find(")", end)
    return opened > sentence.rfind(")", 0, start) and closes >= 0 and "(" not in sentence[end:closes] \
        and start - opened <= 20 and closes - end <= 20


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``sentence`` around ``start``..``end`` between clause boundaries."""
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(sentence, end)), len(sentence))
    return left, right


def _find(sentence: str, values: Iterable[str]) -> Optional[tuple[int, int]]:
    lowered = sentence.lower()
    for value in values:
        if value:
            where = lowered.find(value.lower())
            if where >= 0:
                return where, where + len(value)
    return None


def fact_date(sentence: str, values: Iterable[str], taken: Iterable[str] = (), clause_only: bool = False
              ) -> Optional[str]:
    """The ISO date ``sentence`` gives the fact whose value is one of ``values`` (as written there);
    ``taken``: dates that are other facts' values; ``clause_only``: only a date of the value's own
    clause (or bracketed after it). None when the sentence dates it not."""
    span = _find(sentence, values)
    if span is None:
        return None
    start, end = span
    taken = set(taken)
    dates = [d for d in dates_in(sentence) if d[0] not in taken]
    for iso, d_start, d_end in dates:  # the value's own bracketed year
        if _OWN_BRACKET.fullmatch(sentence[end:d_start]) and _bracketed(sentence, d_start, d_end):
            return iso
    dates = [d for d in dates if not _bracketed(sentence, d[1], d[2])]  # someone else's bracketed year
    left, right = _clause(sentence, start, end)
    before = [d for d in dates if left <= d[1] and d[2] <= start]
    after = [d for d in dates if d[1] >= end and d[2] <= right]
    chosen = before[-1] if before else after[0] if after else None
    if chosen is None and not clause_only:
        earlier = [d for d in dates if d[2] <= start]
        chosen = earlier[-1] if earlier else None
    if chosen is None:
        return None
    index = dates.index(chosen)
    if index and _UNTIL.fullmatch(sentence[dates[index - 1][2]:chosen[1]]):
        chosen = dates[index - 1]  # a period's end: the event began at its start
    if left <= chosen[1] < right:
        return chosen[0]  # the value's own clause dates it
    # A date from an earlier clause, "…, which released it the following year": counted on.
    further = next((m.start() for m in _CLAUSE_END.finditer(sentence, right + 1)), len(sentence))
    later = _LATER.search(sentence, left, further)
    if later:
        count = later.group(1)
        step = 1 if count is None else int(count) if count.isdigit() else _NUMBERS[count.lower()]
        return str(year_of(chosen[0]) + step)
    return chosen[0]
