# Two commands do everything on a fresh machine (see README):
#   make serve   set up, build both languages and serve them with live reload
#   make test    set up (Python venv, Debian's Chromium, npm tools) and run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve check test lint lint-js browser clean bench words

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# npm tools: esbuild bundles the checklist's modules at build time; TypeScript and ESLint check
# them; the rest test (axe-core, Lighthouse, the Nu HTML checker, puppeteer-core for Firefox).
# Nothing from npm ships in the site, and no browser is downloaded.
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ProperDocs (the maintained fork of MkDocs 1.6) in its own venv, for the test that the site
# builds with it too: installed next to MkDocs it makes plugins print a "switch" banner.
$(PROPERDOCS_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet 'properdocs==1.6.7' -e .
	touch $@

site: $(STAMP) $(NODE_STAMP) ## build both languages into site/
	$(BIN)/python -m macros build

serve: $(STAMP) $(NODE_STAMP) ## serve both languages at http://127.0.0.1:8000/, rebuilding on every edit
	$(BIN)/python -m macros serve

check: $(STAMP) ## check the dataset only (seconds; used by pre-commit)
	$(BIN)/python -m macros check

# Browser tests drive Debian's Chromium (never a downloaded browser); Japanese fonts make the
# screenshots readable; Java runs the Nu HTML Checker. The core scenario also runs on WebKit
# (WebKitGTK's WebKitWebDriver and MiniBrowser, in a private Xvfb) and Firefox ESR (through
# puppeteer-core, from npm): tests/test_engines.py.
BROWSER_PACKAGES := chromium fonts-noto-cjk default-jre-headless webkit2gtk-driver xvfb xauth firefox-esr
browser:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null \
	    || ! fc-list :lang=ja 2>/dev/null | grep -q . \
	    || ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null \
	    || ! command -v xauth >/dev/null || ! command -v firefox-esr >/dev/null; then \
	  echo "Installing Debian's browsers (Chromium, WebKitGTK, Firefox ESR), fonts-noto-cjk, Xvfb and Java …"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m macros schema --check
	$(BIN)/python -m macros check

# The checklist's JavaScript: types (TypeScript over JSDoc, tsconfig.json) and lint (ESLint,
# eslint.config.mjs), both offline once npm ci has run.
lint-js: $(NODE_STAMP)
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/eslint --max-warnings=0 .

test: browser $(STAMP) $(NODE_STAMP) $(PROPERDOCS_STAMP) lint lint-js ## every check and test, browser included
	node --test tests/js/
	$(BIN)/python -m pytest

bench: $(STAMP) $(NODE_STAMP) browser ## benchmarks → benchmarks/RESULTS.md (minutes; QUICK=1 for a short run)
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick)

words: $(STAMP) ## after a content change: regenerate the search word lists (tests/search/words-*.yml)
	$(BIN)/python -m tests.search.words

clean:
	rm -rf site .site.* test-artifacts
