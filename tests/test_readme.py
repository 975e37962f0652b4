"""Docs that cannot drift: every command is in the README, every README command exists."""
from __future__ import annotations

import re

from typer.main import get_command

from linernotes.cli import app

from .conftest import REPO


def test_readme_lists_every_command_and_no_other():
    commands = set(get_command(app).commands)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"^[ ]+(?:\.venv/bin/)?linernotes ([a-z]+)(?=[ ]|$)", readme, flags=re.M))
    assert commands == mentioned


def test_every_error_code_has_a_message_used_by_the_code():
    from linernotes import errors

    codes = {name for name in vars(errors.Errors) if re.fullmatch(r"E\d{3}", name)}
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src" / "linernotes").rglob("*.py")
                       if p.name != "errors.py")
    unused = {code for code in codes if f"Errors.{code}" not in source}
    assert not unused, f"catalogued but never raised: {sorted(unused)}"


def test_readme_lists_the_check_catalogue_as_it_is():
    from linernotes.errors import Checks

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z-]+)` \|.*\|$", readme, flags=re.M)}
    assert set(rows) == {c.code for c in Checks.all()}
    for c in Checks.all():
        assert rows[c.code] == f"| `{c.code}` | {c.severity} | {c.status} | {c.scope} | {c.finds} | {c.advice} |"
