# The two commands of the README:
#   make run    set up, index the sample corpus, start the bot (or the terminal chat without a token)
#   make test   set up, then lint, type-check and run the whole test suite
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test lint bench

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/newsbot index
	@if [ -n "$$DISCORD_TOKEN" ]; then exec $(BIN)/newsbot run; else exec $(BIN)/newsbot chat; fi

lint: setup
	$(BIN)/ruff check bot index tests bench
	$(BIN)/ruff format --check bot index tests bench
	$(BIN)/mypy bot index

test: lint
	$(BIN)/pytest -q

# Benchmarks are not tests: they take minutes and write docs/benchmarks.md's figures.
bench: setup
	$(BIN)/python -m bench.retrieval
	$(BIN)/python -m bench.answers
	$(BIN)/python -m bench.attribution
	$(BIN)/python -m bench.speed
