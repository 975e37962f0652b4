"""Stage 2, recognise: typed mentions (Person, Instrument, Genre, Place, ...) as ``doc.spans["linernotes"]``.

Two sources are combined: the vocabularies (a PhraseMatcher over every surface form in the
data files) and proper-name spans, typed by their head word ("... Conservatory" -> Institution),
by the gazetteer, and by how the sentence uses them. The small English model often tags
non-Western personal names as ORG or GPE ("Vivaan Imankulov"); a name used as the subject or
possessor of a clause, or called by a kinship noun, is taken as a Person.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from ..reference import fold, load_tsv
from ..reference import vocab
from ..reference.countries import countries
from ..reference.places import gazetteer
from .layout import YEARS_IN_BRACKETS, ents_of, text_of, tokens_of
from .name_types import cue_type, introduced_as_person, retype
from .work_titles import unquoted_titles

SPAN_KEY = "linernotes"
VOCAB_LABELS = ("Instrument", "Genre", "Occupation", "Institution", "Country", "Demonym", "Field")
MONTHS = "january february march april may june july august september october november december".split()
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "professor", "prof", "maestro", "sir", "dame", "madame", "mme", "saint",
              "ustad", "ustod", "ustaz", "ustoz", "abla", "apa", "hoca", "hodja", "pandit", "guru", "sensei", "dj", "mc"}
#: Nouns after an ambiguous genre word that make it a genre ("soul music", "folk songs").
GENRE_CONTEXT = set(
    "music musics song songs scene scenes band bands club clubs musician musicians singer singers artist artists album albums "
    "record records style styles tradition traditions melody melodies ballad ballads tune tunes festival festivals ensemble "
    "ensembles group groups star stars legend legends standard standards pianist guitarist saxophonist drummer vocalist "
    "repertoire circuit genre genres piece pieces number numbers combo combos revival outfit quartet trio orchestra opera "
    "composer composers influence influences sound sounds idiom idioms roots heritage material numbers act acts".split())
#: Genre words that are ordinary adjectives; they need a following "music"/"songs" to count.
ADJECTIVE_GENRES = {"traditional", "modern", "contemporary", "world", "alternative", "indie", "classical", "experimental", "ambient", "electronic"}
#: Honorifics written after the name: "Gülizar Abla", "Rahmatullo Aka".
TRAILING_TITLES = {"abla", "aka", "apa", "bey", "hanim", "khanum", "efendi", "ustad", "sahib"}
#: Lower-case words inside names: "Dala e Mar", "Jacob do Bandolim", "Ludwig van Beethoven".
NAME_PARTICLES = {"e", "de", "da", "do", "dos", "das", "del", "van", "von", "der", "den", "al", "el", "ibn", "bin", "la", "le", "du", "di", "y"}
PERSON_DEPS = {"nsubj", "nsubjpass", "poss", "appos"}
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’\-.]*$")


@lru_cache(maxsize=None)
def regions() -> frozenset[str]:
    return frozenset(fold(r["name"]).removeprefix("the ") for r in load_tsv("regions.tsv"))


def _vocab_patterns() -> dict[str, list[str]]:
    occupation_forms = [f for t in vocab.occupations().terms for f in t.forms]
    country_index = countries()
    out = {
        "Instrument": [f for t in vocab.instruments().terms for f in t.forms],
        "Genre": [f for t in vocab.genres().terms for f in t.forms],
        "Occupation": occupation_forms,
        "Institution": [f for t in vocab.institutions().terms for f in t.forms],
        "Country": [c.name for c in country_index.countries.values()] + [a for c in country_index.countries.values() for a in c.aliases],
        "Demonym": [d for c in country_index.countries.values() for d in c.demonyms],
        "Field": [f for t in vocab.fields_of_study().terms for f in t.forms],
        "VoiceType": [f for t in vocab.voice_types().terms for f in t.forms],
    }
    for label in ("Instrument", "Occupation"):
        out[label] += [plural(f) for f in out[label] if " " not in f or label == "Occupation"]
    return out


def plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def is_name_token(token: Token) -> bool:
    return bool(NAME_TOKEN.match(token.text)) and not token.is_stop and fold(token.text) not in MONTHS


@Language.factory(
    "linernotes_recognise",
    assigns=["doc.spans"],
    requires=["token.pos", "token.dep", "doc.ents", "doc.sents"],
)
def make_recogniser(nlp: Language, name: str) -> "Recogniser":
    return Recogniser(nlp, name)


class Recogniser:
    """Finds typed mentions and stores them, overlaps allowed, in ``doc.spans["linernotes"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, forms in _vocab_patterns().items():
            unique = sorted({f for f in forms if f})
            self.matcher.add(label, list(nlp.tokenizer.pipe(unique)))
        self.ambiguous = vocab.ambiguous_terms()
        self.heads = vocab.entity_heads()
        self.regions = regions()

    def __call__(self, doc: Doc) -> Doc:
        spans = self.vocabulary_mentions(doc)
        taken = {i for s in spans if s.label_ in ("Institution", "Country") for i in range(s.start, s.end)}
        spans += self.name_mentions(doc, taken)
        spans += [Span(doc, e.start, e.end, label="Date") for e in ents_of(doc) if e.label_ == "DATE" and _is_real_date(e)]
        spans = quoted_titles(doc, spans)
        spans = nicknamed_names(doc, spans)
        spans = lower_case_schools(doc, spans)
        spans = unquoted_titles(doc, spans)
        spans = award_titles(doc, spans)
        spans = within_sentences(spans)
        spans = not_inside_names(not_headings(doc, retype(spans)))
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, -s.end))
        return doc

    # -- vocabulary -------------------------------------------------------------------------
    def vocabulary_mentions(self, doc: Doc) -> list[Span]:
        best: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            best.setdefault(label, []).append(Span(doc, start, end, label=label))
        out: list[Span] = []
        for label, spans in best.items():
            # Longest match wins within one label ("indie rock" over "rock").
            spans.sort(key=lambda s: (-(s.end - s.start), s.start))
            used: set[int] = set()
            for span in spans:
                if used.intersection(range(span.start, span.end)):
                    continue
                if label in ("Genre", "Instrument") and not self.musical_enough(span, label):
                    continue
                if label in ("Country", "Demonym", "Institution") and not span[0].text[:1].isupper():
                    continue
                used.update(range(span.start, span.end))
                out.append(span)
        return out

    def musical_enough(self, span: Span, label: str) -> bool:
        """Ambiguous words ("soul", "country", "organ") count only in a musical context."""
        if self.ambiguous.get(fold(span.text)) != label.lower():
            return True
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if label == "Genre":
            if after is not None and after.lower_ in GENRE_CONTEXT:
                return True
            before = doc[span.start - 1] if span.start > 0 else None
            if fold(span.text) in ADJECTIVE_GENRES:
                return False
            if before is not None and countries().by_adjective(before.text) and fold(span.text) not in ("country", "house", "world"):
                return True  # "Kazakh folk", "Turkish pop"
            window = doc[max(span.start - 3, 0): min(span.end + 3, len(doc))]
            # In a list of genres: "jazz, soul and funk".
            return any(t.dep_ == "conj" or t.head.dep_ == "conj" for t in span) and any(
                t.lower_ in ("jazz", "blues", "rock", "hip", "reggae", "pop", "folk", "funk", "soul") and t.i not in range(span.start, span.end)
                for t in window) and span[0].pos_ != "VERB"
        head = span.root
        lemmas = {head.head.lemma_, *(c.lemma_ for c in head.children)}
        return bool(lemmas & {"play", "player", "teach", "learn", "master", "practice", "practise", "study", "instrument", "lesson", "solo"}) or (
            after is not None and after.lower_ in {"player", "players", "lessons", "solo", "teacher", "music", "virtuoso", "part", "concerto"})

    def vocabulary_word(self, token: Token) -> bool:
        return any(v.get(token.text) is not None for v in (vocab.instruments(), vocab.occupations(), vocab.genres()))

    # -- proper names -----------------------------------------------------------------------
    def name_mentions(self, doc: Doc, taken: set[int]) -> list[Span]:
        candidates: list[tuple[Span, str]] = []
        covered: set[int] = set()
        for ent in ents_of(doc):
            if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"):
                continue
            span = trim_name(ent)
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            candidates.append((span, ent.label_))
            covered.update(range(ent.start, ent.end))
        # Proper-noun runs the model missed ("Iván" is often left untagged).
        tokens = tokens_of(doc)
        i = 0
        while i < len(tokens):
            if i in covered or i in taken or tokens[i].pos != PROPN or not is_name_token(tokens[i]):
                i += 1
                continue
            j = i
            while j < len(tokens) and j not in covered and j not in taken and tokens[j].pos == PROPN and is_name_token(tokens[j]):
                j += 1
                if hyphen_joins_name(doc, j):
                    j += 2  # "Ji-won", "Soo-ah": a hyphenated given name goes on in lower case
            span = trim_name(doc[i:j])
            if span is not None:
                candidates.append((span, ""))
            i = max(j, i + 1)
        grown: list[tuple[Span, str]] = []
        for span, ner_label in join_adjacent_names(candidates):
            span = trim_name(span)  # a joined "Drummer" + "Timur Zhakupov" loses its role word again
            if span is None:
                continue
            grown.append((extend_name(span, self.heads, taken), ner_label))
        # A piece the extension swallowed ("Mar" inside "Dala e Mar") is no name of its own.
        grown.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
        used: set[int] = set()
        out = []
        dropped: list[Span] = []
        typed: dict[str, str] = {}
        for span, ner_label in grown:
            if used.intersection(range(span.start, span.end)):
                continue
            label = self.classify(span, ner_label)
            if label:
                used.update(range(span.start, span.end))
                out.append(Span(doc, span.start, span.end, label=label))
                typed.setdefault(fold(span.text), label)
            else:
                dropped.append(span)
        # "2007 – Shashmaqam Blue receives ...": a name typed where its context said what it is keeps
        # that type where nothing does.
        for span in dropped:
            label = typed.get(fold(span.text))
            if label in ("Work", "Ensemble", "Organization") and not used.intersection(range(span.start, span.end)):
                used.update(range(span.start, span.end))
                out.append(Span(doc, span.start, span.end, label=label))
        return consistent_types(name_parts_as_people(sorted(out, key=lambda s: s.start)))

    def classify(self, span: Span, ner_label: str) -> str | None:
        label = self.classify_by_shape(span, ner_label)
        if label is None and not (countries().by_adjective(span.text) or ner_label == "NORP"):
            # "the Astana label Saryarka Classics", "A second album, Shashmaqam Blue,": a name the
            # shape rules dropped, introduced by a noun that says what it is.
            cue = cue_type(span)
            if cue is not None and cue[1] == 2 and all(is_name_token(t) for t in span):
                return cue[0]
        return label

    def classify_by_shape(self, span: Span, ner_label: str) -> str | None:
        text = span.text
        key = fold(text)
        if countries().find(text):
            return "Country"
        introduced = introduced_as_person(span) or named_by_kinship(span)  # "a pupil of X", "two sons, Arman and Timur"
        if countries().by_adjective(text) or ner_label == "NORP" and len(span) == 1 and not introduced:
            return None
        if vocab.institutions().get(text):
            return "Institution"
        previous = span.doc[span.start - 1] if span.start > 0 else None
        if all(is_name_part(t) for t in span) and len(span) <= 5 \
                and previous is not None and previous.pos_ == "NOUN" and vocab.occupations().get(previous.text):
            return "Person"  # "the saxophonist Tunde Adeyemi", "pianist Ji-woo Park": a title noun introduces a person
        if previous is not None and previous.lower_ == "born" and previous.is_sent_start and len(span) > 1 \
                and all(is_name_part(t) for t in span) and not countries().find(text):
            return "Person"  # "Born Kamola Yusupova in Samarkand, KAMALAK is ...": a birth name
        head_type = self.heads.get(fold(span[-1].text))
        if head_type in (None, "Organization") and len(span) > 1:
            # "Tchaikovsky Almaty College of Music": the school word, not the last word, says what it is
            head_type = next((self.heads[fold(t.text)] for t in span if self.heads.get(fold(t.text)) == "Institution"), head_type)
        if head_type:
            return head_type
        if all(is_name_part(t) for t in span) and len(span) <= 4 and introduced \
                and not (span.root.head.lower_ == "from" and gazetteer().lookup(text)):
            return "Person"  # "a pupil of Dina Nurpeisova", "lessons from Marat Ospanov": the model's ORG or NORP
        if key.removeprefix("the ") in self.regions:
            return "Place"
        if ner_label == "WORK_OF_ART":
            return "Work"
        if ner_label == "EVENT":
            return "Event"
        if ner_label == "FAC":
            return "Venue"
        locative = span.start > 0 and span.doc[span.start - 1].lower_ in {"in", "at", "from", "to", "near", "of", "across", "toward", "towards", "outside"}
        places = gazetteer().lookup(text)
        known_place = bool(places)
        name_shaped = all(is_name_part(t) for t in span) and not any(self.vocabulary_word(t) for t in span)
        if describes_ensemble(span):
            return "Ensemble"
        if span[-1].tag_ == "NNPS" and len(span) > 1:
            name_shaped = False  # "Record Critics", "Golden Boys": a plural noun ends no person's name
        person_like = name_shaped and len(span) <= 4 and person_syntax(span)
        named = span.start > 0 and span.doc[span.start - 1].lower_ in ("named", "called")
        big = known_place and places[0].population >= 500_000 and (len(span) == 1 or fold(places[0].name) == key)
        if known_place and places[0].population >= 200_000 and (ner_label != "PERSON" or big) and not named \
                and not named_by_kinship(span):
            return "Place"  # "Almaty's loudest proof": a large city, even in a possessive
        if ner_label == "PERSON":
            if not name_shaped or modifies_a_thing(span):
                return None
            return "Place" if locative and known_place else "Person"
        if ner_label in ("GPE", "LOC"):
            if person_like and not locative and (not known_place or named_by_kinship(span)):
                return "Person"  # "two children, Aruzhan and Lucas": a child named like a town
            if name_shaped and surname_person(span, locative, known_place):
                return "Person"  # "learned his first küis from Bolat Seitkaliuly, a zhyrau"
            return "Place"
        if person_like and not locative:
            return "Person"
        if known_place and (locative or places[0].population >= 100_000):
            return "Place"
        if ner_label == "ORG" and name_shaped and surname_person(span, locative, known_place):
            return "Person"  # "recorded an album with Talgat Mukhanov": a given name and a surname, used as a person's
        if ner_label == "ORG":
            return "Organization"
        return None


def modifies_a_thing(span: Span) -> bool:
    """"on the Torugart road", "the Issyk-Kul shore": one name word before a common noun after "the" names a
    place or a thing, no person (but "the Lipatov quartet", "the Abenov family" stay)."""
    root = span.root
    head = root.head
    return len(span) == 1 and root.dep_ == "compound" and head.pos_ == "NOUN" and head.text.islower() \
        and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in head.children) \
        and head.lemma_.lower() not in ENSEMBLE_NOUNS and fold(head.text) not in vocab.kinship() \
        and vocab.occupations().get(head.text) is None


def surname_person(span: Span, locative: bool, known_place: bool) -> bool:
    """A given name and a surname with a surname ending (-ov, -uly, -kyzy ...), no known place, used the way
    people are: a person's syntax, the partner of "with", the one learned "from" or "under", or introduced by
    a role noun ("the bagshy X", "X, a zhyrau")."""
    doc = span.doc
    previous = doc[span.start - 1] if span.start > 0 else None
    if len(span) not in (2, 3) or known_place or not fold(span[-1].text).endswith(SURNAME_ENDINGS):
        return False
    if locative and (previous is None or previous.lower_ != "from"):
        return False
    root = span.root
    return person_syntax(span) or root.dep_ == "pobj" and root.head.lower_ in ("with", "alongside", "by", "featuring", "from", "under") \
        or previous is not None and vocab.occupations().get(previous.text) is not None \
        or any(c.dep_ == "appos" and vocab.occupations().get(c.text) is not None for c in root.children)


def within_sentences(spans: list[Span]) -> list[Span]:
    """Each mention cut at the first sentence start inside it: a fact's value span must lie in its
    evidence sentence, and the model's entities and name runs do not know where sentences end."""
    out = []
    for span in spans:
        cut = next((t.i for t in span[1:] if t.is_sent_start), span.end)
        out.append(span if cut == span.end else Span(span.doc, span.start, cut, label=span.label))
    return out


def is_name_part(token: Token) -> bool:
    """A name token, or the hyphen and lower-case rest of a hyphenated given name ("Ji-won")."""
    doc, i = token.doc, token.i
    return is_name_token(token) or i > 0 and (hyphen_joins_name(doc, i) or doc[i - 1].text == "-" and hyphen_joins_name(doc, i - 1)
                                              or capital_hyphen(doc, i))


def capital_hyphen(doc: Doc, j: int) -> bool:
    """Is ``doc[j]`` a hyphen, written tight, inside a double name ("Bat-Erdene", "Saint-Saëns")?"""
    return 0 < j < len(doc) - 1 and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
        and is_name_token(doc[j - 1]) and is_name_token(doc[j + 1])


def hyphen_joins_name(doc: Doc, j: int) -> bool:
    """Is ``doc[j]`` a hyphen, written tight, between a name part and a lower-case part ("Ji-won")?"""
    return j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
        and doc[j + 1].is_lower and doc[j + 1].is_alpha and len(doc[j + 1].text) <= 4 and doc[j + 1].pos_ in ("PROPN", "NOUN", "VERB", "ADJ", "INTJ") \
        and doc[j + 1].lower_ not in COMPOUND_ENDINGS


#: What follows a name's hyphen in an English compound, not in a given name: "Tashkent-born", "Seoul-based".
COMPOUND_ENDINGS = {"born", "based", "bred", "led", "made", "era", "age", "like", "type", "wide", "run", "held"}


def join_adjacent_names(candidates: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """"Daulet" + "Kairbekov" cut in two by the model are one name when nothing stands between them."""
    ordered = sorted(candidates, key=lambda c: c[0].start)
    out: list[tuple[Span, str]] = []
    for span, label in ordered:
        if out:
            previous, previous_label = out[-1]
            # A run the model left untyped joins a typed neighbour and takes its type ("Sagyndyk" + GPE "Beisenov").
            typed = "PERSON" if "PERSON" in (label, previous_label) else (label or previous_label) if "" in (label, previous_label) else None
            joined = typed and previous.end == span.start and len(previous) + len(span) <= 4 \
                and all(is_name_token(t) for t in (*previous, *span)) and "\n" not in previous.doc[previous.start:span.end].text
            if joined:
                out[-1] = (previous.doc[previous.start:span.end], typed)
                continue
        out.append((span, label))
    return out


def _is_real_date(ent: Span) -> bool:
    return any(t.like_num and len(t.text) == 4 for t in ent) or any(fold(t.text) in MONTHS for t in ent)


def trim_name(span: Span) -> Span | None:
    """Drop a leading article or honorific and a trailing possessive from a name span."""
    start, end = span.start, span.end
    doc = tokens_of(span.doc)
    while start < end and (doc[start].lower_ in ("the", "a", "an") or fold(doc[start].text).rstrip(".") in HONORIFICS or doc[start].is_punct or doc[start].is_space
                           or end - start > 1 and doc[start].text[:1].isupper() and any(
                               v.get(doc[start].text) is not None for v in (vocab.occupations(), vocab.voice_types()))):
        start += 1  # "Drummer Timur Zhakupov": the role is not part of the name
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct or doc[end - 1].is_space
                           or fold(doc[end - 1].text) in TRAILING_TITLES and end - 1 > start and doc[end - 2].whitespace_):
        end -= 1
    if end - start == 1 and len(doc[start].text) <= 2:
        return None  # "Q", "EP": a speaker label or an abbreviation, not a name
    return span.doc[start:end] if end > start else None


def named_by_kinship(span: Span) -> bool:
    """"their two daughters, Madina and Sevara": a name a kinship noun introduces is a person, even a city's name."""
    root, kin = span.root, vocab.kinship()
    heads = [root.head] + ([root.head.head] if root.head.dep_ in ("appos", "conj") else [])
    return root.dep_ in ("appos", "compound", "conj") and any(fold(h.text) in kin for h in heads)


def person_syntax(span: Span) -> bool:
    """Is the name used the way names of people are: subject, possessor, apposition, "named X"?"""
    doc = span.doc
    root = span.root
    if root.dep_ in PERSON_DEPS or (span.end < len(doc) and doc[span.end].text in ("'s", "’s")):
        return True
    if span.start > 0 and doc[span.start - 1].lower_ in ("named", "called"):
        return True
    if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ in ("compound", "appos") and fold(root.head.text) in vocab.kinship():
        return True
    if root.dep_ == "conj" and root.head.dep_ in ("compound", "appos") and fold(root.head.head.text) in vocab.kinship():
        return True  # "their two daughters, Madina and Sevara"
    if root.dep_ == "conj" and (fold(root.head.text) in vocab.kinship() or root.head.dep_ == "conj" and fold(root.head.head.text) in vocab.kinship()):
        return True  # the same, parsed as "daughters, Gulnora and Shahnoza" coordinated with the noun
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "by", "alongside", "under") and root.head.head.pos_ == "VERB":
        return True
    return False


def name_parts_as_people(spans: list[Span]) -> list[Span]:
    """A lone "Iván" tagged as a place is a person when "Iván Imankulov" is a person of the text."""
    parts = {fold(t.text) for s in spans if s.label_ == "Person" and len(s) > 1 for t in s}
    out = []
    for span in spans:
        if span.label_ in ("Place", "Organization") and len(span) == 1 and fold(span.text) in parts:
            doc = span.doc
            locative = span.start > 0 and doc[span.start - 1].lower_ in {"in", "at", "from", "to", "near"}
            if not locative:
                span = Span(doc, span.start, span.end, label="Person")
        out.append(span)
    return out


QUOTED = re.compile(r"[\"“«]([A-ZÀ-ÖØ-ÞА-ЯЁ0-9][^\"”»\n]{0,60})[\"”»]|(?<![\w'’])['‘]([A-ZÀ-ÖØ-ÞА-ЯЁ0-9][^'‘’\n]{0,60}?)['’](?![\w'’])")
ENSEMBLE_NOUNS = {"band", "group", "ensemble", "trio", "quartet", "quintet", "duo", "orchestra", "choir", "collective", "project"}


#: "the Shymkent music college", "the Akhmet Zhubanov music school": a name, then a school written in lower case.
SCHOOL_KINDS = {"music", "art", "arts", "ballet", "choral", "specialised", "specialized"}
SCHOOL_HEADS = {"school", "college", "lyceum", "academy", "conservatory", "institute", "gymnasium", "boarding"}


def lower_case_schools(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name followed by "music school" / "music college" in lower case is a school's name."""
    out = list(spans)
    for span in spans:
        if span.label_ not in ("Place", "Person", "Organization") or span.end + 1 >= len(doc):
            continue
        end = span.end
        while end < len(doc) and doc[end].lower_ in SCHOOL_KINDS and doc[end].is_lower:
            end += 1
        if end == span.end or end >= len(doc) or doc[end].lower_ not in SCHOOL_HEADS or not doc[end].is_lower:
            continue
        school = Span(doc, span.start, end + 1, label="Institution")
        out = [s for s in out if not (s.start < school.end and school.start < s.end)] + [school]
    return out


def quoted_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """Titles in quotation marks: a Work ("the album “Steppe Letters”"), or an Ensemble after "band"."""
    out = [s for s in spans]
    for match in QUOTED.finditer(text_of(doc)):
        group = 1 if match.group(1) is not None else 2
        span = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
        if span is None or len(span) > 10:
            continue
        before = doc[span.start - 2] if span.start >= 2 else None
        label = "Ensemble" if before is not None and before.lower_ in ENSEMBLE_NOUNS else "Work"
        out = [s for s in out if not (s.start < span.end and span.start < s.end and s.label_ not in ("Date",))]
        out.append(Span(doc, span.start, span.end, label=label))
    return out


#: A nickname in quotation marks inside a name: Arman "Aq Qus" Serikuly, Aigerim “Aika” Sydykova.
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "in", "ina", "uly", "kyzy", "qizi", "ogly", "oglu", "sky", "skaya", "enko", "yan", "dze", "shvili")
NICKNAMED = re.compile(r"[\"“]([A-ZÀ-ÖØ-ÞА-ЯЁ][^\"”\n]{0,30})[\"”]")


def nicknamed_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A quoted nickname between a given name and a surname is part of one Person name, not a title:
    `Arman "Aq Qus" Serikuly`, `DJ Jasur "Jazz" Yusupov` (the role word before it stays out)."""
    people = {i for s in spans if s.label_ == "Person" for i in range(s.start, s.end)}
    people |= {i for e in ents_of(doc) if e.label_ == "PERSON" for i in range(e.start, e.end)}
    roles = {i for s in spans if s.label_ == "Occupation" for i in range(s.start, s.end)}
    out = spans
    for match in NICKNAMED.finditer(text_of(doc)):
        inner = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if inner is None or len(inner) > 6 or inner.start == 0 or inner.end >= len(doc):
            continue
        start, end = inner.start, inner.end
        while start > 0 and start - 1 not in roles and is_name_token(doc[start - 1]) and doc[start - 1].pos == PROPN \
                and fold(doc[start - 1].text) not in HONORIFICS and inner.start - start < 3:
            start -= 1
        while end < len(doc) and is_name_token(doc[end]) and doc[end].pos in (PROPN, NOUN) and end - inner.end < 3:
            end += 1
        if start == inner.start or end == inner.end or doc[start].sent.start != doc[end - 1].sent.start:
            continue  # a name on both sides, in one sentence
        one_entity = any(e.start <= start and end <= e.end for e in ents_of(doc))  # the model saw one name: `Aigerim "Aika" Bekova`
        surname = fold(doc[end - 1].text).endswith(SURNAME_ENDINGS)
        if not people.intersection(range(start, inner.start)) and not people.intersection(range(inner.end, end)) \
                and not one_entity and not surname:
            continue
        out = [s for s in out if not (s.start < end and start < s.end) or s.label_ == "Date"]
        out.append(Span(doc, start, end, label="Person"))
    return out


def nickname_in(span: Span) -> tuple[str, str | None]:
    """The name without a quoted nickname, and the nickname: `Arman "Aq Qus" Serikuly` -> ("Arman Serikuly", "Aq Qus")."""
    match = NICKNAMED.search(span.text)
    if match is None or match.start() == 0:
        return span.text, None
    name = (span.text[:match.start()] + span.text[match.end():]).split()
    return " ".join(name), match.group(1).strip()


def describes_ensemble(span: Span) -> bool:
    """"Qyzyl Tan is a Kazakh duo", "Glass Caravan, a trio from Berlin": the name of an ensemble."""
    root, doc = span.root, span.doc
    for child in root.children:
        following = doc[child.i + 1] if child.i + 1 < len(doc) else None
        if child.dep_ == "appos" and child.lemma_.lower() in ENSEMBLE_NOUNS and not (following is not None and following.pos_ in ("VERB", "AUX")):
            return True  # but not "... and Madina Seitova, the band fuses ...": that "band" is the next clause's subject
    if root.dep_ == "nsubj":
        return any(c.dep_ == "attr" and c.lemma_.lower() in ENSEMBLE_NOUNS for c in root.head.children)
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].lemma_.lower() in ENSEMBLE_NOUNS \
            and doc[span.start - 2].pos_ == "NOUN" and any(c.lower_ in ("a", "an") for c in doc[span.start - 2].children) \
            and not (span.end < len(doc) and doc[span.end].pos_ in ("VERB", "AUX")):
        return True  # "a Baku rock band, Qara Yel,", "played as a duo, Ak Tash": the parser hangs the name elsewhere
    return root.dep_ in ("appos", "compound") and root.head.lemma_.lower() in ENSEMBLE_NOUNS and root.head.i < root.i


def extend_name(span: Span, heads: dict[str, str], taken: set[int]) -> Span:
    """Grow a name the model cut short: "Order" + "of Kurmet", "Reka ..." + "Moskva-"."""
    doc = span.doc
    start, end = span.start, span.end
    if start >= 2 and doc[start - 1].text == "-" and is_name_token(doc[start - 2]) and start - 2 not in taken:
        start -= 2
    # "Ji-woo Park", "Kim Soo-ah": a hyphenated given name with a lower-case second half.
    if start >= 3 and doc[start - 1].is_lower and doc[start - 2].text == "-" and not doc[start - 2].whitespace_ \
            and not doc[start - 3].whitespace_ and is_name_token(doc[start - 3]) and start - 3 not in taken:
        start -= 3
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_lower and doc[end + 1].is_alpha and len(doc[end + 1]) <= 4 and end + 1 not in taken \
            and not doc[end + 1].is_stop and doc[end + 1].lower_ not in ("born", "bred", "era", "led", "made", "based"):
        end += 2
    elif end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and is_name_token(doc[end + 1]) and end + 1 not in taken:
        end += 2  # "Temuulen Bat-Erdene"
    # "Dala e Mar", "Jacob do Bandolim", "Registan Five": particles and number words inside a name.
    while end + 1 < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].whitespace_ and is_name_token(doc[end + 1]) \
            and end + 1 not in taken and not doc[end + 1].is_sent_start:
        end += 2
    if end < len(doc) and doc[end].like_num and doc[end].text.istitle() and end not in taken and not doc[end].is_sent_start:
        end += 1
    # "the Masala Weltbeat Festival": the model cut the name; a head word's name runs back over capitalised words.
    if heads.get(fold(doc[end - 1].text)) in ("Event", "Venue", "Institution", "Ensemble", "Award"):
        while start > 0 and start - 1 not in taken and not doc[start].is_sent_start and doc[start - 1].whitespace_ and (
                is_name_token(doc[start - 1]) and doc[start - 1].pos_ == "PROPN"
                or doc[start - 1].lower_ == "and" and start > 1 and is_name_token(doc[start - 2]) and doc[start - 2].pos_ == "PROPN"):
            start -= 1  # "the State Folk Song and Dance Ensemble"
    # "German Record Critics' Award": a possessive plural before the head word is part of the name.
    if end + 1 < len(doc) and doc[end].text in ("'", "’") and heads.get(fold(doc[end + 1].text)) in ("Award", "Event") and end + 1 not in taken:
        end += 2
    if fold(doc[end - 1].text) in heads and end + 1 < len(doc) and doc[end].lower_ in ("of", "for"):
        stop = end + 1
        while stop < len(doc) and (is_name_token(doc[stop]) or doc[stop].lower_ in ("the", "of", "and") and stop + 1 < len(doc) and is_name_token(doc[stop + 1])) and stop not in taken:
            stop += 1
        if stop > end + 1 and is_name_token(doc[stop - 1]):
            end = stop
    return doc[start:end]


#: Names whose words are not facts of their own: "Shashmaqam Blue" is an album, not a genre.
NAMES_OVER_WORDS = {"Work", "Ensemble", "Organization", "Award", "Event", "Venue"}


def not_inside_names(spans: list[Span]) -> list[Span]:
    name_at: dict[int, Span] = {}
    for name in spans:
        if name.label_ in NAMES_OVER_WORDS and name[0].text[:1].isupper():
            for i in range(name.start, name.end):
                name_at[i] = name
    out = []
    for s in spans:
        name = name_at.get(s.start) if s.label_ in ("Genre", "Instrument") else None
        if name is None or not (s.end <= name.end and len(name) > len(s)):
            out.append(s)
    return out


def consistent_types(spans: list[Span]) -> list[Span]:
    """A name typed as an ensemble (or institution) once is that everywhere in the document; a full
    name typed as a person once is a person wherever the model's other guess was an organization or place."""
    fixed = {fold(s.text): s.label_ for s in spans if s.label_ in ("Ensemble", "Institution")}
    people = {fold(s.text) for s in spans if s.label_ == "Person" and len(s) > 1}
    out = []
    for s in spans:
        key = fold(s.text)
        if s.label_ == "Person" and key in fixed:
            s = Span(s.doc, s.start, s.end, label=fixed[key])
        elif s.label_ in ("Organization", "Place") and key in people and key not in fixed:
            s = Span(s.doc, s.start, s.end, label="Person")
        out.append(s)
    return out


def not_headings(doc: Doc, spans: list[Span]) -> list[Span]:
    """A heading ("Discography", "RECORDS AND AWARDS", "DALA TOLQYNY — PRESS KIT") names nobody."""
    headings = [(start, end) for start, end, kind in (doc._.ln_lines or ()) if kind == "heading"]
    if not headings:
        return spans
    out = []
    for span in spans:
        line = next((h for h in headings if h[0] <= span.start_char < h[1]), None)
        if line is not None and span.label_ in ("Person", "Ensemble", "Organization", "Work"):
            text = YEARS_IN_BRACKETS.sub("", text_of(doc)[line[0]:line[1]]).strip()
            if len(text.split()) == 1 and span.label_ != "Ensemble" or len(text.split()) == 1 and fold(text) in section_words():
                continue  # "Discography", "Career"
            if span.label_ == "Person" and (text.isupper() or span.text.isupper()):
                continue
        out.append(span)
    return out


@lru_cache(maxsize=None)
def section_words() -> frozenset[str]:
    """Headings that name a part of a text, never a person or a band."""
    return frozenset(fold(r["word"]) for r in load_tsv("section_headings.tsv")) | frozenset(
        "career biography background backgrounds origins formation timeline legacy life works recordings".split())


@lru_cache(maxsize=None)
def award_patterns() -> re.Pattern:
    """Titles and prizes written without a telling head word: "Honoured Artist of ...", "Grand Prix",
    "Best Jazz Album", "Album of the Year", "Order of Parasat" (``data/award_patterns.tsv``)."""
    return re.compile("|".join(f"(?:{r['pattern']})" for r in load_tsv("award_patterns.tsv")))


def award_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """Award spans from the patterns; they replace the name spans they overlap."""
    found = []
    for match in award_patterns().finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is None or not len(span):
            continue
        # "People's Artist of Kazakhstan Raushan Zhaksybekova": the title ends where a person's name begins.
        person_start = min((s.start for s in spans if s.label_ == "Person" and span.start < s.start < span.end), default=None)
        if person_start is not None:
            span = doc[span.start:person_start]
        else:  # the model took "Kazakhstan Raushan Zhaksybekova" for one name: the country ends the title
            country = next((s for s in spans if s.label_ == "Country" and span.start < s.start and s.end < span.end), None)
            rest = doc[country.end:span.end] if country is not None else None
            if rest is not None and 1 < len(rest) <= 4 and all(is_name_token(t) for t in rest):
                spans = spans + [Span(doc, rest.start, rest.end, label="Person")]
                span = doc[span.start:country.end]
        # A prize named with its giver ("the Borbad Prize of the Ministry of Culture") or a longer name
        # around the pattern ("the Golden Horse Head Award for Best Rock Album") is one award.
        for other in spans:
            if other.label_ == "Award" and other.start < span.end and span.start < other.end:
                span = doc[min(span.start, other.start):max(span.end, other.end)]
        found.append(Span(doc, span.start, span.end, label="Award"))
    if not found:
        return spans
    covered = {i for s in found for i in range(s.start, s.end)}
    kept = [s for s in spans if s.label_ in ("Date",) or not covered.intersection(range(s.start, s.end))]
    return kept + found
