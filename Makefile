# Two commands from a clean clone: `make demo` (the main job on built-in data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test test-fast test-slow lint bench windows-bundle
$(BIN)/qzxl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/qzxl
	$(BIN)/qzxl demo

test: $(BIN)/qzxl
	$(BIN)/python -m pytest

# The fast suite: neither marker, a quarter of each property test's examples (hypothesis profile "fast").
test-fast: $(BIN)/qzxl
	$(BIN)/python -m pytest -m "not slow and not libreoffice" --hypothesis-profile=fast

# The rest: the LibreOffice tests and the long ones. `make test` runs both suites, every example.
test-slow: $(BIN)/qzxl
	$(BIN)/python -m pytest -m "slow or libreoffice"

lint: $(BIN)/qzxl
	$(BIN)/ruff check .

bench: $(BIN)/qzxl
	$(BIN)/python -m benchmarks.engine
	$(BIN)/python -m benchmarks.photos
	$(BIN)/python -m benchmarks.export

# dist/qzxl-windows-<version>.zip, the clerk's offline installer (README, "Making a release"): the qzxl wheel and
# every dependency as a win_amd64 wheel for each supported Python, resolved by uv for the Windows target; the
# guide as PDF by Markdown -> HTML (python-markdown) -> PDF (LibreOffice Writer headless), release/guide_pdf.py.
# PYTHONS="3.13 3.14" makes a smaller bundle for those Pythons only.
windows-bundle: $(BIN)/qzxl
	$(BIN)/python -m release.windows_bundle --out dist $(if $(PYTHONS),--pythons $(PYTHONS))
