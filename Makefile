# llmdex maintainer commands. `make install` first; every other target uses .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SOURCE ?= https://models.dev/api.json
PAYLOAD ?= ../shared/data/models-dev/api-2026-04-16.json
PACKAGE_DIR := src/llmdex
# Values a user types reach the shell as environment variables, never as recipe text, so no
# quote in them can end a string and run a command; `$(value ...)` keeps make itself from
# expanding a `$(shell ...)` inside them.
override SOURCE := $(value SOURCE)
override PAYLOAD := $(value PAYLOAD)
override NO_PATCHES := $(value NO_PATCHES)
export SOURCE PAYLOAD NO_PATCHES

.PHONY: install regen history check-generated schema site test test-logic lint fmt bench clean release-data

install:
	@echo "make install: creating $(VENV) and installing llmdex with the client and the dev tools (about a minute)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[client]' --group dev
	@echo "make install: done; try .venv/bin/llmdex show openai:gpt-4o"

# Fetch SOURCE (URL or file), validate, patch, emit into a temp dir, verify, then swap into generated/.
regen:
	$(PY) -m codegen regen --source "$$SOURCE" $${NO_PATCHES:+--no-patches}

# Rebuild data_sources/history.jsonl from a directory of dated payloads (api-YYYY-MM-DD.json
# or .json.gz), then regenerate: `make history SOURCES=../shared/data/models-dev/weekly`.
SOURCES ?= ../shared/data/models-dev/weekly
override SOURCES := $(value SOURCES)
export SOURCES
history:
	$(PY) -m codegen history --sources "$$SOURCES" $${NO_PATCHES:+--no-patches}

# Regenerate from the locked payload into a temp dir and fail if it differs from generated/.
check-generated:
	$(PY) -m codegen check

# Write the payload's JSON Schema and codegen/upstream.py from the runtime's records.
schema:
	$(PY) -m codegen schema

# The catalog as a static site in build/site (open build/site/index.html; no network needed).
SITE ?= build/site
override SITE := $(value SITE)
export SITE
site:
	$(PY) -m llmdex site "$$SITE"

# -n auto: pytest-xdist runs the tests on every core.
test:
	$(PY) -m pytest -q -n auto

# The tests of logic on a catalog regenerated from another payload, so none leans on one
# payload's data (tests marked `data` check the committed catalog and are left out).
test-logic:
	LLMDEX_TEST_PAYLOAD="$$(realpath -- "$$PAYLOAD")" $(PY) -m pytest -q -n auto -m "not data"

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy $(PACKAGE_DIR)
	$(PY) -m mypy codegen
	$(PY) -m mypy.stubtest llmdex.models --allowlist tests/stubtest_allowlist.txt

# Format and fix what ruff can, before a commit.
fmt:
	$(PY) -m ruff check --fix --quiet .
	$(PY) -m ruff format --quiet .

# Figures only: tests never time anything. bench/peers.py builds bench/.peers from PyPI,
# writes bench/results.json and rewrites README.md's performance section from it.
bench:
	$(PY) bench/figures.py
	$(PY) bench/peers.py --readme
	bench/.peers/bin/python bench/pricing_agreement.py
	$(PY) bench/growth.py
	$(PY) bench/reprice.py
	$(PY) bench/stream_lines.py
	$(PY) bench/reconcile.py

# A data release, every step but the upload (.github/workflows/data-release.yml runs it, then
# uploads dist/): regenerate from SOURCE; when the data changed, lint, check and test it, then
# build the wheel and sdist into dist/, versioned by the new data's date (src/llmdex/release.py).
release-data:
	$(PY) -m codegen regen --source "$$SOURCE"
	@if [ -z "$$(git status --porcelain -- generated data_sources CHANGELOG-data.md)" ]; then \
		echo "release-data: the data did not change; nothing to release"; rm -rf dist; exit 0; \
	fi; \
	$(MAKE) lint check-generated test && rm -rf dist && \
	$(PY) -c "import hatchling.build as b; print(b.build_wheel('dist')); print(b.build_sdist('dist'))" && \
	echo "release-data: dist/ holds the release; commit generated/ and data_sources/, tag v$$($(PY) -c 'import sys; sys.path.insert(0, "src"); from llmdex.release import release_version; print(release_version())'), then upload dist/*"

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
