"""Rows as documents: a CSV (or TSV) or JSON Lines file of one biography a row, read as it streams.

Archives export spreadsheets and databases this way: an id column, a text column, and perhaps the
source's URL, date and author, which are kept with the document (``Source.meta``). The file is read
a line at a time, never whole, so memory stays that of one row however long the file is:

- a CSV field may hold at most ``MAX_CHARS`` characters (``csv.field_size_limit`` is set to it on
  purpose: the default, 128 Kib, would refuse a long biography, and no limit would let one broken
  quote swallow the rest of the file); a physical line longer than :data:`MAX_LINE_CHARS` is not
  even read into memory;
- a JSON Lines line may hold at most ``max_bytes`` bytes, like a file.

A row that cannot be read (a broken quote, an over-long field, bad JSON, no id or no text, an id
used before) is E068 naming the file, the row and the line; the rows after it are read as usual.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Iterator, Optional

from ..errors import Errors, InputError

if TYPE_CHECKING:  # linernotes.reader imports this module
    from ..reader import Source

#: The longest physical line read into memory: two fields at the parser's limit, and the rest.
MAX_LINE_CHARS = 2_100_000
#: How the file name ends -> how its rows are read.
TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}
JSON_LINES = {".jsonl", ".ndjson"}
ROW_SUFFIXES = set(TABLE_DELIMITERS) | JSON_LINES


@dataclass(frozen=True)
class Rows:
    """A file of rows and which of its columns (CSV header names, or JSON keys) say what."""

    path: str
    id_column: str = "id"
    text_column: str = "text"
    url_column: Optional[str] = None
    date_column: Optional[str] = None
    author_column: Optional[str] = None

    def meta_columns(self) -> dict[str, str]:
        """Metadata key -> column, for the columns given."""
        named = {"source_url": self.url_column, "date": self.date_column, "author": self.author_column}
        return {key: column for key, column in named.items() if column}


def read_rows(rows: Rows, max_bytes: int, max_chars: int) -> Iterator["Source | InputError"]:
    """A :class:`~linernotes.reader.Source` for each row of ``rows.path`` (named by its id), or an
    :class:`InputError` in its place; E069 alone if a column named is not in the header."""
    from ..reader import shown

    name = shown(rows.path)
    suffix = os.path.splitext(rows.path)[1].lower()
    if suffix not in ROW_SUFFIXES:
        yield InputError(Errors.E067.format(path=name, kind="rows", why="give a .csv, .tsv, .jsonl or .ndjson file"))
        return
    try:
        handle = open(rows.path, "rb")
    except (FileNotFoundError, NotADirectoryError):
        yield InputError(Errors.E005.format(path=name))
        return
    except OSError as error:
        yield InputError(Errors.E004.format(path=name, why=error.strerror or error))
        return
    with handle:
        if suffix in JSON_LINES:
            records = _json_records(handle, name, max_bytes)
        else:
            records = _table_records(handle, name, TABLE_DELIMITERS[suffix], rows, max_chars)
        yield from _sources(records, rows, name)


def _sources(records, rows: Rows, name: str) -> Iterator["Source | InputError"]:
    """Sources from ``(row, line, record or error)``: the id and text checked, ids unique in the file."""
    from ..reader import Source

    first_row_of: dict[str, int] = {}  # id -> row: ids are short, so this stays small beside the texts
    base = os.path.basename(name)
    for row, line, record in records:
        if isinstance(record, InputError):
            yield record
            continue
        where = f"{row} (line {line})"
        doc_id, text = record.get(rows.id_column), record.get(rows.text_column)
        doc_id = "" if doc_id is None else str(doc_id).strip()
        problem = None
        if not doc_id:
            problem = f"no id in column {rows.id_column!r}"
        elif not isinstance(text, str) or not text.strip():
            problem = f"no text in column {rows.text_column!r}"
        elif doc_id in first_row_of:
            problem = f"the id {doc_id!r} is row {first_row_of[doc_id]}'s too; ids name documents, so must be unique"
        elif _not_utf8(doc_id) or _not_utf8(text):
            problem = "it is not valid UTF-8"
        if problem:
            yield InputError(Errors.E068.format(path=name, row=where, why=problem))
            continue
        first_row_of[doc_id] = row
        meta = {"format": "rows", "rows_file": base, "row": row}
        for key, column in rows.meta_columns().items():
            value = record.get(column)
            if value not in (None, "") and not _not_utf8(str(value)):
                meta[key] = str(value)
        yield Source(doc=doc_id, text=text, path=f"{name} row {row} (id {doc_id})", meta=meta)


def _not_utf8(value: str) -> bool:
    """Bytes that were not UTF-8 are decoded as lone surrogates (``surrogateescape``): find them."""
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


class _Lines:
    """The lines of a text stream, none longer than ``limit``: an over-long one is skipped unread and
    marked (``overlong``), so the record it was part of can be refused."""

    def __init__(self, handle: IO[str], limit: int) -> None:
        self.handle, self.limit, self.overlong = handle, limit, 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = self.handle.readline(self.limit)
        if not line:
            raise StopIteration
        if len(line) == self.limit and not line.endswith(("\n", "\r")):
            while (rest := self.handle.readline(self.limit)) and not rest.endswith("\n"):
                pass
            self.overlong += 1
            return "\n"
        return line


def _table_records(binary: IO[bytes], name: str, delimiter: str, rows: Rows, max_chars: int):
    import io

    csv.field_size_limit(max_chars)  # see the module docstring: deliberately the parser's limit
    handle = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
    lines = _Lines(handle, MAX_LINE_CHARS)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield 0, 0, InputError(Errors.E001.format(path=name))
        return
    except csv.Error as error:
        yield 0, 1, InputError(Errors.E067.format(path=name, kind="CSV", why=f"its header cannot be read ({error})"))
        return
    header = [column.strip() for column in header]
    for column in [rows.id_column, rows.text_column, *rows.meta_columns().values()]:
        if column not in header:
            yield 0, 1, InputError(Errors.E069.format(path=name, column=column, columns=", ".join(map(repr, header))))
            return
    row = 0
    while True:
        before = lines.overlong
        row += 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            why = str(error)
            if "field limit" in why:  # csv's words for it: say which limit, and why it is there
                why = f"a field is over the limit of {max_chars:,} characters the parser takes in one document ({why})"
            yield row, reader.line_num, InputError(Errors.E068.format(path=name, row=f"{row} (line {reader.line_num})",
                                                                      why=why))
            continue
        if lines.overlong != before:
            yield row, reader.line_num, InputError(Errors.E068.format(
                path=name, row=f"{row} (line {reader.line_num})",
                why=f"a line is over the limit of {MAX_LINE_CHARS:,} characters"))
            continue
        if not fields:  # a blank line is no row
            row -= 1
            continue
        if len(fields) != len(header):
            yield row, reader.line_num, InputError(Errors.E068.format(
                path=name, row=f"{row} (line {reader.line_num})",
                why=f"it has {len(fields)} fields, the header {len(header)}"))
            continue
        yield row, reader.line_num, dict(zip(header, fields))


def _json_records(handle: IO[bytes], name: str, max_bytes: int):
    line, row = 0, 0
    while chunk := handle.readline(max_bytes + 1):
        line += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while (rest := handle.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
                pass
            row += 1
            yield row, line, InputError(Errors.E068.format(path=name, row=f"{row} (line {line})",
                                                           why=f"the line is over the limit of {max_bytes:,} bytes"))
            continue
        if not chunk.strip():
            continue
        row += 1
        try:
            record = json.loads(chunk.decode("utf-8-sig" if line == 1 else "utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            yield row, line, InputError(Errors.E068.format(path=name, row=f"{row} (line {line})",
                                                           why=f"not a JSON object ({error})"))
            continue
        if not isinstance(record, dict):
            yield row, line, InputError(Errors.E068.format(path=name, row=f"{row} (line {line})",
                                                           why=f"a JSON {type(record).__name__}, not an object"))
            continue
        yield row, line, record
