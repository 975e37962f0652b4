"""Every command's --help has examples of itself and names what to give, not Python types."""
import re

import pytest
import typer
from typer.testing import CliRunner

from linernotes.cli import app
from linernotes.cli_help import EXAMPLES
from linernotes.render import plural


def command_paths(command, prefix=()):
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, prefix + (name,))


PATHS = list(command_paths(typer.main.get_command(app)))


def test_every_command_is_listed_and_every_example_is_of_a_command():
    assert {" ".join(p) for p in PATHS} == set(EXAMPLES)
    for path, lines in EXAMPLES.items():
        for line in lines:
            assert f"linernotes {path}".strip() in line, (path, line)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "linernotes")
def test_help_has_examples_and_clean_metavars(path):
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0
    text = result.output
    examples = text.split("Examples:\n", 1)[1]
    assert EXAMPLES[" ".join(path)][0] in examples
    assert not re.search(r"<(str|int|float|path|list\[[^>]*)>", text), text
    usage = text.splitlines()[0]
    assert "{" not in usage and "<" not in usage, usage


def test_plural():
    assert [plural(1, "document"), plural(2, "document"), plural(0, "word")] == ["1 document", "2 documents", "0 words"]
    assert [plural(1, "person", "people"), plural(3, "person", "people")] == ["1 person", "3 people"]
