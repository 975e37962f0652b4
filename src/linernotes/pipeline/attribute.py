"""Stage 3, attribute: group Person mentions into people and resolve pronouns to them.

Sets ``doc._.ln_people`` (a list of :class:`PersonCluster`) and ``doc._.ln_refs``
(token index -> tuple of cluster indexes: one for "he"/"Vivaan", several for "they").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..reference import fold
from ..reference.vocab import kinship
from .recognise import SPAN_KEY, nickname_in
from .layout import text_of, tokens_of, tokens_with, spans_of
from ..reference.lexicons import lexicon
from .syntax import is_occupation

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
GENDER_NOUNS = {
    "man": "male", "boy": "male", "gentleman": "male", "son": "male", "husband": "male", "father": "male", "brother": "male",
    "woman": "female", "girl": "female", "lady": "female", "daughter": "female", "wife": "female", "mother": "female", "sister": "female",
}
GENDER_HONORIFICS = {"mr": "male", "sir": "male", "mrs": "female", "ms": "female", "miss": "female", "madame": "female", "dame": "female"}
#: People named through someone else: "his teacher X", "her friend X".
RELATION_NOUNS = lexicon("relation_nouns")
SALIENT_DEPS = {"nsubj", "nsubjpass", "poss", "appos", "ROOT", "attr"}


@dataclass
class PersonCluster:
    """One person of the document: every Person span that names them, and their pronouns."""

    name: str
    names: set[str] = field(default_factory=set)  # folded full names
    tokens: set[str] = field(default_factory=set)  # folded name parts (first names, surnames)
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    pronouns: list[int] = field(default_factory=list)
    gender_votes: dict[str, int] = field(default_factory=dict)
    gender_evidence: int | None = None  # token index that says the gender
    cue_gender: str | None = None  # the gender said by words (kinship, honorifics, surname), not by pronouns
    main: bool = False

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        best = max(self.gender_votes, key=lambda g: self.gender_votes[g])
        return best if self.gender_votes[best] > sum(self.gender_votes.values()) / 2 else None

    def vote(self, gender: str, token_i: int, weight: int = 1, stated: bool = True) -> None:
        self.gender_votes[gender] = self.gender_votes.get(gender, 0) + weight
        if stated and self.gender_evidence is None:
            self.gender_evidence = token_i

    def add_alias(self, text: str) -> None:
        if text != self.name and text not in self.aliases:
            self.aliases.append(text)


if not Doc.has_extension("ln_people"):
    Doc.set_extension("ln_people", default=None)
    Doc.set_extension("ln_refs", default=None)


@Language.factory("linernotes_attribute", assigns=["doc._.ln_people", "doc._.ln_refs"], requires=["doc.spans"])
def make_attributer(nlp: Language, name: str) -> "Attributer":
    return Attributer()


class Attributer:
    def __call__(self, doc: Doc) -> Doc:
        people, refs = cluster_people(doc)
        resolve_pronouns(doc, people, refs)
        resolve_first_person(doc, people, refs)
        doc._.ln_people = people
        doc._.ln_refs = refs
        return doc


def cluster_people(doc: Doc) -> tuple[list[PersonCluster], dict[int, tuple[int, ...]]]:
    spans = [s for s in spans_of(doc, SPAN_KEY) if s.label_ == "Person"]
    people: list[PersonCluster] = []
    refs: dict[int, tuple[int, ...]] = {}

    def attach(span: Span, index: int) -> None:
        person = people[index]
        person.spans.append(span)
        text, nickname = nickname_in(span)
        person.add_alias(text)
        if nickname:
            person.add_alias(nickname)
        for token in span:
            refs[token.i] = (index,)

    # Full names first: they define the people; single names then attach to them.
    for span in sorted(spans, key=lambda s: (-(len(s) > 1), s.start)):
        text, _ = nickname_in(span)  # `Arman "Aq Qus" Serikuly` is Arman Serikuly
        key = fold(text)
        parts = key.split()
        if len(parts) > 1:
            short = without_patronymic(parts)
            index = next((i for i, p in enumerate(people) if key in p.names or short in p.names), None)
            if index is None:
                people.append(PersonCluster(name=text, names={key, short}, tokens=set(parts)))
                index = len(people) - 1
            else:
                people[index].names |= {key, short}
                people[index].tokens |= set(parts)
            attach(span, index)
        else:
            matches = [i for i, p in enumerate(people) if key in p.tokens]
            if matches:
                attach(span, prefer_first_named(people, matches, span.start))
            else:
                people.append(PersonCluster(name=span.text, names={key}, tokens={key}))
                attach(span, len(people) - 1)
    # Name parts the model tagged as something else ("Vivaan" as a place) still name the person.
    taken = {t for s in spans_of(doc, SPAN_KEY) if s.label_ not in ("Person", "Place", "Organization") for t in range(s.start, s.end)}
    for token in tokens_of(doc):
        if token.i in refs or token.i in taken or not token.text[:1].isupper():
            continue
        key = fold(token.text)
        matches = [i for i, p in enumerate(people) if key in p.tokens]
        if matches:
            attach(doc[token.i: token.i + 1], prefer_first_named(people, matches, token.i))
    merge_stage_names(doc, people)
    people = [p for p in people if p.spans]
    for person in people:
        person.spans.sort(key=lambda s: s.start)
        person.aliases = [a for a in person.aliases if fold(a) != fold(person.name)]
    people.sort(key=lambda p: p.spans[0].start)
    order = {id(p): i for i, p in enumerate(people)}
    refs = {}
    for person in people:
        for span in person.spans:
            for token in span:
                refs[token.i] = (order[id(person)],)
    if people:
        opening = opening_sentence(doc)
        main = max(people, key=lambda p: main_score(opening, p))
        main.main = True
    for person in people:
        gender_from_context(person)
        gender_from_surname(person)
        person.cue_gender = person.gender  # before any pronoun votes: what the text itself says
    return people, refs


def opening_sentence(doc: Doc) -> Span | None:
    """The first sentence of prose, past any headline."""
    first_prose = next((a for a, _, kind in (doc._.ln_lines or ()) if kind == "prose"), 0)
    return next((s for s in doc.sents if s.end_char > first_prose and s.text.strip() and not dateline(s)), None)


def dateline(sentence: Span) -> bool:
    """"STIHIA 2025 · FRIDAY · MAIN STAGE · 22:30": a line of names and numbers with no word in lower case."""
    if "\n" not in sentence.text:
        return False  # asked of every sentence before the first of prose: the cheap test first
    words = [t for t in sentence if t.is_alpha]
    return bool(words) and not any(t.text[0].islower() for t in words)


def main_score(opening: Span | None, person: "PersonCluster") -> tuple:
    """Who the text is about: named in its first sentence of prose (not a headline), as its subject or
    at its start, then named most often."""
    in_opening = [s for s in person.spans if opening is not None and opening.start <= s.start < opening.end]
    subject = any(s.root.dep_ in ("nsubj", "nsubjpass") or s.start == opening.start for s in in_opening)
    first = person.spans[0]
    first_sentence = first.start < sentence_end_of(first.doc, 0)
    return (bool(in_opening) and subject, bool(in_opening), first_sentence, len(person.spans), -person.spans[0].start)


#: Slavic and Central Asian surnames mark gender: Imankulov / Imankulova, Vostrikov / Vostrikova.
FEMALE_SURNAME = ("ova", "eva", "yeva", "ina", "skaya", "tskaya", "kaya")
MALE_SURNAME = ("ov", "ev", "yev", "in", "sky", "skiy", "skii")


#: Endings of patronymics: "Gennady Petrovich Volkonsky" is "Gennady Volkonsky".
PATRONYMIC = ("ovich", "evich", "ovna", "evna", "yevich", "yevna", "ich", "ichna", "uly", "kyzy", "qizi", "ogly", "oglu")


def without_patronymic(parts: list[str]) -> str:
    """The folded full name without its middle patronymic, or the name itself."""
    if len(parts) == 3 and parts[1].endswith(PATRONYMIC) and len(parts[1]) > 5:
        return f"{parts[0]} {parts[2]}"
    return " ".join(parts)


def gender_from_surname(person: PersonCluster) -> None:
    full = next((s for s in person.spans if len(s) > 1), None)
    if full is None:
        return
    surname = fold(full[-1].text)
    if surname.endswith(FEMALE_SURNAME):
        person.vote("female", full[-1].i, 2, stated=False)
    elif surname.endswith(MALE_SURNAME) and len(surname) > 4:
        person.vote("male", full[-1].i, 2, stated=False)


def prefer_first_named(people: list[PersonCluster], candidates: list[int], position: int) -> int:
    """A bare surname shared by several people means the one the text introduced first (its subject)."""
    if len(candidates) > 1:
        # "Moreira" after "his uncle, the choro musician Jorge Moreira": the relative shares the
        # surname, the bare surname still means the person the text is about.
        unrelated = [i for i in candidates if people[i].spans and not named_as_relative(people[i].spans[0])]
        if len(unrelated) == 1:
            return unrelated[0]
        first = min(candidates, key=lambda i: people[i].spans[0].start if people[i].spans else 10**9)
        opening = min((p.spans[0].start for p in people if p.spans), default=0)
        if people[first].spans:
            doc, start = people[first].spans[0].doc, people[first].spans[0].start
            if window_start(doc, start, 0) == 0 or paragraph_start(doc, start) == paragraph_start(doc, opening):
                return first  # named in the opening sentence or paragraph: the text's subject
    return nearest(people, candidates, position)


def named_as_relative(span: Span) -> bool:
    """Is this name introduced by a kinship noun: "his uncle, the choro musician Jorge Moreira", "her son Timur"?"""
    token = span.root
    for _ in range(3):
        if token.dep_ not in ("appos", "compound") or token.head.i == token.i:
            return False
        token = token.head
        if fold(token.text) in kinship():
            return True
    return False


def nearest(people: list[PersonCluster], candidates: list[int], position: int) -> int:
    """Of several people sharing a name part, the one named most recently before ``position``."""
    def last_before(i: int) -> int:
        before = [s.start for s in people[i].spans if s.start < position]
        return max(before) if before else -1
    return max(candidates, key=lambda i: (last_before(i), -i))


def gender_from_context(person: PersonCluster) -> None:
    """"a woman named Sophia", "Vivaan was a man", "her brother Daulet", "Mrs Bekova"."""
    for span in person.spans:
        doc = span.doc
        if span.start > 0:
            before = doc[span.start - 1]
            if fold(before.text).rstrip(".") in GENDER_HONORIFICS:
                person.vote(GENDER_HONORIFICS[fold(before.text).rstrip(".")], span.start, 3)
            if before.lower_ in ("named", "called") and before.head.lemma_.lower() in GENDER_NOUNS:
                person.vote(GENDER_NOUNS[before.head.lemma_.lower()], span.start, 3)
        root = span.root
        if root.dep_ in ("appos", "compound") and root.head.lemma_.lower() in GENDER_NOUNS:
            person.vote(GENDER_NOUNS[root.head.lemma_.lower()], root.head.i, 3)
        kin, head = None, root
        while head.dep_ == "conj" and head.head.i != head.i and head.head.pos_ == "PROPN":
            head = head.head  # "their daughters, Gulnora and Shahnoza": the second name as the first
        for _ in range(3):  # "her mother, the singer Hatice Kocabıyık": through the title noun to the kinship word
            if head.dep_ not in ("appos", "compound") or head.head.i == head.i:
                break
            head = head.head
            kin = kinship().get(fold(head.text))
            if kin:
                break
        if kin and kin[1]:
            person.vote(kin[1], head.i, 3)
        for child in root.children:
            if child.dep_ == "appos" and child.lemma_.lower() in GENDER_NOUNS:
                person.vote(GENDER_NOUNS[child.lemma_.lower()], child.i, 3)
        if root.dep_ in ("nsubj", "nsubjpass"):
            for child in root.head.children:
                if child.dep_ == "attr" and child.lemma_.lower() in GENDER_NOUNS:
                    person.vote(GENDER_NOUNS[child.lemma_.lower()], child.i, 3)


def resolve_pronouns(doc: Doc, people: list[PersonCluster], refs: dict[int, tuple[int, ...]]) -> None:
    """Resolve he/she/they to the most salient compatible person mentioned before."""
    if not people:
        return
    mentions: list[tuple[int, int, bool]] = []  # (token index, person, salient)
    for index, person in enumerate(people):
        for span in person.spans:
            salient = salient_mention(span)
            mentions.append((span.start, index, salient))
    mentions.sort()
    main = next((i for i, p in enumerate(people) if p.main), 0)
    pointer = 0
    seen: list[tuple[int, int, bool]] = []
    main_seen = False
    excluded = named_subject_exclusions(doc, refs)
    quoted = quoted_tokens(doc)
    for token in tokens_of(doc):
        while pointer < len(mentions) and mentions[pointer][0] <= token.i:
            seen.append(mentions[pointer])
            main_seen = main_seen or mentions[pointer][1] == main
            pointer += 1
        word = token.lower_
        if token.i in refs or token.pos_ != "PRON" and word not in MALE | FEMALE:
            continue
        if word in MALE or word in FEMALE:
            gender = "male" if word in MALE else "female"
            exclude = set(excluded.get(token.i, ()))
            subject = clause_subject(token)
            if subject is not None and len(refs.get(subject.i, ())) == 1:
                exclude |= set(refs[subject.i])  # "she taught her": the object is not the subject
            candidates = seen
            if token.i not in quoted:
                # '"She played the way Neşet Ertaş sang," said X, who studied with her': a name inside a
                # quotation is no antecedent for a pronoun outside it
                candidates = [(i, p, salient and i not in quoted) for i, p, salient in seen]
            index = pick(people, candidates, gender, main, token, main_seen, exclude)
            if index is not None:
                refs[token.i] = (index,)
                people[index].pronouns.append(token.i)
                people[index].vote(gender, token.i)
                if token.dep_ in ("nsubj", "nsubjpass") or token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass"):
                    seen.append((token.i, index, True))  # "he", "her mother" as a subject keeps its person the topic
        elif word in PLURAL:
            group = plural_group(doc, seen, token)
            if group:
                refs[token.i] = group


#: Prepositions whose object, a plain pronoun, is not the clause's subject: "X played with her" is not X.
OTHER_THAN_SUBJECT_PREPS = {"with", "alongside", "for", "to", "under", "from", "by", "against", "about", "beside"}


def clause_subject(token) -> "Token | None":
    """The subject of the clause a plain object pronoun is in ("taught her", "played with her"): the
    pronoun is someone else (a reflexive would be the subject). None for possessives and subjects."""
    if token.lower_ in ("himself", "herself") or token.dep_ not in ("dobj", "dative", "iobj", "pobj"):
        return None
    verb = token.head
    if token.dep_ == "pobj":
        if token.head.lower_ not in OTHER_THAN_SUBJECT_PREPS:
            return None
        verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head  # "who put ... and taught her": the subject of the first verb
    return None


def relative_antecedent(who, refs: dict[int, tuple[int, ...]]) -> tuple[int, ...]:
    """The person "who" stands for: the noun its clause hangs on, or (the parser often hangs it on a
    place: "the ashik X, a regular guest at the house, who put ...") the person named last before it."""
    clause = who.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl":
        return ()
    head = clause.head
    if len(refs.get(head.i, ())) == 1:
        return refs[head.i]
    for child in head.children:
        if child.dep_ in ("appos", "compound") and len(refs.get(child.i, ())) == 1:
            return refs[child.i]
    person_like = fold(head.text) in kinship() or head.lemma_.lower() in RELATION_NOUNS | set(GENDER_NOUNS) or is_occupation(head)
    if head.pos_ in ("PROPN", "NOUN") and not person_like:
        for t in range(who.i - 1, max(who.sent.start, who.i - 15) - 1, -1):
            if len(refs.get(t, ())) == 1:
                return refs[t]
    return ()


def quoted_tokens(doc: Doc) -> set[int]:
    """The tokens inside quotation marks (a quotation does not run across lines)."""
    out: set[int] = set()
    inside = False
    for token in tokens_of(doc):
        if token.text == '"':
            inside = not inside
            continue
        if token.text in ("“", "«"):
            inside = True
            continue
        if token.text in ("”", "»") or "\n" in token.text:
            inside = False
            continue
        if inside:
            out.add(token.i)
    return out


def named_subject_exclusions(doc: Doc, refs: dict[int, tuple[int, ...]]) -> dict[int, set[int]]:
    """Pronouns that cannot mean the named subject of their clause. "X married Y, who played with her"
    and "the ashik Y, who put a saz in her hands when she was eight and taught her": the "her" after
    "played with" is not Y, and neither is any "her"/"she" of Y's clause (a writer would not use one
    word for two people there)."""
    out: dict[int, set[int]] = {}
    for token in tokens_with(doc, lowers=MALE | FEMALE):
        subject = clause_subject(token)
        if subject is None:
            continue
        if subject.lower_ in ("who", "that"):
            person = relative_antecedent(subject, refs)
        else:
            person = refs.get(subject.i, ()) if subject.pos_ == "PROPN" else ()
        if len(person) != 1:
            continue
        top = subject.head
        gender = MALE if token.lower_ in MALE else FEMALE
        for t in top.subtree:
            if t.lower_ in gender and t.lower_ not in ("himself", "herself") and t.i != subject.i:
                out.setdefault(t.i, set()).add(person[0])
    return out


FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
#: "we" in an answer: the speaker (and those named with them).
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
#: "you" in a question: the one who answers.
SECOND_PERSON = {"you", "your", "yours", "yourself"}
#: The first words of a question that asks whether something is so.
YES_NO_OPENERS = {"did", "do", "does", "have", "has", "had", "were", "was", "is", "are", "can", "could", "would", "will", "should"}
#: Speaker labels of the one who asks: their "I" is not the subject's.
ASKERS = lexicon("asker_labels")
QUOTES = {'"', "“", "”", "«", "»"}


def resolve_first_person(doc: Doc, people: list[PersonCluster], refs: dict[int, tuple[int, ...]]) -> None:
    """"I was born in Naryn": in an answer, a speaker's line or a first-person text, "I" is the speaker.

    A line "A: ..." is the interviewee's (the main person); "Aizada: ..." is the person that label names;
    "Q:" and "HOST:" lines are the asker's and stay unresolved. In prose outside quotation marks, a text
    that speaks in the first person (three times or more) is the main person's own account.
    """
    if not people:
        return
    main = next((i for i, p in enumerate(people) if p.main), 0)
    speakers: list[tuple[int, int, int | None]] = []  # (start_char, end_char, person or None)
    for start, end, kind in doc._.ln_lines or ():
        if kind != "turn":
            continue
        label = fold(text_of(doc)[start:end].split(":", 1)[0].strip())
        if label in ASKERS:
            speakers.append((start, end, None))
        elif label in ("a", "answer"):
            speakers.append((start, end, main))
        else:
            named = [i for i, p in enumerate(people) if label == fold(p.name) or label in p.tokens or label in {fold(a) for a in p.aliases}]
            speakers.append((start, end, named[0] if len(named) == 1 else None))
    inside_quote = False
    first_person = [t for t in tokens_with(doc, lowers=FIRST_PERSON) if t.pos_ == "PRON"]
    prose_speaker = main if len(first_person) >= 3 else None
    turn = 0
    for token in tokens_of(doc):
        if token.text == '"':
            inside_quote = not inside_quote
        elif token.text in QUOTES:
            inside_quote = token.text in ("“", "«")  # an opening mark; ” and » close
        elif "\n" in token.text:
            inside_quote = False  # quotations do not run across lines
        plural = token.lower_ in FIRST_PLURAL
        second = token.lower_ in SECOND_PERSON
        if token.lower_ not in FIRST_PERSON and not plural and not second or token.pos_ != "PRON" or token.i in refs:
            continue
        while turn < len(speakers) and speakers[turn][1] < token.idx:
            turn += 1
        if second:
            # "Q: You studied with him at the conservatory?": the one asked is the one who answers next
            # (not in "Did you ever play with X?": a question that asks, not one that checks)
            words = [t for t in token.sent if t.is_alpha and not (t.i + 1 < len(doc) and doc[t.i + 1].text == ":")]
            asks = bool(words) and words[0].lower_ in YES_NO_OPENERS
            if not asks and turn < len(speakers) and speakers[turn][0] <= token.idx and speakers[turn][2] is None:
                answer = next((sp[2] for sp in speakers[turn + 1:] if sp[2] is not None), None)
                if answer is not None:
                    refs[token.i] = (answer,)
            continue
        if turn < len(speakers) and speakers[turn][0] <= token.idx:
            speaker = speakers[turn][2]
        else:
            if plural:
                continue  # "we" outside an answer is the writer's, or nobody's we know
            speaker = None if inside_quote else prose_speaker
        if speaker is None:
            continue
        if plural:
            # "I met Aset Nurmagambetov ..., and we started recording": the speaker and those named before in the sentence
            start = token.sent.start
            others = [refs[t][0] for t in range(start, token.i) if len(refs.get(t, ())) == 1 and doc[t].pos_ == "PROPN"]
            refs[token.i] = tuple(dict.fromkeys([speaker, *others]))
        else:
            refs[token.i] = (speaker,)


def salient_mention(span: Span) -> bool:
    """Is a name a likely antecedent of a later pronoun: a subject, possessor or predicate, or the name
    in apposition to one ("The singer, Aigul, ..."), not one in apposition to an object ("his students
    included the tar player X": the "he" that follows is still the teacher)."""
    if introduced_through(span):
        return False
    if span[0].is_sent_start:
        return True
    root = span.root
    if root.dep_ == "appos":
        head = root
        for _ in range(3):
            if head.dep_ != "appos" or head.head.i == head.i:
                break
            head = head.head
        return head.dep_ in SALIENT_DEPS - {"appos"} or head.is_sent_start
    return root.dep_ in SALIENT_DEPS


def introduced_through(span: Span) -> bool:
    """"His father, Tolegen Abishev, ...", "her teacher Bolat Zhunusov", "his uncle, the choro musician
    Jorge Moreira": someone named through the topic person; the "he" that follows still means the topic."""
    token = span.root
    for _ in range(3):
        if token.dep_ not in ("appos", "compound") or token.head.i == token.i:
            return False
        head = token.head
        word = fold(head.text)
        if (word in kinship() or head.lemma_.lower() in RELATION_NOUNS) and any(c.dep_ == "poss" for c in head.children):
            return True
        token = head
    return False


def sentence_starts(doc: Doc) -> list[int]:
    """The index of each sentence's first token, computed once per document (``token.sent`` walks the
    whole sentence on every call, which is quadratic in a long one)."""
    starts = doc.user_data.get("linernotes.sentence_starts")
    if starts is None:
        starts = doc.user_data["linernotes.sentence_starts"] = [s.start for s in doc.sents]
    return starts


def window_start(doc: Doc, i: int, sentences: int) -> int:
    """The first token of the sentence ``sentences`` before the one holding token ``i``."""
    starts = sentence_starts(doc)
    n = bisect_right(starts, i) - 1
    return starts[max(n - sentences, 0)] if starts else 0


def paragraph_starts(doc: Doc) -> list[int]:
    """The index of each paragraph's first token: a blank line starts a paragraph."""
    starts = doc.user_data.get("linernotes.paragraph_starts")
    if starts is None:
        starts = [0] + [t.i + 1 for t in tokens_of(doc) if t.is_space and t.text.count("\n") > 1 and t.i + 1 < len(doc)]
        doc.user_data["linernotes.paragraph_starts"] = starts
    return starts


def paragraph_start(doc: Doc, i: int) -> int:
    starts = paragraph_starts(doc)
    return starts[bisect_right(starts, i) - 1]


def sentence_end_of(doc: Doc, i: int) -> int:
    """The index just past the sentence holding token ``i``."""
    starts = sentence_starts(doc)
    n = bisect_right(starts, i)
    return starts[n] if n < len(starts) else len(doc)


def pick(people: list[PersonCluster], seen: list[tuple[int, int, bool]], gender: str, main: int, token,
         main_seen: bool = True, exclude: set[int] | frozenset = frozenset()) -> int | None:
    # Prefer someone who was a subject or possessor recently (this or the previous two sentences of
    # the paragraph: a new paragraph goes back to the topic, not to the relative the last one ended on).
    start = max(window_start(token.doc, token.i, 2), paragraph_start(token.doc, token.i))
    window: list[tuple[int, int, bool]] = []
    last_compatible = None
    for m in reversed(seen):  # newest first; stop once past the window and a fallback is known
        if people[m[1]].gender not in (None, gender) or m[1] in exclude:
            continue
        if last_compatible is None:
            last_compatible = m
        if m[0] < start:
            break
        window.append(m)
    if last_compatible is None:
        return None
    window.reverse()
    # A name whose gender is known and agrees beats a more salient one of unknown gender:
    # "... joined by Aigerim Bekova. Her bowed drones ..." is Bekova, not the drummer before her.
    agreeing = [m for m in window if people[m[1]].cue_gender == gender]
    salient = [m for m in window if m[2]]
    if salient and (not agreeing or people[salient[-1][1]].gender == gender or agreeing[-1][0] < salient[-1][0]):
        return salient[-1][1]
    if agreeing:
        return agreeing[-1][1]
    if not window:
        carried = paragraph_topic(people, seen, token, main, gender, exclude)
        if carried is not None:
            return carried  # a family history: the paragraph before was all about the grandfather, and so is "His daughter"
    if people[main].gender in (None, gender) and main_seen and main not in exclude:
        return main
    return last_compatible[1]


def paragraph_topic(people: list[PersonCluster], seen: list[tuple[int, int, bool]], token, main: int, gender: str,
                    exclude) -> int | None:
    """The person the previous paragraph was about, when it never spoke of the main person: one compatible person
    named or referred to as a subject there at least twice, and nobody else."""
    doc = token.doc
    start = paragraph_start(doc, token.i)
    if start == 0:
        return None
    before = paragraph_start(doc, start - 1)
    counts: dict[int, set[int]] = {}
    for m in seen:
        if before <= m[0] < start and m[2]:
            counts.setdefault(m[1], set()).add(window_start(doc, m[0], 0))  # the sentences that speak of them
    if not counts or main in counts:
        return None
    compatible = [i for i, n in counts.items() if len(n) >= 2 and people[i].gender in (None, gender) and i not in exclude
                  and any(len(s) > 1 for s in people[i].spans)]
    others = [i for i in counts if i not in compatible and people[i].gender in (None, gender)]
    return compatible[0] if len(compatible) == 1 and not others else None


def plural_group(doc: Doc, seen: list[tuple[int, int, bool]], token) -> tuple[int, ...] | None:
    """"they" after two people in this or the previous sentence means them both."""
    start = window_start(doc, token.i, 1)
    recent: set[int] = set()
    for m in reversed(seen):
        if m[0] < start:
            break
        recent.add(m[1])
    return tuple(sorted(recent)) if len(recent) >= 2 else None


#: What comes before a second name of the same person: "known professionally as", "whom fans knew simply as",
#: "nicknamed", "under the name", "whom everyone calls", "stage name".
STAGE_NAME_BEFORE = re.compile(
    r"(?:\b(?:known|knew|know|knows|billed|credited|performs|performing|recorded|records|goes)(?:\s+\w+){0,2}\s+as(?:\s+(?:DJ|MC|dj|mc))?"
    r"|\bnicknamed|\bunder the (?:stage |pen )?name|\bstage name|\bpseudonym|\b(?:calls?|called) (?:her|him)"
    r"|\bshorten(?:s|ed)? (?:his|her|their) name to"
    r"|\b(?:everyone|fans|friends|colleagues|people) (?:\w+ )?calls?)\s*[\"“'‘]?\s*$")


def absorb(target: PersonCluster, other: PersonCluster) -> None:
    """``other`` is ``target`` under another name: its spans become the target's aliases."""
    for moved in other.spans:
        target.spans.append(moved)
        target.add_alias(moved.text)
    target.tokens |= other.tokens
    other.spans = []


def merge_stage_names(doc: Doc, people: list[PersonCluster]) -> None:
    """"Daniyar Ospanov, known professionally as Qarasu": one person with an alias."""
    owner_of = {}
    for index, person in enumerate(people):
        for span in person.spans:
            owner_of[span.start] = index
    for index, person in enumerate(people):
        for span in list(person.spans):
            # "the rapper Dala MC (Alibek Zhaksybekov)": the name in use, then the person's own name in brackets
            if span.end + 1 < len(doc) and doc[span.end].text == "(" and owner_of.get(span.end + 1) not in (None, index):
                inner = people[owner_of[span.end + 1]]
                full = next((s for s in inner.spans if s.start == span.end + 1), None)
                if full is not None and len(full) > 1 and full.end < len(doc) and doc[full.end].text == ")" and person.spans:
                    absorb(inner, person)
                    break
            if span.start > 0 and doc[span.start - 1].lower_ == "born" and doc[span.start - 1].is_sent_start:
                sentence_end = sentence_end_of(doc, span.start)
                later = [owner_of[s] for s in sorted(owner_of) if span.end <= s < sentence_end and owner_of[s] != index]
                if later:
                    absorb(person, people[later[0]])
                    break
            sent_start = window_start(doc, span.start, 0)
            before = doc[max(span.start - 6, sent_start): span.start].text.lower()
            if not STAGE_NAME_BEFORE.search(before):
                continue
            earlier = [owner_of[s] for s in sorted(owner_of) if sent_start <= s < span.start and owner_of[s] != index
                       and people[owner_of[s]].spans and len(people[owner_of[s]].spans[0]) > 1]
            if not earlier and sent_start > 0:
                # "Friends shorten his name to Bayar": "his" is the person of the sentence before
                previous_start = window_start(doc, span.start, 1)
                earlier = [owner_of[s] for s in sorted(owner_of) if previous_start <= s < sent_start
                           and owner_of[s] != index and len(people[owner_of[s]].spans[0]) > 1][-1:]
            if not earlier:
                continue
            absorb(people[earlier[-1]], person)  # the name nearest before: "X ... and Y, who performs as Z"
            break
