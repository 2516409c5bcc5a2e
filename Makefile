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
	$(BIN)/pip install --quiet --no-compile --require-hashes -r requirements-dev.lock
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

# The slowest modules (the three-year demo history, the property-based access test, the form
# fuzzing, the authorization matrix over every URL, role and object scope, and the six longest
# browser journeys) run in a second pytest process beside the rest, on a database and Redis
# database of their own, so both take about as long; the output of both is printed and either
# one failing fails the run.
TRAAG := tests/signalen/test_demo_data.py tests/test_toegang_eigenschappen.py tests/test_autorisatiematrix.py \
	tests/test_formulieren_fuzz.py tests/browser/test_rapport.py tests/browser/test_meldroute.py \
	tests/browser/test_afsluiten_delen.py tests/browser/test_dossier.py tests/browser/test_paginas.py \
	tests/browser/test_telefoon.py
NAAST_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/mensenhandel_naast REDIS_URL=redis://127.0.0.1:6379/11 \
	MH_PYTEST_PROCES=naast

pytest: venv browser-deps pdf-deps
	@mkdir -p var; \
	$(TEST_ENV) $(NAAST_ENV) $(BIN)/pytest $(TRAAG) >var/pytest-naast.log 2>&1 & naast=$$!; \
	$(TEST_ENV) $(BIN)/pytest $(addprefix --ignore=,$(TRAAG)); hoofd=$$?; \
	wait $$naast; naast_rc=$$?; \
	echo "--- Tweede pytest-proces: $(TRAAG) ---"; cat var/pytest-naast.log; \
	exit $$(( hoofd || naast_rc ))

# mypy runs beside pytest; make -j2 fails the run when either fails.
test: lint migrations-check
	@$(MAKE) --no-print-directory -j2 typecheck pytest

bench: venv
	$(TEST_ENV) $(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) var staticfiles
