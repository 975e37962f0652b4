"""Files the reader tests make themselves: a PDF (fpdf2), a Word document (python-docx), an
OpenDocument text (a zip of XML, standard library) and a page as a browser saves it."""
from __future__ import annotations

import html
import io
import zipfile


def pdf_bytes(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with a text layer: each page's paragraphs in Helvetica, wrapped to the page's width."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    for number, paragraphs in enumerate(pages):
        pdf.add_page()
        if title and number == 0:
            pdf.set_font("Helvetica", "B", size=16)
            pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A PDF whose page is only a picture (what a scanner makes): no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # drawn, not written
    return bytes(pdf.output())


def encrypted_pdf_bytes(paragraphs: list[str]) -> bytes:
    """A PDF that needs a password to be opened."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes([paragraphs])))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], title: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_CONTENT = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:text>{body}</office:text></office:body></office:document-content>')


def odt_bytes(paragraphs: list[str], title: str | None = None) -> bytes:
    body = f"<text:h text:outline-level=\"1\">{html.escape(title)}</text:h>" if title else ""
    body += "".join(f"<text:p>{html.escape(p)}</text:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", ODT_CONTENT.format(body=body), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def saved_page(paragraphs: list[str], title: str) -> str:
    """A biography as a browser saves its page: the site's header and menu, a cookie banner, share
    buttons, a sidebar of other pages and a footer around the article."""
    article = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | Music Archive Online</title>
<link rel="stylesheet" href="site.css"><script>window.dataLayer = [];</script></head>
<body>
<div id="cookie-consent" class="cookieBanner"><p>We use cookies to improve your experience. Paris and London
offices may process your data.</p><button>Accept all</button></div>
<header class="site-header"><a href="/">Music Archive Online</a>
<nav class="main-nav"><ul><li><a href="/artists">Artists born in Vienna</a></li><li><a href="/events">Events in
Berlin</a></li><li><a href="/about">About</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/artists">Artists</a></div>
<main id="content">
<article class="biography">
<header class="entry-header"><h1>{html.escape(title)}</h1></header>
{article}
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article>
<aside class="sidebar"><h2>Related artists</h2><ul><li>Maria Callas, born in New York</li></ul></aside>
</main>
<footer class="site-footer"><p>&copy; 2024 Music Archive Online, Prague. All rights reserved.</p>
<div class="newsletter">Subscribe to our newsletter</div></footer>
</body></html>
"""
