"""The model's two rule-based components, answered by lookup: the attribute ruler and the lemmatizer.

spaCy's ``attribute_ruler`` maps each token's tag (and a few words) to its coarse part of speech,
morphology and some lemmas by running about 180 one- and two-token ``Matcher`` patterns over every
document and then setting attributes match by match. That is about a tenth of the English
pipeline's time, spent recomputing the same answer for the same (word, tag, dependency) again and
again. :class:`LookupAttributeRuler` is the same component with the same patterns (it *is* an
``AttributeRuler``, so it saves, loads and reports its patterns the same way); it only answers
differently: what a token's own attributes match is looked up in a table filled on first sight,
and the few two-token patterns are tried only where their first token already matches.

The answer is the ruler's own: matches are applied in the order spaCy applies them (by pattern,
later patterns win) with spaCy's ``set_token_attrs``. Patterns this lookup cannot express
(operators, ``IN``/``REGEX`` predicates, attributes it does not read) make it fall back to the
Matcher for everything, so it is never wrong, only sometimes not faster.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: The token attributes a pattern may test for the lookup to answer it (each is one array column).
READABLE = {"ORTH": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "POS": POS, "DEP": DEP, "IS_SPACE": IS_SPACE}
#: How many distinct tokens the lookups remember before they start again.
MEMO_SIZE = 20_000  # a biography has a few hundred distinct words: a corpus's common ones fit, a stream of names does not grow it


class _Unsupported(Exception):
    pass


def _values(value) -> tuple[list, bool, Optional[re.Pattern]]:
    """A pattern's value as (the values it names, whether it names those it excludes, or a regex)."""
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
            raise _Unsupported(str(value))
        (operator, listed), = value.items()
        if operator == "REGEX":
            if not isinstance(listed, str):
                raise _Unsupported(str(value))
            return [], False, re.compile(listed)
        if not isinstance(listed, list) or any(isinstance(v, (dict, list)) for v in listed):
            raise _Unsupported(str(value))
        return listed, operator == "NOT_IN", None
    if isinstance(value, list):
        raise _Unsupported(str(value))
    return [value], False, None


class _Table:
    """The patterns compiled to per-token constraints over the columns of ``Doc.to_array``."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        columns: list[int] = []
        # entries[i] = (entry id, index of the token it sets, [per token: ((column, values, negated, regex), ...)])
        self.entries: list[tuple[int, int, list[tuple]]] = []
        for entry, pattern_set in enumerate(ruler.patterns):
            for pattern in pattern_set["patterns"]:
                tokens = []
                for spec in pattern:
                    constraints = []
                    for name, value in spec.items():
                        name = name.upper()
                        if name not in READABLE:
                            raise _Unsupported(name)
                        attr = READABLE[name]
                        if attr not in columns:
                            columns.append(attr)
                        values, negated, regex = _values(value)
                        if regex is not None and attr == IS_SPACE:
                            raise _Unsupported(name)
                        ids = frozenset(int(bool(v)) if attr == IS_SPACE else strings.add(v) for v in values)
                        constraints.append((columns.index(attr), ids, negated, regex))
                    tokens.append(tuple(constraints))
                if not tokens:
                    raise _Unsupported("empty pattern")
                index = ruler.indices[entry]
                index = index + len(tokens) if index < 0 else index
                if not 0 <= index < len(tokens):
                    raise _Unsupported("index outside the pattern")
                self.entries.append((entry, index, tokens))
        self.columns = columns
        self.strings = strings
        self.attrs = ruler.attrs
        # Which entries a token's values can start, found without trying all of them: each entry is
        # filed under one value its first token must have (the word if it names one, else the tag).
        preferred = [columns.index(a) for a in (LOWER, ORTH, NORM, TAG, POS, DEP) if a in columns]
        self._filed: dict[int, dict[int, list[int]]] = {column: {} for column in preferred}
        self._unfiled: list[int] = []
        for n, (_, _, tokens) in enumerate(self.entries):
            required = {column: ids for column, ids, negated, regex in tokens[0] if regex is None and not negated}
            column = next((c for c in preferred if c in required), None)
            if column is None:
                self._unfiled.append(n)
            else:
                for value in required[column]:
                    self._filed[column].setdefault(value, []).append(n)
        self._first: dict[tuple[int, ...], tuple[int, ...]] = {}  # a token's values -> entries whose first token it matches
        self._merged: dict[tuple[int, ...], dict] = {}  # entry ids -> the attributes they set, later ones winning

    def _fits(self, row: tuple[int, ...], constraints: tuple) -> bool:
        for column, ids, negated, regex in constraints:
            if regex is not None:
                if not regex.search(self.strings[row[column]]):  # as the Matcher's REGEX: on the attribute's text
                    return False
            elif (row[column] in ids) == negated:
                return False
        return True

    def starting_at(self, row: tuple[int, ...]) -> tuple[int, ...]:
        found = self._first.get(row)
        if found is None:
            candidates = set(self._unfiled)
            for column, filed in self._filed.items():
                candidates.update(filed.get(row[column], ()))
            found = tuple(n for n in sorted(candidates) if self._fits(row, self.entries[n][2][0]))
            if len(self._first) >= MEMO_SIZE:
                self._first.clear()  # a long stream of new words must not grow it without end
            self._first[row] = found
        return found

    def merged(self, entry_ids: tuple[int, ...]) -> dict:
        attrs = self._merged.get(entry_ids)
        if attrs is None:
            attrs = {}
            for entry in entry_ids:
                attrs.update(self.attrs[entry])
            self._merged[entry_ids] = attrs
        return attrs

    def apply(self, doc: Doc) -> None:
        self.strings = doc.vocab.strings  # a REGEX reads the token's text from the doc's own store
        rows = [tuple(row) for row in doc.to_array(self.columns).tolist()] if len(doc) else []
        hits: dict[int, set[int]] = {}
        for start, row in enumerate(rows):
            for n in self.starting_at(row):
                entry, index, tokens = self.entries[n]
                if start + len(tokens) > len(rows):
                    continue
                if all(self._fits(rows[start + k], tokens[k]) for k in range(1, len(tokens))):
                    hits.setdefault(start + index, set()).add(entry)
        for position, entries in hits.items():
            set_token_attrs(doc[position], self.merged(tuple(sorted(entries))))


class LookupAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that answers its one- and two-token patterns by lookup (see the module)."""

    _table: Optional[_Table] = None
    _unsupported = False

    def add(self, patterns, attrs, index=0) -> None:  # type: ignore[override]
        super().add(patterns, attrs, index)
        self._table, self._unsupported = None, False  # recompile on the next document

    def clear(self) -> None:
        super().clear()
        self._table, self._unsupported = None, False

    def __call__(self, doc: Doc) -> Doc:
        if self._table is None and not self._unsupported:
            try:
                self._table = _Table(self)
            except _Unsupported:
                self._unsupported = True
        if self._table is None:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            self._table.apply(doc)
            return doc
        except Exception as error:  # the component's own error handler, as spaCy's ruler does
            return error_handler(self.name, self, [doc], error)


@Language.factory("linernotes_attribute_lookup", default_config={"validate": False})
def make_attribute_lookup(nlp: Language, name: str, validate: bool) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name, validate=validate)


class LemmaLookup:
    """The model's rule lemmatizer with its answer kept per (word, part of speech, morphology).

    spaCy's rule lemmatizer caches on that same key, but still builds a ``Token`` and its morphology
    for every word to find the key; here the keys come from one ``Doc.to_array`` and only unseen
    keys go to the lemmatizer itself, whose answer depends on nothing else."""

    def __init__(self, lemmatizer=None) -> None:
        self.lemmatizer = lemmatizer  # set by :func:`speed_up` to the model's own lemmatizer
        self._lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if self.lemmatizer is None:
            raise ValueError("LemmaLookup needs the model's lemmatizer: build it with speed_up(nlp)")
        strings, lemmas, overwrite = doc.vocab.strings, self._lemmas, self.lemmatizer.overwrite
        for position, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                if len(lemmas) >= MEMO_SIZE:
                    lemmas.clear()
                found = lemmas[key] = self.lemmatizer.lemmatize(doc[position])[0]
            # Kept as text, added to the document's strings each time: a memory zone (api) drops the
            # strings a batch added, and an id kept from an earlier batch could name a dropped one.
            doc[position].lemma = strings.add(found)
        return doc


@Language.factory("linernotes_lemma_lookup")
def make_lemma_lookup(nlp: Language, name: str) -> LemmaLookup:
    return LemmaLookup()


def speed_up(nlp: Language) -> None:
    """Replace the model's attribute ruler and rule lemmatizer by their lookup forms (same answers)."""
    if "attribute_ruler" in nlp.pipe_names and not isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRuler):
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", "linernotes_attribute_lookup").add_patterns(patterns)
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        stock = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "linernotes_lemma_lookup").lemmatizer = stock


__all__ = ["LookupAttributeRuler", "LemmaLookup", "speed_up"]
