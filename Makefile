# Qantar: `make dataset` builds the release, `make test` runs every test. Both install what is
# missing first (npm ci from package-lock.json, only when node_modules is absent or older).
.DEFAULT_GOAL := help
SHELL := /bin/bash
NPM_STAMP := node_modules/.package-lock.json
TSX := node_modules/.bin/tsx

.PHONY: help dataset validate test check format clean stages

help: ## list the targets
	@echo "Qantar dataset: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 12

# npm ci writes node_modules/.package-lock.json; reinstall when the lockfile is newer.
$(NPM_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

dataset: $(NPM_STAMP) ## install what is missing, build every stage, publish build/release/
	@$(TSX) pipeline/cli.ts build

validate: $(NPM_STAMP) ## check the inputs (YAML, raw texts) without publishing; JSON=1 for JSON
	@$(TSX) pipeline/cli.ts validate $(if $(JSON),--json)

stages: $(NPM_STAMP) ## list the pipeline's stages
	@$(TSX) pipeline/cli.ts stages

test: $(NPM_STAMP) ## install what is missing, run every test and the typecheck
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/vitest run $(VITEST_ARGS)

check: $(NPM_STAMP) ## typecheck and formatting check
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/prettier --check .

format: $(NPM_STAMP) ## rewrite files in the house format
	node_modules/.bin/prettier --write .

clean: ## remove build/
	rm -rf build
