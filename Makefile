# Twinnings — `make run` serves the platform, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# Optional dependencies installed with the package: `make install EXTRAS=` on a server leaves out
# the test, lint and browser tools (about 250 MB).
EXTRAS ?= dev
TWINNINGS_TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
export TWINNINGS_TEST_POSTGRES_URL

.PHONY: run test test-sqlite test-postgres lint audit bench install assets system-deps messages

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools>=78.1.1'  # the venv's own copy: older ones have known vulnerabilities
	$(BIN)/pip install --quiet -e '.$(if $(EXTRAS),[$(EXTRAS)])'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed node_modules/.installed
	$(BIN)/twinnings compile-translations

# Pango renders the agreements' PDF documents (WeasyPrint); installed with apt when missing.
system-deps:
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Pango for the PDF documents"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
				libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
		else \
			echo "Pango is missing: agreement PDFs need it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"; \
		fi; }

run: install system-deps
	$(BIN)/twinnings migrate --no-input -v0
	$(BIN)/twinnings bootstrap
	$(BIN)/twinnings collectstatic --no-input -v0
	$(BIN)/twinnings serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: test-sqlite test-postgres

test-sqlite: install
	env -u TWINNINGS_DATABASE_URL $(BIN)/pytest

test-postgres: install
	@if $(BIN)/python -c "import os, psycopg; psycopg.connect(os.environ['TWINNINGS_TEST_POSTGRES_URL'], connect_timeout=3).close()"; then \
		TWINNINGS_DATABASE_URL=$(TWINNINGS_TEST_POSTGRES_URL) $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is unreachable at $(TWINNINGS_TEST_POSTGRES_URL): required in CI"; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL half of the suite: no server at $(TWINNINGS_TEST_POSTGRES_URL) (set TWINNINGS_TEST_POSTGRES_URL)"; \
	fi

lint: install audit
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

# Known vulnerabilities of every installed package (pip-audit asks PyPI's advisory feed, one
# pypi.org/pypi/NAME/VERSION/json per package; --strict: a package it cannot audit is a failure).
# Where that feed does not answer, the audit is skipped with a message (a failure under CI=true).
# An advisory that cannot be fixed by an upgrade goes here as `--ignore-vuln ID` with its reason.
AUDIT_PROBE := https://pypi.org/pypi/pip/24.0/json
audit: install
	@if $(BIN)/python -c "import urllib.request; urllib.request.urlopen('$(AUDIT_PROBE)', timeout=15)" 2>/dev/null; then \
		$(BIN)/pip-audit --strict --skip-editable --progress-spinner off; \
	elif [ "$$CI" = "true" ]; then \
		echo "PyPI's vulnerability feed does not answer ($(AUDIT_PROBE)): required in CI"; exit 1; \
	else \
		echo "SKIPPED pip-audit: PyPI's vulnerability feed does not answer from here ($(AUDIT_PROBE))"; \
	fi

bench: install
	$(BIN)/python -c 'import datasette, sqlite_utils, pyinstrument' 2>/dev/null || $(BIN)/pip install --quiet -e '.[bench]'
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python bench/run_all.py

# Re-extracts the UI strings into the catalogues (GNU gettext's xgettext and msgmerge); new entries
# arrive untranslated, changed ones marked fuzzy: translate them, then `twinnings compile-translations`.
MESSAGE_LANGUAGES ?= fr de es it pl
messages: $(BIN)/.installed
	cd src/twinnings && ../../$(BIN)/twinnings makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --no-obsolete --add-location file
