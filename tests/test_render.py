"""Readable output: long quotes wrap under what they belong to."""
import io

from rich.console import Console
from rich.text import Text

from linernotes.render import print_indented

QUOTE = "“" + " ".join(["She studied the kobyz at the conservatory in Almaty"] * 3) + ".” — bekova.txt"


def test_a_long_quote_wraps_indented_on_a_terminal():
    console = Console(file=io.StringIO(), width=40, force_terminal=True, color_system=None)
    print_indented(console, Text(QUOTE), 6)
    lines = console.file.getvalue().splitlines()
    assert len(lines) > 3 and all(line.startswith(" " * 6) and len(line) <= 40 for line in lines)
    assert " ".join(" ".join(lines).split()) == QUOTE


def test_a_long_quote_stays_one_line_in_a_pipe():
    console = Console(file=io.StringIO(), width=40, force_terminal=False)
    print_indented(console, "[dim]" + QUOTE + "[/dim]", 6)
    assert console.file.getvalue() == " " * 6 + QUOTE + "\n"
