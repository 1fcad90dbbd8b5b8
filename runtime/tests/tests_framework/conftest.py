"""A database with the fixture addon ``test_loading_dependent`` installed,
shared by the tests of the test framework (they never commit into it)."""
from __future__ import annotations

import os
from collections.abc import Iterator

import odoo.addons
import pytest
from odoo import sql_db
from odoo.modules import module
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import config

TEST_ADDONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'addons')


@pytest.fixture(scope='session')
def loading_db(base_db: str) -> Iterator[str]:
    """The fixture addons are on the addons path only while installing: the
    registry keeps what it loaded, and the rest of the session does not see
    them (one of them has a broken manifest on purpose)."""
    saved = {key: config.get(key) for key in ('addons_path', 'init', 'update', 'demo', 'test_enable')}
    saved_namespace = list(odoo.addons.__path__)
    name = f'c_loading_{os.getpid()}'
    sql_db.close_db(base_db)
    db_service.exp_duplicate_database(base_db, name)
    try:
        config['addons_path'] = f"{config['addons_path']},{TEST_ADDONS}"
        module.initialize_sys_path()
        module.clear_manifest_cache()
        for key, value in {'init': {'test_loading_dependent': 1}, 'update': {}, 'demo': {}, 'test_enable': False}.items():
            config[key] = value
        Registry.new(name, update_module=True)
    finally:
        for key, value in saved.items():
            config[key] = value
        odoo.addons.__path__[:] = saved_namespace
        module.clear_manifest_cache()
    try:
        yield name
    finally:
        Registry.delete(name)
        db_service.exp_drop(name)
