# One command to run the app, one to run the tests; each sets up what it needs first.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run serve test setup setup-dev lint bench

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

serve: setup  ## the faster server for many learners: one uvicorn process
	$(PY) -m modules init-db
	$(VENV)/bin/uvicorn app:app --host 0.0.0.0 --port $(PORT)

test: setup-dev  ## set up (Python packages and Debian chromium), then run every test
	bash scripts/ensure-chromium.sh
	$(PY) -m pytest -q

lint: setup-dev
	$(VENV)/bin/ruff check .

bench: setup-dev
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done
