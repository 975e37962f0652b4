"""Word documents (.docx): the paragraphs and tables of the body, in order, one paragraph a block.

python-docx parses the document XML with entities off; the archive is checked first (declared
sizes, :func:`~linernotes.readers.open_zip`) so a zip bomb is refused before anything is unpacked.
"""
from __future__ import annotations

import io

from ..errors import Errors, InputError
from . import open_zip

#: Between two paragraphs: a blank line, as in a plain-text biography.
PARAGRAPH_BREAK = "\n\n"


def docx_text(data: bytes, name: str) -> tuple[str, dict]:
    """The text of a .docx body and ``{"format": "docx"}``."""
    import docx
    from docx.table import Table

    open_zip(data, name, "a Word document").close()
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                rows = ("\n".join(cell.text.strip() for cell in row.cells if cell.text.strip()) for row in block.rows)
                blocks.append("\n".join(row for row in rows if row))
            else:
                blocks.append(block.text.strip())
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001  (a damaged package fails in many ways; all mean the same here)
        raise InputError(Errors.E067.format(path=name, kind="a Word document",
                                            why=f"{type(error).__name__}: {error}")) from None
    return PARAGRAPH_BREAK.join(block for block in blocks if block), {"format": "docx"}
