PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve install install-test test lint format messages clean

# Create the virtual environment and install the project (again when pyproject.toml changes).
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

## make run: install, migrate, load the seed content, create a local admin, serve on 127.0.0.1:8000.
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_site
	$(BIN)/python manage.py create_local_admin
	$(BIN)/python manage.py runserver $(HOST)

## make test: install what the tests need and run them (PostgreSQL on 127.0.0.1:5432 unless DATABASE_URL says otherwise).
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --no-input

format: install-test
	$(BIN)/python -m ruff check --fix .
	$(BIN)/python -m ruff format .

## make messages: refresh the interface translations after changing a template or a help text.
messages: install
	$(BIN)/python manage.py makemessages --locale fr --no-obsolete --no-location --ignore ".venv/*" --ignore "static/*"
	$(BIN)/python manage.py compilemessages --locale fr --ignore ".venv/*"

clean:
	rm -rf $(VENV) db.sqlite3 static
