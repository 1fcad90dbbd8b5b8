"""Test cases for addons (runtime/odoo/tests/common.py), run with unittest
against the session's database with base installed."""
from __future__ import annotations

import unittest

import psycopg2.errors
import pytest
from odoo import sql_db
from odoo.exceptions import AccessError
from odoo.tests import BaseCase, SingleTransactionCase, TransactionCase, new_test_user, tagged, users
from odoo.tests.common import get_db_name


def run(*classes) -> unittest.TestResult:
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for cls in classes:
        suite.addTests(loader.loadTestsFromTestCase(cls))
    result = unittest.TestResult()
    suite.run(result)
    return result


def problems(result: unittest.TestResult) -> list[str]:
    return [trace for _test, trace in result.failures + result.errors]


def partner_count(db_name: str, name: str) -> int:
    with sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("SELECT count(*) FROM res_partner WHERE name = %s", [name])
        return cr.fetchone()[0]


def test_get_db_name(base_db):
    assert get_db_name() == base_db


def test_each_test_is_rolled_back(base_db):
    class Case(TransactionCase):
        @classmethod
        def setUpClass(cls):
            super().setUpClass()
            cls.shared = cls.env['res.partner'].create({'name': 'c_shared_partner'})

        def test_1_create(self):
            self.env['res.partner'].create({'name': 'c_rolled_back'})
            self.assertEqual(self.env['res.partner'].search_count([('name', '=', 'c_rolled_back')]), 1)
            self.shared.name = 'c_renamed'

        def test_2_not_seen(self):
            self.assertEqual(self.env['res.partner'].search_count([('name', '=', 'c_rolled_back')]), 0)
            self.assertEqual(self.shared.name, 'c_shared_partner')

    result = run(Case)
    assert result.testsRun == 2 and not problems(result), problems(result)
    assert partner_count(base_db, 'c_shared_partner') == 0


def test_commit_is_forbidden(base_db):
    class Case(TransactionCase):
        def test_commit(self):
            self.env['res.partner'].create({'name': 'c_committed'})
            self.env.cr.commit()

    result = run(Case)
    assert len(problems(result)) == 1
    assert 'Cannot commit' in problems(result)[0]
    assert partner_count(base_db, 'c_committed') == 0


def test_assert_raises_keeps_the_transaction_usable(base_db):
    class Case(TransactionCase):
        def test_sql_error(self):
            with self.assertRaises(psycopg2.errors.UndefinedColumn):
                self.env.cr.execute("SELECT no_such_column FROM res_partner")
            self.assertTrue(self.env['res.partner'].search([], limit=1))

    result = run(Case)
    assert not problems(result), problems(result)


def test_assert_raises_takes_one_exception_class(base_db):
    class Case(TransactionCase):
        def test_tuple(self):
            with self.assertRaises((ValueError, KeyError)):
                raise ValueError('never reached: the tuple is refused first')

    result = run(Case)
    assert len(result.errors) == 1 and 'TypeError' in result.errors[0][1], problems(result)


def test_assert_raises_access_error_reads_afresh(base_db):
    class Case(TransactionCase):
        def test_cached_value_does_not_hide_the_rule(self):
            user = new_test_user(self.env, login='tf_portal', groups='base.group_portal')
            company = self.env['res.company'].create({'name': 'TF other company'})
            self.assertTrue(company.name)  # cached as superuser
            with self.assertRaises(AccessError):
                company.with_user(user).name  # noqa: B018 - the read is the test

    result = run(Case)
    assert not problems(result), problems(result)


def test_assert_record_values(base_db):
    class Case(TransactionCase):
        def test_ok(self):
            partner = self.env['res.partner'].create({'name': 'P', 'color': 3, 'parent_id': 1})
            self.assertRecordValues(partner, [{'name': 'P', 'color': 3, 'parent_id': 1, 'category_id': []}])

        def test_ko(self):
            partner = self.env['res.partner'].create({'name': 'P'})
            self.assertRecordValues(partner, [{'name': 'Q'}])

    result = run(Case)
    assert result.testsRun == 2
    assert len(result.failures) == 1
    assert "'Q'" in result.failures[0][1] and "'P'" in result.failures[0][1]


def test_assert_query_count(base_db):
    class Case(TransactionCase):
        def test_too_many(self):
            with self.assertQueryCount(1):
                self.env.cr.execute("SELECT 1")
                self.env.cr.execute("SELECT 2")

        def test_enough(self):
            with self.assertQueryCount(2):
                self.env.cr.execute("SELECT 1")
                self.env.cr.execute("SELECT 2")

    result = run(Case)
    assert len(result.failures) == 1
    assert 'Query count more than expected' in result.failures[0][1]


def test_single_transaction_case_shares_the_transaction(base_db):
    class Case(SingleTransactionCase):
        def test_1_create(self):
            self.env['res.partner'].create({'name': 'c_single'})

        def test_2_seen(self):
            self.assertEqual(self.env['res.partner'].search_count([('name', '=', 'c_single')]), 1)

    result = run(Case)
    assert result.testsRun == 2 and not problems(result), problems(result)
    assert partner_count(base_db, 'c_single') == 0


def test_new_test_user_and_users_decorator(base_db):
    class Case(TransactionCase):
        @classmethod
        def setUpClass(cls):
            super().setUpClass()
            cls.alice = new_test_user(cls.env, 'c_alice')
            cls.bob = new_test_user(cls.env, 'c_bob@example.com', groups='base.group_user,base.group_partner_manager')

        def test_created(self):
            self.assertEqual(self.alice.name, 'c_alice (base.group_user)')
            self.assertEqual(self.alice.email, 'c.c@example.com')
            self.assertEqual(self.bob.email, 'c_bob@example.com')
            self.assertIn(self.env.ref('base.group_partner_manager'), self.bob.groups_id)

        @users('c_alice', 'c_bob@example.com')
        def test_as_users(self):
            self.seen.append(self.env.user.login)

        def test_with_user(self):
            with self.with_user('c_alice'):
                self.assertEqual(self.env.user, self.alice)
            self.assertEqual(self.env.uid, 1)

    Case.seen = []
    result = run(Case)
    assert not problems(result), problems(result)
    assert Case.seen == ['c_alice', 'c_bob@example.com']


def test_tagged_and_default_tags():
    namespace = {'__module__': 'odoo.addons.sale.tests.test_x', 'test_a': lambda self: None}
    plain = type('TestPlain', (TransactionCase,), dict(namespace))
    assert plain.test_tags == {'standard', 'at_install'}
    assert (plain.test_module, plain.test_class) == ('sale', 'TestPlain')
    post = tagged('post_install', '-at_install')(type('TestPost', (TransactionCase,), dict(namespace)))
    assert post.test_tags == {'standard', 'post_install'}
    slow = tagged('-standard', 'slow')(type('TestSlow', (TransactionCase,), dict(namespace)))
    assert slow.test_tags == {'at_install', 'slow'}
    # tags are inherited
    child = type('TestChild', (post,), dict(namespace))
    assert child.test_tags == {'standard', 'post_install'}


@pytest.mark.parametrize('login', ['', None])
def test_new_test_user_requires_login(base_db, login):
    class Case(TransactionCase):
        def test_x(self):
            new_test_user(self.env, login or '')

    result = run(Case)
    assert 'require at least a login' in problems(result)[0]


def test_base_case_assert_raises_without_a_database():
    class TestPure(BaseCase):
        def test_raises(self):
            with self.assertRaises(ValueError):
                int('x')

        def test_not_raised_fails(self):
            with self.assertRaises(ValueError):
                int('1')

    result = run(TestPure)
    assert not result.errors, problems(result)
    assert len(result.failures) == 1 and 'not raised' in result.failures[0][1]
