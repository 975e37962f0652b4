"""Answer questions from the knowledge base, with the sentences that support each answer.

No generative model: a question is read into (what it asks, which relations, about whom,
with what value) using the vocabulary of ``data/question_words.tsv`` and the reference
vocabularies, and answered from stored facts only. When the facts do not answer it, the
answer says so and shows the nearest evidence; it never guesses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..keys import value_key
from ..model import RELATION_TABLE, relations_valued
from ..pipeline.relations.music import UNNAMED_ENSEMBLES
from ..reference import load_tsv, split_cell, vocab
from ..reference.countries import countries
from ..reference.places import Area, area, gazetteer
from ..store import Store, Tx
from ..store.writes import index_terms
from .query import search, sentences

AUXILIARIES = {"did", "does", "do", "is", "was", "are", "were", "has", "have", "had", "can", "could"}
WH_WORDS = {"who", "whom", "whose", "what", "which", "where", "when", "how"}
FILLER = set("""musician musicians people person persons artist artists performer performers anyone anybody someone
somebody the a an at in on of to by for and or any ever many much there also me tell list show all name names us
kb knowledge base s""".split())
#: The kinds of value "where" and "when" ask for ("where did she study": a school).
WHERE_VALUES = {"Place", "Institution"}
WHEN_VALUES = {"Date"}
INSTITUTION_WORDS = {"conservatory", "conservatoire", "university", "academy", "school", "college", "institute", "lyceum"}
#: Words naming a kind of thing, not one thing: "a conservatory", "a band" match any value of that kind.
KIND_WORDS = INSTITUTION_WORDS | UNNAMED_ENSEMBLES | {"bands", "instrument"}
#: Words of a question that are never the value asked about: pronouns, "now", the kind of value asked.
NOT_VALUES = set("""with whom he she his her him hers they their them its it i you now currently still today ever
once first last later recently year years date day country countries city cities place places name called
do does did doing""".split())
YEAR = re.compile(r"\d{4}")
#: Words asking for a date rather than a place ("in what year was X born").
DATE_WORDS = {"year", "date", "day"}
#: Relations whose value is a place or a country: a question about them finds what lies in the place.
PLACE_VALUED = relations_valued("Place", "Country")
#: With no clear trigger word, a value that fits several relations is read as a fact of this group
#: (born, lived, died in X) rather than of a career (performed at, toured X) or a nationality.
PLAIN_READING = "life"


@dataclass(frozen=True)
class Trigger:
    phrase: str
    relations: tuple[str, ...]
    weight: int


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    out = []
    for row in load_tsv("question_words.tsv"):
        relations = tuple(split_cell(row["relations"]))
        unknown = [r for r in relations if r not in RELATION_TABLE]
        if unknown:
            raise ValueError(f"question_words.tsv: {row['phrase']!r} names unknown relation(s) {unknown}")
        out += [Trigger(value_key(phrase), relations, int(row["weight"])) for phrase in split_cell(row["phrase"])]
    return tuple(sorted(out, key=lambda t: -len(t.phrase)))


def phrase_of(relation: str) -> str:
    """How an answer says ``relation`` ("is married to"); a relation the table does not know, as it is."""
    spec = RELATION_TABLE.get(relation)
    return spec.phrase if spec else relation


@dataclass
class Reading:
    """How a question was understood."""

    kind: str  # "people", "count", "values" or "yesno"
    relations: tuple[str, ...] = ()
    person: dict[str, Any] | None = None
    value: str | None = None
    generic: bool = False  # "a conservatory": any value containing it
    partner: bool = False  # "... with": asks for the other people
    at_death: bool = False  # "how old was X when he died": the age from birth and death dates
    unknown_person: str | None = None  # "where does Saule live": a subject the knowledge base does not know
    extra: tuple[str, ...] = ()  # other values the people must also have ("Kazakh" in "Kazakh dombra players")

    def describe(self) -> str:
        parts = [f"asks {self.kind}", "relations " + ", ".join(self.relations or ("?",))]
        if self.person:
            parts.append(f"about {self.person['name']} (#{self.person['id']})")
        if self.value:
            parts.append(f"value {'containing ' if self.generic else ''}{self.value!r}")
        if self.partner:
            parts.append("the other people involved")
        if self.at_death:
            parts.append("the age at death")
        if self.extra:
            parts.append("also having " + ", ".join(repr(v) for v in self.extra))
        if self.unknown_person:
            parts.append(f"about {self.unknown_person!r}, whom the knowledge base does not know")
        return "; ".join(parts)


@dataclass
class Citation:
    person: str
    relation: str
    value: str
    document: str
    evidence: str
    start: int
    end: int
    confidence: float
    person_id: int | None = None

    @classmethod
    def of(cls, fact: dict[str, Any]) -> "Citation":
        return cls(fact["person"], fact["relation"], fact["value"], fact["document"], fact["evidence"],
                   fact["start_char"], fact["end_char"], round(fact["confidence"], 2), fact.get("person_id"))


@dataclass
class Answer:
    question: str
    answered: bool
    text: str
    reading: str
    items: list[str] = field(default_factory=list)
    count: int | None = None
    citations: list[Citation] = field(default_factory=list)
    nearest: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "answered": self.answered, "answer": self.text, "reading": self.reading,
                "items": self.items, "count": self.count, "citations": [c.__dict__ for c in self.citations],
                "nearest": self.nearest}


#: People are counted up to this many; beyond it an answer says "more than 5,000".
COUNT_CAP = 5000


def ask(store: Store, question: str, limit: int = 20) -> Answer:
    """Answer ``question`` from stored facts, citing the sentence and document behind each part."""
    with store.reading() as tx:
        reading = read_question(tx, question)
        answer = _answer(tx, question, reading, limit)
    if not answer.answered:
        answer.nearest = nearest_evidence(store, question, reading)
    return answer


# -- reading the question ---------------------------------------------------------------------------

def read_question(tx: Tx, question: str) -> Reading:
    text = question.strip().rstrip("?!. ").strip()
    words = text.split()
    first = words[0].lower() if words else ""
    person, rest = _find_person(tx, text)
    folded = f" {value_key(rest)} "
    matched: list[Trigger] = []
    for trigger in triggers():
        needle = f" {trigger.phrase} "
        if needle in folded:
            matched.append(trigger)
            folded = folded.replace(needle, " | ", 1)
    leftover = [w for w in folded.split() if w != "|"]
    partner = "with" in leftover or "whom" == first and any(t.relations == ("collaborator",) for t in matched)
    candidates = _value_phrases(rest, matched)
    value, generic = _fitting_value(tx, candidates, matched)
    extra = tuple(v for v, _ in candidates if v != value)
    lowered = value_key(text)
    if lowered.startswith("how many"):
        kind = "count"
    elif first in AUXILIARIES:
        kind = "yesno" if person else "people"
    elif person or first in ("where", "when") or lowered.startswith("how old"):
        kind = "values"  # these ask a value of someone: without a person they cannot list people
    else:
        kind = "people"
    relations = _relations(tx, matched, first, lowered, value, person, text)
    at_death = lowered.startswith("how old") and relations == ("birth_date", "death_date")
    unknown = _unknown_subject(text) if person is None else None
    if unknown and value and value_key(value) == value_key(unknown):
        value, generic, kind = None, False, "values" if kind == "people" else kind
    else:
        unknown = None
    return Reading(kind, relations, person, value, generic, partner and person is not None, at_death, unknown,
                   extra if kind in ("people", "count") else ())


def _fitting_value(tx: Tx, candidates: list[tuple[str, bool]], matched: list[Trigger]) -> tuple[str | None, bool]:
    """Of the values a question names, the one its trigger words ask about: "which Kazakh musicians play
    the dombra" asks who plays the dombra (and, of them, who is Kazakh)."""
    asked = {r for t in matched for r in t.relations}
    for value, generic in candidates:
        if asked & set(_value_relations(tx, value)):
            return value, generic
    return candidates[0] if candidates else (None, False)


#: "Where does Saule live", "When was X born", "Did X play", "Which label is X on": the name after the
#: auxiliary is who the question is about, not a value, even when the knowledge base does not know them.
SUBJECT = re.compile(r"^(?:(?:where|when|what|which|whom|how)\b[^?]*?\s)?(?:%s)\s+((?:[A-Z][\w'’.-]*\s*)+)"
                     % "|".join(sorted(AUXILIARIES)), re.IGNORECASE)


def _unknown_subject(text: str) -> str | None:
    match = SUBJECT.match(text)
    if not match:
        return None
    words = match.group(1).split()
    if not all(w[:1].isupper() for w in words):  # IGNORECASE let a lower-case word in
        words = words[:next(i for i, w in enumerate(words) if not w[:1].isupper())]
    name = re.sub(r"['’]s$", "", " ".join(words)).strip()
    return name or None


def _find_person(tx: Tx, text: str) -> tuple[dict[str, Any] | None, str]:
    """The known person the question names (longest run of capitalised words that is a name)."""
    tokens = list(re.finditer(r"[^\W\d_][\w'’.-]*", text))
    runs, current = [], []
    for i, token in enumerate(tokens):
        word = token.group()
        capital = word[0].isupper() and not (i == 0 and word.lower() in WH_WORDS | AUXILIARIES)
        if capital:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in runs:
        for size in range(len(run), 0, -1):
            for begin in range(0, len(run) - size + 1):
                part = run[begin:begin + size]
                start, end = part[0].start(), part[-1].end()
                after = run[begin + size] if begin + size < len(run) else None
                if after is not None and value_key(after.group()) in UNNAMED_ENSEMBLES:
                    continue  # "the Usmonov Duo" names an ensemble, not Usmonov
                name = re.sub(r"['’]s$", "", text[start:end])
                found = _prefer_exact(tx.people_named(name), name)
                if len(found) == 1:
                    return found[0], text[:start] + " " + text[end:]
    return None, text


def _prefer_exact(found: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Of people whose names fold alike (Talo/Tallo), the one spelled exactly as asked, if there is one."""
    if len(found) > 1:
        exact = [p for p in found if value_key(p["name"]) == value_key(name)]
        return exact or found
    return found


def _value_phrases(rest: str, matched: list[Trigger]) -> list[tuple[str, bool]]:
    """The values a question names (and whether each is a kind, "a conservatory"): runs of words, between
    trigger and filler words, that look like values. Other words left over ("what prizes has X received",
    "where does X live now") are not values."""
    trigger_words = {w for t in matched for w in t.phrase.split()}
    runs: list[tuple[list[re.Match[str]], str]] = []  # (tokens, the word before them)
    kept: list[re.Match[str]] = []
    previous = ""
    first_word = re.search(r"[\w'’-]+", rest)
    first_at = first_word.start() if first_word else -1
    for token in re.finditer(r"[\w'’-]+", rest):
        low = value_key(token.group())
        if kept and _capitalised(kept[-1], first_at) and _capitalised(token, first_at):
            kept.append(token)  # a name goes on through a trigger word: "the Moscow Conservatory", "Silk Road Quartet"
            continue
        if low in FILLER or low in trigger_words or low in WH_WORDS or low in AUXILIARIES or low in NOT_VALUES:
            if kept:
                runs.append((kept, previous))
                kept = []
            previous = low
            continue
        kept.append(token)
    if kept:
        runs.append((kept, previous))
    out = []
    for tokens, before in runs:
        value = " ".join(t.group() for t in tokens)
        if _looks_like_value(value, tokens, first_at):
            out.append((value, before in ("a", "an", "any") or value_key(value) in KIND_WORDS))
    return out


def _capitalised(token: re.Match[str], first_at: int) -> bool:
    return token.group()[:1].isupper() and token.start() != first_at


def _looks_like_value(value: str, tokens: list[re.Match[str]], first_at: int) -> bool:
    """A name (capitalised, other than the question's first word), or a term of a vocabulary."""
    if any(_capitalised(t, first_at) for t in tokens) or YEAR.fullmatch(value):
        return True
    if value_key(value) in KIND_WORDS:
        return True
    return any(v.get(value) for v in (vocab.instruments(), vocab.genres(), vocab.occupations(), vocab.institutions()))


def _value_relations(tx: Tx, value: str | None) -> tuple[str, ...]:
    """Relations a value can belong to, from the reference vocabularies, else from the facts that name it
    ("Glass Caravan" is what people founded or belong to)."""
    if not value:
        return ()
    if YEAR.fullmatch(value):
        return relations_valued("Date")
    if vocab.instruments().get(value):
        return relations_valued("Instrument")
    if vocab.genres().get(value):
        return relations_valued("Genre")
    if vocab.institutions().get(value) or set(value_key(value).split()) & INSTITUTION_WORDS:
        return relations_valued("Institution")
    if vocab.occupations().get(value):
        return relations_valued("Occupation")
    if value[:1].isupper() and gazetteer().lookup(value):
        return relations_valued("Place", "Country")
    if value[:1].isupper():
        return tuple(dict.fromkeys(f["relation"] for f in tx.facts_where(tuple(RELATION_TABLE), value=value, limit=50)))
    return ()


def _relations(tx: Tx, matched: list[Trigger], first: str, lowered: str, value: str | None, person, text: str) -> tuple[str, ...]:
    relations: tuple[str, ...] = ()
    top = max((t.weight for t in matched), default=0)
    if matched:
        relations = tuple(dict.fromkeys(r for t in matched if t.weight == top for r in t.relations))
        for t in matched:
            narrower = tuple(r for r in relations if r in t.relations)
            if t.weight < top and narrower:
                relations = narrower
    typed = _value_relations(tx, value)
    if typed:
        overlap = tuple(r for r in relations if r in typed)
        if overlap:
            relations = overlap
        elif top <= 2 and not YEAR.fullmatch(value):  # a year alone asks nothing; "released in 2004" is no birth
            relations = tuple(r for r in typed if RELATION_TABLE[r].group == PLAIN_READING) or typed
    if {"student_of", "teacher_of"} <= set(relations):
        relations = (_teaching_direction(lowered, person, text, matched),)
    if "member_of" in relations and "founded" not in relations:
        relations += ("founded",)  # who founded an ensemble is in it
    if first == "where":
        relations = tuple(r for r in relations if WHERE_VALUES & set(RELATION_TABLE[r].values)) or relations
    elif first == "when" or DATE_WORDS & set(lowered.split()):
        relations = tuple(r for r in relations if WHEN_VALUES & set(RELATION_TABLE[r].values)) or relations
    elif lowered.startswith("how old"):
        died = any("death_date" in t.relations for t in matched)
        relations = ("birth_date", "death_date") if died else ("age", "birth_date")
    elif first == "what" and relations == ("educated_at",):
        relations = ("field_of_study", "educated_at")
    return relations


def _teaching_direction(lowered: str, person, text: str, matched: list[Trigger]) -> str:
    """"Who taught X" / "X's teacher" ask X's student_of; "whom did X teach" / "X's students" its teacher_of;
    "whom did X study under" X's student_of, "who learned from X" X's teacher_of."""
    words = lowered.split()
    if any(w in ("teacher", "teachers", "mentor") for w in words):
        return "student_of"
    if any(w in ("student", "students", "pupil", "pupils") for w in words):
        return "teacher_of"
    learner_verb = any(t.weight > 3 and {"student_of", "teacher_of"} <= set(t.relations) for t in matched)
    if person is None:
        return "student_of" if learner_verb else "teacher_of"
    name_at = value_key(text).find(value_key(person["name"]).split()[0])
    verbs = [t.phrase for t in matched if t.weight > 3] if learner_verb else ["teach", "taught", "mentor"]
    verb_at = min((lowered.find(w) for w in verbs if w in lowered), default=-1)
    subject = 0 <= name_at < verb_at  # X does the verb: X teaches, or X learned
    return ("student_of" if subject else "teacher_of") if learner_verb else ("teacher_of" if subject else "student_of")


# -- answering --------------------------------------------------------------------------------------

def _answer(tx: Tx, question: str, reading: Reading, limit: int) -> Answer:
    described = reading.describe()
    if not reading.relations:
        return Answer(question, False, "I could not tell what this question asks about; try naming a relation "
                      "(plays, born, studied, band, worked with...).", described)
    if reading.kind in ("people", "count"):
        return _answer_people(tx, question, reading, limit, described)
    if reading.person is None:
        if reading.unknown_person:
            return Answer(question, False, f"I could not find anyone named {reading.unknown_person!r} in the knowledge "
                          "base.", described)
        return Answer(question, False, "I could not find the person this question names in the knowledge base.", described)
    if reading.partner:
        return _answer_partners(tx, question, reading, limit, described)
    facts = _person_facts(tx, reading)
    name = reading.person["name"]
    if reading.at_death:
        return _answer_age_at_death(question, reading, facts, described)
    if reading.kind == "yesno":
        if not facts:
            return Answer(question, False, f"The knowledge base does not say that {name} did; nothing stated either way.",
                          described)
        values = list(dict.fromkeys(_shown(f["value"]) for f in facts))
        return Answer(question, True, f"Yes: {name} {phrase_of(facts[0]['relation'])} "
                      + _join(values) + ".", described, values, len(values), [Citation.of(f) for f in facts[:limit]])
    if not facts:
        return Answer(question, False, f"The knowledge base has no {' or '.join(reading.relations)} for {name}.", described)
    parts = []
    for relation in reading.relations:
        values = list(dict.fromkeys(f["value"] for f in facts if f["relation"] == relation))
        if values:
            parts.append(f"{name} {phrase_of(relation)} {_join([_shown(v) for v in values])}")
    values = list(dict.fromkeys(f["value"] for f in facts))
    return Answer(question, True, "; ".join(parts) + ".", described, values, len(values),
                  [Citation.of(f) for f in facts[:limit]])


def _answer_age_at_death(question: str, reading: Reading, facts: list[dict[str, Any]], described: str) -> Answer:
    """The age at death, from the most precise birth and death dates the facts give (both cited)."""
    name = reading.person["name"]
    birth = _most_precise(facts, "birth_date")
    death = _most_precise(facts, "death_date")
    if birth is None or death is None:
        missing = " and ".join(r for r, f in (("birth date", birth), ("death date", death)) if f is None)
        return Answer(question, False, f"The knowledge base has no {missing} for {name}, so no age at death.", described)
    years = age_between(birth["value"], death["value"])
    if years is None:
        return Answer(question, False, f"The dates given for {name} do not fit together.", described)
    low, high = years
    said = str(low) if low == high else f"{low} or {high}"
    return Answer(question, True, f"{name} was {said} at death (born {birth['value']}, died {death['value']}).",
                  described, [said], None, [Citation.of(birth), Citation.of(death)])


def _most_precise(facts: list[dict[str, Any]], relation: str) -> dict[str, Any] | None:
    dated = [f for f in facts if f["relation"] == relation and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", f["value"])]
    return max(dated, key=lambda f: (len(f["value"]), f["confidence"]), default=None)


def age_between(birth: str, death: str) -> tuple[int, int] | None:
    """The age reached between two ISO dates (``1931-05-14``, ``1998``): exact when both give the day,
    else the two ages it can be. ``None`` when the second is before the first."""
    b, d = [tuple(int(x) for x in v.split("-")) for v in (birth, death)]
    years = d[0] - b[0]
    if len(b) == 3 and len(d) == 3:
        exact = years - ((d[1], d[2]) < (b[1], b[2]))
        return (exact, exact) if exact >= 0 else None
    if len(b) >= 2 and len(d) >= 2 and b[1] != d[1]:
        exact = years - (d[1] < b[1])
        return (exact, exact) if exact >= 0 else None
    return (years - 1, years) if years > 0 else ((0, 0) if years == 0 else None)


def _person_facts(tx: Tx, reading: Reading) -> list[dict[str, Any]]:
    pid = reading.person["id"]
    if reading.value and not _is_kind_word(reading.value):
        facts = tx.facts_where(reading.relations, value=_place_area(reading) or _canonical(reading.value), person_id=pid)
        return facts or tx.facts_where(reading.relations, contains=reading.value, person_id=pid)
    return tx.facts_where(reading.relations, person_id=pid)


def _answer_people(tx: Tx, question: str, reading: Reading, limit: int, described: str) -> Answer:
    conditions = _conditions(reading)
    facts = tx.facts_where(reading.relations, **conditions, limit=COUNT_CAP if reading.extra else limit * 3)
    if not facts and "value" in conditions:  # as asked, then by its canonical name, then containing it
        for conditions in ({"value": _canonical(reading.value)}, {"contains": reading.value}):
            facts = tx.facts_where(reading.relations, **conditions, limit=COUNT_CAP if reading.extra else limit * 3)
            if facts:
                break
    for extra in reading.extra:  # "Kazakh dombra players": of the dombra players, the Kazakh ones
        having = _people_having(tx, extra)
        facts = [f for f in facts if f["person_id"] in having]
    if not facts:
        said = " or ".join(dict.fromkeys(phrase_of(r) for r in reading.relations))
        what = f" {'anything containing ' if reading.generic else ''}{reading.value!r}" if reading.value else " anything"
        return Answer(question, False, f"No one in the knowledge base {said}{what}, as far as its documents say.",
                      described, [], 0)
    if reading.extra:
        count = len({f["person_id"] for f in facts})
    else:
        count = tx.count_people_upto(reading.relations, conditions.get("value"), conditions.get("contains"), COUNT_CAP)
    counted = f"more than {COUNT_CAP:,}" if count > COUNT_CAP else str(count)
    by_person: dict[int, dict[str, Any]] = {}
    for fact in facts:
        by_person.setdefault(fact["person_id"], fact)
    names = [f["person"] for f in by_person.values()][:limit]
    more = f" (showing {len(names)})" if count > len(names) else ""
    if reading.kind == "count":
        text = f"{counted} {'person' if count == 1 else 'people'}: {_join(names)}{more}."
    else:
        text = f"{_join(names)}{more}."
    return Answer(question, True, text, described, names, count, [Citation.of(f) for f in list(by_person.values())[:limit]])


def _people_having(tx: Tx, value: str) -> set[int]:
    """People with a fact naming ``value``; for a demonym ("Russian"), also the nationals of its country."""
    having = {f["person_id"] for f in tx.facts_where(tuple(RELATION_TABLE), contains=value, limit=COUNT_CAP)}
    country = countries().by_adjective(value)
    if country:
        nationals = tx.facts_where(("nationality",), value=area(country.name) or country.name, limit=COUNT_CAP)
        having |= {f["person_id"] for f in nationals}
    return having


def _conditions(reading: Reading) -> dict[str, str | Area]:
    """How to match the value asked about: exactly (canonical name), by containment, or any value."""
    if not reading.value or (reading.generic and _is_kind_word(reading.value) and not
                             set(reading.relations) & {"educated_at"}):
        return {}
    if reading.generic or YEAR.fullmatch(reading.value):
        return {"contains": reading.value}  # a year is in the dates of that year (1979-03-12)
    return {"value": _place_area(reading) or reading.value}


def _place_area(reading: Reading) -> Area | None:
    """The area a question about places names: "born in Kazakhstan" (or KZ, or the Kazakh SSR) is
    answered by a birth in Almaty, and "born in Alma-Ata" by one in Almaty."""
    if reading.value and set(reading.relations) & set(PLACE_VALUED):
        return area(reading.value)
    return None


def _answer_partners(tx: Tx, question: str, reading: Reading, limit: int, described: str) -> Answer:
    """"Who did X form a band with": the people who share X's ensemble, or are named in the same statement."""
    own = tx.facts_where(reading.relations, person_id=reading.person["id"])
    found: dict[int, dict[str, Any]] = {}
    for fact in own:
        for other in tx.facts_sharing(fact, reading.relations + ("collaborator",)):
            if other["person_id"] not in (None, reading.person["id"]):
                found.setdefault(other["person_id"], other)
    if "collaborator" in reading.relations:
        stated = tx.facts_where(("collaborator",), person_id=reading.person["id"])
        for fact in stated:
            key = fact["object_person_id"] or fact["value"]
            found.setdefault(key, {**fact, "person": fact["value"]})
        named = {f["person"] for f in found.values()}
        for fact in stated:  # "collaborated with A and with the producer B": B is named in the same statement
            for other in tx.facts_sharing({**fact, "entity_id": None}, RELATION_TABLE):
                if other["person_id"] not in (None, reading.person["id"]) and other["person"] not in named:
                    found.setdefault(other["person_id"], other)  # cited by B's own fact from that sentence
                    named.add(other["person"])
    name = reading.person["name"]
    if not found:
        return Answer(question, False, f"The knowledge base names no one who shares this with {name}.", described)
    names = list(dict.fromkeys(f["person"] for f in found.values()))[:limit]
    citations = [Citation.of(f) for f in list(found.values())[:limit]]
    return Answer(question, True, f"{_join(names)}.", described, names, len(names), citations)


def _is_kind_word(value: str) -> bool:
    return value_key(value) in KIND_WORDS


def _canonical(value: str) -> str:
    for vocabulary in (vocab.instruments(), vocab.genres(), vocab.occupations(), vocab.institutions()):
        term = vocabulary.get(value)
        if term:
            return term.name
    return value


def _shown(value: str) -> str:
    """A value as a sentence shows it: an unnamed ensemble gets its article ("founded a band")."""
    return f"a {value}" if value in UNNAMED_ENSEMBLES else value


def _join(values: list[str]) -> str:
    values = list(values)
    if len(values) <= 2:
        return " and ".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def nearest_evidence(store: Store, question: str, reading: Reading | None = None, limit: int = 3) -> list[dict[str, Any]]:
    """The sentences closest to what an unanswered question asks: from the documents that describe the
    person it names (else those a word search finds), ranked by the words of the relations it asks about
    ("marriage" for "husband"), then by its own words; the earlier sentence first on a tie."""
    relations = set(reading.relations) if reading else set()
    relation_words = _stems(w for t in triggers() if relations & set(t.relations) for w in t.phrase.split())
    asked = _stems(index_terms(question))
    with store.reading() as tx:
        if reading and reading.person:
            asked -= _stems(index_terms(reading.person["name"]))  # every sentence about them names them
            names = sorted({f["document"] for f in tx.facts_where(tuple(RELATION_TABLE), person_id=reading.person["id"])})
        else:
            names = [hit.document for hit in search(store, question, limit=5)]
        documents = [d for d in (tx.document(name) for name in names) if d]
    scored = []
    for document in documents:
        for start, end, sentence in sentences(document["text"]):
            words = _stems(index_terms(sentence))
            rank = (len(words & relation_words), len(words & asked))
            if any(rank):
                scored.append((rank, -start, document["name"], sentence, end))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [{"document": name, "sentence": sentence, "start": -neg, "end": end}
            for _, neg, name, sentence, end in scored[:limit]]


SUFFIXES = ("ing", "ed", "es", "er", "s")


def _stems(words) -> set[str]:
    """Words without a common ending, cut to five letters: "married" meets "marriage", "plays" "player"."""
    out = set()
    for word in words:
        word = value_key(word)
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[:-len(suffix)]
                break
        if len(word) > 2:
            out.add(word[:5])
    return out
