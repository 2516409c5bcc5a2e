# The two commands of the README: `make run` (the application with demo data on embedded
# defaults) and `make test` (every check). Both set up what they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEST_ENV := DJANGO_SETTINGS_MODULE=mensenhandel.settings.test

.PHONY: run test venv lint typecheck migrations-check pytest browser-deps pdf-deps bench clean

$(BIN)/activate: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(BIN)/activate

venv: $(BIN)/activate

run: venv
	bash scripts/start.sh

browser-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# WeasyPrint (the PDF report) needs Pango and HarfBuzz-Subset; the browser test of the report renders
# its pages with pdftoppm.
pdf-deps:
	@{ ldconfig -p | grep -qF libpango-1.0.so.0 && ldconfig -p | grep -qF libpangoft2-1.0.so.0 && ldconfig -p | grep -qF libharfbuzz-subset.so.0; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; }
	@command -v pdftoppm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(TEST_ENV) $(BIN)/mypy .

migrations-check: venv
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

pytest: venv browser-deps pdf-deps
	$(TEST_ENV) $(BIN)/pytest

test: lint typecheck migrations-check pytest

bench: venv
	$(TEST_ENV) $(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) var staticfiles
