"""Stage 1, read: turn files (or stdin) into clean document text, refusing what is not a biography.

Offsets in every later stage are offsets into the text returned here (for HTML, the text
extracted from the markup).
"""
from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from .errors import Errors, InputError, Warnings

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
#: One biography is a few kilobytes; anything this large is almost surely a mistake.
DEFAULT_MAX_BYTES = 2_000_000


@dataclass
class Source:
    """A readable document: its name, its text, and what was odd about reading it."""

    doc: str
    text: str
    path: str
    warnings: list[str] = field(default_factory=list)


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Yield file paths under ``paths`` (directories recursively, sorted); errors in place of bad paths."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                yield InputError(Errors.E006.format(path=raw))
            yield from (str(p) for p in found)
        elif path.exists():
            yield str(path)
        else:
            yield InputError(Errors.E005.format(path=raw))


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, else as cp1251 (Cyrillic sources) or cp1252/latin-1, with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise InputError(Errors.E004.format(path=path, why=error)) from None
    why = binary_reason(data)
    if why:
        raise InputError(Errors.E002.format(path=path, why=why))
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    encoding = guess_single_byte_encoding(data)
    text = data.decode(encoding, errors="replace")
    return text, [Warnings.W001.format(path=path, encoding=encoding)]


def binary_reason(data: bytes) -> str | None:
    sample = data[:8192]
    if b"\x00" in sample:
        return "it contains NUL bytes"
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


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML page, with line breaks at block boundaries."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}
    HIDDEN = {"script", "style", "head", "title", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split("\n")))  # source line breaks render as spaces


def html_to_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return html.unescape(text).strip()


def read_bytes(path: str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        if not os.path.exists(path):
            raise InputError(Errors.E005.format(path=path))
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise InputError(Errors.E003.format(path=path, size=size, limit=max_bytes))
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(Errors.E004.format(path=path, why=error.strerror or error)) from None
    if len(data) > max_bytes:
        raise InputError(Errors.E003.format(path=path, size=len(data), limit=max_bytes))
    return data


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one document; raise :class:`InputError` with a message naming the file if it is unusable."""
    return source_from_bytes(read_bytes(path, max_bytes), path)


def source_from_bytes(data: bytes, path: str) -> Source:
    """A document from bytes read elsewhere (a file, an upload): decoded, HTML stripped, not empty."""
    text, warnings = decode(data, path)
    if path.lower().endswith(tuple(HTML_SUFFIXES)) or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text = html_to_text(text)
    if not text.strip():
        raise InputError(Errors.E001.format(path=path))
    doc = "stdin" if path == "-" else os.path.basename(path)
    return Source(doc=doc, text=text, path=path, warnings=warnings)


def read_sources(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | InputError]:
    """Read every document under ``paths``; yield an :class:`InputError` in place of each bad one."""
    for path in expand_paths(paths):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            yield read_source(path, max_bytes)
        except InputError as error:
            yield error
