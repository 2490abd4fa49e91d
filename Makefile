# Two commands do everything on a fresh machine (see README):
#   make serve   set up, build both languages and serve them with live reload
#   make test    set up (Python venv, Debian's Chromium, npm tools) and run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve check test lint browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Test-only npm tools (axe-core, Lighthouse, the Nu HTML checker); nothing from npm ships in the site.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: $(STAMP) ## build both languages into site/
	$(BIN)/python -m macros build

serve: $(STAMP) ## serve both languages at http://127.0.0.1:8000/, rebuilding on every edit
	$(BIN)/python -m macros serve

check: $(STAMP) ## check the dataset only (seconds; used by pre-commit)
	$(BIN)/python -m macros check

# Browser tests drive Debian's Chromium (never a downloaded browser); Japanese fonts make the
# screenshots readable.
browser:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=ja 2>/dev/null | grep -q .; then \
	  echo "Installing Debian's chromium and fonts-noto-cjk …"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m macros schema --check
	$(BIN)/python -m macros check

test: $(STAMP) $(NODE_STAMP) browser lint ## every check and test, browser included
	node --test tests/js/
	$(BIN)/python -m pytest

clean:
	rm -rf site .site.* test-artifacts
