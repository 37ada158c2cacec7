# industrirapporter: `make reports` builds the collection, `make test` runs the tests.
# The venv has the dev and cluster extras: the Dask executor's tests run with the others.
# Extra build options: make reports ARGS="--force --jobs 1 process_industry"
PYTHON ?= python3
ARGS   ?=
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: reports test lint lab bench clean-reports venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,cluster]'
	touch $(STAMP)

reports: $(STAMP)
	$(PY) -m helpers build $(ARGS)

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks notebooks scripts

lab: $(STAMP)
	$(PY) -m pip install --quiet -e '.[lab]'
	$(VENV)/bin/jupyter lab notebooks

bench: $(STAMP)
	$(PY) benchmarks/build_bench.py

clean-reports:
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
