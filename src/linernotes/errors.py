"""Error and warning catalogue: stable codes, messages that say what to do.

    LinernotesError
     ├── InputError      a document could not be read (the batch goes on)
     │    └── ExtractionError  it was read, but could not be extracted in time or at all
     ├── GoldError       a gold file is malformed
     ├── ConfigError     a pipeline stage was configured with something it does not have
     └── StoreError      the knowledge base cannot do what was asked
          └── NotFound   no person (or document) answers to the name given
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import SEVERITIES


class Errors:
    E001 = "[E001] {path}: the file is empty; nothing to extract."
    E002 = "[E002] {path}: looks like a binary file ({why}); give a text, Markdown or HTML biography."
    E003 = ("[E003] {path}: {size:,} bytes is over the limit of {limit:,} bytes per document; "
            "split it into one file per biography or raise --max-bytes.")
    E004 = "[E004] {path}: cannot be read: {why}."
    E005 = "[E005] {path}: no such file or directory."
    E006 = ("[E006] {path}: no files linernotes reads (.txt, .md, .html, .mhtml, .pdf, .docx, .odt) found in "
            "this directory.")
    E007 = ("[E007] {path}: extraction took longer than the budget of {budget} s; the document was skipped. "
            "A biography normally takes well under a second: please report the text, or raise --time-budget.")
    E008 = ("[E008] {path}: {size:,} characters is over the limit of {limit:,} characters the parser takes in one "
            "document; split it into one file per biography.")
    E009 = ("[E009] {path}: {kind}, not a regular file; it was not opened. Give a text, Markdown or HTML file "
            "(copy the contents of a pipe or device into one).")
    E010 = "[E010] {path}:{line}: not a gold record: {why}."
    E011 = ("[E011] {path}: the worker process extracting it stopped before it was done ({why}); the document "
            "was skipped. If it happens again with this file alone, please report the text.")
    E012 = ("[E012] {path}: extraction failed with {why}; the document was skipped. This is a bug in "
            "linernotes: please report it with the text.")
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
    E050 = "[E050] no fact #{id} in the knowledge base; `linernotes show` and `linernotes review queue` print fact numbers."
    E051 = "[E051] cannot review: {why}."
    E052 = ("[E052] {document}: no person called {name!r} in this document; it names {names}. A review's person "
            "is a name as the document gives it.")
    E053 = ("[E053] {document}: the quote {quote!r} is not in the document's text; an added fact needs a quote "
            "copied from it (its sentence).")
    E045 = ("[E045] --engine ray needs Ray, which is not installed: pip install 'linernotes[ray]' "
            "(or pip install 'ray[data]'); without it, leave out --engine ray.")
    E046 = "[E046] cannot reach the Ray cluster at {address!r}: {why}."
    E055 = ("[E055] {value!r} is not a {scheme} id: a Wikidata item is Q and a number (Q5, Q232), a MusicBrainz id "
            "a UUID (5b11f4ce-a62d-471e-81fc-a69a8278c7da).")
    E056 = ("[E056] no {kind} called {name!r} in the knowledge base; give the name a profile shows it by "
            "(`linernotes show PERSON`), or its key (a place's GeoNames id, geonames:1526384).")
    E057 = "[E057] {name!r} names {count} {kind} entries: {choices}; give the key instead (e.g. {example!r})."
    E058 = ("[E058] {path}: not an identifier CSV: {why}. The first row is a header: name,qid (Wikidata) or "
            "name,mbid (MusicBrainz).")
    E059 = "[E059] {path}:{line}: {why}"
    E060 = "[E060] no reconciliation type {type!r}; the types are: {known}."
    E061 = ("[E061] {id!r} is not an identifier of this service; identifiers look like 'person/12' or "
            "'entity/34' (a number alone is a person).")
    E065 = ("[E065] {path}: the PDF is encrypted; linernotes does not open protected files. Save a copy without "
            "the password (or its text) and read that.")
    E066 = ("[E066] {path}: the PDF has no text layer ({pages} pages of images, a scan?); run OCR on it first "
            "(e.g. ocrmypdf) and read the result.")
    E067 = "[E067] {path}: cannot be read as {kind}: {why}."
    E068 = "[E068] {path}: row {row}: {why}; the row was skipped."
    E069 = ("[E069] {path}: no column {column!r} in the header (the columns are: {columns}); name the right one "
            "with --id-column or --text-column.")
    E040 = "[E040] the linernotes_check config disables {name!r}, which is not a check; the checks are: {known}."


class Warnings:
    W001 = "[W001] {path}: not valid UTF-8; decoded as {encoding} (check the text looks right)."
    W002 = ("[W002] {path}: mixed encodings: {count} of {total} lines are not valid UTF-8 (the first is line "
            "{first}) and were decoded as {encoding}, the rest as UTF-8 (check those lines look right).")
    W003 = ("[W003] {path}: the file name is not valid UTF-8; it is shown and stored with the odd bytes as \\xNN. "
            "Rename the file to keep its own name.")
    W010 = ("[W010] {path}: skipped: linernotes does not read {kind} files (it reads .txt, .md, .html, .mhtml, "
            ".pdf, .docx and .odt; tables of texts with --rows).")


#: How settled a check is. stable: measured against gold, its code and meaning are kept;
#: experimental: not measured yet, it may change or go.
CHECK_STATUSES = ("stable", "experimental")
#: Where a check runs. document: the check stage, on one text; knowledge base: reconciliation, across documents.
CHECK_SCOPES = ("document", "knowledge base")


@dataclass(frozen=True)
class CheckCode:
    """One kind of fact-check finding: the code it is output under, and what the reader should make of it."""

    code: str
    severity: str
    status: str
    scope: str
    finds: str
    advice: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES or self.status not in CHECK_STATUSES or self.scope not in CHECK_SCOPES:
            raise ValueError(f"check code {self.code!r}: severity, status or scope is not one of "
                             f"{SEVERITIES}, {CHECK_STATUSES}, {CHECK_SCOPES}")


class Checks:
    """The check catalogue: every code a finding may carry, with its severity. Findings take both from here."""

    PLACE_COUNTRY_MISMATCH = CheckCode(
        "place-country-mismatch", "warning", "stable", "document",
        "a place put in a country that has no place of that name (Karakol, Kazakhstan)",
        "correct the country or the place; the message says where the place is")
    WRONG_CAPITAL = CheckCode(
        "wrong-capital", "warning", "stable", "document",
        "a city called the capital of a country it was not the capital of, in the sentence's year if it has one",
        "correct the city or the country; for a former capital say so (\"then the capital\") or give the year")
    INSTITUTION_LOCATION_MISMATCH = CheckCode(
        "institution-location-mismatch", "warning", "stable", "document",
        "a known institution put in a city it is not in (the Kurmangazy Conservatory in Astana)",
        "correct the city or the institution; the message names the institution's city")
    # An error is a finding that cannot be true as written (a life cannot end before it begins); a
    # warning, one that may be true but is doubtful (a place in a country the gazetteer does not know it in).
    DATE_INCONSISTENCY = CheckCode(
        "date-inconsistency", "error", "stable", "document",
        "a death before the birth, or something the person did dated before their birth or after their death",
        "correct the year; say \"posthumously\" of what came out after the death")
    AGE_INCONSISTENCY = CheckCode(
        "age-inconsistency", "error", "stable", "document",
        "an age that the birth year and the sentence's year contradict (born 1980, aged 35 in 2000)",
        "correct the age, the year or the birth year")
    CONTRADICTION = CheckCode(
        "contradiction", "warning", "experimental", "document",
        "one text giving a person two values of something a person has one of (born in Almaty, born in Taraz)",
        "keep the right value; if one corrects the other, say so")
    CROSS_DOCUMENT_CONTRADICTION = CheckCode(
        "cross-document-contradiction", "warning", "experimental", "knowledge base",
        "documents giving one profile different birth or death dates or places, or genders",
        "correct the document that is wrong, or `linernotes split` the profile if they are two people")

    @classmethod
    def all(cls) -> tuple[CheckCode, ...]:
        return tuple(v for v in vars(cls).values() if isinstance(v, CheckCode))

    @classmethod
    def of(cls, code: str) -> CheckCode:
        """The catalogue entry of ``code``; a code that is not catalogued is refused."""
        for entry in cls.all():
            if entry.code == code:
                return entry
        raise ValueError(f"check code {code!r} is not in the catalogue (linernotes.errors.Checks)")


class LinernotesError(Exception):
    """Base of every error linernotes raises on purpose."""


class InputError(LinernotesError):
    """A document could not be read; the message names the file and the reason."""


class ExtractionError(InputError):
    """A document was read but not extracted: over the time budget (E007) or too long to parse (E008)."""


class GoldError(LinernotesError):
    """A gold file line is not valid."""


class ConfigError(LinernotesError, ValueError):
    """A pipeline stage was configured with a name it does not know (E040)."""


class StoreError(LinernotesError):
    """The knowledge base cannot be opened or cannot do what was asked."""


class NotFound(StoreError):
    """No person or document answers to the name given."""


class EngineError(LinernotesError):
    """An optional engine (Ray) is not installed, or its cluster cannot be reached (E045, E046)."""


class AccessError(LinernotesError):
    """A write was asked of a read-only server, or without the operator's token."""
