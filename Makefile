# Quick start: `make serve` (build and serve on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install build serve test lint format validate clean

$(STAMP): requirements.txt pyproject.toml
	sh scripts/system-deps.sh build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

install: $(STAMP)

build: install
	$(BIN)/mkdocs build --strict

serve: build
	@echo "เปิด http://$(HOST):$(PORT)/ ในเบราว์เซอร์ (Ctrl+C เพื่อหยุด)"
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory site

validate: install
	$(BIN)/bestservice validate

lint: install
	$(BIN)/ruff check bestservice bestservice_mkdocs scripts tests
	$(BIN)/ruff format --check bestservice bestservice_mkdocs scripts tests

format: install
	$(BIN)/ruff format bestservice bestservice_mkdocs scripts tests
	$(BIN)/ruff check --fix bestservice bestservice_mkdocs scripts tests

test: install
	sh scripts/system-deps.sh test
	$(MAKE) lint
	$(BIN)/bestservice validate
	$(BIN)/python -m pytest -q -n auto --dist loadfile

clean:
	rm -rf site $(VENV) .pytest_cache .cache

# The site without MkDocs plugins: build/staging is a complete site source (bestservice pages --out),
# built here by MkDocs + Material with no plugin, or by Material's successor Zensical (README: "when Material stops").
.PHONY: stage build-staged build-zensical
stage: install
	$(BIN)/bestservice pages --out build/staging

build-staged: stage
	$(BIN)/mkdocs build --strict --config-file build/staging/mkdocs.yml

build-zensical: stage
	$(BIN)/zensical build --clean --config-file build/staging/mkdocs.yml

# Build benchmark (not part of `make test`): SIZES=100,1000 make benchmark
SIZES ?= 100,1000,5000
.PHONY: benchmark
benchmark: install
	$(BIN)/python scripts/benchmark.py --sizes $(SIZES)
