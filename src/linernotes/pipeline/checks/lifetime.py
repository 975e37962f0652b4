"""Checks against a person's own life: events before the birth or after the death, ages the birth year contradicts."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from spacy.tokens import Doc

from ...dates import YEAR, year_of
from ...model import Check
from ..check import check_rule, finding
from ..layout import spans_of
from ..recognise import SPAN_KEY
from ..syntax import person_of

AGE_AT = re.compile(r"\b(?:at the age of|aged|at age)\s+(\d{1,3})\b|\b(\d{1,3})[- ]years?[- ]old\b")
ACTIVE = {"perform", "play", "give", "record", "release", "tour", "sing", "appear", "conduct", "compose", "write", "found",
          "form", "join", "graduate", "study", "win", "receive", "teach", "marry", "move", "premiere", "debut"}
POSTHUMOUS = ("posthum", "after his death", "after her death", "in memory", "tribute", "memorial", "in honour", "in honor")


def _person_years(doc: Doc, relation: str) -> dict[int, tuple[int, object]]:
    out = {}
    for fact in doc._.ln_facts or []:
        if fact.candidate.relation == relation and year_of(fact.candidate.value) and fact.person not in out:
            out[fact.person] = (year_of(fact.candidate.value), fact.candidate)
    return out


@check_rule("linernotes.dates_and_ages.v1", codes=("date-inconsistency", "age-inconsistency"))
def dates_and_ages(doc: Doc) -> Iterator[Check]:
    """Events before birth or after death; a stated age that the birth year contradicts."""
    refs = doc._.ln_refs or {}
    births, deaths = _person_years(doc, "birth_date"), _person_years(doc, "death_date")
    for person, (died, cand) in deaths.items():
        if person in births and died < births[person][0]:
            yield finding("date-inconsistency", f"died in {died}, before being born in {births[person][0]}",
                          cand.value, cand.start, cand.end, cand.anchor.sent)
    # What is asked of a date's sentence is asked once per sentence, not once per date in it: a long
    # list sentence holds thousands of dates, and reading it whole for each was quadratic. (So is
    # ``date.sent``, which walks out to both ends of the sentence: the sentences are listed once.)
    sentences: dict[int, tuple[str, bool, re.Match | None]] = {}
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    sent_starts = [s.start for s in sents]
    for date in (s for s in spans_of(doc, SPAN_KEY) if s.label_ == "Date"):
        match = YEAR.search(date.text)
        if not match:
            continue
        year = int(match.group(1))
        sent = sents[bisect_right(sent_starts, date.start) - 1] if sents else date.sent
        if sent.start not in sentences:
            sent_text = sent.text
            sentences[sent.start] = (sent_text, any(t.lower_ in ("born", "died", "death") for t in sent),
                                     AGE_AT.search(sent_text))
        sent_text, life_word, age = sentences[sent.start]
        if life_word and not age:
            continue
        owner = person_of(date.root, refs)
        if len(owner.people) != 1:
            continue
        person = owner.people[0]
        verb = date.root.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        active = verb.lemma_.lower() in ACTIVE
        start, end = date.start_char + match.start(1), date.start_char + match.end(1)
        if person in births and active and year < births[person][0]:
            yield finding("date-inconsistency", f"{year} is before the birth year {births[person][0]}",
                          str(year), start, end, sent)
        if person in deaths and active and year > deaths[person][0] and not any(p in sent_text.lower() for p in POSTHUMOUS):
            yield finding("date-inconsistency", f"{year} is after the death year {deaths[person][0]}",
                          str(year), start, end, sent)
        if age and person in births:
            stated = int(age.group(1) or age.group(2))
            expected = year - births[person][0]
            if abs(expected - stated) > 1:
                yield finding("age-inconsistency",
                              f"born in {births[person][0]}, so about {expected} in {year}, not {stated}",
                              str(stated), sent.start_char + age.start(), sent.start_char + age.end(), sent)
