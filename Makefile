# Qantar: `make dataset` builds the release, `make test` runs every test. Both install what is
# missing first (npm ci from package-lock.json, only when node_modules is absent or older).
.DEFAULT_GOAL := help
SHELL := /bin/bash
NPM_STAMP := node_modules/.package-lock.json
TSX := node_modules/.bin/tsx
# The precompiled entry points (pipeline/bin/bundle.ts): plain node starts them without compiling
# TypeScript; rebuilt only when a source, the lockfile or the bundling script changed.
BIN := build/bin
BIN_STAMP := $(BIN)/.bundled
BIN_SOURCES := $(shell find pipeline notebooks -name '*.ts' -not -name '*.d.ts' 2>/dev/null)

.PHONY: help dataset add validate figures query diff snapshot serve test check format clean stages bench reliability-sheet reliability-compare annotate

# `make query SQL="..."` hands the SQL to the command through the environment, so any quoting works.
export SQL FILE URL ID FROM TO RELEASE DOC

help: ## list the targets
	@echo "Qantar dataset: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 12

# npm ci writes node_modules/.package-lock.json; reinstall when the lockfile is newer.
$(NPM_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

$(BIN_STAMP): $(NPM_STAMP) $(BIN_SOURCES) package-lock.json
	@$(TSX) pipeline/bin/bundle.ts
	@touch $(BIN_STAMP)

dataset: $(BIN_STAMP) ## install what is missing, build every stage, publish build/release/
	@node $(BIN)/cli.mjs build

# LANG is also the locale variable of every shell, so only a LANG given on make's command line is
# taken as the text's language; FILE, URL and ID go through the environment, so any quoting works.
add: $(BIN_STAMP) ## FILE=path [URL=...] [ID=...] [LANG=...] [ACTOR=...] [COUNTRY=...]: add a text (.txt, .md, .html) as a draft with suggestions; REDRAFT=id: write an uncoded draft again
	@QANTAR_ADD_FILE="$$FILE" QANTAR_ADD_URL="$$URL" QANTAR_ADD_ID="$$ID" QANTAR_ADD_REDRAFT="$$REDRAFT" \
	  QANTAR_ADD_ACTOR="$$ACTOR" QANTAR_ADD_COUNTRY="$$COUNTRY" \
	  QANTAR_ADD_LANG='$(if $(filter command line,$(origin LANG)),$(LANG))' node $(BIN)/add.mjs

validate: $(BIN_STAMP) ## check the inputs (YAML, raw texts) without publishing; JSON=1 for JSON
	@node $(BIN)/cli.mjs validate $(if $(JSON),--json)

annotate: $(BIN_STAMP) ## [DOC=<doc_id>] [PORT=...]: the annotation workbench on 127.0.0.1 (code, accept suggestions, save the YAML)
	@node $(BIN)/workbench-server.mjs

figures: $(BIN_STAMP) ## build the stages up to the figures (build/work/figures/<name>/)
	@node $(BIN)/cli.mjs figures

query: $(BIN_STAMP) ## SQL="..." read-only SQL on the release database; no SQL lists the tables
	@node $(BIN)/query.mjs

diff: $(BIN_STAMP) ## FROM=<version or release folder> [TO=...] [JSON=1]: what changed between two releases (TO: build/release)
	@node $(BIN)/diff-command.mjs diff $(if $(JSON),--json)

snapshot: $(BIN_STAMP) ## [RELEASE=build/release]: keep a published release's snapshot in releases/<version>/ for later diffs
	@node $(BIN)/diff-command.mjs snapshot

reliability-sheet: $(BIN_STAMP) ## write the blank blind-coding sheets of the reliability sample (raw/reliability/second/), never overwriting one
	@node $(BIN)/reliability-command.mjs sheet

reliability-compare: $(BIN_STAMP) ## freeze both codings' values of each newly complete blind coding in raw/reliability/units.yaml, never rewriting a frozen unit
	@node $(BIN)/reliability-command.mjs compare

serve: dataset ## serve the dataset page (build/site/) on 127.0.0.1 (PORT=8000)
	@$(TSX) pipeline/serve.ts

stages: $(BIN_STAMP) ## list the pipeline's stages
	@node $(BIN)/cli.mjs stages

test: $(NPM_STAMP) ## install what is missing (chromium too, as root on Debian), run every test and the typecheck
	@bash test/support/ensure-chromium.sh
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/vitest run $(VITEST_ARGS)

bench: $(NPM_STAMP) ## benchmark builds of 1x..1000x synthetic corpora (SIZES=1,10 to choose); build/bench/
	@$(TSX) pipeline/bench/run.ts

check: $(NPM_STAMP) ## typecheck and formatting check
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/prettier --check .

format: $(NPM_STAMP) ## rewrite files in the house format
	node_modules/.bin/prettier --write .

clean: ## remove build/
	rm -rf build
