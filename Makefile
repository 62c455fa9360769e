# The two commands of the README:
#   make run    set up, index the sample corpus, start the bot (or the terminal chat without a token)
#   make test   set up, then lint, type-check and run the whole test suite
# Both use an editable install for developers; the deploy (Procfile) runs `make deploy`'s wheel.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEPLOY_VENV ?= .venv-deploy
DEPLOY_BIN := $(DEPLOY_VENV)/bin
DEPLOY_STAMP := $(DEPLOY_VENV)/.installed-stamp
PACKAGE_SOURCES := $(shell find bot index -not -path '*/__pycache__*' \( -name '*.py' -o -type d \))
PYTHON ?= python3
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test lint bench deploy

setup: $(STAMP)

# Within constraints.txt: the package versions the documented figures were measured with.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
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

# What the Procfile's worker runs from: the wheel, built from a clean build/ (setuptools would
# otherwise package stale modules left there) and installed into its own venv, so the bot runs
# what the wheel holds, never the checkout. Rebuilt only when a source changed.
deploy: $(DEPLOY_STAMP)

$(DEPLOY_STAMP): pyproject.toml constraints.txt $(PACKAGE_SOURCES)
	test -x $(DEPLOY_BIN)/python || $(PYTHON) -m venv $(DEPLOY_VENV)
	$(DEPLOY_BIN)/python -m pip install --quiet --upgrade pip
	rm -rf build dist
	$(DEPLOY_BIN)/python -m pip wheel --quiet --no-deps -w dist .
	$(DEPLOY_BIN)/python -m pip uninstall --quiet --yes newsbot
	$(DEPLOY_BIN)/python -m pip install --quiet -c constraints.txt dist/newsbot-*.whl
	touch $(DEPLOY_STAMP)

# Benchmarks are not tests: they take about an hour and print docs/benchmarks.md's figures
# (bench/README.md lists each command).
bench: setup
	$(BIN)/python -m bench.retrieval
	$(BIN)/python -m bench.retrieval --rrf-k 60 --dense-weight 1 --modes hybrid
	$(BIN)/python -m bench.retrieval --no-dedup --modes hybrid
	$(BIN)/python -m bench.answers
	$(BIN)/python -m bench.notfound
	$(BIN)/python -m bench.attribution --max-quotes 1,2,3,4,5,6
	$(BIN)/python -m bench.speed_build
	$(BIN)/python -m bench.speed_search --threads
	$(BIN)/python -m bench.speed_memory
	$(BIN)/python -m bench.input_limits
	$(BIN)/python -m bench.speed_during_build
