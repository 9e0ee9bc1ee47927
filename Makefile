# Tandem set-up: `make run` serves the demo on SQLite, `make test` runs the whole suite.
# Both create or update .venv and install what they need themselves.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.tandem-installed
NODE_STAMP := node_modules/.tandem-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest install chromium pdflibs postgres bench clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

$(NODE_STAMP): package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: pages work without htmx and the API docs page has no assets"; fi

install: $(STAMP) $(NODE_STAMP)

run: install pdflibs
	$(BIN)/tandem db upgrade
	$(BIN)/tandem demo
	$(BIN)/tandem serve --host $(HOST) --port $(PORT)

# Debian's Chromium drives the browser tests; install it when missing and apt is there.
chromium:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

# WeasyPrint (PRD export as PDF) needs Pango and a font to embed; install them when missing.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdflibs:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(dpkg-query -W -f='$${Status}\n' $(PDF_PACKAGES) 2>/dev/null \
		| grep -c 'install ok installed')" != 3 ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_PACKAGES); \
	fi

# Start the local PostgreSQL cluster if it is installed but stopped.
postgres:
	@if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1; then \
		if command -v pg_ctlcluster >/dev/null 2>&1; then \
			pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -n1) main start || true; \
		fi; \
	fi

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports --no-cache

typecheck: install
	$(BIN)/mypy

# Tests run in parallel (pytest-xdist), each worker on its own SQLite files and its own
# PostgreSQL database; TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
pytest: install chromium pdflibs postgres
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# Lint and types check while the tests run: the suite leaves a core idle while it waits on
# PostgreSQL and the browser.
test:
	@$(MAKE) --no-print-directory -j3 lint typecheck pytest

# Speed and memory figures for docs/benchmarks.md (never asserted in tests).
BENCH_IMPORT_ROWS ?= 100000
bench: install postgres
	$(BIN)/python bench/bench_foundation.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_imports.py --rows $(BENCH_IMPORT_ROWS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0 -e '.[bench]' || echo "BERTopic not installed: the quality table says so"
	$(BIN)/python bench/bench_themes.py

# Schemathesis over the whole API for longer than `make test` does (200 examples per
# operation, both engines); TANDEM_FUZZ_EXAMPLES sets how many.
TANDEM_FUZZ_EXAMPLES ?= 200
fuzz: install postgres
	TANDEM_FUZZ_EXAMPLES=$(TANDEM_FUZZ_EXAMPLES) $(BIN)/python -m pytest -n $(TEST_WORKERS) \
		tests/bounds/test_schemathesis.py tests/bounds/test_hostile.py tests/web/test_hostile.py \
		-p no:randomly -q

clean:
	rm -rf $(VENV) node_modules tandem-data .mypy_cache .ruff_cache .pytest_cache
