"""Dependency patterns matched from their first node: the part of spaCy's ``DependencyMatcher`` the
relation patterns use, fast enough to run a hundred patterns on every document.

``DependencyMatcher`` matches every node of every pattern against every token before it joins the
nodes up, so its cost grows with the number of patterns times the length of the text (about 1 ms per
pattern per biography). Here each pattern starts from the tokens its first node can be, looked up
by lemma or lower-case form in an index built once per document, and walks the tree from there.
The operators are ``>`` (child), ``<`` (head), ``>>`` (descendant), ``<<`` (ancestor); attributes
are compared as equal, ``IN`` or ``NOT_IN``. Each node is a token of its own (``DependencyMatcher``
also gives matches where one token fills two nodes; no fact comes of those). ``tests/pipeline/test_tree_matcher.py`` checks that it
finds what ``DependencyMatcher`` finds.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, Iterator, Sequence

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .layout import tokens_of

#: Each attribute read as the token's integer id of its string (spaCy's hash, or symbol id for the
#: built-in labels), which is what the values of a pattern are turned into: comparing ints spares a
#: string lookup per token and test.
GETTERS: dict[str, Callable[[Token], int]] = {
    "LEMMA": attrgetter("lemma"), "LOWER": attrgetter("lower"), "TEXT": attrgetter("orth"), "ORTH": attrgetter("orth"),
    "POS": attrgetter("pos"), "TAG": attrgetter("tag"), "DEP": attrgetter("dep"), "ENT_TYPE": attrgetter("ent_type"),
}
OPERATORS = (">", "<", ">>", "<<")
#: Attributes the per-document index answers, for the first node of a pattern.
INDEXED = ("LEMMA", "LOWER")


class UnsupportedPattern(ValueError):
    """A pattern uses an operator or attribute this matcher does not read."""


EQUAL, IN, NOT_IN = 0, 1, 2


def _checks(key: str, want) -> list[tuple[Callable[[Token], int], object, int]]:
    """(getter, wanted, how) triples for one attribute: equal to a value, in or not in a set."""
    get = GETTERS[key]
    if not isinstance(want, dict):
        return [(get, get_string_id(want), EQUAL)]
    out = []
    for op, values in want.items():
        if op not in ("IN", "NOT_IN"):
            raise UnsupportedPattern(f"{key}: the operator {op!r} is not supported (use IN or NOT_IN)")
        out.append((get, frozenset(map(get_string_id, values)), IN if op == "IN" else NOT_IN))
    return out


def _tester(checks: list[tuple[Callable[[Token], int], object, int]]) -> Callable[[Token], bool]:
    def test(token: Token) -> bool:
        for get, want, how in checks:
            value = get(token)
            if how == EQUAL:
                if value != want:
                    return False
            elif (value in want) != (how == IN):  # type: ignore[operator]
                return False
        return True
    return test


@dataclass(frozen=True)
class Node:
    name: str
    test: Callable[[Token], bool]
    left: int  # index of the node it is related to (-1 for the first)
    op: str


def compile_nodes(nodes: Sequence[dict]) -> tuple[list[Node], dict[str, frozenset[int]]]:
    """The nodes of one pattern, and what the first node's lemma or form must be (for the index)."""
    out: list[Node] = []
    ids: dict[str, int] = {}
    anchor: dict[str, frozenset[int]] = {}
    for k, node in enumerate(nodes):
        attrs = node.get("RIGHT_ATTRS", {})
        for key in attrs:
            if key not in GETTERS:
                raise UnsupportedPattern(f"node {node.get('RIGHT_ID')!r}: the attribute {key!r} is not supported "
                                         f"(use one of {', '.join(GETTERS)})")
        test = _tester([check for key, want in attrs.items() for check in _checks(key, want)])
        if k == 0:
            left, op = -1, ""
            for key in INDEXED:
                want = attrs.get(key)
                if isinstance(want, str):
                    anchor[key] = frozenset([get_string_id(want)])
                elif isinstance(want, dict) and "IN" in want:
                    anchor[key] = frozenset(map(get_string_id, want["IN"]))
        else:
            op = node.get("REL_OP")
            if op not in OPERATORS:
                raise UnsupportedPattern(f"node {node.get('RIGHT_ID')!r}: the operator {op!r} is not supported "
                                         f"(use one of {', '.join(OPERATORS)})")
            if node.get("LEFT_ID") not in ids:
                raise UnsupportedPattern(f"node {node.get('RIGHT_ID')!r}: LEFT_ID {node.get('LEFT_ID')!r} is no earlier node")
            left = ids[node["LEFT_ID"]]
        ids[node["RIGHT_ID"]] = k
        out.append(Node(node["RIGHT_ID"], test, left, op))
    return out, anchor


def _related(token: Token, op: str) -> Iterator[Token]:
    if op == ">":
        yield from token.children
    elif op == "<":
        if token.head.i != token.i:
            yield token.head
    elif op == ">>":
        for t in token.subtree:
            if t.i != token.i:
                yield t
    else:  # "<<"
        yield from token.ancestors


class TreeMatcher:
    """Patterns added by key; calling it on a doc gives ``(key, token indexes)`` like ``DependencyMatcher``."""

    def __init__(self) -> None:
        self.patterns: list[tuple[int, list[Node], dict[str, frozenset[int]]]] = []

    def add(self, key: int, nodes: Sequence[dict]) -> None:
        compiled, anchor = compile_nodes(nodes)
        self.patterns.append((key, compiled, anchor))

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        tokens = tokens_of(doc)
        by_lemma: dict[int, list[Token]] = {}
        by_lower: dict[int, list[Token]] = {}
        for t, (lemma, lower) in zip(tokens, doc.to_array([LEMMA, LOWER]).tolist() if len(doc) else ()):
            by_lemma.setdefault(lemma, []).append(t)
            by_lower.setdefault(lower, []).append(t)
        out: list[tuple[int, list[int]]] = []
        for key, nodes, anchor in self.patterns:
            if "LEMMA" in anchor:
                starts = [t for w in anchor["LEMMA"] for t in by_lemma.get(w, ())]
            elif "LOWER" in anchor:
                starts = [t for w in anchor["LOWER"] for t in by_lower.get(w, ())]
            else:
                starts = tokens
            for start in sorted(starts, key=lambda t: t.i) if len(anchor) else starts:
                if nodes[0].test(start):
                    for found in _extend(nodes, [start]):
                        out.append((key, [t.i for t in found]))
        return out


def _extend(nodes: list[Node], chosen: list[Token]) -> Iterator[list[Token]]:
    if len(chosen) == len(nodes):
        yield list(chosen)
        return
    node = nodes[len(chosen)]
    taken = {t.i for t in chosen}
    for token in _related(chosen[node.left], node.op):
        if token.i not in taken and node.test(token):
            chosen.append(token)
            yield from _extend(nodes, chosen)
            chosen.pop()
