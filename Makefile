# Keyplan — set-up, run, test. `make run` and `make test` create .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

BUNDLE_INSTALLED := $(VENV)/.installed-bundle

.PHONY: run test lint bench bundle check-qt-libs clean

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

## Style and the floors: ruff, the import contracts of pyproject.toml (import-linter), and
## the types of domain/ and store/ (mypy, configured in pyproject.toml).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check app tests
	$(VENV)/bin/ruff format --check app tests
	cd app && ../$(VENV)/bin/lint-imports ../pyproject.toml
	$(VENV)/bin/mypy

## Speed and memory figures (see ../shared/BENCHMARKS.md); never part of `make test`.
bench: $(INSTALLED)
	@for script in tests/benchmarks/bench_*.py; do \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

$(BUNDLE_INSTALLED): $(INSTALLED)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[bundle]"
	@touch $(BUNDLE_INSTALLED)

## Build the desktop application, one folder in dist/keyplan/ (PyInstaller; see packaging/).
bundle: $(BUNDLE_INSTALLED)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/keyplan.spec
	@echo "Bundle: dist/keyplan/, $$(du -sh dist/keyplan | cut -f1)," \
		"$$(find dist/keyplan -type f | wc -l | tr -d ' ') files"

clean:
	rm -rf $(VENV) build dist app/*.egg-info .pytest_cache .ruff_cache
