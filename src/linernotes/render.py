"""Human-readable output: a per-person table of facts and a findings report (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .model import Document


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 document``, ``2 documents`` (``words`` for an irregular plural: ``plural(n, "person", "people")``)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def print_indented(console: Console, text: str | Text, indent: int) -> None:
    """``text`` (rich markup, or a ``Text``) ``indent`` columns in. On a terminal it wraps to the width
    with every line indented, so that a long quote stays under what it belongs to; into a pipe or a
    file it stays one line, for grep."""
    body = text if isinstance(text, Text) else Text.from_markup(text)
    if console.is_terminal:
        console.print(Padding(body, (0, 0, 0, indent), expand=False))
    else:
        console.print(Text(" " * indent) + body, soft_wrap=True)


def print_table(document: Document, console: Console) -> None:
    console.rule(Text(document.doc, style="bold"))
    if not document.people:
        console.print("  no people found")
    for person in document.people:
        title = person.name + ("  (main)" if person.main else "")
        if person.aliases:
            title += f"  aka {', '.join(person.aliases)}"
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("relation", style="cyan", no_wrap=True)
        table.add_column("value", style="bold")
        table.add_column("conf", justify="right")
        table.add_column("evidence", overflow="fold", max_width=70)
        for fact in sorted(person.facts, key=lambda f: (f.relation, f.start)):
            table.add_row(fact.relation, Text(fact.value), f"{fact.confidence:.2f}", Text(fact.evidence))
        console.print(table)
    print_checks(document, console, header=False)


def print_checks(document: Document, console: Console, header: bool = True) -> None:
    if header:
        console.rule(Text(document.doc, style="bold"))
    if not document.checks:
        if header:
            console.print("  no problems found")
        return
    for check in document.checks:
        console.print(Text.assemble(("  ! ", "bold yellow"), (f"{check.code}", "yellow"), f": {check.message}"))
        print_indented(console, Text(f"«{check.evidence}»", style="dim"), 4)
