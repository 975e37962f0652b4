"""Stage 1, layout: the shape of the text before the parser reads it.

Blank lines, headings, list items and Q/A turns end sentences (the parser alone glues a headline
to the first sentence, or a whole line-up into one sentence); so do a line ending without
punctuation before a capital (a headline, a byline: unless the text is wrapped at a width) and a
dateline's dash. Each line is given a kind, kept in
``doc._.ln_lines`` as ``(start_char, end_char, kind)``: "heading", "item" (a list or table line),
"turn" (a speaker's line in an interview) or "prose". Runs before the parser, which keeps the
sentence starts set here.
"""
from __future__ import annotations

import re
from typing import Iterable

from spacy.language import Language
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.tokens import Doc

if not Doc.has_extension("ln_lines"):
    Doc.set_extension("ln_lines", default=None)

LIST_MARKER = re.compile(r"^\s*(?:[-*•–—·▪]|\d{1,4}[.)]|\(\d{1,3}\)|[a-z]\))\s+")
#: "Q:", "A:", "INTERVIEWER:", "Kamola Yusupova:": a speaker's turn.
TURN = re.compile(r"^\s*(?:Q|A|[A-ZÀ-Þ][\w.'’\- ]{0,40}?)\s?:\s+\S")
YEARS_IN_BRACKETS = re.compile(r"\(\s*(?:c\.\s*)?\d{4}(?:\s*[–—-]\s*(?:\d{2,4}|present|today)?)?\s*\)")
#: A line that ends mid-sentence when prose is wrapped at a fixed width.
WRAPPED_WIDTH = 55
#: What ends a line that goes on into the next: sentence punctuation (a closing quote or bracket after
#: it) or a comma, semicolon, colon or hyphen. A line ending otherwise before a line starting with a
#: capital is a headline, a byline or a dateline ("ALMATY, 3 March 2021 —") of its own.
GOES_ON = re.compile(r"[.!?…:;,\-]['\"”’»)\]]*$")
#: A dateline opening a paragraph: a place in capitals, perhaps a date or an agency, then a dash
#: ("ALMATY, March 3, 2021 — ...", "TARAZ (Steppe Review) — ..."); the sentence starts after the dash.
DATELINE = re.compile(r"\s*[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+){0,3}"
                      r"(?:,[^\n—–.!?]{1,40}?|\s*\([^)\n]{1,40}\))?\s+(?:—|–|--?)\s+(?=\S)")


def line_kind(line: str, previous_blank: bool, next_blank: bool) -> str:
    stripped = line.strip()
    words = stripped.split()
    if LIST_MARKER.match(line):
        return "item"
    if TURN.match(line) and len(stripped) > 4:
        return "turn"
    bare = YEARS_IN_BRACKETS.sub("", stripped).strip()  # "Formation (2006–2008)"
    if (words and len(words) <= 8 and not bare.endswith((".", ",", ";", "!", "?", ":"))
            and not any(c in bare for c in ",()\"“”") and (previous_blank or next_blank or stripped.isupper())):
        return "heading"
    if words and len(stripped) < WRAPPED_WIDTH and not previous_blank and not next_blank:
        return "item"  # a short line among short lines: a table or line-up row
    return "prose"


def lines_of(text: str) -> list[tuple[int, int, str]]:
    """Each non-empty line's character span and kind."""
    raw: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        raw.append((position, position + len(line)))
        position += len(line) + 1
    out = []
    for n, (start, end) in enumerate(raw):
        line = text[start:end]
        if not line.strip():
            continue
        previous_blank = n == 0 or not text[raw[n - 1][0]:raw[n - 1][1]].strip()
        next_blank = n + 1 >= len(raw) or not text[raw[n + 1][0]:raw[n + 1][1]].strip()
        out.append((start, end, line_kind(line, previous_blank, next_blank)))
    # The last row of a table or line-up, before a blank line, is a row too.
    for n in range(1, len(out)):
        start, end, kind = out[n]
        if kind == "prose" and out[n - 1][2] == "item" and end - start < WRAPPED_WIDTH and "\n\n" not in text[out[n - 1][1]:start + 1]:
            out[n] = (start, end, "item")
    return out


def hard_wrapped(text: str, lines: list[tuple[int, int, str]]) -> bool:
    """Whether the text is wrapped at a width: some line ends mid-sentence, the next going on in lower
    case. There a line ending without punctuation says nothing: the next one may start with a name."""
    for (start, end, _), (next_start, _, _) in zip(lines, lines[1:]):
        following = text[next_start:next_start + 2].lstrip()
        if "\n" not in text[end + 1:next_start] and following[:1].islower() and not GOES_ON.search(text[start:end].rstrip()):
            return True
    return False


def stands_alone(line: str, following: str) -> bool:
    """A line ending without punctuation before a line that starts with a capital: a headline, byline or
    dateline, not the start of the sentence the next line goes on with."""
    line, following = line.strip(), following.lstrip("\"“‘'«(")
    return bool(line) and not GOES_ON.search(line) and following[:1].isupper()


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy joins every token's text on each access, so a loop that
    reads it per span is quadratic in the document's length."""
    text = doc.user_data.get("linernotes.text")
    if text is None:
        text = doc.user_data["linernotes.text"] = doc.text
    return text


def tokens_of(doc: Doc) -> list:
    """The doc's tokens as one list, made once: spaCy builds a new Token object on every iteration
    and index, and the rules walk the whole document dozens of times."""
    tokens = doc.user_data.get(TOKENS_KEY)
    if tokens is None or len(tokens) != len(doc):
        tokens = doc.user_data[TOKENS_KEY] = list(doc)
    return tokens


#: Where ``tokens_of`` keeps its list; the last stage removes it, as Tokens cannot be serialised.
TOKENS_KEY = "linernotes.tokens"
#: Where ``tokens_with`` keeps its index (removed with the token list).
WORDS_KEY = "linernotes.words"
#: A lemma's id -> its text in lower case: the same words come back in every document. Ids are
#: hashes of the text, so an entry holds across memory zones.
_LOWERED: dict[int, str] = {}


def tokens_with(doc: Doc, lemmas: Iterable[str] = (), lowers: Iterable[str] = ()) -> list:
    """The tokens whose lower-case lemma is one of ``lemmas`` or whose lower-case form is one of
    ``lowers``, in text order: what a rule's scan of every token for its trigger words finds, from
    an index made once per document (a scan reads two strings of every token; the rules scan dozens
    of times)."""
    index = doc.user_data.get(WORDS_KEY)
    if index is None or index[0] != len(doc):
        strings = doc.vocab.strings
        if len(_LOWERED) > 100_000:
            _LOWERED.clear()  # a stream of new words must not grow it without end
        by_lemma: dict[str, list[int]] = {}
        by_lower_id: dict[int, list[int]] = {}
        for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist() if len(doc) else ()):
            word = _LOWERED.get(lemma)
            if word is None:
                word = _LOWERED[lemma] = strings[lemma].lower()
            by_lemma.setdefault(word, []).append(i)
            by_lower_id.setdefault(lower, []).append(i)
        by_lower = {strings[k]: v for k, v in by_lower_id.items()}
        index = doc.user_data[WORDS_KEY] = (len(doc), by_lemma, by_lower)
    _, by_lemma, by_lower = index
    found = {i for positions in _matching(by_lemma, lemmas) for i in positions}
    found.update(i for positions in _matching(by_lower, lowers) for i in positions)
    tokens = tokens_of(doc)
    return [tokens[i] for i in sorted(found)]


def _matching(index: dict[str, list[int]], words) -> Iterable[list[int]]:
    """The positions of each of ``words`` in ``index``, looking up from the smaller side (a lexicon
    of hundreds of words against a document of a few hundred distinct ones)."""
    if not isinstance(words, (set, frozenset)) or len(words) < len(index):
        return [index[w] for w in words if w in index]
    return [positions for word, positions in index.items() if word in words]


def ents_of(doc: Doc) -> tuple:
    """``doc.ents``, made once: spaCy rebuilds the tuple of entity spans from every token on each
    access. Nothing after the entity recogniser changes the entities."""
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = doc.ents
    return ents


#: Where ``ents_of`` keeps the entities; the last stage removes them with the tokens.
ENTS_KEY = "linernotes.ents"


def spans_of(doc: Doc, key: str = "linernotes") -> list:
    """The spans of ``doc.spans[key]`` as one list, made once while the group stays the same: spaCy
    builds new Span objects on every pass over a group, and a dozen stages each pass over it. A
    group replaced (``doc.spans[key] = ...``) or grown is read again."""
    if key not in doc.spans:
        return []
    group = doc.spans[key]
    by_key = doc.user_data.setdefault(SPANS_KEY, {})
    cached = by_key.get(key)
    if cached is None or cached[0] is not group or cached[1] != len(group):
        cached = by_key[key] = (group, len(group), list(group))
    return cached[2]


#: Where ``spans_of`` keeps its lists (with the group they were read from); the last stage removes them.
SPANS_KEY = "linernotes.spans"


CLOSERS = {'"', "'", "”", "’", "»", ")", "]"}


def ends_sentence(token) -> bool:
    """Can a sentence end after this token: ".", "!", "?", or a quote or bracket closing after one."""
    if token.text in (".", "!", "?", "...", "…") or token.text.endswith((".", "!", "?")) and len(token.text) > 1 and not token.text[:-1].isalpha():
        return True
    if token.text in CLOSERS and token.i > 0:
        return token.doc[token.i - 1].text in (".", "!", "?")
    return False


@Language.factory("linernotes_layout", assigns=["token.is_sent_start", "doc._.ln_lines"], requires=[])
def make_layout(nlp: Language, name: str) -> "Layout":
    return Layout()


class Layout:
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        lines = lines_of(text)
        doc._.ln_lines = lines
        breaks = set()
        wrapped = hard_wrapped(text, lines)
        for n, (start, end, kind) in enumerate(lines):
            dateline = DATELINE.match(text, start, end) if kind == "prose" else None
            if dateline:
                breaks.add(dateline.end())
            if n == 0:
                continue
            previous = lines[n - 1]
            blank_between = "\n" in text[previous[1] + 1:start] or text[previous[1]:start].count("\n") > 1
            if (blank_between or kind != "prose" or previous[2] != "prose" or text[previous[1] - 1:previous[1]] in ".!?:"
                    or (not wrapped and stands_alone(text[previous[0]:previous[1]], text[start:end]))):
                breaks.add(start + (len(text[start:end]) - len(text[start:end].lstrip())))
        if not breaks:
            return doc
        # Once any boundary is given, the parser splits oddly elsewhere ("Kamila | Yusupova is ..."), so
        # inside a line a sentence may start only after final punctuation; there the parser decides.
        # Written as one array: setting token.is_sent_start checks the whole doc's annotation on every
        # call, which made this loop quadratic (499 of 608 s on a 900 KB text).
        starts = doc.to_array([SENT_START]).astype("int64")
        previous = None
        for token in doc:
            if token.i == 0:
                previous = token
                continue
            if token.idx in breaks:
                starts[token.i] = 1
            elif not token.is_space and previous is not None and not ends_sentence(previous):
                starts[token.i] = -1
            if not token.is_space:
                previous = token
        doc.from_array([SENT_START], starts.astype("uint64"))
        return doc
