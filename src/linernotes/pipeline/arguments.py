"""Reading the people an argument names: through title nouns, conjunctions, and the surface run of words.

Shared by the relation rules and by the relate stage; it depends on nothing else in the pipeline.
"""
from __future__ import annotations

from spacy.tokens import Token


#: Nouns a person is named through: "the singer X", "Professor X", "the class of X", "the guidance of X".
THROUGH_OF = {"class", "guidance", "tutelage", "supervision", "direction", "baton", "studio", "school", "mentorship", "wing"}


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
            following = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if following is not None and following.text in ("'s", "’s", "'", "’"):
                continue  # "Mirzo's daughter": a possessor describes the next name, it is no name of the list
            for person in refs[t.i]:
                if person not in found:
                    found.append(person)
            continue
        if t.text in (".", ";", ":", "—", "–") or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and t.lower_ not in ("of", "from"):
            if t.pos_ == "VERB" and t.tag_ == "VB" and t.lower_ in ROLE_VERBS_AS_NOUNS:
                continue  # "singer" tagged as a verb
            break
        if t.pos_ == "PRON" or t.lower_ in ("who", "which", "whom", "whose"):
            break
    return found


ROLE_VERBS_AS_NOUNS = {"singer", "drummer", "bassist", "guitarist", "pianist", "composer", "producer", "player"}
