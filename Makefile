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

.PHONY: help deps run dev test test-backend test-extension test-e2e redis browser node-deps eval bench clean

help:
	@echo "make run     start the backend on $(HOST):$(PORT) (PORT=... to change)"
	@echo "make test    run every test (backend, extension unit, end-to-end)"
	@echo "make dev     run the backend with the reloader"
	@echo "make eval    print the quality figures beside the published ones"
	@echo "make bench   print the speed figures"

# --- installation: each step runs only when something is missing ---------

$(VENV)/.installed: backend/requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r backend/requirements.txt
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

# --timeout 120: a body at the 5 MB limit takes tens of seconds to analyse;
# gunicorn's default 30 s would kill the worker and the client would get no JSON.
run: deps
	cd backend && exec ../$(VENV)/bin/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) \
	  --preload --timeout 120 --access-logfile - "sidenote:create_app()"

dev: deps
	cd backend && exec ../$(VENV)/bin/flask --app 'sidenote:create_app()' run --reload --host $(HOST) --port $(PORT)

# --- checking ------------------------------------------------------------

# pytest first: the Firefox test in tests/extension serves the backend on
# the extension's default port, 8765, once pytest's servers are gone.
test: deps redis browser node-deps
	$(PY) -m pytest tests/backend tests/e2e
	cd tests/extension && node --test

test-backend: deps redis
	$(PY) -m pytest tests/backend

eval: deps
	$(PY) backend/eval/run_all.py

bench: deps redis
	$(PY) backend/bench/bench.py

clean:
	rm -rf $(VENV) tests/extension/node_modules test-output .pytest_cache
