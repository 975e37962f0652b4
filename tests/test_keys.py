"""Keys: values folded as the scorer folds them; names across accents, order and romanisation."""
from __future__ import annotations

import pytest

from linernotes.keys import fold_words, name_key, name_keys, sentence_key, value_key


@pytest.mark.parametrize("a,b", [
    ("Iván Imankulov", "Ivan Imankulov"),
    ("Imankulov, Iván", "Ivan Imankulov"),
    ("Иван Иманкулов", "Ivan Imankulov"),
    ("Qairat Yusuf", "Kairat Iusuf"),
    ("Yerlan Dzhumabaev", "Erlan Jumabaev"),
    ("Dmitriy Ivanov", "Dmitri Ivanov"),
    ("Zhanar Khamitova", "Janar Hamitova"),
])
def test_same_name_in_other_spellings(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [
    ("Vivaan Imankulov", "Iván Imankulov"),
    ("Aliya Ivanova", "Aliya Ivanov"),
    ("Bakhyt Ivanov", "Bakyt Ivanov"),
])
def test_different_names_stay_different(a, b):
    assert name_key(a) != name_key(b)


def test_name_keys_mark_full_names_strong_and_drop_initials():
    assert dict(name_keys("Kairat B. Yusuf", ["Kairat"])) == {"iusuf kairat": True, "kairat": False}


def test_value_key_and_words():
    assert value_key("The Kurmangazy Conservatory") == "kurmangazy conservatory"
    assert fold_words("Ал-Фараби, Iván!") == ["ал", "фараби", "ivan"]


def test_sentence_key_ignores_spacing_only():
    """A review finds its fact again after re-ingest by this key: the same words spaced otherwise (a
    re-wrapped line) keep it, any other change of the sentence does not."""
    assert sentence_key("He was born in\n  Almaty in 1985.") == sentence_key(" He was born in Almaty in 1985. ")
    assert sentence_key("He was born in Almaty in 1985.") != sentence_key("He was born in Almaty in 1986.")
    assert sentence_key("He was born in Almaty.") != sentence_key("he was born in Almaty.")
    assert len(sentence_key("x")) == 64  # fits schema.fact_reviews.sentence_key


def test_a_whole_text_folded_for_the_word_index_is_not_kept():
    """The word index folds each document's whole text once; through ``fold``'s memo every text
    stored (and its folded copy) stayed alive for the rest of the run: an ingest of 10,000 rows
    grew by the size of all their texts (issue 16's memory bar)."""
    from linernotes.reference import fold
    from linernotes.store.writes import index_terms

    before = fold.cache_info().currsize
    for number in range(50):
        text = f"Biography {number}: Ärman Qairatuly{number} played the dombra in Almaty. " * 20
        assert f"qairatuly{number}" in fold_words(text)
        assert f"qairatuly{number}" in index_terms(text)
    assert fold.cache_info().currsize == before
