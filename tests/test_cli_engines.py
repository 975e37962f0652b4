"""``--engine ray`` without Ray installed: the commands say how to get it (E045), no traceback."""
from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from linernotes.cli import app
from linernotes.errors import EngineError
from linernotes.scale import extract_with_ray

from .conftest import EXAMPLES


@pytest.fixture()
def no_ray(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails as if it were not installed
    monkeypatch.setitem(sys.modules, "ray.data", None)


@pytest.mark.parametrize("command", [["extract"], ["ingest", "--db", "{tmp}/kb.db"]])
def test_engine_ray_without_ray_says_how_to_install_it(no_ray, command, tmp_path):
    args = [a.format(tmp=tmp_path) for a in command] + [str(EXAMPLES / "bios"), "--engine", "ray"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "[E045]" in said and "pip install 'linernotes[ray]'" in said
    assert "Traceback" not in result.output


def test_library_without_ray_raises_e045(no_ray, tmp_path):
    with pytest.raises(EngineError, match=r"\[E045\]"):
        extract_with_ray([str(EXAMPLES / "bios")], str(tmp_path / "out"))
