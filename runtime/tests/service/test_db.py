"""Tests of odoo.service.db: creating, listing, copying and dropping databases."""
from __future__ import annotations

import os

import pytest
from odoo import sql_db
from odoo.service import db as db_service
from odoo.tools import config


def test_create_list_exist_drop():
    name = f'svc_db_{os.getpid()}'
    db_service._create_empty_database(name)
    try:
        assert db_service.exp_db_exist(name)
        assert name in db_service.list_dbs(force=True)
        with sql_db.db_connect(name).cursor() as cr:
            cr.execute("SELECT pg_encoding_to_char(encoding), datcollate FROM pg_database WHERE datname = current_database()")
            assert cr.fetchone() == ('UTF8', 'C')
            cr.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
            assert cr.fetchone() == (1,)
        with pytest.raises(db_service.DatabaseExists, match=name):
            db_service._create_empty_database(name)
    finally:
        assert db_service.exp_drop(name) is True
    assert not db_service.exp_db_exist(name)
    assert db_service.exp_drop(name) is False


def test_drop_closes_connections_and_filestore(db_name):
    cr = sql_db.db_connect(db_name).cursor()
    filestore = config.filestore(db_name)
    os.makedirs(filestore)
    try:
        assert db_service.exp_drop(db_name)
    finally:
        cr._closed = True       # its connection was closed with the pool
    assert not os.path.exists(filestore)
    db_service._create_empty_database(db_name)   # the fixture drops it again


def test_duplicate(db_name):
    with sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("CREATE TABLE t (v text)")
        cr.execute("INSERT INTO t VALUES ('kept')")
    copy = db_name + '_copy'
    db_service.exp_duplicate_database(db_name, copy)
    try:
        with sql_db.db_connect(copy).cursor() as cr:
            cr.execute("SELECT v FROM t")
            assert cr.fetchall() == [('kept',)]
    finally:
        db_service.exp_drop(copy)


@pytest.mark.parametrize('name', ['', 'bad name', 'x;drop', '-x', 'a' * 64])
def test_bad_names_are_refused(name):
    with pytest.raises(ValueError, match='invalid database name'):
        db_service._create_empty_database(name)


def test_exp_create_database_sets_admin_language_and_country():
    """What the database manager does: base installed, admin's login/password/language set,
    the company placed in the given country."""
    from odoo import api
    from odoo.modules.registry import Registry
    name = f'svc_full_{os.getpid()}'
    try:
        assert db_service.exp_create_database(name, False, 'zh_CN', user_password='s3cret',
                                              login='boss@example.com', country_code='CN')
        with Registry(name).cursor() as cr:
            env = api.Environment(cr, 1, {})
            admin = env.ref('base.user_admin')
            assert (admin.login, admin.lang, admin.email) == ('boss@example.com', 'zh_CN', 'boss@example.com')
            company = env['res.company'].browse(1)
            assert company.country_id.code == 'CN' and company.currency_id.name == 'CNY'
            cr.execute("SELECT password FROM res_users WHERE id = %s", (admin.id,))
            assert cr.fetchone()[0].startswith('$pbkdf2-sha512$')
    finally:
        Registry.delete(name)
        db_service.exp_drop(name)
