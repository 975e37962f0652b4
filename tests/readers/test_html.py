"""Saved web pages: the article without the page around it, by what the markup says each part is."""
from __future__ import annotations

from linernotes.readers.html import html_to_text

from .files import saved_page


def test_a_saved_page_gives_its_article_only():
    text = html_to_text(saved_page(["Asel Nurova plays the dombra.", "She lives in Taraz."], "Asel Nurova"))
    assert text == "Asel Nurova\n\nAsel Nurova plays the dombra.\n\nShe lives in Taraz."


def test_without_marked_content_the_furniture_is_still_left_out():
    page = ('<html><body><nav><a href="/">Home</a> <a href="/a">Artists from Vienna</a></nav>'
            '<div role="navigation">Menu</div><div class="cookie-notice">We use cookies</div>'
            '<header><p>Site name</p></header>'
            '<div class="content"><p>Asel Nurova plays the dombra.</p></div>'
            '<div id="footer">Contact: Prague office</div><footer>Copyright</footer>'
            '<aside>Related: Vienna</aside><form><input name="q"> Search</form></body></html>')
    assert html_to_text(page) == "Asel Nurova plays the dombra."


def test_hidden_elements_are_left_out():
    page = ('<p>Asel sings.</p><div hidden>Not shown</div><div aria-hidden="true">Icon</div>'
            '<span style="display: none">Secret</span><p>She lives in Taraz.</p>')
    assert html_to_text(page) == "Asel sings.\n\nShe lives in Taraz."


def test_an_articles_own_header_and_footer_are_kept():
    page = ('<header>Site</header><article><header><h1>Asel Nurova</h1></header><p>She sings.</p>'
            '<footer>Born in Taraz in 1990.</footer></article>')
    assert html_to_text(page) == "Asel Nurova\n\nShe sings.\n\nBorn in Taraz in 1990."


def test_words_inside_class_names_are_whole_words_only():
    page = '<div class="navigator-bio canonical">Asel sings.</div><div class="mainNav">Menu</div>'
    assert html_to_text(page) == "Asel sings."  # "navigator" and "canonical" are not "nav"; mainNav is


def test_unclosed_tags_inside_a_skipped_part_do_not_hide_the_rest():
    page = '<div class="sidebar"><p>Related<li>one</div><p>Asel sings.</p><br><img src="x.png"><p>In Taraz.</p>'
    assert html_to_text(page) == "Asel sings.\n\nIn Taraz."


def test_role_main_marks_the_content():
    page = '<div>Site chrome without any marker</div><div role="main"><p>Asel sings.</p></div>'
    assert html_to_text(page) == "Asel sings."


def test_a_page_saved_as_one_file_mhtml(tmp_path):
    from email.message import EmailMessage

    from linernotes.reader import read_source

    message = EmailMessage()
    message["Subject"] = "Asel Nurova | Music Archive Online"
    message.set_content("<html><body><nav>Menu</nav><article><p>Asel Nurova plays the dombra.</p></article>"
                        "</body></html>", subtype="html", cte="quoted-printable")
    message.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="logo.png")
    path = tmp_path / "asel.mhtml"
    path.write_bytes(message.as_bytes())
    source = read_source(str(path))
    assert source.text == "Asel Nurova plays the dombra." and source.meta == {"format": "html"}


def test_a_saved_pages_resource_folder_is_part_of_the_page_not_skipped_files(tmp_path):
    from linernotes.reader import expand_paths

    (tmp_path / "Asel Nurova.html").write_text("<p>Asel sings.</p>", encoding="utf-8")
    (tmp_path / "Asel Nurova_files").mkdir()
    (tmp_path / "Asel Nurova_files" / "style.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "Asel Nurova_files" / "notes.txt").write_text("not a biography", encoding="utf-8")
    (tmp_path / "Other_files").mkdir()  # no page beside it: an ordinary folder
    (tmp_path / "Other_files" / "x.jpg").write_bytes(b"\xff")
    skipped: list[str] = []
    assert [p.rsplit("/", 1)[-1] for p in expand_paths([str(tmp_path)], skipped)] == ["Asel Nurova.html"]
    assert len(skipped) == 1 and "x.jpg" in skipped[0]
