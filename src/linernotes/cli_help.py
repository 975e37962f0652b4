"""What ``--help`` shows beyond each option's own help: an example of every command, and metavars
that name what to give (``--db DB``, ``--limit N``) instead of the Python types Typer prints
(``<str>``, ``<list[str]>``).

``finish(app)`` runs once, after every command is registered; a command without an example here
fails its test (tests/test_cli_help.py), so a new command cannot ship without one.
"""
from __future__ import annotations

import inspect
import typing
from enum import Enum
from pathlib import Path

import typer
from typer.core import TyperCommand
from typer.models import ParameterInfo

#: Command path (a group's commands as "group command") -> example lines, each a shell command.
EXAMPLES: dict[str, list[str]] = {
    "": ["linernotes extract bios/ --format table", "linernotes ingest bios/ && linernotes serve"],
    "extract": ["linernotes extract bios/ > facts.jsonl", "linernotes extract aruzhan.txt --format table",
                "cat bio.txt | linernotes extract -",
                "linernotes extract --rows biographies.csv --id-column id --text-column text"],
    "check": ["linernotes check bios/", "linernotes check bios/ --exit-zero --format jsonl > findings.jsonl"],
    "eval": ["linernotes eval gold.jsonl bios/", "linernotes eval gold.jsonl bios/ --errors",
             "linernotes eval --reviewed --db linernotes.db"],
    "ingest": ["linernotes ingest bios/", "linernotes ingest bios/ --db postgresql://user@host/linernotes",
               "linernotes ingest --rows biographies.csv --url-column url"],
    "resolve": ["linernotes resolve --db linernotes.db"],
    "people": ["linernotes people --instrument dombra", "linernotes people --place Almaty --has-checks",
               "linernotes people --ensemble 'Turan' --format json", "linernotes people --limit 50 --offset 50"],
    "show": ["linernotes show 'Aruzhan Bekova'", "linernotes show '#12' --format json"],
    "search": ["linernotes search conservatory", "linernotes search 'kobyz Almaty' --limit 3"],
    "ask": ["linernotes ask 'Who plays the accordion?'", "linernotes ask 'Where was Aruzhan Bekova born?'"],
    "merge": ["linernotes merge '#12' '#40' --note 'same person: same teacher and birth year'"],
    "split": ["linernotes split '#12' --document other-bekova.txt --note 'a namesake'"],
    "export": ["linernotes export --format jsonld -o kb.jsonld",
               "linernotes export --format quickstatements --stated-in Q123 --reviewed-only -o qs.tsv",
               "linernotes export --format csv --bom -o facts.csv"],
    "serve": ["linernotes serve --db linernotes.db --port 8000",
              "LINERNOTES_TOKEN=secret linernotes serve --host 0.0.0.0"],
    "train": ["linernotes train", "linernotes train --corpus gold.jsonl=bios/ --folds 5"],
    "ids": ["linernotes ids set 'Aruzhan Bekova' Q4115189", "linernotes ids import ids.csv",
            "linernotes ids list --output json"],
    "ids set": ["linernotes ids set 'Aruzhan Bekova' Q4115189",
                "linernotes ids set Almaty Q35493 --kind Place --by ana"],
    "ids remove": ["linernotes ids remove 'Aruzhan Bekova' --scheme wikidata"],
    "ids import": ["linernotes ids import ids.csv --by ana", "linernotes ids import bands.csv --kind Ensemble"],
    "ids list": ["linernotes ids list", "linernotes ids list --kind Person --output json"],
    "ids propose": ["linernotes ids propose", "linernotes ids propose --output json"],
    "review": ["linernotes review queue", "linernotes review accept 42",
               "linernotes review history --document aruzhan.txt"],
    "review accept": ["linernotes review accept 42", "linernotes review accept 42 --reviewer ana --reason 'checked'"],
    "review reject": ["linernotes review reject 42 --reason 'the sentence is about her teacher'"],
    "review correct": ["linernotes review correct 42 --value Taraz", "linernotes review correct 42 --relation residence"],
    "review add": ["linernotes review add aruzhan.txt --person 'Aruzhan Bekova' --relation instrument "
                   "--value kobyz --quote 'She also plays the kobyz.'"],
    "review undo": ["linernotes review undo 42"],
    "review queue": ["linernotes review queue --limit 10", "linernotes review queue --format json"],
    "review history": ["linernotes review history", "linernotes review history --document aruzhan.txt"],
}

#: Metavars by parameter name, where the name alone does not say it; others are the name in capitals.
METAVARS = {"db": "DB", "output": "FILE", "skipped_to": "FILE", "base": "IRI", "stated_in": "QID", "who": "PERSON",
            "first": "PERSON", "second": "PERSON", "paths": "PATH", "gold": "GOLD", "token_env": "VARIABLE",
            "report_dir": "DIR", "model": "FILE", "host": "ADDRESS", "note": "TEXT", "reason": "TEXT",
            "text": "WORDS", "batch_size": "N", "by": "NAME", "reviewer": "NAME", "fact": "FACT", "path": "FILE"}


class Command(TyperCommand):
    """A command whose help names its arguments as Click does (``PATH...``, ``[GOLD]``), not as this
    Typer does (``{paths}...`` and ``PATH <list[str]>``). Typer brings its own copy of Click, so its
    parameters are told apart by ``param_type_name``, not by class."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param) if param.required else f"[{_argument_name(param)}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx, formatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _argument_name(argument) -> str:
    return (argument.metavar or argument.name.upper()) + ("..." if argument.nargs != 1 else "")


def epilog(lines: list[str]) -> str:
    """The examples as Click prints them: ``\\b`` keeps each line as it is (Click rewraps paragraphs)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _metavar(name: str, annotation) -> str | None:
    """The metavar of a parameter, or None for a flag or a choice (Click lists a choice's values)."""
    if typing.get_origin(annotation) is typing.Union:  # Optional[X]
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if typing.get_origin(annotation) in (list, typing.List):
        annotation = typing.get_args(annotation)[0]
    if annotation is bool or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return None
    if name in METAVARS:
        return METAVARS[name]
    if annotation is int:
        return "N"
    if annotation is float:
        return "SECONDS" if "timeout" in name else "X"
    if annotation is Path:
        return "PATH"
    return name.upper()


def _finish_commands(group: typer.Typer, prefix: str) -> None:
    for info in group.registered_commands:
        name = info.name or info.callback.__name__.rstrip("_").replace("_", "-")
        path = f"{prefix} {name}".strip()
        info.epilog = epilog(EXAMPLES[path])
        if info.cls in (None, TyperCommand):
            info.cls = Command
        hints = typing.get_type_hints(info.callback)
        for parameter in inspect.signature(info.callback).parameters.values():
            option = parameter.default
            if isinstance(option, ParameterInfo) and option.metavar is None:
                option.metavar = _metavar(parameter.name, hints.get(parameter.name))
    for sub in group.registered_groups:
        sub.typer_instance.info.epilog = epilog(EXAMPLES[sub.name])
        _finish_commands(sub.typer_instance, sub.name)


def finish(app: typer.Typer) -> None:
    """Examples and metavars on every command of ``app`` and of its groups."""
    app.info.epilog = epilog(EXAMPLES[""])
    _finish_commands(app, "")
