"""What a proper name is, decided by its context as well as its shape.

The small English model types most unfamiliar names as PERSON. A title ("Kók Tu ('Blue Banner',
2014)"), a band ("the folk rock group Khar Salkhi", "Dala Tolqyny are", "joined Kokzhal") or a label
("the Almaty label Shanyraq Records") says what it is through the words around it; the cue words
are data (``data/name_cues.tsv``). Only names the shape rules could not settle (typed Person,
Organization or Place by default) are retyped, and a type found once holds for every mention of
the same name in the document.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..reference import fold
from ..reference.vocab import entity_heads, kinship, name_cues
from .layout import text_of

OWN_HEAD_TYPES = {"Award", "Event", "Venue", "Institution", "Ensemble"}
RETYPABLE = {"Person", "Organization", "Place", "Venue", "Event", "Work"}
#: "(2014)", "('Blue Banner', 2014)", "(“Wind of the Sky”)", "(Melodiya, 1978)": what follows a title.
AFTER_TITLE = re.compile(r"""^\s*\(\s*(?:['‘"“«][^)]{1,60}['’"”»]\s*(?:,\s*[^)]{0,40})?|(?:[^()]{0,40},\s*)?(?:19|20)\d\d(?:\s*,[^()]{0,30})?)\)""")
#: "(born 1980)", "(1921–1990)", "(b. 1950)": what follows a person's name.
LIFESPAN = re.compile(r"^\s*\(\s*(?:born|b\.|née|nee|\d{4}\s*[–-])")
RENAMED = re.compile(r"(?:\(\s*(?:now|today|formerly|later|then|since \d{4})|\b(?:now|today|then|formerly) (?:called|known as|named|spelled|written))\s*$", re.I)
YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
FOUNDED = {"found", "form", "co-found", "cofound", "establish", "create", "launch", "assemble", "reform", "disband"}
PLURAL_VERBS = {"are", "were", "have", "'re", "’re"}
#: What one signs with a label: "signed with X", "signed to X", "a contract with X".
SIGNED_WITH = {"sign", "contract", "deal"}


def cue_type(span: Span) -> tuple[str, int] | None:
    """The type the context gives a name and how sure (2: a strong cue, 1: a weak one), or None."""
    found = _cue(span)
    if found is None:
        return None
    return found, 1 if found == "Work?" else 2


def introduced_as_person(span: Span) -> bool:
    """"a pupil of X", "the class of X", "the daughter of X", "lessons from X", "learned it from X", "married to
    X": a name a teaching, kinship or marriage word introduces is a person (the model types unfamiliar teachers as ORG or NORP)."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "a pupil of X and Y"
    cues = name_cues()
    if root.dep_ in ("dobj", "dative") and cues.get("object", {}).get(root.head.lemma_.lower()) == "Person":
        return True  # "she married X", "he taught X"
    if root.dep_ == "dobj":  # "she counts X among her teachers", "he names X as his mentor"
        nouns = {w for w, kind in cues.get("of", {}).items() if kind == "Person"}
        return any(p.dep_ == "prep" and p.lower_ in ("among", "as") and any(o.dep_ == "pobj" and o.lemma_.lower() in nouns for o in p.children)
                   for p in root.head.children)
    if root.dep_ != "pobj" or root.head.i == root.i:
        return False
    prep = root.head
    word = prep.head.lemma_.lower()
    if prep.lower_ == "of" and prep.head.pos_ == "NOUN":
        return cues.get("of", {}).get(word) == "Person" or fold(prep.head.text) in kinship()
    if prep.lower_ == "to":  # "married to X", "her marriage to X"
        return cues.get("to", {}).get(word) == "Person" or cues.get("to", {}).get(prep.head.lower_) == "Person"
    if prep.lower_ in ("from", "with", "under"):
        learning = {w for w, kind in cues.get("from", {}).items() if kind == "Person"}
        if word in learning or any(c.dep_ == "dobj" and c.lemma_.lower() in learning for c in prep.head.children):
            return True  # "learned it from X", "took lessons from X"
        # "studied composition with X", "studied at the Conservatory under X": the learning word a step or two up
        head = prep.head
        for _ in range(3):
            if head.head.i == head.i:
                break
            head = head.head
            if head.lemma_.lower() in learning:
                return prep.lower_ != "from" or head.i == prep.head.head.i
        return False
    return False


def _cue(span: Span) -> str | None:
    doc, root = span.doc, span.root
    cues = name_cues()
    nouns, objects = cues.get("noun", {}), cues.get("object", {})
    text = text_of(doc)
    after = text[span.end_char:span.end_char + 80]
    if RENAMED.search(text[max(span.start_char - 30, 0):span.start_char]):
        return "Place"  # "Ust-Kamenogorsk (now Oskemen)", "as Bishkek was called until 1991"
    # "the band Kokzhal", "the album Altai", "her debut album, Oq Yo'l,", "Kokzhal, a folk-rock band".
    if root.dep_ in ("appos", "compound", "nmod") and root.head.i != root.i:
        word = root.head.lemma_.lower()
        following = doc[root.head.i + 1] if root.head.i + 1 < len(doc) else None
        starts_clause = root.head.i > span.start and following is not None and following.pos_ in ("VERB", "AUX")
        if word in nouns and (root.head.i < span.start or root.dep_ == "appos") and not starts_clause:
            return nouns[word]
    for child in root.children:
        following = doc[child.i + 1] if child.i + 1 < len(doc) else None
        if child.dep_ == "appos" and child.lemma_.lower() in nouns and not (following is not None and following.pos_ in ("VERB", "AUX")) \
                and not another_thing(child):
            return nouns[child.lemma_.lower()]  # not "... Madina Seitova, the band fuses": that "band" is the next subject
    if root.dep_ == "nsubj":
        attr = next((c for c in root.head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.lemma_.lower() in nouns and attr.pos_ == "NOUN":
            return nouns[attr.lemma_.lower()]
    # "signed with Hollow Reed", "a recording contract with EMI", "on the Ninefold label": a record label.
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "to") and root.head.head.lemma_.lower() in SIGNED_WITH:
        return "Organization"
    if root.dep_ == "compound" and root.head.i == span.end and root.head.lemma_.lower() in ("label", "imprint") \
            and span.label_ != "Place":  # but "the Almaty label X": the label's city
        return "Organization"
    # "a punk band called Zhol", "a song named Aqqu".
    if span.start >= 2 and doc[span.start - 1].lower_ in ("called", "named", "entitled", "titled"):
        word = doc[span.start - 2].lemma_.lower()
        if word in nouns:
            return nouns[word]
    if span.start >= 1 and doc[span.start - 1].lemma_.lower() in nouns and doc[span.start - 1].pos_ == "NOUN" \
            and (root.dep_ != "nsubj" or doc[span.start - 1].head.i == root.i and doc[span.start - 1].dep_ == "compound") \
            and nouns[doc[span.start - 1].lemma_.lower()] in ("Work", "Ensemble", "Organization"):
        # "the single Kóshpendi" where the parser attached it elsewhere; a subject only with the noun on its own name
        # ("the fusion group X, whose album ... mixes": X taken for the subject of "mixes"), not "After the concert X sang"
        return nouns[doc[span.start - 1].lemma_.lower()]
    if LIFESPAN.match(after) or introduced_as_person(span):
        return "Person"
    title = AFTER_TITLE.match(after) if span.label_ in ("Person", "Organization", "Work") else None
    if title and YEAR_IN.search(title.group(0)):
        return "Work"
    # "Altyn Sandyq was founded in 2017 by ...": what is founded and has a name is a band (or a school).
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in FOUNDED and span.label_ in ("Person", "Organization", "Work"):
        return "Ensemble"
    if root.dep_ in ("dobj",) and root.head.lemma_.lower() in objects:
        if span.label_ == "Person" and root.head.lemma_.lower() in ("join", "rejoin") \
                and any(c.dep_ == "prep" and c.lower_ == "on" for c in root.head.children):
            return None  # "she joined Jorun Vik on stage", "joined X on his world tour": a person joined, no band
        return objects[root.head.lemma_.lower()]
    # "Dala Tolqyny are ...": one name with a plural verb is a group.
    if root.dep_ == "nsubj" and not root.conjuncts and len(span) <= 4:
        verb = root.head
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {verb.lower_} | {a.lower_ for a in auxes}
        if words & PLURAL_VERBS and not any(t.lower_ == "and" for t in span):
            return "Ensemble"
    # "the drummer of Kokzhal"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in cues.get("member", {}):
        return "Ensemble"
    if title:
        return "Work?"  # a translation in brackets: a title, unless something stronger says otherwise
    return None


#: Words that make a noun in apposition an example of something said before, not another name for the name.
EXAMPLE_WORDS = {"especially", "notably", "particularly", "including", "chiefly", "mainly"}


def another_thing(noun) -> bool:
    """"X, whose album Y": the noun opens a relative clause the parser hung on X as an apposition; "recordings for X,
    especially the album Y": an example of the recordings. Neither says what X is."""
    return any(c.tag_ == "WP$" or c.lower_ in EXAMPLE_WORDS for c in noun.children)


def retype(spans: list[Span]) -> list[Span]:
    """Spans with context types applied, consistently for every mention of the same name."""
    votes: dict[str, tuple[int, str]] = {}
    heads = entity_heads()
    for span in spans:
        if span.label_ not in RETYPABLE or heads.get(fold(span[-1].text)) in OWN_HEAD_TYPES:
            continue  # "the Golden Horse Head Award": its own head word says what it is
        found = cue_type(span)
        if found is not None:
            label, strength = found
            key = fold(span.text)
            if key not in votes or strength > votes[key][0]:
                votes[key] = (strength, label.rstrip("?"))
    decided = {key: label for key, (_, label) in votes.items()}
    # Conjoined titles and bands share the type ("Kók Tu, Zhel and Altyn Kópir"); so does a
    # translation in brackets after the name ("Dala Tolqyny ('Steppe Wave')").
    by_root = {s.root.i: s for s in spans}
    by_end = {s.end: s for s in spans if s.label_ != "Date"}
    for span in spans:
        if span.label_ not in RETYPABLE and span.label_ != "Work":
            continue
        neighbours = []
        if span.root.dep_ == "conj":
            neighbours.append(by_root.get(span.root.head.i))
        neighbours += [by_root.get(c.i) for c in span.root.children if c.dep_ == "conj"]
        before = text_of(span.doc)[max(span.start_char - 3, 0):span.start_char]
        if "(" in before:
            neighbours += [by_end.get(end) for end in range(span.start - 3, span.start + 1)]
        for other in neighbours:
            if other is not None and fold(other.text) in decided and fold(span.text) not in decided:
                decided[fold(span.text)] = decided[fold(other.text)]
    if not decided:
        return spans
    out = []
    for s in spans:
        label = decided.get(fold(s.text)) if s.label_ in RETYPABLE and heads.get(fold(s[-1].text)) not in OWN_HEAD_TYPES else None
        if label == "Person" and s.label_ not in ("Organization", "Place"):
            label = None  # a lifespan confirms a person; it does not make a venue or a title one
        out.append(Span(s.doc, s.start, s.end, label=label) if label else s)
    return out
