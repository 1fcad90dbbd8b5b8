"""Tests of the statements a cursor runs in the background (odoo.sql_background)."""
from __future__ import annotations

import threading

import psycopg2
import pytest
from odoo import sql_db


@pytest.fixture
def table(cr):
    cr.execute("CREATE TABLE t (id int PRIMARY KEY, name varchar NOT NULL)")
    return 't'


def test_statements_run_in_order_and_the_next_query_sees_them(cr, table):
    cr.execute_in_background("INSERT INTO t SELECT n, 'row ' || n FROM generate_series(1, 3) AS n")
    cr.execute_in_background("UPDATE t SET name = 'second' WHERE id = 2")
    assert cr.background_pending
    cr.execute("SELECT id, name FROM t ORDER BY id")
    assert cr.fetchall() == [(1, 'row 1'), (2, 'second'), (3, 'row 3')]
    assert not cr.background_pending


def test_the_caller_goes_on_while_the_statement_runs(cr, table, db_name):
    holder = sql_db.db_connect(db_name).cursor()
    try:
        holder.execute("SELECT pg_advisory_lock(4242)")
        # were the statement run before returning, it would wait for the lock and time out
        cr.execute("SET LOCAL lock_timeout = '10s'")
        cr.execute_in_background(
            "INSERT INTO t SELECT 1, 'after the lock' FROM (SELECT pg_advisory_xact_lock(4242)) AS waited")
        holder.execute("SELECT pg_advisory_unlock(4242)")
        cr.execute("SELECT name FROM t")
        assert cr.fetchall() == [('after the lock',)]
    finally:
        holder.close()


def test_statements_are_counted_when_sent(cr, table):
    before = cr.sql_log_count
    cr.execute_in_background("INSERT INTO t VALUES (1, 'a')")
    assert cr.sql_log_count == before + 1
    cr.join_background()


def test_the_first_error_is_raised_by_the_next_statement(cr, table):
    cr.execute("INSERT INTO t VALUES (1, 'a')")
    with pytest.raises(psycopg2.errors.NotNullViolation), cr.savepoint(flush=False):
        cr.execute_in_background("INSERT INTO t VALUES (2, NULL)")
        # dropped: it could only meet "current transaction is aborted"
        cr.execute_in_background("INSERT INTO t VALUES (3, 'c')")
        cr.execute("SELECT 1")
    # the savepoint undid the failed statement: the transaction goes on
    cr.execute("SELECT id FROM t ORDER BY id")
    assert cr.fetchall() == [(1,)]


def test_the_end_of_a_savepoint_raises_the_error_of_its_block(cr, table):
    with pytest.raises(psycopg2.errors.UniqueViolation), cr.savepoint(flush=False):
        cr.execute_in_background("INSERT INTO t VALUES (1, 'a'), (1, 'b')")
    cr.execute("SELECT count(*) FROM t")
    assert cr.fetchone() == (0,)


def test_an_exception_of_the_block_supersedes_a_background_error(cr, table):
    with pytest.raises(ZeroDivisionError), cr.savepoint(flush=False):
        cr.execute_in_background("INSERT INTO t VALUES (2, NULL)")
        raise ZeroDivisionError
    cr.execute("SELECT count(*) FROM t")
    assert cr.fetchone() == (0,)


def test_commit_raises_a_background_error_and_rollback_forgets_it(db_name):
    with sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("CREATE TABLE t (id int PRIMARY KEY, name varchar NOT NULL)")
    cr = sql_db.db_connect(db_name).cursor()
    try:
        cr.execute_in_background("INSERT INTO t VALUES (1, NULL)")
        with pytest.raises(psycopg2.errors.NotNullViolation):
            cr.commit()
        cr.rollback()
        cr.execute_in_background("INSERT INTO t VALUES (2, NULL)")
        cr.rollback()
        cr.execute_in_background("INSERT INTO t VALUES (3, 'c')")
        cr.commit()
        cr.execute("SELECT id FROM t")
        assert cr.fetchall() == [(3,)]
    finally:
        cr.close()


def test_sequence_values_do_not_wait_for_the_background(db_name):
    with sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("CREATE TABLE t (id int PRIMARY KEY, name varchar NOT NULL)")
        cr.execute("CREATE SEQUENCE t_seq")
    cr = sql_db.db_connect(db_name).cursor()
    try:
        cr.execute_in_background("INSERT INTO t VALUES (1, 'a')")
        # taken on another connection, without waiting for the INSERT
        assert cr.reserve_sequence_values('t_seq', 3) == [1, 2, 3]
        assert cr.background_pending
        cr.join_background()
        assert cr.reserve_sequence_values('t_seq', 2) == [4, 5]
        cr.rollback()
        # a sequence is outside the transaction
        assert cr.reserve_sequence_values('t_seq', 1) == [6]
    finally:
        cr.close()


def test_sequence_of_this_transaction_waits_for_the_background(cr, table):
    cr.execute("CREATE SEQUENCE t_seq")
    cr.execute_in_background("INSERT INTO t VALUES (1, 'a')")
    # no other connection sees the new sequence yet
    assert cr.reserve_sequence_values('t_seq', 2) == [1, 2]
    assert not cr.background_pending


def test_test_cursor_runs_background_statements_in_its_savepoint(cr, table):
    tcr = sql_db.TestCursor(cr, threading.RLock())
    tcr.execute_in_background("INSERT INTO t VALUES (1, 'kept')")
    tcr.commit()
    tcr.execute_in_background("INSERT INTO t VALUES (2, 'rolled back')")
    tcr.rollback()
    tcr.execute_in_background("INSERT INTO t VALUES (3, NULL)")
    with pytest.raises(psycopg2.errors.NotNullViolation):
        tcr.commit()
    tcr.rollback()
    tcr.close()
    cr.execute("SELECT id FROM t")
    assert cr.fetchall() == [(1,)]
