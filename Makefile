# The digest: `make html` builds the site, `make test` runs every test.
# Both set up the virtual environment first (Python 3.11 or newer).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
PELICAN = $(BIN)/pelican
PELICANOPTS ?=

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py
PORT ?= 8000
STAMP = $(VENV)/.installed

ifeq ($(CI),true)
	PELICANOPTS += --fatal errors
endif

help:
	@echo 'Makefile for the digest'
	@echo ''
	@echo 'Usage:'
	@echo '   make html         set up, convert seeds/ and build the site into output/'
	@echo '   make test         set up and run the whole test suite'
	@echo '   make goldens      rewrite tests/cases/*/expected.md from the current code (then git diff tests/cases)'
	@echo '   make serve        serve output/ at http://localhost:$(PORT)'
	@echo '   make devserver    rebuild on every change (seeds/, content/, theme/) and serve'
	@echo '   make publish      build the site for publishing (publishconf.py)'
	@echo '   make bench        run the benchmarks (not part of make test)'
	@echo "   make train        rebuild the cleaners' and the headline ranker's models from ../shared (prints the validation table)"
	@echo "   make train-check  check that the shipped models are what make train writes (leaves them untouched)"
	@echo '   make clean        remove the built site and caches'
	@echo ''

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

setup: $(STAMP)

# Every Pelican build ends by indexing output/ for search (the digest_site
# plugin runs Pagefind), so `pelican content` alone also gives search.
html: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

publish: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

serve: $(STAMP)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

# `digest devserver` serves output/ and runs one build (which converts seeds/
# first) after every change to seeds/, content/, theme/, the vocabularies or
# the settings, one build after another so no change is missed. It owns the
# server and each build, so stopping make by any means leaves nothing running.
devserver: $(STAMP)
	$(BIN)/digest devserver -s $(CONFFILE) --content $(INPUTDIR) -o $(OUTPUTDIR) -p $(PORT) -- $(PELICANOPTS)

chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
	  else echo 'chromium is missing: apt-get install chromium (browser tests will be skipped)'; fi; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest $(PYTESTOPTS)

# Each case's golden is what `digest convert` writes for it today; after a
# deliberate change, `git diff tests/cases` shows what it did to every case.
goldens: $(STAMP)
	$(BIN)/python tests/goldens.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/quality_meta.py

train: $(STAMP)
	$(BIN)/python benchmarks/train_text.py
	$(BIN)/python benchmarks/train_html.py
	$(BIN)/python benchmarks/train_headline.py

train-check: $(STAMP)
	$(BIN)/python benchmarks/check_models.py

clean:
	rm -rf $(OUTPUTDIR) $(BASEDIR)/cache

.PHONY: help setup html publish serve devserver chromium test goldens bench train train-check clean
