"""``python -m linernotes``: the ``linernotes`` command, for a checkout or an environment without its script."""
from .cli import app

app(prog_name="linernotes")
