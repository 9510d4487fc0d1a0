# Two commands on a fresh machine: `make run` and `make test`. Both bootstrap .venv first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.yousaid-installed
PYTEST_ARGS ?=

.PHONY: run test venv system-deps screen-model lint typecheck check bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip wheel setuptools
	@# The CPU build of torch lies on this machine's disk; asking for it first keeps pip from
	@# resolving a multi-GB CUDA build for sentence-transformers.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# Headless Chromium for the page tests (Debian's package; Playwright drives it, it never downloads
# a browser). Best effort: without it those tests skip and say so.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "make: chromium not installed; browser tests will skip" >&2; }

# The screen's learned reader trains once per change to its labelled data (about half a minute)
# and is cached under YOUSAID_CACHE_DIR; doing it here means no process started later waits for it.
screen-model: venv
	@$(BIN)/python -c "from nlu.screen import default_screener; print('screen', default_screener().version)"

run: venv screen-model
	$(BIN)/yousaid run

# pytest exits 5 when it collected nothing: that is a broken suite, not a pass.
test: venv system-deps screen-model
	@$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$rc

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy consent nlu feedback_api bot

check: lint typecheck test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
