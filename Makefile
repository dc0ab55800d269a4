# Connecticut school-rights assistant. `make help` lists the commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_API ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
PYTHON_BOT ?= $(shell pyenv root 2>/dev/null)/versions/$(shell pyenv versions --bare 2>/dev/null | grep '^3\.10' | tail -1)/bin/python
ifeq ($(wildcard $(PYTHON_BOT)),)
PYTHON_BOT := $(shell command -v python3.10)
endif

API := .venv/bin/python
BOT := .venv-bot/bin/python
export RASA_TELEMETRY_ENABLED := false

.PHONY: help
help: ## List the commands
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  make %-12s %s\n", $$1, $$2}'

# ------------------------------------------------------------------ environments
.venv/.installed: pyproject.toml
	test -x $(API) || $(PYTHON_API) -m venv .venv
	$(API) -m pip install -q --upgrade pip
	$(API) -m pip install -q -e '.[dev]'
	touch $@

.venv-bot/.installed: bot/requirements.txt
	test -x $(BOT) || $(PYTHON_BOT) -m venv .venv-bot
	$(BOT) -m pip install -q --upgrade pip 'setuptools<71' wheel
	$(BOT) -m pip install -q -r bot/requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk; \
	else echo "Install Chromium first: sudo apt-get install chromium fonts-noto-core fonts-noto-cjk"; exit 1; fi

.PHONY: install
install: .venv/.installed .venv-bot/.installed ## Build both environments (api: .venv, bot: .venv-bot)

.PHONY: install-test-tools
install-test-tools: node_modules/.installed /usr/bin/chromium ## axe-core and Chromium, for the browser tests

.PHONY: model
model: install ## Train the Rasa model if its inputs changed (cached by their hash)
	$(API) -m tools.model ensure

# ------------------------------------------------------------------ run
.PHONY: run
run: model ## Run the assistant on this machine and print its URL
	$(API) -m tools.stack

.PHONY: admin
admin: .venv/.installed ## Create a console admin for every district: make admin NAME=jsmith
	$(API) -m api.cli staff add "$${NAME:-admin}" --role admin --all-districts

.PHONY: retrain
retrain: install ## Retrain with the console's reviewed examples; before/after -> docs/retrain.md
	$(API) -m tools.retrain

.PHONY: screenshots
screenshots: model install-test-tools ## Screenshots of the widget (en, es, ar) and the review console -> docs/
	$(API) -m tools.screenshots

.PHONY: sms-demo
sms-demo: .venv/.installed ## Text the running assistant from this terminal (needs `make run`)
	$(API) -m tools.sms_demo

# ------------------------------------------------------------------ checks
# PostgreSQL and Redis on this machine (127.0.0.1), for the scaled configuration's tests.
TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/assistant_test

.PHONY: test
test: install install-test-tools lint validate locales-check model ## Run every check and test (what CI runs)
	$(API) -m pytest -q
	$(MAKE) --no-print-directory test-postgres

.PHONY: test-unit
test-unit: .venv/.installed ## Unit and contract tests only (no Rasa needed)
	$(API) -m pytest -q -m 'not integration'

.PHONY: test-postgres
test-postgres: .venv/.installed ## The unit and contract tests again, on PostgreSQL instead of SQLite
	$(API) -m tools.testdb "$(TEST_POSTGRES_URL)"
	ASSISTANT_TEST_DATABASE_URL="$(TEST_POSTGRES_URL)" $(API) -m pytest -q -m 'not integration'

.PHONY: bench
bench: model ## Latency and throughput, api vs direct Rasa, and the soak -> docs/performance.md
	$(API) -m tools.bench

.PHONY: lint
lint: .venv/.installed ## ruff, ruff format --check, mypy --strict on api/
	$(API) -m ruff check .
	$(API) -m ruff format --check .
	$(API) -m mypy

.PHONY: validate
validate: install ## rasa data validate --fail-on-warnings; generated bot files up to date
	$(API) tools/gen_bot.py --check
	cd bot && PYTHONPATH=$(CURDIR) ../$(BOT) -m rasa data validate --fail-on-warnings --domain domain.yml --data ../data --config config.yml

.PHONY: eval
eval: model ## NLU cross-validation and held-out figures -> docs/quality.md
	$(API) -m tools.evaluate

# ------------------------------------------------------------------ content
.PHONY: bot-files
bot-files: .venv/.installed ## Regenerate bot/domain.yml and data/rules from content/topics.yml
	$(API) tools/gen_bot.py

.PHONY: locales
locales: .venv/.installed ## Extract messages and update every catalog (gettext workflow)
	$(API) -m tools.i18n extract
	$(API) -m tools.i18n update

.PHONY: locales-check
locales-check: .venv/.installed ## Fail if a catalog is stale, untranslated or malformed
	$(API) -m tools.i18n check

.PHONY: translations
translations: .venv/.installed ## Per language: messages translated and still needing review
	$(API) -m tools.i18n status

.PHONY: clean
clean: ## Remove local data (var/) and build leftovers; keeps the model cache
	rm -rf var/*.db var/*.db-* var/*.log .pytest_cache .mypy_cache .ruff_cache
