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

def test_directory_recursion_keeps_the_formats_it_reads_and_lists_the_others(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.txt", "notes.json", "cover.jpg", "sub/e.pdf", "README",
                 ".DS_Store", "sub/f.docx", "g.odt", "._g.odt", ".hidden.txt"):
        write(tmp_path / name, "Asel plays the dombra.")
    skipped: list[str] = []
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)], skipped)]
    assert found == [".hidden.txt", "a.md", "b.txt", "g.odt", "sub/c.html", "sub/deeper/d.txt", "sub/e.pdf",
                     "sub/f.docx"]  # not ._g.odt: macOS's metadata of g.odt, no document
    assert [line.split(":")[0] for line in skipped] == ["[W010] " + str(tmp_path / n) for n in ("README", "cover.jpg",
                                                                                                 "notes.json")]
    assert "does not read .jpg files" in skipped[1] and "extensionless" in skipped[0]
    assert not any(".DS_Store" in line for line in skipped)  # hidden files are left out without a word


def test_empty_directory(tmp_path):
    (tmp_path / "nothing").mkdir()
    write(tmp_path / "nothing" / "x.csv", "a,b")
    skipped: list[str] = []
    items = list(expand_paths([str(tmp_path / "nothing")], skipped))
    assert len(items) == 1 and isinstance(items[0], InputError) and str(items[0]).startswith("[E006]")
    assert len(skipped) == 1 and "x.csv" in skipped[0] and "--rows" in skipped[0]


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


# -- issue 11: reliability of reading ---------------------------------------------------------------

import builtins  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402

from linernotes import reader  # noqa: E402
from linernotes.errors import ExtractionError  # noqa: E402


def sources_and_errors(paths: list[str]) -> tuple[list[Source], list[str]]:
    items = list(read_sources(paths))
    return [i for i in items if isinstance(i, Source)], [str(i) for i in items if isinstance(i, InputError)]


def test_text_longer_than_the_parser_takes_is_refused_by_the_reader(tmp_path):
    big = write(tmp_path / "big.txt", "Asel plays. " * 125_000)  # 1.5 million characters, under 2 MB
    with pytest.raises(ExtractionError) as info:
        read_source(big)
    assert str(info.value).startswith("[E008]") and big in str(info.value) and "1,500,000" in str(info.value)
    assert read_source(write(tmp_path / "fits.txt", "y" * reader.MAX_CHARS)).text == "y" * reader.MAX_CHARS


def test_the_readers_character_limit_is_the_parsers(nlp):
    assert reader.MAX_CHARS == nlp.max_length


def test_nul_byte_after_the_first_8_kb_is_binary(tmp_path):
    data = bytearray(("Aigul Tasbolatova plays the dombra. " * 300).encode())
    data[9000] = 0
    write(tmp_path / "a_nul.txt", bytes(data))
    write(tmp_path / "b_good.txt", BIO)
    sources, errors = sources_and_errors([str(tmp_path)])
    assert [s.doc for s in sources] == ["b_good.txt"]
    (error,) = errors
    assert error.startswith("[E002]") and "a_nul.txt" in error and "NUL" in error and "9,000" in error


def test_file_name_that_is_not_utf8_is_shown_and_named_safely(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt"), "wb") as handle:
        handle.write(BIO.encode())
    sources, errors = sources_and_errors([str(tmp_path)])
    assert errors == []
    (source,) = sources
    assert source.doc == "bad\\xffname.txt" and source.text == BIO
    assert source.warnings[0].startswith("[W003]") and "bad\\xffname.txt" in source.warnings[0]
    for shown in (source.doc, source.path, *source.warnings):
        shown.encode("utf-8")  # printable and storable: no surrogates left


def test_error_about_a_file_whose_name_is_not_utf8_can_be_printed(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"\xc0\xe9\xe3\xf3\xeb\xfc.txt"), "wb"):
        pass
    (error,) = sources_and_errors([str(tmp_path)])[1]
    assert error.startswith("[E001]") and "\\xc0\\xe9" in error
    error.encode("utf-8")


def denied_for(monkeypatch, locked: str) -> None:
    """Reading ``locked`` fails as it does for a file with mode 000 (tests run as root in CI)."""
    real = builtins.open

    def fake(file, *args, **kwargs):
        if os.fspath(file) == locked:
            raise PermissionError(13, "Permission denied", file)
        return real(file, *args, **kwargs)

    monkeypatch.setattr(reader, "open", fake, raising=False)


def test_file_that_cannot_be_read_is_e004_and_the_batch_goes_on(tmp_path, monkeypatch):
    locked = write(tmp_path / "a_locked.txt", BIO)
    write(tmp_path / "b_good.txt", BIO + " Again.")
    denied_for(monkeypatch, locked)
    sources, errors = sources_and_errors([str(tmp_path)])
    assert [s.doc for s in sources] == ["b_good.txt"]
    assert errors == [f"[E004] {locked}: cannot be read: Permission denied."]


def test_directory_that_cannot_be_read_is_e004_not_skipped_silently(tmp_path, monkeypatch):
    write(tmp_path / "a_locked" / "inside.txt", BIO)
    write(tmp_path / "b_good.txt", BIO)
    locked = str(tmp_path / "a_locked")
    real = os.scandir

    def fake(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(reader.os, "scandir", fake)
    sources, errors = sources_and_errors([str(tmp_path)])
    assert [s.doc for s in sources] == ["b_good.txt"]
    assert errors == [f"[E004] {locked}: cannot be read: Permission denied."]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a file of mode 000")
def test_chmod_000_file_and_directory(tmp_path):
    locked = write(tmp_path / "a_locked.txt", BIO)
    write(tmp_path / "c_dir" / "inside.txt", BIO)
    write(tmp_path / "b_good.txt", BIO + " Again.")
    os.chmod(locked, 0)
    os.chmod(tmp_path / "c_dir", 0)
    try:
        sources, errors = sources_and_errors([str(tmp_path)])
    finally:
        os.chmod(tmp_path / "c_dir", 0o755)
    assert [s.doc for s in sources] == ["b_good.txt"]
    assert len(errors) == 2 and all(e.startswith("[E004]") for e in errors)
    assert "a_locked.txt" in errors[0] and "c_dir" in errors[1]


ZURICH = "Zoë Müller was born in Zürich.\n"


def test_mixed_encodings_are_decoded_line_by_line(tmp_path):
    data = ZURICH.encode("utf-8") + "She studied at the Conservatoire in Besançon.\n".encode("cp1252") + BIO.encode()
    path = write(tmp_path / "mixed.txt", data)
    source = read_source(path)
    assert source.text == ZURICH + "She studied at the Conservatoire in Besançon.\n" + BIO
    (warning,) = source.warnings
    assert warning.startswith("[W002]") and path in warning and "line 2" in warning and "cp1252" in warning


def test_mixed_utf8_and_cp1251_lines(tmp_path):
    data = ZURICH.encode("utf-8") + CYRILLIC.encode("cp1251")
    assert read_source(write(tmp_path / "mixed.txt", data)).text == ZURICH + CYRILLIC


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ZURICH + BIO, CYRILLIC])
def test_utf16_without_a_byte_order_mark(tmp_path, encoding, text):
    source = read_source(write(tmp_path / "wide.txt", text.encode(encoding)))
    assert source.text == text
    assert source.warnings[0].startswith("[W001]") and encoding in source.warnings[0]


def test_binary_with_nul_bytes_on_one_side_is_still_binary(tmp_path):
    data = bytes(b for i in range(4000) for b in (i % 256, 0))  # 16-bit numbers, mostly control characters
    assert error_of(write(tmp_path / "samples.txt", data)).startswith("[E002]")


def test_fifo_is_refused_without_being_opened(tmp_path):
    fifo = str(tmp_path / "a_pipe.txt")
    os.mkfifo(fifo)
    write(tmp_path / "b_good.txt", BIO)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(sources_and_errors([fifo, str(tmp_path)])), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the reader stuck in open() before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO blocked")
    sources, errors = done[0]
    assert [s.doc for s in sources] == ["b_good.txt"]
    assert len(errors) == 2 and all(e.startswith("[E009]") and fifo in e and "named pipe" in e for e in errors)
