# One command to run the app, one to run the tests; each sets up what it needs first.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run dev serve test setup setup-dev lint bench

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

run: setup  ## set up, then serve the course on http://localhost:$(PORT)
	$(PY) -m modules init-db
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

dev: setup  ## like run, but the app reloads when a source file is saved (development only)
	$(PY) -m modules init-db
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

PROCESSES ?= $(shell nproc 2>/dev/null || echo 1)

serve: setup  ## serve a batch: PROCESSES uvicorn processes (default one per core) behind HAProxy, supervised
	@command -v haproxy >/dev/null || { echo "haproxy is missing: apt-get install haproxy"; exit 1; }
	$(PY) scripts/serve.py --processes $(PROCESSES) --port $(PORT)

test: setup-dev  ## set up (Python packages and Debian chromium), then run every test
	bash scripts/ensure-chromium.sh
	$(PY) -m pytest -q

lint: setup-dev
	$(VENV)/bin/ruff check .

bench: setup-dev
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done
