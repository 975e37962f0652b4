"""Reading the people an argument names: through title nouns, conjunctions, and the surface run of words.

Shared by the relation rules and by the relate stage; it depends on nothing else in the pipeline.
"""
from __future__ import annotations


from spacy.symbols import NOUN
from spacy.tokens import Token

from ..reference.lexicons import lexicon
from .layout import tokens_of



#: Nouns a person is named through: "the singer X", "Professor X", "the class of X", "the guidance of X".
THROUGH_OF = lexicon("through_of_nouns")


def person_behind(token: Token, refs: dict[int, tuple[int, ...]]) -> Token | None:
    """The name an argument stands for: itself ("Kassymova"), the name a title noun introduces
    ("the singer Aruzhan Kassymova", "the zhyrau Kuanysh Beisenov"), or the name after "the class of"."""
    if token.i in refs and len(refs[token.i]) == 1:
        return token
    for child in token.children:
        if child.dep_ in ("appos", "compound", "nmod") and child.i in refs and len(refs[child.i]) == 1:
            return child
    if token.lemma_.lower() in THROUGH_OF:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return person_behind(obj, refs)
    return None


def people_under(prep: Token, refs: dict[int, tuple[int, ...]]) -> list[Token]:
    """The people a preposition governs: "by guitarist and singer X and bassist Y", "with the kamancheh
    player X and the khanende Y" (the second name hangs off the first in the parse)."""
    out: list[Token] = []
    seen: set[int] = set()
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        for t in [obj, *obj.conjuncts]:
            named = person_behind(t, refs)
            if named is None:
                continue
            for other in [named, *named.conjuncts]:
                behind = person_behind(other, refs)
                if behind is not None and refs[behind.i][0] not in seen:
                    seen.add(refs[behind.i][0])
                    out.append(behind)
    return out


def names_after(token: Token, refs: dict[int, tuple[int, ...]], limit: int = 25) -> list[int]:
    """The people named in the run of words right after ``token`` (a preposition or verb), read off
    the surface, not the parse: role nouns, adjectives, "and" and commas may stand between the names.
    The small parser often mangles these runs ("by guitarist and singer X" with "singer" as a verb)."""
    doc = token.doc
    found: list[int] = []
    depth = 0
    for t in doc[token.i + 1: min(token.i + 1 + limit + 10, token.sent.end)]:
        if t.text == "(":
            depth += 1  # "X (komuz, temir komuz), from Osh, and Y": brackets are skipped
            inner = doc[t.i + 1] if t.i + 1 < len(doc) else None
            before = doc[t.i - 1]
            if inner is not None and len(refs.get(inner.i, ())) == 1 and before.i not in refs and before.text[:1].isupper():
                # "the rapper Dala MC (Alibek Zhaksybekov)": the name in use, then the person's own name
                if refs[inner.i][0] not in found:
                    found.append(refs[inner.i][0])
            continue
        if t.text == ")":
            depth = max(depth - 1, 0)
            continue
        if depth:
            continue
        if t.i in refs:
            if t.pos_ == "PRON" and t.lower_ not in ("him", "her", "them"):
                break
            end = t.i + 1
            while end < len(doc) and refs.get(end) == refs[t.i]:
                end += 1  # the end of this name ("Ruslan Temirov's")
            following = doc[end] if end < len(doc) else None
            if following is not None and following.text in ("'s", "’s", "'", "’"):
                continue  # "Mirzo's daughter": a possessor describes the next name, it is no name of the list
            for person in refs[t.i]:
                if person not in found:
                    found.append(person)
            continue
        if t.lower_ in ("including", "like") or t.lower_ == "as" and t.i > 0 and doc[t.i - 1].lower_ == "such":
            continue  # "with artists such as X and Y", "with musicians including X"
        if t.text in (".", ";", ":", "—", "–") or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and t.lower_ not in ("of", "from"):
            if t.pos_ == "VERB" and t.tag_ == "VB" and t.lower_ in ROLE_VERBS_AS_NOUNS:
                continue  # "singer" tagged as a verb
            break
        if t.pos_ == "PRON" or t.lower_ in ("who", "which", "whom", "whose"):
            break
    return found


ROLE_VERBS_AS_NOUNS = lexicon("role_verbs_as_nouns")


def relatives_named(doc, refs: dict[int, tuple[int, ...]], people: list) -> dict[tuple[int, str], int]:
    """Who "her father", "his wife" stand for, from what the text says elsewhere: (person, kinship word) -> person.

    "Her father, Asan Sarybaev, ..." gives (her, "father") -> Asan; "His daughter, Sevil, ..." gives (Sevil, "father")
    -> him as well (the gender of the parent says father or mother); "their sons, Pavel and Mikhail" gives each son
    his father and mother. Computed once per document."""
    key = "linernotes.relatives_named"
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] is refs:
        return cached[1]
    from ..reference import fold
    from ..reference.vocab import kinship
    kin = kinship()
    out: dict[tuple[int, str], int] = {}

    def gender(i: int) -> str | None:
        return people[i].gender if 0 <= i < len(people) else None

    def word_for(relation: str, g: str | None) -> str | None:
        return {("father", None): None, ("child", "male"): "son", ("child", "female"): "daughter",
                ("spouse", "male"): "husband", ("spouse", "female"): "wife",
                ("sibling", "male"): "brother", ("sibling", "female"): "sister"}.get((relation, g))

    for token in tokens_of(doc):
        if token.pos != NOUN:
            continue
        word = fold(token.text)
        if word not in kin:
            continue
        poss = next((c for c in token.children if c.dep_ == "poss" and c.i in refs), None)
        if poss is None:
            continue
        owners = refs[poss.i]
        plural = word.endswith("s") or word in ("children", "twins")
        named: list[int] = []
        t = token
        for _ in range(3):  # "her husband, the tanbur player X": through a chain of appositions
            behind = person_behind(t, refs)
            if behind is not None:
                named = [refs[behind.i][0]]
                if plural:  # "their daughters, Madina and Sevara"
                    named += [refs[c.i][0] for c in behind.conjuncts if len(refs.get(c.i, ())) == 1 and c.i > behind.i]
                break
            t = next((c for c in t.children if c.dep_ == "appos"), None)
            if t is None:
                break
        if not named and plural:
            # "their sons, Pavel and Mikhail", parsed as a coordination of the noun and the names
            named = [refs[c.i][0] for c in token.conjuncts if c.i > token.i and len(refs.get(c.i, ())) == 1]
        if not named:
            continue
        relation = kin[word][0]
        for n in named:
            if len(owners) == 1 and owners[0] != n:
                out.setdefault((owners[0], word), n)
                back = "father" if relation == "child" and gender(owners[0]) == "male" else \
                    "mother" if relation == "child" and gender(owners[0]) == "female" else \
                    word_for("child", gender(owners[0])) if relation in ("father", "mother") else \
                    word_for(relation, gender(owners[0])) if relation in ("spouse", "sibling") else None
                if back:
                    out.setdefault((n, back), owners[0])
            elif relation == "child":
                for parent in owners:  # "their sons, Pavel and Mikhail"
                    if parent != n and gender(parent) in ("male", "female"):
                        out.setdefault((n, "father" if gender(parent) == "male" else "mother"), parent)
    doc.user_data[key] = (refs, out)
    return out


def relative_behind(token: Token, refs: dict[int, tuple[int, ...]], people: list) -> int | None:
    """The person a kinship noun stands for ("alongside her father", "his father's quartet"), when the text names
    that relative somewhere."""
    from ..reference import fold
    poss = next((c for c in token.children if c.dep_ == "poss" and len(refs.get(c.i, ())) == 1), None)
    if poss is None or token.pos_ != "NOUN":
        return None
    return relatives_named(token.doc, refs, people).get((refs[poss.i][0], fold(token.text)))


def title_named(token: Token, refs: dict[int, tuple[int, ...]]) -> Token | None:
    """The person a title noun names: through the parse (`person_behind`), or the name written right after it when
    the parser hangs that name elsewhere ("She and the guitarist Ruslan Temirov": the name on "She")."""
    named = person_behind(token, refs)
    if named is not None:
        return named
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and len(refs.get(after.i, ())) == 1 and after.pos_ == "PROPN" and token.pos_ == "NOUN":
        from ..reference.vocab import occupations
        if occupations().get(token.text) is not None or token.lemma_.lower() in ROLE_VERBS_AS_NOUNS:
            return after  # only a title noun: "the pansori singer Kim Soo-ah"
    return None
