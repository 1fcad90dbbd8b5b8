"""Companies: ``env.company``/``with_company``, company-dependent fields
(one value per company in a jsonb column) and ``depends_context('company')``;
with stand-ins for ``res.company`` and ``res.users``."""
from __future__ import annotations

import pytest
from odoo import api, fields, models
from odoo.exceptions import AccessError
from tests.orm.orm_registry import make_env


class ResCompany(models.Model):
    _name = 'res.company'
    _description = 'Company'
    _register = False
    name = fields.Char()


class ResUsers(models.Model):
    _name = 'res.users'
    _description = 'User'
    _register = False
    name = fields.Char()
    company_id = fields.Many2one('res.company')
    company_ids = fields.Many2many('res.company')


class Product(models.Model):
    _name = 'test.product'
    _description = 'Product'
    _register = False
    name = fields.Char()
    cost = fields.Float(company_dependent=True)
    supplier_id = fields.Many2one('res.company', company_dependent=True)
    company_label = fields.Char(compute='_compute_company_label')

    @api.depends_context('company')
    def _compute_company_label(self):
        for rec in self:
            rec.company_label = f"{rec.name}@{rec.env.company.name}"


@pytest.fixture
def env(cr):
    env = make_env(cr, [ResCompany, ResUsers, Product])
    # the users exist before anything else, as base's bootstrap makes them
    cr.execute("INSERT INTO res_users (id, name) VALUES (1, 'root'), (2, 'demo')")
    cr.execute("SELECT setval('res_users_id_seq', 2)")
    first, second = env['res.company'].create([{'name': 'First'}, {'name': 'Second'}])
    root, demo = env['res.users'].browse([1, 2])
    root.write({'company_id': first.id, 'company_ids': [(6, 0, [first.id, second.id])]})
    demo.write({'company_id': first.id, 'company_ids': [(6, 0, [first.id])]})
    return env


def test_company_dependent_values(env):
    first, second = env['res.company'].search([], order='id')
    product = env['test.product'].create({'name': 'p', 'cost': 10.0, 'supplier_id': second.id})
    assert env.company == first and product.cost == 10.0
    in_second = product.with_company(second)
    assert in_second.env.company == second
    assert in_second.cost == 0.0 and not in_second.supplier_id
    in_second.cost = 7.5
    env.flush_all()
    env.invalidate_all()
    assert product.cost == 10.0 and in_second.cost == 7.5 and product.supplier_id == second
    env.cr.execute("SELECT cost FROM test_product WHERE id = %s", (product.id,))
    assert env.cr.fetchone()[0] == {str(first.id): 10.0, str(second.id): 7.5}
    assert product.company_label == 'p@First' and in_second.company_label == 'p@Second'


def test_unauthorized_company(env):
    second = env['res.company'].search([('name', '=', 'Second')])
    demo_env = env(user=2)
    with pytest.raises(AccessError, match="unauthorized"):
        demo_env['test.product'].with_company(second).env.company  # noqa: B018
