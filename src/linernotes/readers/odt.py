"""OpenDocument text (.odt): the paragraphs and headings of content.xml, in order.

Standard library only (an .odt is a zip of XML): the archive is checked before it is unpacked
(:func:`~linernotes.readers.open_zip`), and expat refuses entity expansion bombs.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from ..errors import Errors, InputError
from . import open_zip, read_member

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
BLOCKS = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}
PARAGRAPH_BREAK = "\n\n"
KIND = "an OpenDocument text"


def odt_text(data: bytes, name: str) -> tuple[str, dict]:
    """The text of an .odt's paragraphs and headings and ``{"format": "odt"}``."""
    with open_zip(data, name, KIND) as archive:
        content = read_member(archive, "content.xml", name, KIND)
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise InputError(Errors.E067.format(path=name, kind=KIND, why=f"content.xml is not XML ({error})")) from None
    blocks = []
    for element in root.iter():
        if element.tag in BLOCKS:
            blocks.append(_text_of(element).strip())
    return PARAGRAPH_BREAK.join(block for block in blocks if block), {"format": "odt"}


def _text_of(element: ElementTree.Element) -> str:
    """A paragraph's text: its spans and links, ``text:s`` as spaces, tabs and line breaks as such;
    a paragraph nested inside (a note, a frame) is read as a block of its own, not here."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag in BLOCKS:
            pass
        elif tag == f"{{{TEXT}}}s":
            count = child.get(f"{{{TEXT}}}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))  # a huge count is no bomb
        elif tag == f"{{{TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{TEXT}}}line-break":
            parts.append("\n")
        elif tag in (f"{{{TEXT}}}note", f"{{{TEXT}}}annotation"):
            pass  # footnotes and comments are not the sentence they sit in
        else:
            parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)
