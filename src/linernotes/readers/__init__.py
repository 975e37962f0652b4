"""Readers of the formats archives keep biographies in, besides plain text (:mod:`linernotes.reader`).

Each turns a file's bytes into the text every later stage keeps its offsets into, and what is
known about the document beside it (``meta``: for a PDF, where each page starts):

- :mod:`.pdf` (the text layer, page by page), :mod:`.word` (.docx), :mod:`.odt`;
- :mod:`.html`: the visible text of a page, a saved web page without its menus, banners and footers;
- :mod:`.rows`: a CSV or JSON Lines file of one biography a row, read as it streams.

Hostile files are bounded: the reader's ``--max-bytes`` applies to the file itself, a zipped format
may not unpack to more than :data:`MAX_UNPACKED_BYTES`, and the text to more than ``MAX_CHARS``.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import Errors, InputError

#: The most a .docx or .odt may unpack to: a biography's document XML is a few hundred kilobytes.
MAX_UNPACKED_BYTES = 50_000_000


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """``data`` as a zip archive, refused (E067) if it is not one or would unpack to too much (a zip bomb).
    The sizes are the ones the archive declares; :func:`read_member` holds each member to its own."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise InputError(Errors.E067.format(path=name, kind=kind, why=f"not a valid zip archive ({error})")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(Errors.E067.format(path=name, kind=kind, why=f"it unpacks to {unpacked:,} bytes, over the "
                                            f"limit of {MAX_UNPACKED_BYTES:,} (a zip bomb?)"))
    return archive


def read_member(archive: zipfile.ZipFile, member: str, name: str, kind: str) -> bytes:
    """One member of an archive, at most its declared size (a member lying about its size is refused)."""
    try:
        info = archive.getinfo(member)
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except KeyError:
        raise InputError(Errors.E067.format(path=name, kind=kind, why=f"it has no {member}")) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise InputError(Errors.E067.format(path=name, kind=kind, why=f"{member} is damaged ({error})")) from None
    if len(data) > info.file_size:
        raise InputError(Errors.E067.format(path=name, kind=kind, why=f"{member} unpacks to more than it declares"))
    return data
