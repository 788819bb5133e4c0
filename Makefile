# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
# While working: `make check` (a few minutes, no Debian packages or servers needed).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test check lint bench system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,st,st-test]'
	touch $@

## Set up, index the bundled Thai sample course, and answer a sample question.
demo: $(VENV)/.installed
	$(BIN)/nzap demo

## Set up (with the test extras and the system packages the tests need), lint, type-check, run every test.
test: system-deps $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile

## Before every commit: lint, type-check and the tests that need neither Debian packages nor servers.
## Leaves out the `slow` and `needs_system` tests (pyproject.toml); `make test` runs them all.
check: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not slow and not needs_system"

system-deps:
	bash scripts/system-deps.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/retrieval.py
	$(BIN)/python bench/sample_eval.py
