# make demo: create .venv, install the project, build the sample corpus's timeline
#            (out/timeline.html, out/timeline.csv) and its time expressions.
# make test: install the test extras too and run the test suite.
# Reinstalls happen only when pyproject.toml changes (stamp files in .venv).

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: demo test clean

demo: $(STAMP)
	$(BIN)/timeline extract data/samples -o out/expressions.jsonl
	$(BIN)/timeline build data/samples -o out/timeline.html --to out/timeline.csv
	@echo "open out/timeline.html in a browser; the events are in out/timeline.csv"

test: $(TESTSTAMP)
	$(BIN)/python -m pytest -q

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "error: python3.11 or python3 is needed" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

clean:
	rm -rf $(VENV) out .pytest_cache
