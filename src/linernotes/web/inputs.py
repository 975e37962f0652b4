"""Bounds on what a request may carry, checked where it enters: numbers the database can hold,
no character it cannot store, JSON of a sane depth. Anything outside is a 4xx (E035), never a 500."""
from __future__ import annotations

import re
from typing import Annotated

from fastapi import Path, Query, Request

from ..errors import Errors, InputError

#: PostgreSQL's INTEGER; ids, offsets and limits beyond it overflow there (SQLite's are wider).
MAX_INT = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_INT, description="A person's number.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]

#: NUL cannot be stored by PostgreSQL; an unpaired surrogate cannot be encoded at all.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: A document name is a one-line label.
NOT_A_NAME = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
MAX_JSON_DEPTH = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def storable(value: str, what: str) -> str:
    if UNSTORABLE.search(value):
        raise InputError(Errors.E035.format(why=f"{what} contains a NUL or an unpaired surrogate character"))
    return value


def document_name(value: str) -> str:
    if NOT_A_NAME.search(value):
        raise InputError(Errors.E035.format(why="a document name cannot contain control characters"))
    return value


def plain_request(request: Request) -> None:
    """Every route's first check: no unstorable character in the path or the query string."""
    storable(request.scope.get("path", ""), "the path")
    for key, value in request.query_params.multi_items():
        storable(key + value, "the query string")


def too_deep(raw: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON text nests arrays and objects deeper than ``limit`` (strings skipped)."""
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", raw)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > limit:
            return True
    return False
