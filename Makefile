# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test setup lint check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Palvelupolku needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's dependencies change.
$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Finnish UI texts: webui/translations/fi/LC_MESSAGES/messages.po (fill with tools/fi_catalog.py).
MO := webui/translations/fi/LC_MESSAGES/messages.mo
$(MO): webui/translations/fi/LC_MESSAGES/messages.po | $(INSTALLED)
	$(BIN)/pybabel compile -d webui/translations

setup: $(INSTALLED) $(MO)

run: setup
	$(BIN)/palvelupolku demo
	$(BIN)/palvelupolku serve --demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)
