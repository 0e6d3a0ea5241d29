# balai: `make run` starts the demo platform, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BALAI := $(BIN)/balai
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-e2e test-cluster demo-cluster system-packages lint bench bench-photos bench-queue messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

## run: the platform on SQLite with the demo city, web server + worker (Ctrl-C stops both)
# The demo logins work with their password alone: two-step verification is offered, not
# required (production default: STAFF_2FA=required).
run: export STAFF_2FA ?= optional
run: $(VENV)/.installed
	@mkdir -p var
	$(BALAI) migrate --noinput
	$(BALAI) demo --if-empty
	$(BALAI) serve --with-worker --bind 127.0.0.1:8000

## system-packages: Debian's Chromium (browser tests) and poppler-utils (the PDF tests read
## letters with pdftotext and pdftoppm), installed when this runs as root with apt-get;
## otherwise the tests that need them are skipped with the reason.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -y -q
system-packages:
	@if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing chromium and poppler-utils for the browser and PDF tests (apt-get)"; \
	  $(APT_GET) install chromium poppler-utils >/dev/null 2>&1 \
	    || { $(APT_GET) update >/dev/null 2>&1 && $(APT_GET) install chromium poppler-utils >/dev/null 2>&1; } \
	    || echo "Could not install chromium and poppler-utils: the tests that need them will be skipped."; \
	else \
	  echo "chromium or poppler-utils is missing (apt-get install chromium poppler-utils as root):"; \
	  echo "the tests that need them will be skipped."; \
	fi

## test: unit, integration and browser tests (installs Chromium and poppler-utils when it can;
## a test whose program is missing is skipped with the reason)
test: system-packages $(VENV)/.installed-test
	$(BIN)/pytest

test-e2e: system-packages $(VENV)/.installed-test
	$(BIN)/pytest -m e2e

## test-cluster: the scale-out scenario (issue 21) as a test: moto's S3 server, two
## `balai serve` and two `balai worker` on the machine's PostgreSQL and Redis, driven over
## HTTP (balai/core/tests/test_cluster.py). CLUSTER_TEMPLATE_DB copies a database that
## holds the demo already (CI's); without it the demo is built first (minutes). Then two
## installations on their own databases (issue 22): the province's `balai serve` on a
## fresh PostgreSQL database, the city in the test (balai/forwarding/tests/test_two_installations.py).
CLUSTER_TEMPLATE_DB ?=
test-cluster: $(VENV)/.installed-test
	BALAI_CLUSTER=1 CLUSTER_TEMPLATE_DB=$(CLUSTER_TEMPLATE_DB) \
	  $(BIN)/pytest -p no:cacheprovider -s balai/core/tests/test_cluster.py \
	  balai/forwarding/tests/test_two_installations.py

## demo-cluster: the same processes for a person to try (Ctrl-C stops them all)
demo-cluster: $(VENV)/.installed-test
	CLUSTER_TEMPLATE_DB=$(CLUSTER_TEMPLATE_DB) $(BIN)/python -m balai.core.cluster

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BALAI) makemigrations --check --dry-run

## bench: benchmarks that print figures (docs/performance.md); the HTTP one needs wrk,
## the scale and sweep ones a PostgreSQL server (BENCH_PG, default postgres://postgres@127.0.0.1:5432)
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench: $(VENV)/.installed-test
	$(BIN)/python bench/locate.py
	$(BIN)/python bench/documents.py
	@if command -v wrk >/dev/null; then $(BIN)/python bench/complaints_http.py; \
	  else echo "bench/complaints_http.py skipped: install wrk (apt-get install wrk)"; fi
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(BENCH_PG)/postgres').close()" \
	  2>/dev/null; then BENCH_PG=$(BENCH_PG) $(BIN)/python bench/scale.py \
	    && BENCH_PG=$(BENCH_PG) $(BIN)/python bench/sweep.py \
	    && BENCH_PG=$(BENCH_PG) $(BIN)/python bench/market_search.py; \
	  else echo "bench/scale.py, sweep.py, market_search.py skipped: no PostgreSQL at $(BENCH_PG)"; fi

## bench-queue: the task queue on the database (balai's default) against RQ on Redis (issue
## 21): enqueue cost, drain rate, latency and idle cost of each (docs/performance.md, "Queue").
## Needs PostgreSQL (BENCH_PG) and Redis (BENCH_REDIS, default redis://127.0.0.1:6379/14).
bench-queue: $(VENV)/.installed-test
	$(BIN)/pip install -q -e ".[rq]"
	BENCH_PG=$(BENCH_PG) $(BIN)/python bench/task_queue.py

## bench-photos: photos at 50/s sustained (issue 21): `balai serve` + `balai worker` on
## PostgreSQL under a paced load, the backlog over time and the time to publication.
## Minutes of full load: not part of `make bench` nor of CI. PHOTOS_SECONDS shortens it.
PHOTOS_RATE ?= 50
PHOTOS_SECONDS ?= 300
bench-photos: $(VENV)/.installed-test
	BENCH_PG=$(BENCH_PG) $(BIN)/python bench/photos_rate.py --rate $(PHOTOS_RATE) \
	  --duration $(PHOTOS_SECONDS)

## messages: refresh and compile the translations (needs GNU gettext)
messages: $(VENV)/.installed
	cd balai && ../$(BALAI) makemessages -l id -l en --ignore='*/tests/*' && ../$(BALAI) compilemessages

## check-deploy: Django's deployment checklist with production-like values
check-deploy: $(VENV)/.installed
	DEBUG=0 SECRET_KEY=ci-$$(date +%s)-a-long-random-secret-key-for-the-deploy-check-only \
	  ALLOWED_HOSTS=balai.example.go.id SITE_URL=https://balai.example.go.id \
	  SECURE_SSL_REDIRECT=1 SECURE_HSTS_SECONDS=31536000 BEHIND_PROXY=1 \
	  SECURE_HSTS_INCLUDE_SUBDOMAINS=1 SECURE_HSTS_PRELOAD=1 \
	  $(BALAI) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
