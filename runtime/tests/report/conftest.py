"""Fixtures of the report tests: a copy of the session's database with the
fixture addon ``test_report_j`` installed (module scope; tests roll back, or
commit only records of their own), and an environment in Chinese."""
from __future__ import annotations

import os

import odoo
import odoo.addons
import pytest
from odoo import sql_db
from odoo.modules import module
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import chromium_pdf, config

TEST_ADDONS = os.path.join(os.path.dirname(__file__), 'addons')


@pytest.fixture(scope='module')
def registry(base_db):
    saved = {key: config.options.get(key) for key in ('addons_path', 'init', 'update', 'demo')}
    saved_path = list(odoo.addons.__path__)
    config['addons_path'] = f"{config['addons_path']},{TEST_ADDONS}"
    module.initialize_sys_path()
    module.clear_manifest_cache()
    name = f'r_{base_db}_{os.getpid()}'
    sql_db.close_db(base_db)
    db_service.exp_duplicate_database(base_db, name)
    try:
        config['init'], config['update'], config['demo'] = {'test_report_j': 1}, {}, {}
        yield Registry.new(name, update_module=True)
    finally:
        chromium_pdf.shutdown()
        config.options.update(saved)
        odoo.addons.__path__[:] = saved_path
        module.clear_manifest_cache()
        Registry.delete(name)
        db_service.exp_drop(name)


@pytest.fixture
def env(registry):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env['res.lang']._activate_lang('zh_CN')
        env = env(context={'lang': 'zh_CN', 'tz': 'Asia/Shanghai'})
        cny = env.ref('base.CNY')
        cny.active = True
        env.company.write({'name': '天池科技有限公司', 'currency_id': cny.id, 'city': '杭州'})
        yield env
        cr.rollback()


