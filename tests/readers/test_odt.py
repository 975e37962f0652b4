"""OpenDocument text: headings and paragraphs of content.xml, spans and spaces as written."""
from __future__ import annotations

import io
import zipfile

import pytest

from linernotes.errors import InputError
from linernotes.reader import source_from_bytes

from .files import ODT_CONTENT, odt_bytes


def odt_with(body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", ODT_CONTENT.format(body=body))
    return out.getvalue()


def test_headings_and_paragraphs_in_order():
    source = source_from_bytes(odt_bytes(["Dina plays the kobyz.", "She lives in Shymkent."], title="Dina Amanova"),
                               "bio.odt")
    assert source.text == "Dina Amanova\n\nDina plays the kobyz.\n\nShe lives in Shymkent."
    assert source.meta == {"format": "odt"}


def test_spans_spaces_and_line_breaks_inside_a_paragraph():
    body = ('<text:p>Dina <text:span>Amanova</text:span> plays<text:s text:c="2"/>the'
            '<text:line-break/>kobyz<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body>'
            '</text:note>.</text:p>')
    text = source_from_bytes(odt_with(body), "x.odt").text
    assert text.startswith("Dina Amanova plays  the\nkobyz.\n\n")  # the footnote is not inside the sentence


def test_a_huge_space_count_is_no_bomb():
    assert len(source_from_bytes(odt_with('<text:p>a<text:s text:c="999999999"/>b</text:p>'), "x.odt").text) < 200


@pytest.mark.parametrize("data", [b"junk", odt_with("<text:p>unclosed")])
def test_damaged_files_are_e067(data):
    with pytest.raises(InputError) as caught:
        source_from_bytes(data, "bad.odt")
    assert str(caught.value).startswith("[E067] bad.odt: cannot be read as an OpenDocument text")


def test_an_entity_bomb_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
            '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
            '<d xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><text:p>&h;&h;&h;&h;</text:p></d>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", bomb)
    with pytest.raises(InputError) as caught:
        source_from_bytes(out.getvalue(), "bomb.odt")
    assert str(caught.value).startswith("[E067] bomb.odt")
