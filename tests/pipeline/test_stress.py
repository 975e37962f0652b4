"""Stress corpus: texts shaped unlike prose (generated here) must finish well within the time budget,
and random text must always give a well-formed document. A regression to a cost growing with the
square of a sentence or a text shows up as E007 here."""
from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import linernotes
from linernotes.errors import ExtractionError

from ..helpers import assert_well_formed

#: Far above what any of these takes on a 2-core CI machine, far below "never ends".
BUDGET = 30.0

FIRST = ["Ivan", "Aruzhan", "Timur", "Meera", "Dana", "Askar", "Rauf", "Yelena", "Kairat", "Sophia", "Gulnara", "Emil",
         "Kerstin", "Bakhyt", "Nodira", "Farhad", "Saule", "Lev", "Zarina", "Oskar", "Aigerim", "Daniyar", "Madina",
         "Rustam", "Ilse"]
LAST = ["Müller", "Bekova", "Rakhimov", "Iyer", "Sokolov", "Mambetov", "Mammadli", "Ospanov", "Kassymova", "Thorborg",
        "Nurlanov", "Abenova", "Sarsenbayev", "Yusupova", "Karimov", "Lindqvist", "Petrenko", "Zhaksybek", "Aliyev",
        "Dzhumabekova"]
INSTRUMENTS = ["oud", "piano", "violin", "dombra", "accordion", "tar", "kobyz", "cello", "saxophone", "guitar", "kamancheh"]
PLACES = ["Baku", "Almaty", "Osh", "Karakol", "Tashkent", "Bishkek", "Moscow", "Vienna", "Chennai", "Astana", "Stockholm"]
TITLES = ["Songs of the Steppe", "Night in Baku", "Blue Mountains", "The Long Road", "Silk", "Kara Zhorga", "Winter Suite",
          "Mugham Dreams", "Aksak Kulan", "Echoes"]


def names(rng: random.Random, count: int) -> list[str]:
    return [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count)]


def verbless_dated_lines(rng: random.Random) -> str:
    return "\n".join(f"{name} — {rng.choice(INSTRUMENTS)}, {rng.choice(PLACES)}, {rng.randint(1900, 2010)}."
                     for name in names(rng, 300))


def pretokenized_encyclopedia(rng: random.Random) -> str:
    sentences = []
    for name in names(rng, 150):
        last = name.split()[1]
        sentences.append(
            f"{last} 's debut ( born {rng.randint(1, 28)} May {rng.randint(1880, 1990)} ) was in "
            f"{rng.choice(PLACES)} , where {rng.choice(['she', 'he'])} sang `` {rng.choice(TITLES)} '' with the "
            f"{rng.choice(PLACES)} Opera ( 1921 – 1933 ) ; {last} studied {rng.choice(INSTRUMENTS)} with "
            f"{rng.choice(FIRST)} {rng.choice(LAST)} .")
    return " ".join(sentences)


def titles_with_years(rng: random.Random) -> str:
    lines = ["Discography", ""]
    lines += [f"- {rng.choice(TITLES)} ({rng.randint(1960, 2023)}, {rng.choice(['Melodiya', 'ECM', 'Ocora'])})"
              for _ in range(200)]
    lines += ["", "Works: " + ", ".join(f"“{rng.choice(TITLES)}” ({rng.randint(1960, 2023)})" for _ in range(300)) + "."]
    return "\n".join(lines)


def table_of_names_and_years(rng: random.Random) -> str:
    rows = ["Name | Instrument | Born | Died", "--- | --- | --- | ---"]
    rows += [f"{name} | {rng.choice(INSTRUMENTS)} | {rng.randint(1880, 1960)} | {rng.randint(1961, 2020)}"
             for name in names(rng, 200)]
    rows += [""] + [f"{name}\t{rng.randint(1900, 2000)}\t{rng.choice(PLACES)}" for name in names(rng, 200)]
    return "\n".join(rows)


def ten_thousand_word_sentence(rng: random.Random) -> str:
    parts, words = [], 0
    while words < 10_000:  # one sentence: the parser finds no boundary in a comma list
        parts.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(INSTRUMENTS)}, {rng.choice(PLACES)}, "
                     f"{rng.randint(1900, 2020)}")
        words += 5
    return "The festival line-up: " + ", ".join(parts) + "."


def five_hundred_names(rng: random.Random) -> str:
    everyone = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(everyone)
    chosen = everyone[:500]
    return ("Over four decades the Almaty Folk Ensemble has been home to " + ", ".join(chosen[:250]) + ". "
            "Among its guests were " + ", ".join(chosen[250:499]) + " and " + chosen[499] + ".")


def unbalanced_quotes_and_brackets(rng: random.Random) -> str:
    pieces = ['"', "“", "”", "'", "(", ")", "[", "]", "((", "))", "«", "»", '""', "(born", "1956)", "–"]
    sentences = []
    for name in names(rng, 200):
        noise = " ".join(rng.choice(pieces) for _ in range(4))
        sentences.append(f"{noise} {name} {rng.choice(pieces)}plays the {rng.choice(INSTRUMENTS)} in "
                         f"{rng.choice(pieces)}{rng.choice(PLACES)} {rng.choice(pieces)}{rng.randint(1950, 2020)}.")
    return " ".join(sentences) + ' (("unclosed [to the end'


STRESS = {f.__name__: f for f in (verbless_dated_lines, pretokenized_encyclopedia, titles_with_years,
                                  table_of_names_and_years, ten_thousand_word_sentence, five_hundred_names,
                                  unbalanced_quotes_and_brackets)}


def assert_offsets_inside(text: str, doc: linernotes.Document) -> None:
    assert doc.text == text
    for mention in doc.mentions:
        assert 0 <= mention.start < mention.end <= len(text) and text[mention.start:mention.end] == mention.text
    for finding in doc.checks:
        assert 0 <= finding.start <= finding.end <= len(text) and finding.evidence in text
    assert_well_formed(text, doc)


@pytest.mark.parametrize("kind", sorted(STRESS))
def test_stress_text_finishes_within_the_budget(nlp, kind):
    text = STRESS[kind](random.Random(kind))
    started = time.perf_counter()
    try:
        doc = linernotes.extract(text, f"{kind}.txt", time_budget=BUDGET)
    except ExtractionError as error:  # E007: over the budget
        pytest.fail(str(error))
    seconds = time.perf_counter() - started
    print(f"{kind}: {len(text.split()):,} words in {seconds:.2f} s")
    assert_offsets_inside(text, doc)


# -- random text from a musician-ish alphabet ------------------------------------------------------------

WORDS = ["the", "a", "of", "in", "and", "with", "at", "born", "died", "studied", "plays", "played", "joined", "founded",
         "she", "he", "they", "her", "his", "is", "was", "ensemble", "band", "trio", "album", "festival", "conservatory",
         "teacher", "father", "mother", "married", "singer", "composer", "jazz", "folk", "mugham", "not", "never",
         "wanted", "to", "become", "Discography", "Awards", "Q", "A", "Orchestra", "Records", "Prize"]
PUNCTUATION = [".", ",", ";", ":", "(", ")", "[", "]", '"', "“", "”", "'", "’s", "—", "–", "-", "!", "?", "/", "|", "*"]
TOKEN = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(INSTRUMENTS),
    st.sampled_from(PLACES), st.sampled_from(PUNCTUATION), st.sampled_from(["\n", "\n\n", "\t", "  "]),
    st.integers(0, 2100).map(str), st.sampled_from(["1956–2004", "19 May 1896", "c. 1900", "1990s", "12.03.1987"]),
)
SEPARATOR = st.sampled_from([" ", " ", " ", "", "\n"])


@st.composite
def musician_text(draw) -> str:
    tokens = draw(st.lists(st.tuples(TOKEN, SEPARATOR), min_size=1, max_size=120))
    return "".join(token + separator for token, separator in tokens)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=musician_text())
def test_random_text_gives_a_well_formed_document_within_the_budget(nlp, text):
    try:
        doc = linernotes.extract(text, "random.txt", time_budget=BUDGET)
    except ExtractionError as error:
        pytest.fail(f"{error}\ntext: {text!r}")
    assert isinstance(doc, linernotes.Document)
    assert_offsets_inside(text, doc)
