"""Dependency-tree questions the relation rules ask: whose clause is this, is it negated, is it only wished for."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..reference import fold
from ..reference.vocab import kinship
from ..reference.lexicons import lexicon
from .arguments import title_named
from .layout import tokens_of

#: Verbs and nouns under which a statement is only wanted, hoped or planned, not asserted.
HYPOTHETICAL = lexicon("hypothetical_words")
#: Adjectives of things that did not (yet) happen.
UNREALISED = lexicon("unrealised_adjectives")
NEGATORS = lexicon("negators")
#: Nouns a place reference passes through: "the small town of Karakol", "the streets of Almaty".
PLACE_CARRIERS = lexicon("place_carriers")


#: Someone else in a person's life: "his teacher", "her mentor" say nothing about the possessor.
ROLE_NOUNS = lexicon("role_nouns")
#: "the duo", "the couple", "the two of them": a group named before.
GROUP_NOUNS = lexicon("group_nouns")
#: "the young musician", "the singer": a definite description of the person the text is about.
PERSON_NOUNS = lexicon("person_nouns")


def is_occupation(token: Token) -> bool:
    from ..reference.vocab import occupations
    return occupations().get(token.text) is not None


@dataclass(frozen=True)
class Owner:
    """Who a token's clause is about: ``people`` (indexes) or why nobody."""

    people: tuple[int, ...] = ()
    why: str = "no-subject"  # "person", "possessor", "relative", "ensemble", "other", "no-subject"
    confidence: float = 0.0
    ensemble: int | None = None  # the ensemble the clause is about, when ``why == "ensemble"``
    subject: int | None = None  # the subject token, when it is no person ("other")


def person_of(token: Token, refs: dict[int, tuple[int, ...]], max_steps: int = 10,
              ensembles: dict[int, int] | None = None) -> Owner:
    """Walk up from ``token`` to the clause whose subject (or possessor, or apposition) is a person or an ensemble."""
    kin = kinship()
    ensembles = ensembles or {}
    t = token
    came_from = None  # the child the walk came up from
    for _ in range(max_steps):
        if t.i != token.i and t.i in refs:
            return Owner(refs[t.i], "person", 0.9)
        if t.i != token.i and t.i in ensembles and t.dep_ in ("appos", "nsubj", "nsubjpass", "attr") and t.pos_ in ("NOUN", "PROPN"):
            return Owner((), "ensemble", 0.75, ensembles[t.i])  # "Khar Salkhi, the folk rock group from Ulaanbaatar"
        if t.pos_ == "NOUN" and t.dep_ != "ROOT":
            # "the São Paulo-born drummer and producer Lucas Ferreira", "her husband, the baritone Dias Nurpeisov",
            # "a daughter, Aliya, who became a pianist": the noun names the person in apposition
            named = next((c for c in t.children if c.dep_ == "appos" and len(refs.get(c.i, ())) == 1), None)
            if named is not None and t.i == token.i and not (t.i + 1 < len(t.doc) and refs.get(t.i + 1) == refs[named.i]):
                named = None  # the word itself names only the name written right after it ("the baritone Dias")
            if named is not None:
                return Owner(refs[named.i], "person", 0.85)
            if t.dep_ == "appos" and len(refs.get(t.head.i, ())) == 1 and (fold(t.text) in kin or t.lemma_.lower() in ROLE_NOUNS):
                return Owner(refs[t.head.i], "person", 0.85)  # "Shirin Rahimi, Albrecht's wife, who grew up in Tabriz"
            if t.dep_ == "appos" and fold(t.head.text) in kin:
                # "a daughter, Saraa, now a medical student": the name beside it in apposition to the same noun
                named = next((c for c in t.head.children if c.dep_ == "appos" and c.i < t.i and len(refs.get(c.i, ())) == 1), None)
                if named is not None:
                    return Owner(refs[named.i], "person", 0.8)
        for child in t.children:
            if child.dep_ == "poss" and child.i in refs and t.pos_ in ("NOUN", "PROPN"):
                if fold(t.text) in kin or t.lemma_.lower() in ROLE_NOUNS:
                    return Owner((), "relative")
                return Owner(refs[child.i], "possessor", 0.8)
            if child.dep_ == "poss" and child.i in ensembles and t.pos_ in ("NOUN", "PROPN"):
                return Owner((), "ensemble", 0.75, ensembles[child.i])  # "the band's first album"
        if t.dep_ == "appos" and fold(t.head.text) in kin and t.head.i not in refs:
            return Owner((), "relative")
        subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and not speaker_label(c)
                        and not aside(c, token)), None)
        if subject is not None and subject.i != token.i:
            if subject.lower_ in ("who", "that", "which", "whom") and t.dep_ == "relcl":
                t = t.head  # "a violinist from Osh who had settled in ...": the clause is about the noun
                continue
            owner = subject_owner(subject, refs, ensembles)
            if owner.why == "other" and came_from is not None and came_from.dep_ in ("xcomp", "advcl") \
                    and any(c.lower_ == "to" and c.dep_ == "aux" for c in came_from.children):
                # "A DAAD scholarship took Ortikova to Germany to study jazz": the one taken is the one who studies
                obj = next((c for c in t.children if c.dep_ == "dobj" and len(refs.get(c.i, ())) == 1), None)
                if obj is not None:
                    return Owner(refs[obj.i], "person", 0.75)
            return owner
        came_from = t
        if t.head.i == t.i:
            # A root with no subject of its own shares that of a clause before it: "Since 2019 the band
            # have sold out ..., played ... and toured ..." (the parser hangs "sold" under "played").
            earlier = next((c for c in t.children if c.dep_ in ("advcl", "conj", "ccomp") and c.i < t.i and c.pos_ in ("VERB", "AUX")), None)
            subject = next((c for c in earlier.children if c.dep_ in ("nsubj", "nsubjpass")), None) if earlier is not None else None
            if subject is not None and subject.i != token.i:
                return subject_owner(subject, refs, ensembles)
            break
        t = t.head
    return Owner()


def aside(subject: Token, token: Token) -> bool:
    """Is ``subject`` inside brackets or a quotation that ``token`` is outside of: "Roman, who does not play the
    guitar ("Dad would never let me hear the end of it"), trained at ...": Dad is no subject of "trained"."""
    regions = aside_regions(subject.doc)
    where = regions[subject.i]
    return where is not None and regions[token.i] != where


REGIONS_KEY = "linernotes.aside_regions"



def aside_regions(doc) -> list[int | None]:
    """For each token, the bracket or quotation mark it is inside (within its sentence), or None:
    one pass over the document, kept with the token list (the check stage lets both go)."""
    regions = doc.user_data.get(REGIONS_KEY)
    if regions is not None:
        return regions
    regions = []
    depth, quote, opened = 0, False, None
    for u in tokens_of(doc):
        if u.is_sent_start:
            depth, quote, opened = 0, False, None
        regions.append(opened if depth or quote else None)
        if u.text == "(":
            depth += 1
            opened = u.i
        elif u.text == ")":
            depth = max(depth - 1, 0)
        elif u.text in ("“", "«"):
            quote, opened = True, u.i
        elif u.text in ("”", "»"):
            quote = False
        elif u.text == '"':
            quote = not quote
            opened = u.i if quote else opened
    doc.user_data[REGIONS_KEY] = regions
    return regions


def speaker_label(token: Token) -> bool:
    """"A" in "A: My brother Bakyt plays the kyl kyyak": the label of an interview turn, parsed as a subject."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text != ":":
        return False
    return token.i == 0 or "\n" in doc[token.i - 1].text or doc[token.i - 1].is_sent_end is True or doc[token.i].is_sent_start is True


def subject_owner(subject: Token, refs: dict[int, tuple[int, ...]], ensembles: dict[int, int] | None = None) -> Owner:
    """The people a subject token stands for ("Kairat", "he", "they", "Kairat and Sophia", "his music")."""
    found: list[int] = []
    for t in [subject, *subject.conjuncts]:
        if t.i in refs:
            found.extend(refs[t.i])
        elif t.i != subject.i and t.pos_ == "NOUN":
            named = title_named(t, refs)  # "She and the guitarist Ruslan Temirov formed a duo"
            if named is not None:
                found.extend(refs[named.i])
    if found:
        return Owner(tuple(dict.fromkeys(found)), "person", 0.9)
    if ensembles and subject.i in ensembles:
        return Owner((), "ensemble", 0.75, ensembles[subject.i])  # "Dala Tolqyny toured Germany", "the trio played"
    if ensembles:
        for child in subject.children:
            if child.dep_ == "poss" and child.i in ensembles:
                return Owner((), "ensemble", 0.75, ensembles[child.i])  # "The band's second album won ..."
    named = next((c for c in subject.children if c.dep_ == "appos" and c.i in refs), None)
    if named is None:
        # "Her husband, the saxophonist Jonah Feld, plays ...": through the title noun in apposition
        title = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if title is not None:
            named = next((c for c in title.children if c.dep_ in ("appos", "compound") and len(refs.get(c.i, ())) == 1), None)
    if named is not None:
        return Owner(refs[named.i], "person", 0.85)  # "His teacher, Gulnara Kassymova, was born ..."
    if fold(subject.text) in kinship() or subject.lemma_.lower() in ROLE_NOUNS:
        return Owner((), "relative")
    word = subject.lemma_.lower()
    determiners = {c.lower_ for c in subject.children if c.dep_ in ("det", "poss")}
    if word in GROUP_NOUNS and determiners & {"the", "both"} or (word in ("two", "both") and subject.pos_ in ("NUM", "PRON", "DET")):
        return Owner((), "group")
    if determiners & {"the", "this", "that"} and (word in PERSON_NOUNS or is_occupation(subject) or aged(subject)):
        return Owner((), "description")
    for child in subject.children:
        if child.dep_ == "poss" and child.i in refs:
            return Owner(refs[child.i], "possessor", 0.75)
    return Owner((), "other", subject=subject.i)


def aged(token: Token) -> bool:
    """"The 31-year-old": a person described by age."""
    return token.lower_ == "old" and any(c.lower_ in ("year", "-") or c.like_num for c in token.children) \
        or token.lower_.endswith("-year-old")


def path_to_clause(token: Token, max_steps: int = 10) -> list[Token]:
    """``token`` and its ancestors up to the first one with a subject (the clause it belongs to).
    Kept per document (as token indexes): the negation and modality checks of every candidate ask
    for the same paths."""
    paths = token.doc.user_data.setdefault(PATHS_KEY, {})
    found = paths.get((token.i, max_steps))
    if found is None:
        found = paths[(token.i, max_steps)] = tuple(t.i for t in _path_to_clause(token, max_steps))
    tokens = tokens_of(token.doc)
    return [tokens[i] for i in found]


#: Where ``path_to_clause`` keeps the paths of a document.
PATHS_KEY = "linernotes.clause_paths"


def _path_to_clause(token: Token, max_steps: int) -> list[Token]:
    path = [token]
    t = token
    for _ in range(max_steps):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) or t.head.i == t.i:
            break
        if t.dep_ in ("nsubj", "nsubjpass") and t.i != token.i:
            break  # "Her father, Oleg Lim, a mathematics teacher, wanted her to ...": the subject is no part of what is wanted
        if aside(t.head, token):
            break  # a parse that hangs the sentence on a quotation in brackets: its "never" is the quotation's
        t = t.head
        path.append(t)
    return path


def is_negated(token: Token) -> bool:
    """"she never learned the piano", "without formal training", "no interest in opera"."""
    for t in path_to_clause(token):
        for child in t.children:
            if child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in ("advmod", "det", "preconj", "cc", "prep")):
                if t.pos_ in ("NOUN", "PROPN") and token.i <= t.i < child.i:
                    continue  # "she plays the viola, not the rubab": the "not" is for what follows it
                return True
        if t.lower_ == "without" or (t.lower_ == "of" and t.head.lower_ == "instead") or t.lower_ == "than" and t.head.lower_ == "rather":
            return True
    return False


def is_hypothetical(token: Token) -> bool:
    """"his parents wanted him to become a doctor", "her dream was to play Carnegie Hall"."""
    path = path_to_clause(token)
    for k, t in enumerate(path):
        if t.lemma_.lower() in HYPOTHETICAL and t.i != token.i and t.pos_ not in ("ADV", "ADJ", "ADP"):
            return True  # not "lasted as long as X" (the adverb), only "longed to"
        if k > 0 and path[k - 1].dep_ != "conj" and t.lemma_.lower() == "turn" \
                and any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children):
            return True  # "she turned down an invitation to join the orchestra" (not "turned it down and stayed in X")
        if any(c.dep_ == "amod" and c.lower_ in UNREALISED for c in t.children):
            return True  # "a planned concert in Beijing", "a cancelled tour of the United States"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
    top = path[-1]
    for t in [top, top.head]:
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in HYPOTHETICAL:
                return True
        if t.lemma_.lower() in HYPOTHETICAL and t.i != token.i and top.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl"):
            return True
    auxes = {c.lower_ for c in top.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & {"would", "could", "might", "should"} and "have" in auxes)
