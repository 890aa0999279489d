# The annotated reader. `make html` and `make test` work on a fresh Debian machine: they create
# .venv, install the pinned dependencies and (for tests, as root) the Debian packages they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SPHINXOPTS ?= -n -W --keep-going
BUILD ?= _build

.PHONY: html pdf epub site test check preview bench clean system-deps npm-deps help

help:
	@echo "make html | pdf | epub | site | test | check | preview | bench | clean"

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

html: $(VENV)/.installed
	$(PY) -m sphinx -b html $(SPHINXOPTS) . $(BUILD)/html

epub: $(VENV)/.installed
	$(PY) -m sphinx -b epub $(SPHINXOPTS) -d $(BUILD)/doctrees-epub . $(BUILD)/epub

pdf: $(VENV)/.installed system-deps
	$(PY) -m sphinx -b latex $(SPHINXOPTS) -d $(BUILD)/doctrees-latex . $(BUILD)/latex
	$(PY) -m annotated_reader pdf $(BUILD)/latex

# The whole edition: PDF and EPUB first, so the HTML links and ships them.
site: pdf epub
	$(PY) -m sphinx -b html $(SPHINXOPTS) -E . $(BUILD)/html

system-deps:
	bash tools/system-deps.sh

npm-deps:
	@if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/lighthouse ]; then npm ci --no-audit --no-fund --silent; fi

test: $(VENV)/.installed-test system-deps npm-deps
	$(PY) -m pytest $(PYTEST_ARGS)

# Fast validation: reads and resolves everything (anchors, terms, aliases, sources, front matter,
# timeline) without writing any page or the PDF, then lints the code.
check: $(VENV)/.installed-test
	$(PY) -m sphinx -b dummy $(SPHINXOPTS) -q -d $(BUILD)/doctrees-check . $(BUILD)/check
	$(PY) -m ruff check annotated_reader tests tools conf.py _ext
	$(PY) -m ruff format --check annotated_reader tests tools conf.py _ext

preview: $(VENV)/.installed-dev
	$(VENV)/bin/sphinx-autobuild --host 127.0.0.1 --port 8000 -b html . $(BUILD)/preview --watch annotated_reader --re-ignore '(_build|\.venv|_drafts)/'

# The benchmark (tools/bench.py): our build against plain Sphinx on the same pages at 1x, 10x and
# 100x the reader's size, incremental and parallel builds, page weight, Lighthouse, PDF time.
# Writes _build/bench/results.json; BENCH_ARGS="--publish" also updates docs/benchmark/.
bench: $(VENV)/.installed-test system-deps npm-deps
	$(PY) tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)
