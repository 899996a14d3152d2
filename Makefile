# Keyplan — set-up, run, test. `make run` and `make test` create .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test lint bench check-qt-libs clean

$(INSTALLED): pyproject.toml
	@packaging/check-python.sh $(PYTHON)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,dev]"
	@touch $(INSTALLED)

## Start Keyplan (the demo portfolio on the first start).
run: $(INSTALLED)
	@packaging/check-qt-libs.sh display
	$(VENV)/bin/keyplan

## Run the test suite (offscreen: no display needed).
test: $(INSTALLED)
	@packaging/check-qt-libs.sh offscreen
	$(PY) -m pytest

lint: $(INSTALLED)
	$(VENV)/bin/ruff check app tests
	$(VENV)/bin/ruff format --check app tests

## Speed and memory figures (see ../shared/BENCHMARKS.md); never part of `make test`.
bench: $(INSTALLED)
	@for script in tests/benchmarks/bench_*.py; do \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) build dist app/*.egg-info .pytest_cache .ruff_cache
