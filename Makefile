# Two commands set everything up on a fresh machine (Python 3.11, make, node/npm, apt-get):
#   make demo   virtual environment + package, then `ptce-graph demo` on the bundled dataset
#   make test   everything the tests need (Cypher front-end, Chromium, FalkorDB, Neo4j + GDS
#               jars via Maven, a JDK), then the suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install test-tools chromium libreoffice lint benchmark clean screenshots \
	messages neo4j-jars neo4j java

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

# Neo4j 5.26 + Graph Data Science 2.13 for the store tests, `make neo4j` and the benchmark:
# the versions are pinned in tools/neo4j/pom.xml; Maven copies the jars into .cache/neo4j
# (ignored, never committed). A JDK 17 and Maven come from apt when missing.
NEO4J_CACHE := .cache/neo4j
NEO4J_STAMP := $(NEO4J_CACHE)/.fetched

java:
	@{ command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jdk-headless maven >/dev/null; }

$(NEO4J_STAMP): tools/neo4j/pom.xml $(shell find tools/neo4j/src -type f)
	$(MAKE) java
	rm -rf $(NEO4J_CACHE)/lib $(NEO4J_CACHE)/plugins
	mvn -B -q -f tools/neo4j/pom.xml package
	touch $@

neo4j-jars: $(NEO4J_STAMP)

# A local Neo4j with GDS for an analyst, in the foreground (data in .cache/neo4j/server).
neo4j: $(STAMP) neo4j-jars
	$(BIN)/python tools/neo4j/neo4j_server.py


# Debian's LibreOffice Calc without its GUI, for the tests that re-save workbooks as a user's
# spreadsheet program does (templates and survey questionnaires).
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui >/dev/null; }

test-tools: $(STAMP) node_modules/.installed chromium libreoffice neo4j-jars

test: test-tools
	$(BIN)/python -m pytest tests ptce_graph

# The French catalogue gets every new message of the code (msgstr empty), then lists those
# without French: see the top of ptce_graph/i18n.py.
messages: $(STAMP)
	$(BIN)/python tools/messages.py

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
