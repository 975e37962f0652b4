"""Write the example corpus's PDF and Word documents (examples/bios/16_*.pdf, 17_*.docx) from the texts below.

Archives keep biographies as PDF programme books and Word press kits; these two are there so that
``make demo`` and the tests read those formats as a user's folder would have them. The texts are
original biographies of fictional musicians, like the rest of the corpus. Run again after changing
a text (the files come out byte for byte the same each time: fixed dates, fixed zip timestamps):

    pip install fpdf2 python-docx
    python tools/make_example_documents.py
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

BIOS = Path(__file__).resolve().parents[1] / "examples" / "bios"
WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)

#: A programme book's page: the name, then the biography over two pages.
PROGRAMME_TITLE = "Nurlan Abenov"
PROGRAMME_PAGES = [
    [
        "Nurlan Abenov (born 12 March 1979 in Shymkent) is a Kazakh kobyz player and composer. He studied at the "
        "Kurmangazy Kazakh National Conservatory in Almaty, where the kobyz master Bakhyt Serikbayev taught him "
        "the old kyui of the Korkyt tradition.",
        "In 2004 Abenov founded the Steppe Strings Ensemble, a group of six players who perform old kyui beside "
        "new works written for them. The ensemble toured Japan in 2011 and released the album \"Wind over "
        "Turkistan\" on the Almaty label Dala Records.",
    ],
    [
        "Abenov also plays the dombra and the sybyzgy. His daughter Aigerim is a cellist with the Astana "
        "Symphony Orchestra, and the two of them have played duets at the festival in Turkistan every autumn "
        "since 2019.",
        "He lives in Almaty, where he teaches at the conservatory.",
    ],
]

#: A press kit's biography.
PRESS_KIT_TITLE = "Marta Kowalczyk"
PRESS_KIT = [
    "Marta Kowalczyk is a Polish accordionist, born in 1986 in Lublin. Her father Janusz, a church organist, "
    "gave her her first lessons at home. She studied at the Fryderyk Chopin University of Music in Warsaw and "
    "later at the Royal Danish Academy of Music in Copenhagen.",
    "In 2012 she joined the tango quintet Cuarteto Vistula, and in 2017 she founded the Baltic Bellows Trio "
    "with the Danish violinist Ole Madsen. Kowalczyk has recorded two solo albums, \"Salt Roads\" and "
    "\"Nine Winters\", and she won the Castelfidardo International Accordion Prize in 2015.",
    "Her arrangements of Kurpie folk songs, which she wrote down on summer visits to her grandmother's "
    "village, fill most of her second album. She lives in Copenhagen and teaches the accordion at a music "
    "school in the city.",
]


def programme_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(WHEN)
    pdf.set_title(f"{PROGRAMME_TITLE}: biography")
    for number, paragraphs in enumerate(PROGRAMME_PAGES):
        pdf.add_page()
        if number == 0:
            pdf.set_font("Helvetica", "B", size=18)
            pdf.multi_cell(0, 10, PROGRAMME_TITLE, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("Times", size=12)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def press_kit_docx() -> bytes:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.created = properties.modified = WHEN.replace(tzinfo=None)
    properties.author = properties.last_modified_by = "linernotes examples"
    properties.title = f"{PRESS_KIT_TITLE}: press kit"
    document.add_heading(PRESS_KIT_TITLE, level=1)
    for paragraph in PRESS_KIT:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return fixed_zip_times(out.getvalue())


def fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated ``WHEN``, so that it comes out the same each run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            member = zipfile.ZipInfo(item.filename, date_time=WHEN.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(item))
    return out.getvalue()


def main() -> None:
    for name, data in (("16_nurlan-abenov.pdf", programme_pdf()), ("17_marta-kowalczyk.docx", press_kit_docx())):
        (BIOS / name).write_bytes(data)
        print(f"wrote {BIOS / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
