# Two commands set up a fresh machine (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test test-postgres install lint demo-data chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo-data: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py loaddata demo
	$(DEV_ENV) $(BIN)/python manage.py rebuild_index --noinput
	$(DEV_ENV) $(BIN)/python manage.py create_demo_editor

run: demo-data
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

test: install chromium lint
	$(BIN)/pytest

# The same suite on PostgreSQL (installed and started by .ci/ensure-postgres if none runs).
POSTGRES_URL ?= postgres://postgres:postgres@127.0.0.1:5432/newsroom
test-postgres: install chromium
	.ci/ensure-postgres
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest
