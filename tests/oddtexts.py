"""Odd texts for fuzzing the text pipeline: seeded, deterministic, shaped unlike tidy prose.

``odd_texts(n, seed)`` yields ``(name, text)`` pairs. Text ``i`` depends only on ``(seed, i)``,
so the first 150 of a long run are the 150 a short run sees. Kinds (``KINDS``) are picked by
weight; the mutated ones start from the example biographies. Nothing here knows any wording of
the pipeline: every choice is random.
"""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path
from typing import Callable, Iterator

BIOS = sorted((Path(__file__).resolve().parents[1] / "examples" / "bios").glob("*.txt"))
MAX_CHARS = 50_000

# -- character pools ------------------------------------------------------------------------------------

COMBINING = [chr(c) for c in range(0x300, 0x370)] + ["\u0488", "\u20dd", "\u0e49", "\u093c"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2028", "\u2029", "\u0085"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
CONTROLS = [chr(c) for c in list(range(0x01, 0x20)) + [0x7f] + list(range(0x80, 0xa0))]  # never NUL
EMOJI = ["😀", "🎻", "🎹", "👩🏽‍🎤", "🏳️‍🌈", "🇰🇿", "❤️", "🎶", "\U0001f9d1\u200d\U0001f3a4", "🔥" * 3]
SCRIPTS = {  # a few words each: Cyrillic, Arabic, Hebrew, CJK, Devanagari, Greek, Georgian, Thai, Kazakh
    "cyrillic": ["Иван", "Соколов", "родился", "в", "Алматы", "скрипка", "консерватория", "1956"],
    "arabic": ["رؤوف", "ممدلي", "ولد", "في", "باكو", "عود", "موسيقى", "١٩٥٦"],
    "hebrew": ["נולד", "בתל", "אביב", "כינור", "מוזיקה"],
    "cjk": ["伊万", "出生于", "阿拉木图", "小提琴", "音楽", "東京", "한국어", "가수"],
    "devanagari": ["मीरा", "अय्यर", "चेन्नई", "में", "जन्म", "वीणा", "१९८७"],
    "greek": ["Ελένη", "γεννήθηκε", "στην", "Αθήνα", "βιολί"],
    "georgian": ["ნინო", "თბილისი", "ვიოლინო"],
    "thai": ["นักร้อง", "เกิดที่", "กรุงเทพ"],
    "kazakh": ["Әуезов", "қобыз", "домбыра", "Ұлытау", "ғасыр"],
}
PUNCT = list(".,;:!?()[]{}<>\"'“”‘’«»„‹›—–-/\\|*#@&%$^~`_+=…·•")
OPENERS = list("([{<\"'“‘«„") + ["((", "[[", "{{", "(\"", "``"]
CLOSERS = list(")]}>\"'”’»") + ["))", "]]", "}}", "\")", "''"]
NOUNS = ["violin", "oud", "dombra", "piano", "conservatory", "festival", "album", "orchestra", "ensemble", "prize",
         "teacher", "mother", "father", "trio", "quartet", "record", "label", "tour", "choir", "opera", "studio"]
PLACES = ["Almaty", "Baku", "Osh", "Tashkent", "Chennai", "Vienna", "Moscow", "Bishkek", "New York", "São Paulo"]
FIRST = ["Aruzhan", "Timur", "Emil", "Ivan", "Meera", "Dana", "Askar", "Rauf", "Yelena", "Daniyar", "Zoë", "Nüsret",
         "Ólafur", "José", "Siobhán", "Łukasz", "Đorđe", "Ngọc", "Kwame", "O'Brien"]
LAST = ["Bekova", "Rakhimov", "Asanaliev", "Sokolov", "Iyer", "Zhaksylykova", "Mambetov", "Mammadli", "van der Berg",
        "de la Cruz", "Müller-Lüdenscheidt", "O’Neill", "Smith-Jones", "al-Farsi", "Nguyễn", "MacLeod"]


def random_char(rng: random.Random) -> str:
    """Any code point but NUL and lone surrogates (which no decoded text can hold)."""
    while True:
        c = chr(rng.choice([rng.randint(1, 0x2fff), rng.randint(1, 0xffff), rng.randint(1, 0x10ffff)]))
        if unicodedata.category(c) != "Cs":
            return c


def odd_char(rng: random.Random) -> str:
    pool = rng.choice([COMBINING, INVISIBLE, BIDI, CONTROLS, EMOJI, PUNCT, OPENERS, CLOSERS, None])
    return random_char(rng) if pool is None else rng.choice(pool)


def bio(rng: random.Random) -> str:
    return rng.choice(BIOS).read_text(encoding="utf-8")


def year(rng: random.Random) -> str:
    return str(rng.randint(1850, 2030))


def name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def long_token(rng: random.Random) -> str:
    unit = rng.choice(["a", "ab", "Ivan", "-", "_", "9", "é", "\u0301", "x\u200b", "ه", "字", "(", ".", "http://x.y/"])
    return unit * rng.randint(200, 4000)


# -- mutations: each takes and returns a text ------------------------------------------------------------

def _words(fn: Callable[[random.Random, list[str]], None]) -> Callable[[random.Random, str], str]:
    def mutate(rng: random.Random, text: str) -> str:
        words = text.split(" ")
        if words:
            fn(rng, words)
        return " ".join(words)
    mutate.__name__ = fn.__name__
    return mutate


def _lines(fn: Callable[[random.Random, list[str]], None]) -> Callable[[random.Random, str], str]:
    def mutate(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        fn(rng, lines)
        return "\n".join(lines)
    mutate.__name__ = fn.__name__
    return mutate


@_words
def delete_words(rng, words):
    for _ in range(rng.randint(1, max(1, len(words) // 4))):
        if words:
            del words[rng.randrange(len(words))]


@_words
def duplicate_words(rng, words):
    for _ in range(rng.randint(1, 20)):
        i = rng.randrange(len(words))
        words[i:i] = [words[i]] * rng.randint(1, 30)


@_words
def shuffle_words(rng, words):
    i = rng.randrange(len(words))
    window = words[i:i + rng.randint(2, 200)]
    rng.shuffle(window)
    words[i:i + len(window)] = window


@_lines
def shuffle_lines(rng, lines):
    rng.shuffle(lines)


@_lines
def delete_lines(rng, lines):
    for _ in range(rng.randint(1, max(1, len(lines) // 2))):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]


@_lines
def duplicate_lines(rng, lines):
    i = rng.randrange(len(lines))
    lines[i:i] = [lines[i]] * rng.randint(1, 10)


def insert_odd_chars(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 60)):
        chars.insert(rng.randint(0, len(chars)), odd_char(rng) * rng.choice([1, 1, 1, 2, 5, 40]))
    return "".join(chars)


def insert_long_token(rng, text):
    at = rng.randint(0, len(text))
    return text[:at] + rng.choice(["", " "]) + long_token(rng) + rng.choice(["", " "]) + text[at:]


def repeat_punctuation(rng, text):
    marks = [i for i, c in enumerate(text) if c in ".,;:!?-—)"] or [len(text)]
    for at in sorted(rng.sample(marks, min(len(marks), rng.randint(1, 10))), reverse=True):
        text = text[:at] + rng.choice(PUNCT) * rng.randint(2, 300) + text[at:]
    return text


def unbalance(rng, text):
    for _ in range(rng.randint(1, 30)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(OPENERS + CLOSERS) + text[at:]
    return text


def strip_punctuation(rng, text):
    return "".join(c for c in text if not unicodedata.category(c).startswith("P") or rng.random() < 0.1)


def change_case(rng, text):
    return rng.choice([str.upper, str.lower, str.swapcase, str.title])(text)


def combine_everywhere(rng, text):
    marks = rng.sample(COMBINING, 3)
    return "".join(c + (rng.choice(marks) * rng.randint(1, 4) if rng.random() < 0.3 else "") for c in text)


def whitespace_storm(rng, text):
    spaces = [" ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u3000", "\u2003", "\x0b", "\x0c", "\n\n\n"]
    return "".join(rng.choice(spaces) * rng.randint(1, 5) if c == " " else c for c in text)


MUTATIONS = [delete_words, duplicate_words, shuffle_words, shuffle_lines, delete_lines, duplicate_lines,
             insert_odd_chars, insert_long_token, repeat_punctuation, unbalance, strip_punctuation, change_case,
             combine_everywhere, whitespace_storm]


def mutate(rng: random.Random, text: str, count: int) -> str:
    for mutation in rng.choices(MUTATIONS, k=count):
        text = mutation(rng, text)
    return text[:MAX_CHARS]


# -- kinds: each takes a seeded Random and returns one text ------------------------------------------------

def mutated_bio(rng):
    return mutate(rng, bio(rng), rng.randint(1, 6))


def no_verbs(rng):
    def phrase():
        return rng.choice([name(rng), f"{rng.choice(NOUNS)} {rng.choice(PLACES)}", year(rng),
                           f"{year(rng)}–{year(rng)}", f"the {rng.choice(NOUNS)} of {name(rng)}"])
    return "\n".join(rng.choice([", ", "; ", " — ", " "]).join(phrase() for _ in range(rng.randint(1, 12))) + rng.choice([".", "", "!"])
                     for _ in range(rng.randint(1, 80)))


def wiki(rng):
    who = name(rng)
    infobox = ["{{Infobox musical artist", f"| name = {who}", f"| birth_date = {{{{birth date|{year(rng)}|5|19}}}}",
               f"| birth_place = [[{rng.choice(PLACES)}]]", f"| instrument = {rng.choice(NOUNS)}, {rng.choice(NOUNS)}",
               f"| years_active = {year(rng)}–present", "| label = [[Melodiya]]"]
    if rng.random() < 0.5:
        infobox.append("}}")  # sometimes never closed
    body = [f"'''{who}''' ({year(rng)}) is a [[{rng.choice(NOUNS)}]]ist.", "", "== Discography ==", ""]
    body += [f"{rng.choice(['*', '#', '**', ';', ':'])} ''{rng.choice(PLACES)} {rng.choice(NOUNS)}'' ({year(rng)})"
             for _ in range(rng.randint(1, 60))]
    body += ["", "== References ==", "{{reflist}}", f"<ref>{name(rng)}, ''{rng.choice(NOUNS)}'', {year(rng)}.</ref>",
             "[[Category:Living people]]"]
    return mutate(rng, "\n".join(infobox + body), rng.randint(0, 2))


def table(rng):
    sep = rng.choice([" | ", "|", "\t", "\t\t", " || ", ";", ","])
    rows = [sep.join(["Name", "Instrument", "Born", "Place"])]
    if "|" in sep:
        rows.append(sep.join(["---"] * 4))
    rows += [sep.join([name(rng), rng.choice(NOUNS), year(rng), rng.choice(PLACES)][:rng.randint(1, 4)])
             for _ in range(rng.randint(1, 150))]
    return "\n".join(("| " + r + " |") if "|" in sep and rng.random() < 0.5 else r for r in rows)


def all_caps(rng):
    return mutate(rng, bio(rng).upper(), rng.randint(0, 2))


def names_only(rng):
    return rng.choice([", ", "\n", " ", " and ", "; "]).join(name(rng) for _ in range(rng.randint(1, 400)))


def huge(rng):
    parts: list[str] = []
    target = rng.randint(20_000, MAX_CHARS)
    while sum(map(len, parts)) < target:
        parts.append(mutate(rng, bio(rng), rng.randint(0, 3)) if rng.random() < 0.7 else rng.choice(KINDS_SMALL)(rng))
    return rng.choice(["\n\n", "\n", " ", ""]).join(parts)[:MAX_CHARS]


def tiny(rng):
    return rng.choice(["", " ", "\n", "\t", "\r\n", "   \n\n  ", "\u00a0", "\u200b", "\ufeff", ".", "a", "A", "1",
                       "(", "\"", "—", "é", "\u0301", "😀", "\x01", "\u202e", random_char(rng), odd_char(rng),
                       rng.choice(FIRST), name(rng), year(rng), " " * rng.randint(1, 5000), "\n" * rng.randint(1, 3000)])


def mixed_scripts(rng):
    def word():
        if rng.random() < 0.3:
            return rng.choice([name(rng), rng.choice(NOUNS), year(rng), rng.choice(PLACES)])
        return rng.choice(SCRIPTS[rng.choice(list(SCRIPTS))])
    sentences = [" ".join(word() for _ in range(rng.randint(1, 25))) + rng.choice([".", "。", "।", "؟", "", "!"])
                 for _ in range(rng.randint(1, 40))]
    return rng.choice([" ", "\n", ""]).join(sentences)


def pretokenized(rng):
    text = bio(rng)
    for mark in ".,;:()!?\"'’":
        text = text.replace(mark, f" {mark} ")
    if rng.random() < 0.5:
        text = text.replace(" ( ", " -LRB- ").replace(" ) ", " -RRB- ").replace(' " ', " `` ")
    if rng.random() < 0.5:
        text = " ".join(text.split())  # one line
    return mutate(rng, text, rng.randint(0, 2))


def random_soup(rng):
    return "".join(rng.choice([random_char, odd_char])(rng) for _ in range(rng.randint(1, 3000)))


KINDS_SMALL = [no_verbs, wiki, table, names_only, mixed_scripts, random_soup]
#: kind -> weight
KINDS: dict[Callable[[random.Random], str], int] = {
    mutated_bio: 30, no_verbs: 8, wiki: 8, table: 8, all_caps: 5, names_only: 6, huge: 2, tiny: 10,
    mixed_scripts: 8, pretokenized: 6, random_soup: 9,
}


def odd_text(seed: int, index: int) -> tuple[str, str]:
    """The ``index``-th text of run ``seed``: ``(kind, text)``."""
    rng = random.Random(f"oddtexts:{seed}:{index}")
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    text = kind(rng)
    assert "\x00" not in text and len(text) <= MAX_CHARS
    return kind.__name__, text


def odd_texts(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` texts as ``(name, text)``; the name says the index and kind, e.g. ``odd-00042-wiki``."""
    for index in range(n):
        kind, text = odd_text(seed, index)
        yield f"odd-{index:05d}-{kind}", text
