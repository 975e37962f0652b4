"""Stage 6, check: claims that cannot all be true, judged against the reference knowledge.

Checks live in ``linernotes.pipeline.checks`` (one module per kind of knowledge) and are
registered with :func:`check_rule`, naming the codes they may emit; every code comes from
the catalogue ``linernotes.errors.Checks``, which also gives its severity. Each check yields
:class:`~linernotes.model.Check` findings made by :func:`finding`. The checker stays quiet
when it is unsure: a place the gazetteer does not know is not an error.

A check is switched off by name: ``nlp.add_pipe("linernotes_check", config={"disabled":
["linernotes.contradictions.v1"]})``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import Checks, ConfigError, Errors
from ..model import Check
from .layout import ENTS_KEY, SPANS_KEY, TOKENS_KEY, WORDS_KEY
from .syntax import PATHS_KEY, REGIONS_KEY

if not Doc.has_extension("ln_checks"):
    Doc.set_extension("ln_checks", default=None)

CheckFunction = Callable[[Doc], Iterable[Check]]


@dataclass(frozen=True)
class CheckRule:
    name: str
    codes: tuple[str, ...]  # the catalogued codes its findings may carry
    function: CheckFunction


#: Every registered check by name, in the order they run (the order their modules register them).
CHECK_RULES: dict[str, CheckRule] = {}


def check_rule(name: str, codes: tuple[str, ...]) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under a versioned name (``"linernotes.place_country.v1"``) with the codes it emits."""
    for code in codes:
        Checks.of(code)  # refuses a code the catalogue does not have
    if not codes:
        raise ValueError(f"check {name!r} names no codes")

    def register(function: CheckFunction) -> CheckFunction:
        if name in CHECK_RULES:
            raise ValueError(f"a check is already registered as {name!r}")
        CHECK_RULES[name] = CheckRule(name, tuple(codes), function)
        return function
    return register


def finding(code: str, message: str, value: str, start: int, end: int, sent: Span) -> Check:
    """A finding under a catalogued ``code``, with the catalogue's severity and ``sent`` as evidence."""
    return Check(code, Checks.of(code).severity, message, value, start, end, sent.text.strip())


def check_rules() -> dict[str, CheckRule]:
    """The registered checks (importing the checks package registers them)."""
    from . import checks  # noqa: F401
    return CHECK_RULES


@Language.factory("linernotes_check", assigns=["doc._.ln_checks"], requires=["doc._.ln_facts", "doc._.ln_links"],
                  default_config={"disabled": []})
def make_checker(nlp: Language, name: str, disabled: list[str]) -> "Checker":
    return Checker(disabled)


class Checker:
    def __init__(self, disabled: Iterable[str] = ()) -> None:
        rules, off = check_rules(), set(disabled)
        for name in sorted(off - set(rules)):  # a misspelt name would otherwise leave the check on without a word
            raise ConfigError(Errors.E040.format(name=name, known=", ".join(rules)))
        self.rules = [rule for name, rule in rules.items() if name not in off]

    def __call__(self, doc: Doc) -> Doc:
        seen, unique = set(), []
        for rule in self.rules:
            for item in rule.function(doc):
                if item.code not in rule.codes:
                    raise ValueError(f"check {rule.name!r} emitted {item.code!r}, not one of its codes {rule.codes}")
                key = (item.code, item.start)
                if key not in seen:
                    seen.add(key)
                    unique.append(item)
        doc._.ln_checks = unique
        doc.user_data.pop(TOKENS_KEY, None)  # the rules' token list: the last stage lets it go
        doc.user_data.pop(WORDS_KEY, None)
        doc.user_data.pop(PATHS_KEY, None)
        doc.user_data.pop(ENTS_KEY, None)
        doc.user_data.pop(SPANS_KEY, None)  # Spans, like Tokens, cannot be serialised
        doc.user_data.pop(REGIONS_KEY, None)
        return doc
