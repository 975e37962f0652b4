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
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

    limits = {key: MAX_STREAM_BYTES for key in (
        "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
        "array_based_stream_maximum_output_length", "maximum_declared_stream_length", "jbig2_maximum_output_length",
        "brotli_maximum_output_length", "image_maximum_buffer_size")}
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file's repairs are not the user's concern
    starts: list[int] = []
    text = ""
    try:
        with pypdf.apply_configuration(**limits):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:  # an owner password alone (printing, copying) leaves the text readable
                    opened = reader.decrypt("")
                except (PyPdfError, NotImplementedError, ValueError):
                    opened = 0
                if not opened:
                    raise InputError(Errors.E065.format(path=name))
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise InputError(Errors.E067.format(path=name, kind="PDF",
                                                    why=f"{count:,} pages is over the limit of {MAX_PAGES:,}"))
            for page in reader.pages:
                page_text = _tidy(page.extract_text() or "")
                if starts:
                    text += PAGE_BREAK
                starts.append(len(text))
                text += page_text
                if len(text) > max_chars:
                    raise ExtractionError(Errors.E008.format(path=name, size=len(text), limit=max_chars))
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(Errors.E065.format(path=name)) from None
    except LimitReachedError as error:
        raise InputError(Errors.E067.format(path=name, kind="PDF", why=f"over a limit while unpacking it ({error})")) from None
    except Exception as error:  # noqa: BLE001  (pypdf raises many kinds on a damaged file; all mean the same here)
        raise InputError(Errors.E067.format(path=name, kind="PDF", why=f"{type(error).__name__}: {error}")) from None
    if starts and not text.strip():
        raise InputError(Errors.E066.format(path=name, pages=len(starts)))
    return text, {"format": "pdf", "pages": starts}


#: A line this much shorter than the page's longest, ending a sentence, ends its paragraph.
SHORT_LINE = 0.85
#: A line this short before one beginning with a capital is a heading (a name, "Biography").
HEADING_LINE = 0.6
SENTENCE_END = (".", "!", "?", ":", '"', "\u201d", "\u2019", ")")


def _tidy(page_text: str) -> str:
    """A page's lines put back into paragraphs, as the biography was written: the text layer has a
    line break wherever the typesetter broke a line. A line is joined to the next unless it is
    blank, or short and ends a sentence, or short and the next begins with a capital (a heading);
    a line ending in a hyphen is joined without a space (keeping the hyphen: "twenty-one")."""
    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    widest = max((len(line) for line in lines), default=0)
    text = ""
    for line, following in zip(lines, lines[1:] + [""]):
        if not line:
            text = text.rstrip(" ") + "\n\n" if text and not text.endswith("\n\n") else text
            continue
        text += line
        if not following:
            continue
        ends_sentence = len(line) < widest * SHORT_LINE and line.endswith(SENTENCE_END)
        heading = len(line) < widest * HEADING_LINE and following[:1].isupper() and not line.endswith((",", ";"))
        if ends_sentence or heading:
            text += "\n\n"
        elif line.endswith("-") and line[-2:-1].isalpha():
            pass
        else:
            text += " "
    return text.strip()


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
