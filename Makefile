# briefing: `make report` builds the default edition end to end; `make test` runs the tests.
# Both set up their own virtual environment first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PARAMS ?= params/2025.yml
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help system setup report test test-fast bench bench-engine bench-explore lint clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Debian packages the tests and the PDF need: pdftotext/pdftoppm, CJK fonts, Chromium.
SYSTEM_CHECK := command -v pdftotext >/dev/null && command -v chromium >/dev/null && [ -d /usr/share/fonts/opentype/noto ]
SYSTEM_PACKAGES := poppler-utils fonts-noto-cjk chromium

system: ## Install the Debian packages (poppler-utils, fonts-noto-cjk, chromium) when missing
	@if ! ( $(SYSTEM_CHECK) ); then \
	  if [ "$$(id -u)" != 0 ]; then echo "need root to apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }; \
	fi

# axe-core for the accessibility tests and vnu-jar (the Nu HTML Checker, run with the machine's Java)
# for the HTML test, pinned in package.json and package-lock.json, installed with the machine's
# Node.js and npm when node_modules/axe-core is missing or the pins change.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "need Node.js and npm to install axe-core (npm ci)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	@touch $@

setup: system $(STAMP) $(AXE) ## Create .venv with the pinned dependencies, axe-core (npm) and the system packages (runs once)

report: setup ## Build and publish the default edition (params/2025.yml): fetch, validate, run, render, publish
	$(BIN)/briefing build --params $(PARAMS)

test: setup ## Run every test layer (unit, sections, integration, browser)
	$(BIN)/python -m pytest -n 2 --dist loadfile

test-fast: $(STAMP) ## Run the unit layer only (seconds; no build, no browser)
	$(BIN)/python -m pytest tests/unit -n 2 -q

bench: setup ## Benchmark cold, warm and partial builds; writes bench/results.md
	$(BIN)/python bench/build.py

bench-engine: setup ## Benchmark the record-level engine (DuckDB, Spark, pandas) at 1M and 10M works
	$(BIN)/python bench/engine.py

bench-explore: setup ## Time the explorer in Chromium and weigh it against DuckDB-WASM; writes bench/results.md
	$(BIN)/python bench/explore.py

lint: setup ## ruff
	$(BIN)/ruff check src tests bench

clean: ## Remove built artefacts (keeps data/raw snapshots, .venv and node_modules)
	rm -rf _build _site figures
