"""When a membership began and ended (or a group was founded), read from the sentence that says it:
"in 1947 joined the Shirvan Mugham Trio", "From 1991 to 2004 she was ... of the Saryarka Folk Orchestra",
"the Usmonov Duo since their marriage in 2004", "formed in Berlin in 2011".

The date is the one nearest before the group's name, else one shortly after it in the same clause; a
date that is the value of another of the sentence's facts (a birth date) is not the membership's.
Exports that can be reviewed (JSON-LD, MusicBrainz) carry these dates; QuickStatements do not.
"""
from __future__ import annotations

import re
from typing import Iterable

from ...dates import parse_date
from ...model import DATE_RELATIONS

#: How far after the group's name a date may be and still be its start ("formed in Berlin in 2011").
AFTER = 60
_UNTIL = re.compile(r"\s*(?:to|until|till|through|–|—|-)\s*", re.I)


def dates_in(text: str) -> list[tuple[str, int, int]]:
    """Every date of ``text`` as (ISO, start, end), in order."""
    out, at = [], 0
    while True:
        found = parse_date(text[at:])
        if found is None:
            return out
        iso, start, end = found
        out.append((iso, at + start, at + end))
        at += end


def period(sentence: str, value: str, taken: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """(begin, end) of the membership of ``value`` that ``sentence`` states; None where it says none."""
    where = sentence.find(value)
    if where < 0:
        return None, None
    taken = set(taken)
    dates = [d for d in dates_in(sentence) if d[0] not in taken]
    before = [d for d in dates if d[2] <= where]
    after = [d for d in dates if d[1] >= where + len(value) and d[1] - (where + len(value)) <= AFTER
             and not re.search(r"[,;:()]", sentence[where + len(value):d[1]])]
    chosen = before[-1] if before else after[0] if after else None
    if chosen is None:
        return None, None
    for first, second in zip(dates, dates[1:]):  # a range, "from 1991 to 2004", whichever end was chosen
        until = _UNTIL.fullmatch(sentence[first[2]:second[1]])
        if until and chosen in (first, second):
            return first[0], second[0]
    return chosen[0], None


def statement_period(facts: list[dict], person_facts: list[dict]) -> tuple[str | None, str | None]:
    """The period the first of a statement's sentences that dates it gives; the dates of the person's
    other facts in that sentence (born 1960) are not the membership's."""
    for fact in facts:
        taken = [f["value"] for f in person_facts if f["evidence"] == fact["evidence"]
                 and f["document"] == fact["document"] and f["relation"] in DATE_RELATIONS]
        begin, end = period(fact["evidence"], fact["value"], taken)
        if begin:
            return begin, end
    return None, None
