"""Keys for matching: values as the scorer folds them, and names across spellings and scripts.

``name_key("Iván Imankulov") == name_key("Ivan Imankulov")`` but not ``name_key("Vivaan Imankulov")``:
accents, case, word order, doubled letters and the usual romanisations of Cyrillic letters
(``data/transliteration.tsv``) are folded; different letters stay different.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .evaluate import normalise
from .reference import fold, fold_text, load_tsv


def value_key(text: str) -> str:
    """A fact value as the scorer compares it (``evaluate.normalise``), short enough for an index."""
    return normalise(text)[:250]


def sentence_key(sentence: str) -> str:
    """A digest of a fact's sentence, whitespace normalised: what finds a review of the fact again
    after its document is re-ingested (``schema.fact_reviews``). A reworded sentence gets a new key."""
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8")).hexdigest()


def fold_words(text: str, memo: bool = True) -> list[str]:
    """The words of a text, accents and case folded (for the word index). ``memo=False`` for a whole
    document's text: folded once, it would stay alive in ``fold``'s memo for the rest of the run."""
    return re.findall(r"\w+", fold(text) if memo else fold_text(text))


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str], ...]:
    return tuple((row["from"], row["to"]) for row in load_tsv("transliteration.tsv"))


def _word_skeleton(word: str) -> str:
    for source, target in _rules():
        word = word.replace(source, target)
    return re.sub(r"(.)\1+", r"\1", word)


def name_words(name: str) -> list[str]:
    """The words of a name, folded and transliterated, initials dropped."""
    text = _cyrillic_to_latin(fold(name))
    words = re.findall(r"[^\W\d_]+", text.replace("'", "").replace("’", ""))
    return [_word_skeleton(w) for w in words if len(w) > 1]


def name_key(name: str) -> str:
    """Order-free key of a name: ``"Imankulov, Iván"`` and ``"Ivan Imankulov"`` share one."""
    return " ".join(sorted(name_words(name)))[:250]


def name_keys(name: str, aliases: list[str] | tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """Keys of a person's names: ``(key, strong)``, strong for full names (two words or more)."""
    out: dict[str, bool] = {}
    for text in [name, *aliases]:
        words = name_words(text)
        if not words:
            continue
        key = " ".join(sorted(words))[:250]
        out[key] = out.get(key, False) or len(words) > 1
    return list(out.items())


_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                     ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "gh", "q", "ng",
                      "o", "u", "u", "h", "i"]))


def _cyrillic_to_latin(text: str) -> str:
    """Names in Cyrillic script meet their romanised spellings (Иван -> ivan)."""
    if not re.search("[\u0400-\u04ff]", text):
        return text
    return "".join(_CYRILLIC.get(c, c) for c in text)
