"""Schema created from the fields: columns and their types, NOT NULL,
foreign keys with their ON DELETE, indexes, relation tables, constraints."""
from __future__ import annotations

import pytest
from odoo import fields, models
from tests.orm.orm_registry import make_env


class Country(models.Model):
    _name = 'test.country'
    _description = 'Country'
    _register = False
    _sql_constraints = [('code_uniq', 'unique(code)', 'Code must be unique')]
    code = fields.Char(size=2, required=True, index=True)
    name = fields.Char(translate=True)


class City(models.Model):
    _name = 'test.city'
    _description = 'City'
    _register = False
    name = fields.Char(required=True)
    country_id = fields.Many2one('test.country', required=True, ondelete='cascade')
    capital_of_id = fields.Many2one('test.country', ondelete='set null', index='btree_not_null')
    sister_ids = fields.Many2many('test.country')
    population = fields.Integer()
    area = fields.Float(digits=(12, 3))
    founded = fields.Date()


@pytest.fixture
def env(cr):
    return make_env(cr, [Country, City])


def _columns(cr, table):
    cr.execute("SELECT column_name, udt_name, is_nullable, character_maximum_length "
               "FROM information_schema.columns WHERE table_name = %s", (table,))
    return {row[0]: row[1:] for row in cr.fetchall()}


def test_columns_and_not_null(env, cr):
    city = _columns(cr, 'test_city')
    assert city['name'] == ('varchar', 'NO', None)
    assert city['country_id'][:2] == ('int4', 'NO')
    assert city['capital_of_id'][:2] == ('int4', 'YES')
    assert city['area'][0] == 'numeric' and city['founded'][0] == 'date'
    assert {'create_date', 'write_date'} <= set(city)
    country = _columns(cr, 'test_country')
    assert country['code'] == ('varchar', 'NO', 2)
    assert country['name'][0] == 'jsonb'


def test_foreign_keys_and_indexes(env, cr):
    cr.execute("""SELECT a.attname, c.confdeltype FROM pg_constraint c
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                  WHERE c.contype = 'f' AND c.conrelid = 'test_city'::regclass""")
    assert dict(cr.fetchall()) == {'country_id': 'c', 'capital_of_id': 'n'}
    cr.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('test_country', 'test_city')")
    indexes = dict(cr.fetchall())
    assert 'test_country__code_index' in indexes
    assert 'IS NOT NULL' in indexes['test_city__capital_of_id_index']
    cr.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'test_country'::regclass AND contype = 'u'")
    assert [row[0] for row in cr.fetchall()] == ['test_country_code_uniq']


def test_relation_table(env, cr):
    relation = env['test.city']._fields['sister_ids'].relation
    assert relation == 'test_city_test_country_rel'
    cols = _columns(cr, relation)
    assert set(cols) == {'test_city_id', 'test_country_id'}
    cr.execute("""SELECT count(*) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'
                  AND confdeltype = 'c'""", (relation,))
    assert cr.fetchone()[0] == 2
    country = env['test.country'].create({'code': 'CN'})
    city = env['test.city'].create({'name': 'Hangzhou', 'country_id': country.id, 'sister_ids': [(6, 0, country.ids)]})
    country.unlink()
    assert not city.exists()


def test_size_change_refused_when_data_do_not_fit(env, cr):
    from odoo.orm.schema import SchemaError, auto_init
    cr.execute("ALTER TABLE test_country ALTER COLUMN code TYPE varchar(10)")
    cr.execute("INSERT INTO test_country (code) VALUES ('LONG')")
    with pytest.raises(SchemaError, match="test_country.code"):
        auto_init(env['test.country'])
    cr.execute("SELECT code FROM test_country")
    assert cr.fetchall() == [('LONG',)]


def test_lossy_cast_refused(env, cr):
    from odoo.orm.schema import SchemaError, auto_init
    env['test.city'].create({'name': 'x', 'country_id': env['test.country'].create({'code': 'FR'}).id})
    env.flush_all()
    cr.execute("ALTER TABLE test_city ALTER COLUMN population TYPE numeric")
    cr.execute("UPDATE test_city SET population = 1.5")
    with pytest.raises(SchemaError, match=r"test_city.population from type numeric to type int4"):
        auto_init(env['test.city'])
    cr.execute("UPDATE test_city SET population = 2")
    auto_init(env['test.city'])  # integral values convert
    cr.execute("SELECT population FROM test_city")
    assert cr.fetchall() == [(2,)]
