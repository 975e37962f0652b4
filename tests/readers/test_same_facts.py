"""The same biography as .txt, .pdf, .docx, .odt and a saved web page gives the same facts."""
from __future__ import annotations

import pytest

import linernotes
from linernotes.reader import evidence_page, page_of, read_sources

from .files import docx_bytes, odt_bytes, pdf_bytes, saved_page

TITLE = "Gulnara Seitkali"
PARAGRAPHS = [
    "Gulnara Seitkali (born 4 May 1983 in Taraz) is a Kazakh violinist and composer. She studied at the "
    "Kurmangazy Kazakh National Conservatory in Almaty, and later at the Vienna Conservatory, where she "
    "took lessons from the Austrian violinist Peter Leitner.",
    "In 2009 Seitkali founded the Silk Meridian Trio with the cellist Anna Brenner. The trio toured Japan "
    "in 2014 and recorded the album \"Blue Caravan\" for the Vienna label Kreis Records.",
    "Her mother, Raushan Seitkali, is a pianist who taught at a music school in Taraz. Gulnara Seitkali "
    "also plays the kobyz. She lives in Vienna.",
]


def facts(document: linernotes.Document) -> set[tuple]:
    return {(person.name, fact.relation, fact.value, fact.evidence) for person in document.people for fact in person.facts}


@pytest.fixture(scope="module")
def documents(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("formats")
    (folder / "bio.txt").write_text(TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (folder / "bio.pdf").write_bytes(pdf_bytes([PARAGRAPHS[:2], PARAGRAPHS[2:]], title=TITLE))
    (folder / "bio.docx").write_bytes(docx_bytes(PARAGRAPHS, title=TITLE))
    (folder / "bio.odt").write_bytes(odt_bytes(PARAGRAPHS, title=TITLE))
    (folder / "bio.html").write_text(saved_page(PARAGRAPHS, TITLE), encoding="utf-8")
    result = linernotes.BatchResult()
    found = {d.doc: d for d in linernotes.extract_paths([str(folder)], result, min_confidence=0.0)}
    assert not result.errors and not result.skipped
    return found, {s.doc: s for s in read_sources([str(folder)])}


def test_every_format_gives_the_facts_of_the_plain_text(documents):
    found, _ = documents
    expected = facts(found["bio.txt"])
    assert len(expected) >= 8  # the biography says enough for the comparison to mean something
    for name in ("bio.pdf", "bio.docx", "bio.odt", "bio.html"):
        assert facts(found[name]) == expected, name


def test_every_format_gives_the_text_of_the_plain_text(documents):
    _, sources = documents
    for name in ("bio.pdf", "bio.docx", "bio.odt", "bio.html"):
        assert sources[name].text == sources["bio.txt"].text.strip(), name


def test_a_fact_on_the_pdfs_second_page_is_on_page_2(documents):
    found, sources = documents
    meta = sources["bio.pdf"].meta
    assert meta["format"] == "pdf" and len(meta["pages"]) == 2
    text = sources["bio.pdf"].text
    pages = {(fact.evidence in PARAGRAPHS[2], evidence_page(meta, text, fact.evidence, fact.start))
             for person in found["bio.pdf"].people for fact in person.facts}
    assert pages == {(False, 1), (True, 2)}  # the facts of the last paragraph, and only they, are on page 2
    assert page_of(meta, text.index("Her mother")) == 2 and page_of(meta, 0) == 1
    assert page_of(sources["bio.txt"].meta, 10) is None
