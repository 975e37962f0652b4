"""The error catalogue: stable codes, messages naming the file, one exception hierarchy."""
from __future__ import annotations

import json
import re

import pytest

import linernotes
from linernotes.errors import (CHECK_SCOPES, CHECK_STATUSES, CheckCode, Checks, ConfigError, Errors, GoldError,
                               InputError, LinernotesError, NotFound, StoreError, Warnings)
from linernotes.model import SEVERITIES

from .conftest import REPO


def catalogue(cls):
    return {name: value for name, value in vars(cls).items() if re.fullmatch(r"[EW]\d{3}", name)}


def test_hierarchy():
    assert issubclass(InputError, LinernotesError)
    assert issubclass(GoldError, LinernotesError)
    assert issubclass(LinernotesError, Exception)
    assert not issubclass(InputError, GoldError)
    assert linernotes.InputError is InputError and linernotes.GoldError is GoldError


INPUT_CODES = {name: value for name, value in {**catalogue(Errors), **catalogue(Warnings)}.items() if name < "E020"}


@pytest.mark.parametrize("name,message", sorted(INPUT_CODES.items()))
def test_every_input_message_starts_with_its_code_and_names_the_path(name, message):
    assert message.startswith(f"[{name}] {{path}}")


@pytest.mark.parametrize("name,message", sorted({**catalogue(Errors), **catalogue(Warnings)}.items()))
def test_every_message_starts_with_its_code(name, message):
    assert message.startswith(f"[{name}] ")


def test_store_errors_are_linernotes_errors():
    assert issubclass(NotFound, StoreError) and issubclass(StoreError, LinernotesError)
    assert issubclass(ConfigError, LinernotesError) and issubclass(ConfigError, ValueError)


def test_the_documented_codes_exist():
    assert {"E001", "E002", "E003", "E004", "E005", "E006", "E010"} <= set(catalogue(Errors))
    assert "W001" in catalogue(Warnings)


def test_messages_format_with_their_fields():
    assert Errors.E003.format(path="big.txt", size=3_000_000, limit=2_000_000) == (
        "[E003] big.txt: 3,000,000 bytes is over the limit of 2,000,000 bytes per document; "
        "split it into one file per biography or raise --max-bytes.")
    assert "line 7" not in Errors.E010.format(path="g.jsonl", line=7, why="x")
    assert Errors.E010.format(path="g.jsonl", line=7, why="x").startswith("[E010] g.jsonl:7:")
    assert "cp1251" in Warnings.W001.format(path="a.txt", encoding="cp1251")


# -- the check catalogue ------------------------------------------------------------------------

def test_every_check_code_is_catalogued_once_under_its_own_name():
    entries = Checks.all()
    assert len({c.code for c in entries}) == len(entries) >= 7
    for name, entry in vars(Checks).items():
        if isinstance(entry, CheckCode):
            assert name == entry.code.upper().replace("-", "_")


@pytest.mark.parametrize("entry", Checks.all(), ids=lambda c: c.code)
def test_every_check_code_says_what_it_finds_and_what_to_do(entry):
    assert entry.severity in SEVERITIES and entry.status in CHECK_STATUSES and entry.scope in CHECK_SCOPES
    for line in (entry.finds, entry.advice):
        assert line and "\n" not in line and len(line) <= 120


def test_a_code_outside_the_catalogue_or_with_an_unknown_severity_is_refused():
    assert Checks.of("wrong-capital") is Checks.WRONG_CAPITAL
    with pytest.raises(ValueError, match="not in the catalogue"):
        Checks.of("wrong-capitol")
    with pytest.raises(ValueError, match="severity"):
        CheckCode("x", "fatal", "stable", "document", "finds", "advice")


@pytest.mark.parametrize("gold", ["examples/gold.jsonl", "eval/frozen/gold.jsonl"])
def test_the_codes_gold_files_expect_are_stable(gold):
    expected = {c["code"] for line in (REPO / gold).read_text(encoding="utf-8").splitlines() if line.strip()
                for c in json.loads(line).get("checks", [])}
    assert expected and all(Checks.of(code).status == "stable" for code in expected)
