"""Stage 1, read: turn files (or stdin) into clean document text, refusing what is not a biography.

Offsets in every later stage are offsets into the text returned here (for HTML, PDF, Word and
OpenDocument files, the text extracted from them: :mod:`linernotes.readers`). What is known about a
document besides its text (a PDF's page starts, a row's source URL) travels in ``Source.meta`` and is
stored with the document.
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from .errors import Errors, ExtractionError, InputError, Warnings
from .readers.html import html_to_text
from .readers.pdf import evidence_page, page_of  # noqa: F401  (part of this module's interface)
from .readers.rows import Rows, read_rows

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
#: Formats read by :mod:`linernotes.readers` from their bytes.
BINARY_SUFFIXES = {".pdf", ".docx", ".odt", ".mhtml", ".mht"}
SUFFIXES = TEXT_SUFFIXES | BINARY_SUFFIXES
#: One biography is a few kilobytes; anything this large is almost surely a mistake.
DEFAULT_MAX_BYTES = 2_000_000
#: The most characters one document may have: spaCy's ``nlp.max_length`` (a test keeps them equal).
MAX_CHARS = 1_000_000


@dataclass
class Source:
    """A readable document: its name, its text, and what was odd about reading it."""

    doc: str
    text: str
    path: str
    warnings: list[str] = field(default_factory=list)
    #: What is known besides the text, stored with the document: ``format``, a PDF's ``pages`` (the
    #: offset each page starts at, see :func:`page_of`), a row's ``source_url``, ``date``, ``author``.
    meta: Optional[dict] = None


def shown(path: str) -> str:
    """``path`` safe to print and store: bytes that are not UTF-8 (a cp1251 archive's names) as ``\\xNN``."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        raw = path.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def expand_paths(paths: Iterable[str], skipped: Optional[list[str]] = None) -> Iterator[str | InputError]:
    """Yield file paths under ``paths`` (directories recursively, sorted); errors in place of bad paths.

    Files in a directory of a type linernotes does not read are not yielded: each is put in
    ``skipped`` (W010, naming it and why), to be listed at the end of the batch. They are not
    failures: a folder of biographies holds cover images and spreadsheets too. Hidden files
    (``.DS_Store``) are left out without a word. A file named on its own is always read."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            yield InputError(Errors.E005.format(path=shown(raw)))
            continue
        except OSError as error:
            yield InputError(Errors.E004.format(path=shown(raw), why=error.strerror or error))
            continue
        if not is_dir:
            yield raw  # a FIFO or device is refused by read_bytes, before it is opened
            continue
        found = list(_walk(raw, skipped if skipped is not None else []))
        if not found:
            yield InputError(Errors.E006.format(path=shown(raw)))
        yield from found


def _walk(directory: str, skipped: list[str]) -> Iterator[str | InputError]:
    """Files with a known suffix under ``directory``, sorted; E004 for a subdirectory that cannot be read.
    Symbolic links to directories are not followed (as ``Path.rglob``)."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(Errors.E004.format(path=shown(directory), why=error.strerror or error))
        return
    names = {entry.name.lower() for entry in entries}
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _saved_page_resources(entry.name, names):
                    yield from _walk(entry.path, skipped)
            elif entry.is_dir() or entry.name.startswith("._"):
                continue  # a link to a directory is not followed; ._name is macOS's metadata of name
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
                yield entry.path
            elif not entry.name.startswith("."):  # hidden files (.DS_Store) are no one's biography
                skipped.append(Warnings.W010.format(path=shown(entry.path), kind=_kind_of_name(entry.name)))
        except OSError as error:
            yield InputError(Errors.E004.format(path=shown(entry.path), why=error.strerror or error))


def _saved_page_resources(directory: str, siblings: set[str]) -> bool:
    """True for ``Page_files``, the images and scripts a browser saves beside ``Page.html``: part of
    the page, not documents of their own, so not listed one by one as skipped."""
    stem = directory[:-len("_files")].lower() if directory.lower().endswith("_files") else None
    return bool(stem) and any(f"{stem}{suffix}" in siblings for suffix in HTML_SUFFIXES)


def _kind_of_name(name: str) -> str:
    suffix = os.path.splitext(name)[1]
    return f"{suffix} ({_ROW_HINT})" if suffix.lower() in _ROW_SUFFIXES else (suffix or "extensionless")


_ROW_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson"}
_ROW_HINT = "a table of texts? read it with --rows"


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (or UTF-16, with or without a byte-order mark); else line by line, each
    line that is not UTF-8 as cp1251 (Cyrillic sources) or cp1252/latin-1, with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise InputError(Errors.E004.format(path=path, why=error)) from None
    else:
        wide = utf16_without_bom(data)
        if wide:
            return data.decode(wide), [Warnings.W001.format(path=path, encoding=f"{wide} (no byte-order mark)")]
    why = binary_reason(data)
    if why:
        raise InputError(Errors.E002.format(path=path, why=why))
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return decode_lines(data, path)


def decode_lines(data: bytes, path: str) -> tuple[str, list[str]]:
    """Each line as UTF-8 where it is valid, else in the single-byte encoding the other lines suggest."""
    lines = data.splitlines(keepends=True)
    utf8: list[str | None] = []
    for line in lines:
        try:
            utf8.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            utf8.append(None)
    bad = [number for number, text in enumerate(utf8) if text is None]
    encoding = guess_single_byte_encoding(b"".join(lines[n] for n in bad))
    text = "".join(t if t is not None else lines[n].decode(encoding, errors="replace") for n, t in enumerate(utf8))
    if any(t is not None and not t.isascii() for t in utf8):
        return text, [Warnings.W002.format(path=path, count=len(bad), total=len(lines), encoding=encoding,
                                           first=bad[0] + 1)]
    return text, [Warnings.W001.format(path=path, encoding=encoding)]


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text without a byte-order mark, else None: ASCII
    characters (spaces, punctuation, Latin letters) leave NUL bytes on one side of each pair only."""
    if len(data) < 4 or len(data) % 2:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= pairs * 0.05 and others <= pairs * 0.01:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            narrow = sum(1 for ch in text if ch < "\u0100")
            controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
            return encoding if "\x00" not in text and controls <= narrow * 0.02 else None
    return None


def binary_reason(data: bytes) -> str | None:
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere: a database would refuse it, and a text file never has one
        return f"it contains NUL bytes, the first at byte {nul:,}"
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.05:
        return f"{controls} control characters in the first {len(sample)} bytes"
    return None


def guess_single_byte_encoding(data: bytes) -> str:
    """cp1251 when the high bytes read as Cyrillic letters, else cp1252 (Western European)."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return "cp1252"
    # In cp1251, 0xC0-0xFF are the Cyrillic letters А-я; Western text uses them only for accents.
    cyrillic = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8))
    # Cyrillic words are runs of high bytes; Western accents sit alone between ASCII letters.
    in_runs = sum(1 for i, b in enumerate(data) if b >= 0x80 and (
        (i > 0 and data[i - 1] >= 0x80) or (i + 1 < len(data) and data[i + 1] >= 0x80)))
    if cyrillic / len(high) > 0.8 and in_runs / len(high) > 0.5:
        return "cp1251"
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def read_bytes(path: str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            mode = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise InputError(Errors.E005.format(path=shown(path))) from None
        except OSError as error:
            raise InputError(Errors.E004.format(path=shown(path), why=error.strerror or error)) from None
        if not stat.S_ISREG(mode.st_mode):  # never opened: a FIFO would block for ever
            raise InputError(Errors.E009.format(path=shown(path), kind=_kind(mode.st_mode)))
        if mode.st_size > max_bytes:
            raise InputError(Errors.E003.format(path=shown(path), size=mode.st_size, limit=max_bytes))
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(Errors.E004.format(path=shown(path), why=error.strerror or error)) from None
    if len(data) > max_bytes:
        raise InputError(Errors.E003.format(path=shown(path), size=len(data), limit=max_bytes))
    return data


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one document; raise :class:`InputError` with a message naming the file if it is unusable."""
    return source_from_bytes(read_bytes(path, max_bytes), path)


def source_from_bytes(data: bytes, path: str) -> Source:
    """A document from bytes read elsewhere (a file, an upload): decoded (or, for PDF, Word and
    OpenDocument, its text extracted), HTML stripped, not empty, not longer than the parser takes
    (E008, before any work on it starts)."""
    name = shown(path)
    text, warnings, meta = _text_of(data, path, name)
    if name != path:
        warnings.insert(0, Warnings.W003.format(path=name))
    if not text.strip():
        raise InputError(Errors.E001.format(path=name))
    if len(text) > MAX_CHARS:
        raise ExtractionError(Errors.E008.format(path=name, size=len(text), limit=MAX_CHARS))
    doc = "stdin" if path == "-" else os.path.basename(name)
    return Source(doc=doc, text=text, path=name, warnings=warnings, meta=meta)


def _text_of(data: bytes, path: str, name: str) -> tuple[str, list[str], Optional[dict]]:
    """The text of a file's bytes by what they are: a PDF by its signature wherever it came from,
    Word and OpenDocument by the file name, anything else as text (HTML stripped)."""
    suffix = os.path.splitext(path)[1].lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        from .readers.pdf import pdf_text

        return _with_no_warnings(pdf_text(data, name, MAX_CHARS))
    if suffix == ".docx":
        from .readers.word import docx_text

        return _with_no_warnings(docx_text(data, name))
    if suffix == ".odt":
        from .readers.odt import odt_text

        return _with_no_warnings(odt_text(data, name))
    if suffix in (".mhtml", ".mht"):
        from .readers.html import mhtml_text

        return mhtml_text(data, name), [], {"format": "html"}
    text, warnings = decode(data, name)
    if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return html_to_text(text), warnings, {"format": "html"}
    return text, warnings, None


def _with_no_warnings(extracted: tuple[str, dict]) -> tuple[str, list[str], Optional[dict]]:
    return extracted[0], [], extracted[1]


def read_sources(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, rows: Optional[Rows] = None,
                 skipped: Optional[list[str]] = None) -> Iterator[Source | InputError]:
    """Read every document under ``paths``, then every row of ``rows`` (a CSV or JSON Lines file of
    one biography a row, :mod:`linernotes.readers.rows`); yield an :class:`InputError` in place of
    each bad one. Files of a type linernotes does not read go to ``skipped`` (see ``expand_paths``)."""
    if rows is not None:
        yield from _files_then_rows(paths, max_bytes, rows, skipped)
        return
    for path in expand_paths(paths, skipped):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            yield read_source(path, max_bytes)
        except InputError as error:
            yield error


def _files_then_rows(paths: Iterable[str], max_bytes: int, rows: Rows,
                     skipped: Optional[list[str]]) -> Iterator[Source | InputError]:
    yield from read_sources(paths, max_bytes, skipped=skipped)
    for item in read_rows(rows, max_bytes, MAX_CHARS):
        if isinstance(item, Source) and len(item.text) > MAX_CHARS:
            yield ExtractionError(Errors.E008.format(path=item.path, size=len(item.text), limit=MAX_CHARS))
        else:
            yield item
