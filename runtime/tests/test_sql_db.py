"""Tests of odoo.sql_db: cursors, SQL objects, savepoints, callbacks, pool."""
from __future__ import annotations

import psycopg2
import pytest
from odoo import sql_db
from odoo.tools import SQL


def test_execute_with_params_and_fetch(cr):
    cr.execute("SELECT %s AS a, %s::numeric AS b", (1, 2.5))
    assert cr.description[0].name == 'a'
    assert cr.fetchone() == (1, 2.5)
    assert isinstance(cr._obj.query, bytes)


def test_execute_sql_object(cr):
    cr.execute(SQL("SELECT %s, %s", 'x', SQL("%s + 1", 41)))
    assert cr.fetchall() == [('x', 42)]


def test_sql_object_with_extra_params_is_refused(cr):
    with pytest.raises(ValueError, match="carries its own parameters"):
        cr.execute(SQL("SELECT %s", 1), (2,))


def test_bad_params_type_is_named(cr):
    with pytest.raises(ValueError, match="tuple, list or dict; got 5"):
        cr.execute("SELECT %s", 5)


def test_tuples_of_ids_and_of_other_values(cr):
    ids = tuple(range(1, 3001))
    cr.execute("SELECT count(*) FROM generate_series(1, 5000) AS n WHERE n IN %s", (ids,))
    assert cr.fetchone() == (3000,)
    # text (quoted for the connection), booleans, floats and NULL as psycopg2 quotes them
    cr.execute("SELECT %s = ANY(%s), 'o''k' IN %s, true IN %s, 1.5 IN %s",
               ('张三', ['张三'], ('o\'k', '张三'), (True, False), (1.5, None)))
    assert cr.fetchone() == (True, True, True, True)
    assert cr.mogrify("SELECT %s", ((7, 8),)) == b"SELECT (7,8)"
    assert cr.mogrify("SELECT %s", ((True, 1),)) == b"SELECT (true, 1)"


def test_dictfetch(cr):
    cr.execute("SELECT generate_series(1, 3) AS n")
    assert cr.dictfetchone() == {'n': 1}
    assert cr.dictfetchmany(1) == [{'n': 2}]
    assert cr.dictfetchall() == [{'n': 3}]
    cr.execute("SELECT 1 WHERE false")
    assert cr.dictfetchone() is None


def test_rowcount_and_query_count(cr):
    cr.execute("CREATE TABLE t (id serial primary key, name varchar)")
    before = cr.sql_log_count
    cr.execute("INSERT INTO t (name) VALUES (%s), (%s)", ('a', 'b'))
    assert cr.rowcount == 2
    assert cr.sql_log_count == before + 1


def test_savepoint_rolls_back_on_error(cr):
    cr.execute("CREATE TABLE t (id int)")
    with pytest.raises(ZeroDivisionError), cr.savepoint(flush=False):
        cr.execute("INSERT INTO t VALUES (1)")
        raise ZeroDivisionError
    with cr.savepoint():
        cr.execute("INSERT INTO t VALUES (2)")
    cr.execute("SELECT id FROM t")
    assert cr.fetchall() == [(2,)]


def test_savepoint_after_sql_error_keeps_transaction_usable(cr):
    with pytest.raises(psycopg2.errors.UndefinedTable), cr.savepoint(flush=False):
        cr.execute("SELECT * FROM no_such_table", log_exceptions=False)
    cr.execute("SELECT 1")
    assert cr.fetchone() == (1,)


def test_commit_rollback_and_callbacks(db_name):
    calls = []
    with sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("CREATE TABLE t (id int)")
        cr.precommit.add(lambda: calls.append('pre'))
        cr.postcommit.add(lambda: calls.append('post'))
        cr.commit()
        assert calls == ['pre', 'post']
        cr.execute("INSERT INTO t VALUES (1)")
        cr.postcommit.add(lambda: calls.append('never'))
        cr.postrollback.add(lambda: calls.append('rolled back'))
        cr.rollback()
        assert calls == ['pre', 'post', 'rolled back']
        cr.execute("SELECT count(*) FROM t")
        assert cr.fetchone() == (0,)
    assert cr.closed


def test_context_manager_commits_on_success_only(db_name):
    db = sql_db.db_connect(db_name)
    with db.cursor() as cr:
        cr.execute("CREATE TABLE t (id int)")
    with pytest.raises(RuntimeError), db.cursor() as cr:
        cr.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError
    with db.cursor() as cr:
        cr.execute("SELECT count(*) FROM t")
        assert cr.fetchone() == (0,)


def test_now_is_transaction_time(cr):
    first = cr.now()
    assert first.tzinfo is None
    cr.execute("SELECT pg_sleep(0.01)")
    assert cr.now() == first
    cr.rollback()
    assert cr.now() != first


def test_transaction_slot_and_dbname(cr, db_name):
    assert cr.transaction is None
    assert cr.dbname == db_name


def test_repeatable_read_isolation(db_name):
    db = sql_db.db_connect(db_name)
    with db.cursor() as cr:
        cr.execute("CREATE TABLE t (id int)")
    reader = db.cursor()
    writer = db.cursor()
    try:
        reader.execute("SELECT count(*) FROM t")
        writer.execute("INSERT INTO t VALUES (1)")
        writer.commit()
        reader.execute("SELECT count(*) FROM t")
        assert reader.fetchone() == (0,)
    finally:
        reader.close()
        writer.close()


def test_pool_reuses_connections(db_name):
    db = sql_db.db_connect(db_name)
    cr = db.cursor()
    cnx = cr._cnx
    cr.close()
    cr = db.cursor()
    assert cr._cnx is cnx
    cr.close()


def test_connection_dsn_hides_password(db_name):
    db = sql_db.db_connect(db_name)
    assert db.dbname == db_name
    assert 'password' not in db.dsn
    with pytest.raises(ValueError, match="URI connections not allowed"):
        sql_db.db_connect('postgresql://x@localhost/y')


def test_test_cursor_simulates_commit_and_rollback(cr):
    import threading
    cr.execute("CREATE TABLE t (id int)")
    tcr = sql_db.TestCursor(cr, threading.RLock())
    tcr.execute("INSERT INTO t VALUES (1)")
    tcr.commit()
    tcr.execute("INSERT INTO t VALUES (2)")
    tcr.rollback()
    tcr.close()
    cr.execute("SELECT id FROM t")
    assert cr.fetchall() == [(1,)]


def test_registry_cursor_rolls_back_with_the_orm(base_env):
    """The ORM's transaction hooks on the cursor: a rollback drops pending ORM writes too."""
    partner = base_env['res.partner'].create({'name': 'Rolled back'})
    base_env.cr.rollback()
    assert not base_env['res.partner'].search([('id', '=', partner.id)])
