# Thin wrappers; the real work is in scripts/setup.sh, odoo-bin and pytest.
PYTHON  ?= .venv/bin/python
DB      ?= tianchi
# the Tianchi apps and everything they depend on (org, hr, mail, sale, product…)
MODULES ?= tianchi_org,tianchi_crm,tianchi_pipeline,hr_attendance
ARGS    ?=

.PHONY: setup run test bench lint

setup:
	scripts/setup.sh

# Installs everything, then starts Tianchi with demo data (embedded PostgreSQL
# unless odoo.conf names a db_host) at http://localhost:8069.
run: setup
	$(PYTHON) odoo-bin -c odoo.conf -d $(DB) -i $(MODULES) $(ARGS)

test: setup
	$(PYTHON) -m pytest $(ARGS)

bench: setup
	@for script in bench/[!_]*.py; do [ -e "$$script" ] || continue; echo "== $$script"; $(PYTHON) "$$script" || exit 1; done

lint: setup
	$(PYTHON) -m ruff check runtime addons $(wildcard tianchi_*) $(wildcard tests) $(wildcard bench)
