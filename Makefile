# Set-up and checks. Everything installs into .venv/ at the repo root, pinned by constraints.txt.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt

.PHONY: install install-test sample test lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) -e .

install-test: $(BIN)/python
	$(PIP) -e '.[test,spark]'

# The main job on the bundled sample corpus: ingest it into the embedded store (./eventwire.db), then print
# what the store holds (articles, events by type, most active actors) and the latest events.
sample: install
	$(BIN)/eventwire ingest samples/articles/ --summary

# The browser tests need Debian's chromium and chromium-driver: .ci/browser.sh installs them when missing
# (as root), and does nothing when they are there.
test: install-test
	.ci/browser.sh
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .hypothesis
