# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test setup frontend lint check-python reliability messages

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Palvelupolku needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's dependencies change.
$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# UI texts, one catalog per language: webui/translations/<lang>/LC_MESSAGES/messages.po (fi, sv), compiled
# to .mo when its .po changes. `make messages` extracts new texts and fills them (tools/catalog.py).
PO := $(wildcard webui/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)
$(MO): %.mo: %.po | $(INSTALLED)
	$(BIN)/pybabel compile --statistics -i $< -o $@

setup: $(INSTALLED) $(MO)

messages: $(INSTALLED)
	$(BIN)/python tools/catalog.py

# The browser bundle (the bpmn-js diagram viewer): frontend/ built into webui/static/dist/ (not committed).
# Needs Node.js and npm; reinstalls when the lock file changes, rebuilds when frontend/src changes.
NODE_MODULES := frontend/node_modules/.installed
FRONTEND := webui/static/dist/.built

$(NODE_MODULES): frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || { echo "The front-end build needs Node.js and npm (apt-get install nodejs npm)." >&2; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(FRONTEND): $(NODE_MODULES) frontend/build.mjs frontend/src $(shell find frontend/src -type f)
	cd frontend && npm run --silent build
	touch $@

frontend: $(FRONTEND)

# The package a server installs (README, "Running in production"): dist/palvelupolku-<version>-py3-none-any.whl
# and the sdist it is built from. Node.js builds the browser bundles here, never on the server; setup.py
# compiles every catalog into the package and refuses to build without the bundles.
.PHONY: dist
dist: $(FRONTEND) | $(INSTALLED)
	rm -rf dist build
	$(BIN)/python -m build --outdir dist .
	@ls -l dist

run: setup frontend
	$(BIN)/palvelupolku demo
	$(BIN)/palvelupolku serve --demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# The certified OpenID provider the sign-in tests run against (tests/oidc/): installed from its lock file.
OIDC_PROVIDER := tests/oidc/node_modules/.installed
$(OIDC_PROVIDER): tests/oidc/package.json tests/oidc/package-lock.json
	@command -v npm >/dev/null || { echo "The sign-in tests need Node.js and npm (apt-get install nodejs npm)." >&2; exit 1; }
	cd tests/oidc && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test: setup frontend lint $(OIDC_PROVIDER)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The README's Reliability figures at the issue's full counts (CI runs the same tests with small ones).
# PostgreSQL figures need PALVELUPOLKU_TEST_POSTGRES_URL (or: CI_COMMAND="make reliability" .ci/run).
reliability: setup
	rm -rf test-artifacts/reliability
	PALVELUPOLKU_RELIABILITY=full $(BIN)/python -m pytest tests/reliability -q $(PYTEST_ARGS)
	$(BIN)/python tools/reliability_table.py
