PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# make serve: the edge listens on PORT (8080 unless given), gunicorn on APP_PORT.
EDGE_PORT := $(if $(filter file,$(origin PORT)),8080,$(PORT))
APP_PORT ?= 8000

.PHONY: run serve manage bench test-edge install install-test test test-fast lint format messages clean bench-search check-wheel docs-screenshots openapi swagger-ui

# Create the virtual environment and install the project (again when pyproject.toml changes),
# with the cookie audit's Playwright (the `audit` extra): make run's demo has the audit.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[audit]"
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# The browser tests and the cookie audit drive Debian's Chromium (Playwright cannot download
# browsers here), or the one COOKIE_AUDIT_CHROMIUM names.
COOKIE_AUDIT_CHROMIUM ?= /usr/bin/chromium
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "The browser tests need Chromium: sudo apt-get install -y chromium"; exit 1; \
	fi

# Debian packages a target needs: installed with apt when run as root, otherwise it says how.
define debian_packages
	@missing=""; \
	for package in $(1); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
			|| missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "This needs Debian packages:$$missing. Install them: sudo apt-get install -y$$missing"; \
			exit 1; \
		fi; \
	fi
endef

EDGE_PACKAGES := varnish varnish-modules
SERVE_PACKAGES := $(EDGE_PACKAGES) redis-server
# systemd-analyze checks the units in deploy/systemd/.
TEST_PACKAGES := $(SERVE_PACKAGES) systemd

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

## make run: install, migrate, load the seed content, create demo accounts, serve on
## 127.0.0.1:8000 (PORT=8001 or HOST=0.0.0.0 to change) and publish scheduled changes every minute.
# The admin's links (and the approval workflow's e-mails) name the port the site really uses.
run: export PORT := $(PORT)
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_site
	$(BIN)/python manage.py rebuild_search_entries
	$(BIN)/python manage.py create_demo_accounts
	@# Scheduled changes go live while the site runs; the loop stops with the server.
	$(BIN)/python manage.py publish_scheduled_loop & loop=$$!; \
	trap 'kill $$loop 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make serve: the production stack from this checkout under supervisor: Varnish on
## 127.0.0.1:8080 (PORT=) in front of gunicorn on 127.0.0.1:8000 (APP_PORT=), PostgreSQL
## database dmj_policy, its own Redis on 127.0.0.1:6380 (REDIS_PORT=, or REDIS_URL=).
REDIS_PORT ?= 6380
serve: install
	$(call debian_packages,$(SERVE_PACKAGES))
	$(BIN)/python -m deploy.serve --port $(EDGE_PORT) --app-port $(APP_PORT) --redis-port $(REDIS_PORT)

## make manage ARGS="createsuperuser": any management command with make serve's environment
## (its settings, database, Redis and secrets), whether or not it runs.
manage: install
	$(BIN)/python -m deploy.manage --serve --port $(EDGE_PORT) --redis-port $(REDIS_PORT) $(ARGS)

## make bench: requests per second of the French policy page from nginx, the edge, the app and
## a bare Django view (database dmj_bench, free ports; runs beside make serve).
bench: install
	$(call debian_packages,$(EDGE_PACKAGES) wrk nginx)
	$(BIN)/python -m deploy.bench.run

## make test-edge: the edge's VCL against the app's contract (varnishtest, no app needed).
# The VCL gets the site's languages and query parameters from the settings
# (manage.py edge_vcl); each test fills in its own ports (${policy_vcl}).
test-edge: install
	$(call debian_packages,$(EDGE_PACKAGES))
	mkdir -p build/edge
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py edge_vcl --facts-only > build/edge/policy.vcl
	varnishtest -j4 -q -Dpolicy_vcl=$(CURDIR)/build/edge/policy.vcl deploy/varnish/tests/*.vtc

## make test: install what the tests need and run them (PostgreSQL on 127.0.0.1:5432 unless
## DATABASE_URL says otherwise, Redis on 127.0.0.1:6379 unless REDIS_URL does, Chromium at
## /usr/bin/chromium unless COOKIE_AUDIT_CHROMIUM does).
# axe-core, which the browser tests inject into pages to check accessibility.
tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

# One test process per CPU; tests/conftest.py groups the tests and keeps the groups in order.
XDIST := -n auto --dist loadgroup --no-loadscope-reorder

## The production stack's tests start Varnish (tests/test_production_stack.py) and use Redis.
test: install-test $(COOKIE_AUDIT_CHROMIUM) tests/browser/node_modules/axe-core/axe.min.js
	$(call debian_packages,$(TEST_PACKAGES))
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

## make test-fast: the tests that start neither Chromium nor the production stack, for while
## you work, with 100 generated requests per fuzz test instead of 500 (-m browser, -m stack:
## the others; make test: all of them), one process per CPU.
test-fast: install-test
	FUZZ_EXAMPLES=100 $(BIN)/python -m pytest -m "not browser and not stack" $(XDIST) $(PYTEST_ARGS)

## make bench-search: time the site search with 1,000 policy pages per language (PostgreSQL, throwaway database bench_search).
bench-search: install
	$(BIN)/python -m search.bench

## make docs-screenshots: the guides' screenshots (docs/images/), taken in Chromium from the site
## `make run` serves on HOST:PORT. Each run publishes a demo change: use make run's database only.
docs-screenshots: install /usr/bin/chromium
	$(BIN)/python docs/screenshots.py --url http://$(HOST):$(PORT)

## make check-wheel: install the project as a wheel in a throwaway virtual environment and run it.
check-wheel:
	bash .ci/check-wheel

# Biome, which lints and formats the project's scripts and stylesheets (biome.jsonc).
BIOME := node_modules/.bin/biome
$(BIOME): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

lint: install-test $(BIOME)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --no-input
	$(BIOME) check --error-on-warnings

## make openapi: write the API's OpenAPI document again (docs/openapi.json), after changing the API.
openapi: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py openapi_document --output docs/openapi.json

## make swagger-ui: copy Swagger UI (the version package.json pins) into api/static/api/swagger-ui/,
## which is committed: the API's browsable page (/api/v2/docs/) needs no npm to run.
SWAGGER_UI := api/static/api/swagger-ui
swagger-ui: $(BIOME)
	mkdir -p $(SWAGGER_UI)
	@# Without their source maps: the maps are not shipped, and production's
	@# collectstatic would look for them.
	sed '/^\/\/# sourceMappingURL=/d' node_modules/swagger-ui-dist/swagger-ui-bundle.js > $(SWAGGER_UI)/swagger-ui-bundle.js
	sed 's|/\*# sourceMappingURL=[^*]*\*/||' node_modules/swagger-ui-dist/swagger-ui.css > $(SWAGGER_UI)/swagger-ui.css
	cp node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/NOTICE node_modules/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt $(SWAGGER_UI)/
	node -p 'require("./node_modules/swagger-ui-dist/package.json").version' > $(SWAGGER_UI)/VERSION

format: install-test $(BIOME)
	$(BIN)/python -m ruff check --fix .
	$(BIN)/python -m ruff format .
	$(BIOME) check --write

## make messages: refresh the interface translations after changing a template or a help text
## (every language in locale/; start a new one with manage.py makemessages --locale <code>).
messages: install
	$(BIN)/python manage.py makemessages --all --no-obsolete --no-location --ignore ".venv/*" --ignore "static/*" --ignore "node_modules/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*" --ignore "node_modules/*"

clean:
	rm -rf $(VENV) db.sqlite3 static node_modules tests/browser/node_modules
	@# What the tests write; the committed before/after screenshots stay.
	find artifacts -mindepth 1 -not -path 'artifacts/screenshots' -not -path 'artifacts/screenshots/before-after*' -delete 2>/dev/null || true
