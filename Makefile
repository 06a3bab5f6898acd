# Two commands set everything up on a fresh machine (Python 3.11, make, node/npm, apt-get):
#   make demo   virtual environment + package, then `ptce-graph demo` on the bundled dataset
#   make test   everything the tests need (Cypher front-end, Chromium, FalkorDB), then the suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install test-tools chromium libreoffice lint benchmark clean screenshots

demo: $(STAMP)
	$(BIN)/ptce-graph demo

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Neo4j's own Cypher front-end (npm), used to check every Cypher text the project holds.
node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium, for the browser tests of the views.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's LibreOffice Calc without its GUI, for the tests that re-save workbooks as a user's
# spreadsheet program does (templates and survey questionnaires).
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui >/dev/null; }

test-tools: $(STAMP) node_modules/.installed chromium libreoffice

test: test-tools
	$(BIN)/python -m pytest tests ptce_graph

lint: $(STAMP)
	$(BIN)/ruff check ptce_graph tests benchmarks

# Figures and ratios, printed (never asserted): see benchmarks/README.md.
benchmark: test-tools
	$(BIN)/python benchmarks/analyze_bench.py --poles 1800 --seed 1
	$(BIN)/python benchmarks/store_bench.py
	$(BIN)/python benchmarks/views_bench.py
	$(BIN)/python benchmarks/recommend_bench.py
	$(BIN)/python benchmarks/survey_bench.py

# Pictures of the four views and the report (regional demo, French, 1400x1000) under
# docs/screenshots/, as the README shows them; look at them after any change to views/ or report.
screenshots: test-tools
	$(BIN)/python docs/screenshots.py out/screenshots

clean:
	rm -rf $(VENV) node_modules out .pytest_cache
