"""PDF: the text layer page by page; scans, protected, damaged and bomb files refused by name."""
from __future__ import annotations

import io

import pypdf
import pytest
from pypdf.generic import DecodedStreamObject, NameObject

from linernotes.errors import ExtractionError, InputError
from linernotes.reader import MAX_CHARS, read_source, read_sources, source_from_bytes
from linernotes.readers import pdf as pdf_reader
from linernotes.readers.pdf import page_of

from .files import encrypted_pdf_bytes, pdf_bytes, scanned_pdf_bytes

PARAGRAPHS = ["Aliya Nurmagambetova is a dombra player from Semey. She studied at the conservatory in Almaty and "
              "has played with the Otrar Sazy orchestra since 2010.", "She lives in Astana."]


def error_of(data: bytes, name: str = "x.pdf") -> str:
    with pytest.raises(InputError) as caught:
        source_from_bytes(data, name)
    return str(caught.value)


def test_paragraphs_wrapped_by_the_typesetter_come_back_whole():
    source = source_from_bytes(pdf_bytes([PARAGRAPHS], title="Aliya Nurmagambetova"), "bio.pdf")
    assert source.text == "Aliya Nurmagambetova\n\n" + "\n\n".join(PARAGRAPHS)
    assert source.meta == {"format": "pdf", "pages": [0]}


def test_page_starts_are_kept_and_page_of_finds_each_offset():
    source = source_from_bytes(pdf_bytes([[PARAGRAPHS[0]], [PARAGRAPHS[1]], ["Third page."]]), "bio.pdf")
    pages = source.meta["pages"]
    assert len(pages) == 3 and pages[0] == 0
    assert source.text[pages[1]:].startswith("She lives in Astana.") and source.text[pages[2]:] == "Third page."
    assert [page_of(source.meta, o) for o in (0, pages[1] - 1, pages[1], pages[2] + 3)] == [1, 1, 2, 3]
    assert page_of('{"format": "pdf", "pages": [0, 40]}', 41) == 2  # as stored: JSON text
    assert page_of(None, 3) is None and page_of("not json", 3) is None and page_of(source.meta, -1) is None


def test_a_pdf_is_known_by_its_signature_whatever_its_name():
    assert source_from_bytes(pdf_bytes([PARAGRAPHS]), "upload.txt").meta["format"] == "pdf"


def test_a_scan_without_a_text_layer_is_e066():
    message = error_of(scanned_pdf_bytes(), "scan.pdf")
    assert message.startswith("[E066] scan.pdf") and "OCR" in message


def test_a_password_protected_pdf_is_e065():
    assert error_of(encrypted_pdf_bytes(PARAGRAPHS), "locked.pdf").startswith("[E065] locked.pdf")


def test_a_pdf_with_only_an_owner_password_is_read():
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes([PARAGRAPHS])))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert source_from_bytes(out.getvalue(), "printable.pdf").text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage \x00\x01", pdf_bytes([PARAGRAPHS])[:400], b"not a pdf at all"])
def test_a_damaged_pdf_is_e067(data):
    assert error_of(data, "broken.pdf").startswith("[E067] broken.pdf: cannot be read as PDF")


def test_a_pdf_bomb_stops_at_the_stream_limit():
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = DecodedStreamObject()
    stream.set_data(b"q Q\n" * (pdf_reader.MAX_STREAM_BYTES // 4 + 1000))  # a few dozen kilobytes, packed
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    out = io.BytesIO()
    writer.write(out)
    assert len(out.getvalue()) < 100_000
    message = error_of(out.getvalue(), "bomb.pdf")
    assert message.startswith("[E067] bomb.pdf") and "limit" in message


def test_too_many_pages_is_e067(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    message = error_of(pdf_bytes([["One."], ["Two."], ["Three."]]), "long.pdf")
    assert message.startswith("[E067] long.pdf") and "3 pages" in message


def test_text_over_the_parsers_limit_is_e008(monkeypatch):
    monkeypatch.setattr(pdf_reader, "PAGE_BREAK", "\n\n" + " " * (MAX_CHARS // 2))  # long text without a long file
    with pytest.raises(ExtractionError) as caught:
        source_from_bytes(pdf_bytes([["One."], ["Two."], ["Three."]]), "huge.pdf")
    assert str(caught.value).startswith("[E008] huge.pdf")


def test_the_file_size_limit_applies_to_the_pdf(tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(pdf_bytes([PARAGRAPHS]))
    with pytest.raises(InputError) as caught:
        read_source(str(path), max_bytes=100)
    assert str(caught.value).startswith("[E003]")


def test_a_bad_pdf_in_a_folder_is_reported_and_the_rest_read(tmp_path):
    (tmp_path / "a.pdf").write_bytes(scanned_pdf_bytes())
    (tmp_path / "b.pdf").write_bytes(pdf_bytes([PARAGRAPHS]))
    items = list(read_sources([str(tmp_path)]))
    assert str(items[0]).startswith("[E066]") and items[1].doc == "b.pdf"
