"""PDF programme books and press kits: the text layer, page by page, with where each page starts.

pypdf (pure Python) reads the file within limits set for a biography, not for any PDF: streams
decompress to at most :data:`MAX_STREAM_BYTES`, at most :data:`MAX_PAGES` pages are read, and reading
stops once the text is over the parser's limit (then E008). A file with no text layer (a scan) is
E066, a protected one E065, a damaged one E067.
"""
from __future__ import annotations

import io
import json
import logging
from bisect import bisect_right

from ..errors import Errors, ExtractionError, InputError

#: Pages read at most: a programme book has tens; a PDF of thousands is a mistake or an attack.
MAX_PAGES = 2_000
#: The most one stream may decompress to (pypdf's own default is 75 MB): against PDF bombs.
MAX_STREAM_BYTES = 20_000_000
#: Between two pages' texts: a paragraph break, so no sentence runs from one page into the next.
PAGE_BREAK = "\n\n"


def pdf_text(data: bytes, name: str, max_chars: int) -> tuple[str, dict]:
    """The text of a PDF's pages and ``{"format": "pdf", "pages": [start offset of each page]}``."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    limits = {key: MAX_STREAM_BYTES for key in (
        "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
        "array_based_stream_maximum_output_length", "maximum_declared_stream_length", "jbig2_maximum_output_length",
        "brotli_maximum_output_length", "image_maximum_buffer_size")}
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file's repairs are not the user's concern
    starts: list[int] = []
    try:
        with pypdf.apply_configuration(**limits):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:  # an owner password alone (printing, copying) leaves the text readable
                    opened = reader.decrypt("")
                except (PyPdfError, DependencyError, NotImplementedError, ValueError):  # AES needs cryptography
                    opened = 0
                if not opened:
                    raise InputError(Errors.E065.format(path=name))
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise InputError(Errors.E067.format(path=name, kind="PDF",
                                                    why=f"{count:,} pages is over the limit of {MAX_PAGES:,}"))
            parts: list[str] = []
            length = 0
            for page in reader.pages:
                page_text = _page_text(page)
                if starts:
                    parts.append(PAGE_BREAK)
                    length += len(PAGE_BREAK)
                starts.append(length)
                parts.append(page_text)
                length += len(page_text)
                if length > max_chars:
                    raise ExtractionError(Errors.E008.format(path=name, size=length, limit=max_chars))
            text = "".join(parts)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(Errors.E065.format(path=name)) from None
    except LimitReachedError as error:
        why = f"over a limit while unpacking it ({error})"
        raise InputError(Errors.E067.format(path=name, kind="PDF", why=why)) from None
    except Exception as error:  # noqa: BLE001  (pypdf raises many kinds on a damaged file; all mean the same here)
        raise InputError(Errors.E067.format(path=name, kind="PDF", why=f"{type(error).__name__}: {error}")) from None
    if starts and not text.strip():
        raise InputError(Errors.E066.format(path=name, pages=len(starts)))
    return text, {"format": "pdf", "pages": starts}


#: A gap between two lines this much wider than the page's usual one is a paragraph break.
PARAGRAPH_GAP = 1.4
#: Without positions: a line this much shorter than the page's longest, ending a sentence, ends a paragraph.
SHORT_LINE = 0.85
SENTENCE_END = (".", "!", "?", ":", '"', "\u201d", "\u2019", ")")


def _page_text(page) -> str:
    """A page's text with its lines put back into paragraphs, as the biography was written: the text
    layer has a line break wherever the typesetter broke a line. Where pypdf gives the position of
    each piece of text (it almost always does), a paragraph ends at a wider gap between lines or a
    change of font size (a heading); otherwise at a short line that ends a sentence."""
    contents = page.get_contents()  # unpacked here first: text extraction swallows a limit reached
    if contents is not None:
        contents.get_data()
    pieces: list[tuple[str, float, float]] = []  # (text, baseline height, font size)

    def visit(piece, cm, tm, font, size) -> None:
        # where the piece starts on the page: the text matrix times the current transformation matrix
        pieces.append((piece, tm[4] * cm[1] + tm[5] * cm[3] + cm[5], abs(size * cm[3]) or size))

    raw = page.extract_text(visitor_text=visit) or ""
    lines: list[str] = []
    where: list[tuple[float, float] | None] = []
    current, position = [], None
    for piece, y, size in pieces:
        for n, segment in enumerate(piece.split("\n")):
            if n:
                lines.append("".join(current))
                where.append(position)
                current, position = [], None
            if segment.strip() and position is None:
                position = (y, size)
            current.append(segment)
    lines.append("".join(current))
    where.append(position)
    if "\n".join(lines) != raw:  # pieces that do not add up to the text: go by the text alone
        lines, where = raw.splitlines(), [None] * len(raw.splitlines())
    return _paragraphs([" ".join(line.split()) for line in lines], where)


def _paragraphs(lines: list[str], where: list[tuple[float, float] | None]) -> str:
    """Lines joined into paragraphs (see ``_page_text``); a line ending in a hyphen is joined to the
    next without a space, keeping the hyphen ("twenty-one")."""
    kept = [(line, place) for line, place in zip(lines, where) if line]
    # The usual gap is the narrowest between two lines of one size: the line spacing within a paragraph
    # (a gap under half the font size is a superscript or a piece out of line, not a line).
    gaps = [a[1][0] - b[1][0] for a, b in zip(kept, kept[1:])
            if a[1] and b[1] and a[1][1] == b[1][1] and a[1][0] - b[1][0] >= a[1][1] / 2]
    usual = min(gaps, default=None)
    widest = max((len(line) for line, _ in kept), default=0)
    text: list[str] = []
    for (line, place), (following, next_place) in zip(kept, kept[1:] + [("", None)]):
        text.append(line)
        if not following:
            continue
        if usual and place and next_place:
            gap = place[0] - next_place[0]
            ends = gap <= 0 or gap > usual * PARAGRAPH_GAP or abs(place[1] - next_place[1]) > 0.5
        else:
            ends = len(line) < widest * SHORT_LINE and line.endswith(SENTENCE_END)
        if ends:
            text.append("\n\n")
        elif not (line.endswith("-") and line[-2:-1].isalpha()):
            text.append(" ")
    return "".join(text).strip()


def page_of(meta: dict | str | None, offset: int) -> int | None:
    """The page (from 1) of a character ``offset`` into a document's text, or None when the document
    has no pages (it was not a PDF). ``meta`` is the document's metadata, as a dict or its stored JSON."""
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError:
            return None
    pages = (meta or {}).get("pages") if isinstance(meta, dict) else None
    if not pages or offset < 0:
        return None
    return bisect_right(pages, offset)


def evidence_page(meta: dict | str | None, text: str, evidence: str, start: int) -> int | None:
    """The page of a fact's evidence sentence: where the sentence is in ``text`` around ``start``
    (the fact's value), else where it first is. A fact's value is not always in its sentence (a
    person-valued fact points at the person's first mention, perhaps pages before): the sentence
    is what a reader looks up."""
    found, at = None, text.find(evidence) if evidence else -1
    while at >= 0:
        found = at if found is None else found
        if at <= start < at + len(evidence):
            found = at
            break
        at = text.find(evidence, at + 1)
    return page_of(meta, start if found is None else found)
