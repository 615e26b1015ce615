# SCN Online Hub. `make run` starts everything locally; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
UV ?= uv
export DJANGO_SETTINGS_MODULE ?= hub.settings.dev

.PHONY: run test setup venv node system-deps test-system-deps database demo messages \
	compilemessages static lint typecheck format lock clean

$(BIN)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	touch $@

venv: $(BIN)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.installed

# Debian packages: gettext (compilemessages) and the Noto fonts (demo PDFs, Arabic too) for
# `make run`; Chromium as well for the browser tests. Each is installed only when missing.
system-deps:
	@bash scripts/system-deps.sh run

test-system-deps:
	@bash scripts/system-deps.sh test

database: venv
	$(MANAGE) ensure_database
	$(MANAGE) migrate --no-input

compilemessages: venv system-deps
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

static: venv node
	$(MANAGE) collectstatic --no-input -v 0

setup: system-deps venv database compilemessages static
	$(MANAGE) load_scn_data
	$(MANAGE) load_programme_profiles
	$(MANAGE) load_programme_events
	$(MANAGE) load_training_modules

demo: setup
	$(MANAGE) seed_demo
	$(MANAGE) seed_demo_library
	$(MANAGE) seed_demo_profiles
	$(MANAGE) seed_demo_training
	$(MANAGE) seed_demo_events

run: demo
	@echo ""
	@echo "  SCN Online Hub: http://localhost:$${HUB_PORT:-8000}/   (Ctrl-C stops web, worker and beat)"
	@echo ""
	$(BIN)/honcho start -f Procfile.dev

# The suite runs in TEST_WORKERS processes (pytest-xdist), each with its own test database and
# Redis database; `make test TEST_WORKERS=0` runs it in one.
TEST_WORKERS ?= 3
test: test-system-deps venv node compilemessages
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Refresh the .po files after changing user-facing strings, then translate the new entries.
messages: venv
	$(MANAGE) makemessages -l fr -l ar --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

# mypy with the django-stubs plugin (settings in pyproject.toml; strict on the modules that hold
# services, selectors, permissions, search and tasks).
typecheck: venv
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin the dependencies after editing pyproject.toml (needs uv: `pip install uv`).
lock:
	$(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 --no-header -o requirements/base.txt
	$(UV) pip compile pyproject.toml --group test --group dev --generate-hashes --python-version 3.11 --no-header -o requirements/dev.txt

clean:
	rm -rf $(VENV) node_modules staticfiles .celerybeat-schedule*
