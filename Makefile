# Care Career Paths. `make run` serves the site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Local runs only: production sets its own DJANGO_SECRET_KEY and keeps HTTPS on.
RUN_ENV := DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-run-key-not-for-production} DJANGO_HTTPS=$${DJANGO_HTTPS:-0}

.PHONY: run test install lint format migrations-check css clean bench loadtest

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py load_content
	@echo "Care Career Paths: http://$(HOST):$(PORT)/"
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(VENV)/.installed static/build/main.css

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Care Career Paths needs Python 3.11 or newer; set PYTHON=python3.x")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 18 or newer"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

css static/build/main.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build:css

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(RUN_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Benchmark: gunicorn + wrk on 127.0.0.1, baseline view vs our pages, warm and cold (README: "Benchmark").
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Load test: gunicorn on PostgreSQL, wrk with 64 connections for 30 s; fails on any error (README: "Load test").
loadtest: install
	$(BIN)/python scripts/loadtest.py $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3
