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
	@echo '   make serve        serve output/ at http://localhost:$(PORT)'
	@echo '   make devserver    rebuild on every change (seeds/, content/, theme/) and serve'
	@echo '   make publish      build the site for publishing (publishconf.py)'
	@echo '   make bench        run the benchmarks (not part of make test)'
	@echo '   make train-html   retrain the HTML block model from ../shared (about 5 min)'
	@echo '   make clean        remove the built site and caches'
	@echo ''

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

setup: $(STAMP)

html: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)
	$(BIN)/python -m pagefind --site $(OUTPUTDIR) --quiet

publish: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)
	$(BIN)/python -m pagefind --site $(OUTPUTDIR) --quiet

serve: $(STAMP)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

# Pelican watches content/ and theme/; `digest watch` converts seeds/ into
# content/ on every change there, and Pelican rebuilds from that.
devserver: $(STAMP)
	$(BIN)/digest watch -s $(CONFFILE) & trap 'kill $$!' EXIT INT TERM; \
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
	  else echo 'chromium is missing: apt-get install chromium (browser tests will be skipped)'; fi; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest $(PYTESTOPTS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

train-html: $(STAMP)
	$(BIN)/python benchmarks/train_html.py

clean:
	rm -rf $(OUTPUTDIR) $(BASEDIR)/cache

.PHONY: help setup html publish serve devserver chromium test bench train-html clean
