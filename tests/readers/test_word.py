"""Word documents: body paragraphs and tables in order; damaged files and zip bombs refused by name."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from linernotes.errors import InputError
from linernotes.reader import read_sources, source_from_bytes
from linernotes.readers import MAX_UNPACKED_BYTES

from .files import docx_bytes


def error_of(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as caught:
        source_from_bytes(data, name)
    return str(caught.value)


def test_paragraphs_become_blocks_and_empty_ones_vanish():
    source = source_from_bytes(docx_bytes(["Erlan Dosov plays the dombra.", "", "He lives in Almaty."],
                                          title="Erlan Dosov"), "bio.docx")
    assert source.text == "Erlan Dosov\n\nErlan Dosov plays the dombra.\n\nHe lives in Almaty."
    assert source.meta == {"format": "docx"}


def test_tables_are_read_in_their_place_in_the_body():
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Born", (0, 1): "1950 in Osh", (1, 0): "Instrument", (1, 1): "komuz"}.items():
        table.cell(row, col).text = text
    document.add_paragraph("After the table.")
    out = io.BytesIO()
    document.save(out)
    assert source_from_bytes(out.getvalue(), "t.docx").text == (
        "Before the table.\n\nBorn\n1950 in Osh\nInstrument\nkomuz\n\nAfter the table.")


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"plain text named .docx"])
def test_a_file_that_is_not_a_zip_is_e067(data):
    assert error_of(data, "bad.docx").startswith("[E067] bad.docx: cannot be read as a Word document")


def test_a_zip_without_a_word_document_inside_is_e067():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert error_of(out.getvalue(), "other.docx").startswith("[E067] other.docx")


def test_damaged_xml_inside_is_e067():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(["Fine."]))) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document><unclosed" if item.filename == "word/document.xml" else data)
    assert error_of(out.getvalue(), "damaged.docx").startswith("[E067] damaged.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(["Fine."]))) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item))
        target.writestr("word/media/padding.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert len(out.getvalue()) < 200_000  # small on disk: under any --max-bytes
    message = error_of(out.getvalue(), "bomb.docx")
    assert message.startswith("[E067] bomb.docx") and "zip bomb" in message


def test_a_corrupt_docx_in_a_folder_is_reported_and_the_rest_read(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"junk")
    (tmp_path / "b.docx").write_bytes(docx_bytes(["Asel sings."]))
    items = list(read_sources([str(tmp_path)]))
    assert str(items[0]).startswith("[E067]") and "a.docx" in str(items[0]) and items[1].text == "Asel sings."
