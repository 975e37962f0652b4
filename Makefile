# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Optional extras installed with the test tools: CI adds ray (`make test EXTRAS=test,ray`) so the Ray tests run.
EXTRAS ?= test

.PHONY: demo test install bench serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

DB ?= linernotes.db

demo: $(STAMP)
	$(BIN)/linernotes check examples/bios --exit-zero
	$(BIN)/linernotes eval examples/gold.jsonl examples/bios
	$(BIN)/linernotes ingest examples/bios --db $(DB)
	$(BIN)/linernotes people --instrument dombra --db $(DB)
	$(BIN)/linernotes show "Rauf Mammadli" --db $(DB)
	@while IFS= read -r question; do echo; $(BIN)/linernotes ask "$$question" --db $(DB); done < examples/questions.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/kb.py
	$(BIN)/python benchmarks/pages.py

# The explorer on the demo knowledge base (after `make demo`): http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/linernotes serve --db $(DB)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
