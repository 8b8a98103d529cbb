# Two commands from a clean clone: `make demo` (the main job on built-in data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test test-fast test-slow lint bench
$(BIN)/qzxl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/qzxl
	$(BIN)/qzxl demo

test: $(BIN)/qzxl
	$(BIN)/python -m pytest

test-fast: $(BIN)/qzxl
	$(BIN)/python -m pytest -m "not slow"

test-slow: $(BIN)/qzxl
	$(BIN)/python -m pytest -m slow

lint: $(BIN)/qzxl
	$(BIN)/ruff check .

bench: $(BIN)/qzxl
	$(BIN)/python -m benchmarks.engine
	$(BIN)/python -m benchmarks.photos
	$(BIN)/python -m benchmarks.export
