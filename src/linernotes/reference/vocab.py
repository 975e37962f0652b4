"""Loaders for the music vocabularies: instruments, genres, occupations, institutions, fields.

Each loader reads one TSV in ``linernotes/data`` and indexes it by folded surface form.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from . import fold, load_tsv, split_cell


@dataclass(frozen=True)
class Term:
    """A vocabulary entry: canonical name, every surface form, and its reference id."""

    kind: str
    id: str
    name: str
    forms: tuple[str, ...]
    wikidata: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def ref(self) -> str:
        return f"wikidata:{self.wikidata}" if self.wikidata else f"linernotes:{self.kind}/{self.id}"


@dataclass
class Vocabulary:
    kind: str
    terms: list[Term]
    by_form: dict[str, Term] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for term in self.terms:
            for form in term.forms:
                self.by_form.setdefault(fold(form), term)

    def get(self, surface: str) -> Term | None:
        key = fold(surface)
        term = self.by_form.get(key)
        if term is None and key.endswith("s"):
            term = self.by_form.get(key[:-1]) or (self.by_form.get(key[:-2]) if key.endswith("es") else None)
        return term

    def as_written(self, surface: str) -> str | None:
        """The canonical name for a spelling of it ("dombyra" -> "dombra", "tenor sax" -> "saxophone"),
        but the text's own word where it is another name altogether ("bağlama", not "saz"): readers and
        archivists cite the text, and the canonical term stays in the fact's ``label`` and ``ref``."""
        term = self.get(surface)
        if term is None:
            return None
        key, name = fold(surface), fold(term.name)
        own, canonical = key.split(), name.split()
        while len(own) > 1 and len(canonical) > 1 and own[-1] == canonical[-1]:
            own, canonical = own[:-1], canonical[:-1]  # compare "baglama" with "saz", not "... player" with "... player"
        own_word, canonical_word = " ".join(own), " ".join(canonical)
        if key not in self.by_form or canonical_word[:3] in own_word or SequenceMatcher(None, own_word, canonical_word).ratio() >= 0.5:
            return term.name
        return surface.lower()

    def __len__(self) -> int:
        return len(self.terms)


def _forms(row: dict[str, str], *columns: str) -> tuple[str, ...]:
    forms = [row["name"]]
    for column in columns:
        forms.extend(split_cell(row.get(column, "")))
    return tuple(dict.fromkeys(f for f in forms if f))


@lru_cache(maxsize=None)
def instruments() -> Vocabulary:
    terms = [
        Term("instrument", r["id"], r["name"], _forms(r, "aliases"), r.get("wikidata", ""),
             {"player_nouns": split_cell(r["player_nouns"]), "hornbostel_sachs": r["hornbostel_sachs"],
              "family": r["family"], "traditions": split_cell(r["traditions"])})
        for r in load_tsv("instruments.tsv")
    ]
    return Vocabulary("instrument", terms)


@lru_cache(maxsize=None)
def genres() -> Vocabulary:
    terms = [
        Term("genre", r["id"], r["name"], _forms(r, "aliases"), r.get("wikidata", ""),
             {"parents": split_cell(r["parents"]), "regional": r["regional"].lower() == "yes"})
        for r in load_tsv("genres.tsv")
    ]
    return Vocabulary("genre", terms)


@lru_cache(maxsize=None)
def occupations() -> Vocabulary:
    terms = [
        Term("occupation", r["id"], r["name"], _forms(r, "aliases"), r.get("wikidata", ""),
             {"instrument": r["instrument"]})
        for r in load_tsv("occupations.tsv")
    ]
    # A player noun listed with an instrument is an occupation too ("dombrist").
    known = {fold(f) for t in terms for f in t.forms}
    for inst in instruments().terms:
        for noun in inst.extra["player_nouns"]:
            if fold(noun) not in known:
                known.add(fold(noun))
                terms.append(Term("occupation", f"{inst.id}-player", noun, (noun,), "", {"instrument": inst.name}))
    return Vocabulary("occupation", terms)


@lru_cache(maxsize=None)
def institutions() -> Vocabulary:
    terms = [
        Term("institution", r["id"], r["name"], _forms(r, "aliases"), r.get("wikidata", ""),
             {"kind": r["kind"], "city": r["city"], "country": r["country"]})
        for r in load_tsv("institutions.tsv")
    ]
    return Vocabulary("institution", terms)


@lru_cache(maxsize=None)
def fields_of_study() -> Vocabulary:
    terms = [Term("field", r["id"], r["name"], _forms(r, "aliases"), r.get("wikidata", "")) for r in load_tsv("fields.tsv")]
    return Vocabulary("field", terms)


@lru_cache(maxsize=None)
def voice_types() -> Vocabulary:
    terms = [Term("voice", r["id"], r["name"], _forms(r, "aliases"), r.get("wikidata", "")) for r in load_tsv("voice_types.tsv")]
    return Vocabulary("voice", terms)


@lru_cache(maxsize=None)
def entity_heads() -> dict[str, str]:
    """Head words that type a proper name: "Hall" -> Venue, "Records" -> Organization, ..."""
    return {fold(r["word"]): r["type"] for r in load_tsv("entity_heads.tsv")}


@lru_cache(maxsize=None)
def kinship() -> dict[str, tuple[str, str]]:
    """Kinship nouns: "father" -> ("father", "male"); the relation the named relative stands in."""
    return {fold(r["word"]): (r["relation"], r["gender"]) for r in load_tsv("kinship.tsv")}


@lru_cache(maxsize=None)
def ambiguous_terms() -> dict[str, str]:
    """Words that name a genre/instrument only in a musical context ("soul", "country", "organ")."""
    return {fold(r["term"]): r["kind"] for r in load_tsv("ambiguous_terms.tsv")}


@lru_cache(maxsize=None)
def name_cues() -> dict[str, dict[str, str]]:
    """What the words around a proper name make it: ``{"noun": {"album": "Work"}, "object": {"join": "Ensemble"}, ...}``.

    noun: a noun the name stands in apposition or compound with, or that is "called"/"named" it;
    object: a verb whose object the name is; member: a person noun with "of" and the name;
    of: a noun with "of" and the name ("a pupil of X"); from: a word with "from"/"with"/"under" and the name
    ("lessons from X"); to: a word with "to" and the name ("married to X").
    """
    out: dict[str, dict[str, str]] = {}
    for row in load_tsv("name_cues.tsv"):
        out.setdefault(row["position"], {})[row["word"]] = row["type"]
    return out
