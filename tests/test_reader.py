"""Reading documents: encodings, HTML, bad input refused with a message that names the file."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from linernotes.errors import InputError
from linernotes.reader import (DEFAULT_MAX_BYTES, Source, decode, expand_paths, html_to_text, read_source,
                               read_sources)

BIO = "Aigul Tasbolatova plays the dombra in Taraz."
CYRILLIC = "Айгуль Тасболатова — казахская домбристка. Она выросла в Таразе и играет на домбре."


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def error_of(path: str, **kw) -> str:
    with pytest.raises(InputError) as info:
        read_source(path, **kw)
    return str(info.value)


# -- good input ---------------------------------------------------------------------------------

def test_plain_utf8(tmp_path):
    source = read_source(write(tmp_path / "bio.txt", "Zhanna Äbdi sang «Elim-ai» in Almaty."))
    assert isinstance(source, Source)
    assert source.doc == "bio.txt"
    assert source.text == "Zhanna Äbdi sang «Elim-ai» in Almaty."
    assert source.warnings == []


def test_utf8_bom_is_dropped(tmp_path):
    source = read_source(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + BIO.encode()))
    assert source.text == BIO
    assert source.warnings == []


def test_utf16_with_bom(tmp_path):
    source = read_source(write(tmp_path / "wide.txt", BIO.encode("utf-16")))
    assert source.text == BIO


def test_cp1251_cyrillic_decodes_with_a_warning(tmp_path):
    path = write(tmp_path / "cyr.txt", CYRILLIC.encode("cp1251"))
    source = read_source(path)
    assert source.text == CYRILLIC
    assert len(source.warnings) == 1
    assert source.warnings[0].startswith("[W001]")
    assert "cp1251" in source.warnings[0] and path in source.warnings[0]


def test_cp1252_with_typographic_punctuation(tmp_path):
    text = "“Zoë Lefèvre” – a pianist from Besançon – played at the café."
    source = read_source(write(tmp_path / "west.txt", text.encode("cp1252")))
    assert source.text == text
    assert "[W001]" in source.warnings[0] and "cp1252" in source.warnings[0]


def test_latin1_uppercase_accents(tmp_path):
    text = "ÉMILE ÖZDEMIR and ÅSA played in MÜNSTER."
    source = read_source(write(tmp_path / "upper.txt", text.encode("latin-1")))
    assert source.text == text
    assert source.warnings and "[W001]" in source.warnings[0]


def test_latin1_lowercase_accents_are_not_taken_for_cyrillic(tmp_path):
    text = "Zoë Müller played the café circuit in Zürich with Renée."
    source = read_source(write(tmp_path / "latin.txt", text.encode("latin-1")))
    assert source.text == text


def test_decode_directly():
    assert decode("Ақын".encode(), "x") == ("Ақын", [])
    text, warnings = decode(CYRILLIC.encode("cp1251"), "x.txt")
    assert text == CYRILLIC and "x.txt" in warnings[0]


def test_html_file_is_reduced_to_visible_text(tmp_path):
    markup = ("<!DOCTYPE html><html><head><title>Page title</title><style>p { color: red }</style>"
              "<script>var secret = 'hidden';</script></head><body><h1>Aigul Tasbolatova</h1>"
              "<p>She plays the <b>dombra</b> &amp; the kobyz.</p><noscript>enable js</noscript>"
              "<p>She lives in Taraz.</p></body></html>")
    source = read_source(write(tmp_path / "bio.html", markup))
    assert source.text == "Aigul Tasbolatova\n\nShe plays the dombra & the kobyz.\n\nShe lives in Taraz."
    for hidden in ("Page title", "color", "secret", "hidden", "enable js", "<"):
        assert hidden not in source.text


def test_html_detected_by_content_in_a_txt_file(tmp_path):
    source = read_source(write(tmp_path / "page.txt", "<html><body><p>Asel sings.</p><script>x()</script></body></html>"))
    assert source.text == "Asel sings."


def test_html_to_text_collapses_spaces_and_unescapes():
    assert html_to_text("<div>  Kairat   &quot;Kaka&quot;   Nurpeisov </div><br><li>dombra</li>") == 'Kairat "Kaka" Nurpeisov\n\ndombra'


def test_html_source_line_breaks_inside_a_paragraph_are_spaces():
    assert html_to_text("<p>Kairat Nurpeisov was born\n   in Taraz.</p>") == "Kairat Nurpeisov was born in Taraz."


def test_markdown_is_read_as_text(tmp_path):
    source = read_source(write(tmp_path / "bio.md", "# Aigul\n\n*Aigul* plays the dombra."))
    assert source.text == "# Aigul\n\n*Aigul* plays the dombra."


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BIO.encode())))
    source = read_source("-")
    assert source.doc == "stdin" and source.text == BIO


def test_stdin_too_large(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BIO.encode())))
    with pytest.raises(InputError, match=r"\[E003\]"):
        read_source("-", max_bytes=10)


# -- bad input ----------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    path = write(tmp_path / "empty.txt", b"")
    message = error_of(path)
    assert message.startswith("[E001]") and path in message


def test_whitespace_only_file(tmp_path):
    assert error_of(write(tmp_path / "blank.txt", "  \n\t\n")).startswith("[E001]")


def test_html_without_visible_text(tmp_path):
    assert error_of(write(tmp_path / "empty.html", "<html><script>only()</script></html>")).startswith("[E001]")


def test_binary_with_nul_bytes(tmp_path):
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    message = error_of(path)
    assert message.startswith("[E002]") and path in message and "NUL" in message


def test_binary_with_control_characters(tmp_path):
    message = error_of(write(tmp_path / "ctl.txt", b"ab\x01\x02\x03\x04\x05\x06cd" * 20))
    assert message.startswith("[E002]") and "control characters" in message


def test_too_large(tmp_path):
    path = write(tmp_path / "big.txt", "x" * 101)
    message = error_of(path, max_bytes=100)
    assert message.startswith("[E003]") and path in message and "101" in message and "100" in message


def test_exactly_at_the_limit_is_fine(tmp_path):
    assert read_source(write(tmp_path / "fits.txt", "y" * 100), max_bytes=100).text == "y" * 100


def test_default_limit_is_generous():
    assert DEFAULT_MAX_BYTES >= 1_000_000


def test_missing_path_in_a_batch(tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    items = list(read_sources([missing]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert str(items[0]).startswith("[E005]") and missing in str(items[0])


def test_missing_path_read_directly_names_the_file(tmp_path):
    message = error_of(str(tmp_path / "nowhere.txt"))
    assert "nowhere.txt" in message and message.startswith("[E00")


def test_missing_path_read_directly_is_e005(tmp_path):
    assert error_of(str(tmp_path / "nowhere.txt")).startswith("[E005]")


# -- directories and batches --------------------------------------------------------------------

def test_directory_recursion_keeps_text_markdown_and_html_only(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.txt", "notes.json", "cover.jpg", "sub/e.pdf", "README"):
        write(tmp_path / name, "Asel plays the dombra.")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt"]


def test_empty_directory(tmp_path):
    (tmp_path / "nothing").mkdir()
    write(tmp_path / "nothing" / "x.csv", "a,b")
    items = list(expand_paths([str(tmp_path / "nothing")]))
    assert len(items) == 1 and isinstance(items[0], InputError) and str(items[0]).startswith("[E006]")


def test_batch_goes_on_after_a_bad_file(tmp_path):
    write(tmp_path / "1_good.txt", BIO)
    write(tmp_path / "2_empty.txt", "")
    write(tmp_path / "3_binary.txt", b"\x00\x01\x02")
    write(tmp_path / "4_good.md", "Daulet plays the kobyz.")
    items = list(read_sources([str(tmp_path), str(tmp_path / "gone.txt")]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Source", "InputError", "InputError", "Source", "InputError"]
    assert [i.doc for i in items if isinstance(i, Source)] == ["1_good.txt", "4_good.md"]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors[0].startswith("[E001]") and "2_empty.txt" in errors[0]
    assert errors[1].startswith("[E002]") and "3_binary.txt" in errors[1]
    assert errors[2].startswith("[E005]") and "gone.txt" in errors[2]


def test_stdin_marker_passes_through_expand_paths():
    assert list(expand_paths(["-"])) == ["-"]
