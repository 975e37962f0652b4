"""Error and warning catalogue: stable codes, messages that say what to do.

    LinernotesError
     ├── InputError      a document could not be read (the batch goes on)
     │    └── ExtractionError  it was read, but could not be extracted in time or at all
     ├── GoldError       a gold file is malformed
     └── StoreError      the knowledge base cannot do what was asked
          └── NotFound   no person (or document) answers to the name given
"""
from __future__ import annotations


class Errors:
    E001 = "[E001] {path}: the file is empty; nothing to extract."
    E002 = "[E002] {path}: looks like a binary file ({why}); give a text, Markdown or HTML biography."
    E003 = ("[E003] {path}: {size:,} bytes is over the limit of {limit:,} bytes per document; "
            "split it into one file per biography or raise --max-bytes.")
    E004 = "[E004] {path}: cannot be read: {why}."
    E005 = "[E005] {path}: no such file or directory."
    E006 = "[E006] {path}: no .txt, .md or .html files found in this directory."
    E007 = ("[E007] {path}: extraction took longer than the budget of {budget} s; the document was skipped. "
            "A biography normally takes well under a second: please report the text, or raise --time-budget.")
    E008 = ("[E008] {path}: {size:,} characters is over the limit of {limit:,} characters the parser takes in one "
            "document; split it into one file per biography.")
    E009 = ("[E009] {path}: {kind}, not a regular file; it was not opened. Give a text, Markdown or HTML file "
            "(copy the contents of a pipe or device into one).")
    E010 = "[E010] {path}:{line}: not a gold record: {why}."
    E020 = "[E020] {url}: cannot open the knowledge base: {why}."
    E021 = ("[E021] the knowledge base has schema version {found}, newer than this linernotes understands "
            "({known}); upgrade linernotes.")
    E022 = "[E022] no person called {name!r} in the knowledge base; try `linernotes people` or `linernotes search`."
    E023 = "[E023] {name!r} names {count} people: {choices}; give the number (e.g. {example}) instead."
    E025 = "[E025] {why}"
    E030 = "[E030] this server is read-only: the operator has set no upload token."
    E031 = "[E031] missing or wrong token: send 'Authorization: Bearer <token>'."
    E032 = "[E032] no document called {name!r} in the knowledge base."
    E033 = "[E033] the biography has {size:,} characters; the limit is {limit:,}."
    E034 = "[E034] the request body is over the limit of {limit:,} bytes."
    E035 = "[E035] invalid request: {why}."
    E036 = "[E036] no page at {path!r}."
    E037 = "[E037] the server failed on this request; the operator's log has the details under reference {ref}."


class Warnings:
    W001 = "[W001] {path}: not valid UTF-8; decoded as {encoding} (check the text looks right)."
    W002 = ("[W002] {path}: mixed encodings: {count} of {total} lines are not valid UTF-8 (the first is line "
            "{first}) and were decoded as {encoding}, the rest as UTF-8 (check those lines look right).")
    W003 = ("[W003] {path}: the file name is not valid UTF-8; it is shown and stored with the odd bytes as \\xNN. "
            "Rename the file to keep its own name.")


class LinernotesError(Exception):
    """Base of every error linernotes raises on purpose."""


class InputError(LinernotesError):
    """A document could not be read; the message names the file and the reason."""


class ExtractionError(InputError):
    """A document was read but not extracted: over the time budget (E007) or too long to parse (E008)."""


class GoldError(LinernotesError):
    """A gold file line is not valid."""


class StoreError(LinernotesError):
    """The knowledge base cannot be opened or cannot do what was asked."""


class NotFound(StoreError):
    """No person or document answers to the name given."""


class AccessError(LinernotesError):
    """A write was asked of a read-only server, or without the operator's token."""
