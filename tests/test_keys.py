"""Keys: values folded as the scorer folds them; names across accents, order and romanisation."""
from __future__ import annotations

import pytest

from linernotes.keys import fold_words, name_key, name_keys, value_key


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
