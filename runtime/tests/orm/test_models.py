"""Models, fields, recordsets and schema of the ORM, on test models only."""
from __future__ import annotations

import time

import psycopg2
import pytest
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.orm.schema import SchemaError
from tests.orm.orm_registry import QueryCounter, make_env


class Tag(models.Model):
    _name = 'test.tag'
    _description = 'Tag'
    _register = False
    name = fields.Char(translate=True)


class NameMixin(models.AbstractModel):
    _name = 'test.name.mixin'
    _description = 'Name mixin'
    _register = False
    code = fields.Char(default='X')


class Partner(models.Model):
    _name = 'test.partner'
    _description = 'Partner'
    _register = False
    _inherit = ['test.name.mixin']
    _order = 'name, id'
    _parent_store = True
    _sql_constraints = [('color_positive', 'CHECK(color >= 0)', 'Color must be positive')]

    name = fields.Char(required=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    kind = fields.Selection([('person', 'Person'), ('company', 'Company')], default='person')
    parent_id = fields.Many2one('test.partner', ondelete='cascade')
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many('test.partner', 'parent_id')
    tag_ids = fields.Many2many('test.tag')
    upper = fields.Char(compute='_compute_upper', store=True)
    nb_children = fields.Integer(compute='_compute_nb')
    parent_name = fields.Char(related='parent_id.name')

    @api.depends('name')
    def _compute_upper(self):
        for rec in self:
            rec.upper = (rec.name or '').upper()

    @api.depends('child_ids')
    def _compute_nb(self):
        for rec in self:
            rec.nb_children = len(rec.child_ids)

    @api.constrains('color')
    def _check_color(self):
        for rec in self:
            if rec.color == 13:
                raise ValidationError("Unlucky color")

    @api.ondelete(at_uninstall=False)
    def _unlink_protected(self):
        if any(rec.name == 'protected' for rec in self):
            raise UserError("Protected")


class PartnerExt(models.Model):
    _inherit = 'test.partner'
    _register = False
    email = fields.Char()


class Order(models.Model):
    _name = 'test.order'
    _description = 'Order'
    _register = False
    name = fields.Char()
    partner_id = fields.Many2one('test.partner', ondelete='restrict')
    line_ids = fields.One2many('test.order.line', 'order_id')
    amount = fields.Float(compute='_compute_amount', store=True)
    total = fields.Float(compute='_compute_total', store=True)

    @api.depends('line_ids.price', 'line_ids.qty')
    def _compute_amount(self):
        for order in self:
            order.amount = sum(line.price * line.qty for line in order.line_ids)

    @api.depends('amount')
    def _compute_total(self):
        for order in self:
            order.total = order.amount * 2

    @api.onchange('name')
    def _onchange_name(self):
        if self.name == 'warn':
            return {'warning': {'title': 'Careful', 'message': 'Bad name'}}
        if self.name:
            self.line_ids = [Command.create({'price': 1.0, 'qty': 2})]
        return None


class OrderLine(models.Model):
    _name = 'test.order.line'
    _description = 'Order line'
    _register = False
    order_id = fields.Many2one('test.order', ondelete='cascade', required=True)
    price = fields.Float(digits=(16, 2))
    qty = fields.Integer(default=1)
    partner_color = fields.Integer(related='order_id.partner_id.color')


class User(models.Model):
    _name = 'test.user'
    _description = 'User'
    _register = False
    _inherits = {'test.partner': 'partner_id'}
    partner_id = fields.Many2one('test.partner', required=True, ondelete='cascade')
    login = fields.Char()


class Wizard(models.TransientModel):
    _name = 'test.wizard'
    _description = 'Wizard'
    _register = False
    _transient_max_count = 2
    _transient_max_hours = 0
    note = fields.Text()


CLASSES = [Tag, NameMixin, Partner, PartnerExt, Order, OrderLine, User, Wizard]


@pytest.fixture
def env(cr):
    return make_env(cr, CLASSES)


def test_create_read_write(env, cr):
    partner = env['test.partner'].create({'name': 'abc', 'tag_ids': [Command.create({'name': 't1'})]})
    child = env['test.partner'].create({'name': 'kid', 'parent_id': partner.id})
    assert partner.upper == 'ABC' and partner.code == 'X' and partner.email is False
    assert partner.child_ids == child and partner.nb_children == 1
    assert child.parent_name == 'abc'
    partner.name = 'xyz'
    env.flush_all()
    cr.execute("SELECT upper FROM test_partner WHERE id = %s", (partner.id,))
    assert cr.fetchone()[0] == 'XYZ'
    assert partner.tag_ids.name == 't1'
    data = child.read(['name', 'parent_id', 'tag_ids'])
    assert data == [{'id': child.id, 'name': 'kid', 'parent_id': (partner.id, 'xyz'), 'tag_ids': []}]


def test_bad_input(env):
    Partner = env['test.partner']
    with pytest.raises(ValueError, match="nope.*test.partner"):
        Partner.create({'name': 'a', 'nope': 1})
    with pytest.raises(ValueError, match="test.partner.color"):
        Partner.create({'name': 'a', 'color': 'red'})
    record = Partner.create({'name': 'a'})
    with pytest.raises(ValueError, match="nope"):
        record.write({'nope': 1})
    with pytest.raises(ValueError, match="test.partner.kind"):
        record.write({'kind': 'alien'})
    with pytest.raises(psycopg2.errors.NotNullViolation, match='"name"'):
        with env.cr.savepoint():
            Partner.create({'color': 1})


def test_constraints(env):
    Partner = env['test.partner']
    with pytest.raises(ValidationError):
        Partner.create({'name': 'a', 'color': 13})
    record = Partner.create({'name': 'b'})
    with pytest.raises(ValidationError):
        record.write({'color': 13})
    with pytest.raises(psycopg2.errors.CheckViolation):
        with env.cr.savepoint():
            Partner.create({'name': 'c', 'color': -1})
    protected = Partner.create({'name': 'protected'})
    with pytest.raises(UserError):
        protected.unlink()


def test_stored_compute_over_lines(env):
    order = env['test.order'].create({'name': 'o', 'line_ids': [
        Command.create({'price': 10.0, 'qty': 2}), Command.create({'price': 1.5})]})
    assert order.amount == 21.5 and order.total == 43.0
    order.line_ids[0].qty = 3
    assert order.amount == 31.5 and order.total == 63.0
    order.line_ids[1].unlink()
    assert order.amount == 30.0
    env['test.order.line'].create({'order_id': order.id, 'price': 5.0})
    env.flush_all()
    env.cr.execute("SELECT amount, total FROM test_order WHERE id = %s", (order.id,))
    assert env.cr.fetchone() == (35.0, 70.0)


def test_inherits(env, cr):
    user = env['test.user'].create({'name': 'Bob', 'login': 'bob', 'color': 3})
    assert user.partner_id.name == 'Bob' and user.name == 'Bob'
    user.name = 'Robert'
    assert user.partner_id.name == 'Robert'
    cr.execute("SELECT name FROM test_partner WHERE id = %s", (user.partner_id.id,))
    env.flush_all()
    user.invalidate_recordset()
    assert user.name == 'Robert'


def test_ondelete(env):
    partner = env['test.partner'].create({'name': 'p'})
    child = env['test.partner'].create({'name': 'c', 'parent_id': partner.id})
    order = env['test.order'].create({'name': 'o', 'partner_id': partner.id,
                                      'line_ids': [Command.create({'price': 1.0})]})
    with pytest.raises(psycopg2.errors.ForeignKeyViolation):
        with env.cr.savepoint():
            partner.unlink()
    env.invalidate_all(flush=False)
    line = order.line_ids
    order.unlink()
    assert not line.exists()
    partner.unlink()
    assert not child.exists()


def test_parent_store_and_copy(env):
    Partner = env['test.partner']
    root = Partner.create({'name': 'root'})
    mid = Partner.create({'name': 'mid', 'parent_id': root.id})
    leaf = Partner.create({'name': 'leaf', 'parent_id': mid.id})
    assert leaf.parent_path == f"{root.id}/{mid.id}/{leaf.id}/"
    other = Partner.create({'name': 'other'})
    mid.parent_id = other
    env.flush_all()
    leaf.invalidate_recordset(['parent_path'])
    assert leaf.parent_path == f"{other.id}/{mid.id}/{leaf.id}/"
    copy = root.copy({'name': 'root2'})
    assert copy.name == 'root2' and copy.id != root.id and copy.code == 'X'


def test_recordset_operations(env):
    Partner = env['test.partner']
    recs = Partner.create([{'name': name, 'color': index} for index, name in enumerate('cab')])
    a, b, c = recs.sorted('name')
    assert (a.name, b.name, c.name) == ('a', 'b', 'c')
    assert recs.sorted(key=lambda r: r.color, reverse=True)[0].color == 2
    assert (a | b) & (b | c) == b and (a | b) - b == a and a in recs and len(recs) == 3
    assert recs.filtered(lambda r: r.color > 0).mapped('color') == [1, 2]
    assert set(recs.grouped('kind')) == {'person'}
    assert Partner.browse(a.id).exists() == a
    assert recs.ensure_one if len(a) == 1 else False
    with pytest.raises(ValueError):
        recs.ensure_one()
    assert Partner.name_search('b') == [(b.id, 'b')]
    assert a.display_name == 'a'
    assert Partner.fields_get(['name'])['name']['type'] == 'char'
    assert Partner.default_get(['code', 'active']) == {'code': 'X', 'active': True}


def test_translate(env):
    tag = env['test.tag'].create({'name': 'Red'})
    tag.with_context(lang='fr_FR').name = 'Rouge'
    env.flush_all()
    env.invalidate_all()
    assert tag.with_context(lang='fr_FR').name == 'Rouge'
    assert tag.name == 'Red'
    assert tag.with_context(lang='de_DE').name == 'Red'


def test_new_and_onchange(env):
    Order = env['test.order']
    new = Order.new({'name': 'n'})
    assert not new.id and new.name == 'n'
    result = Order.onchange({'name': 'x', 'line_ids': []}, ['name'],
                            {'name': {}, 'amount': {}, 'line_ids': {'fields': {'price': {}, 'qty': {}}}})
    assert result['value']['amount'] == 2.0
    assert result['value']['line_ids'][0][0] == Command.CREATE
    warn = Order.onchange({'name': 'warn'}, ['name'], {'name': {}})
    assert warn['warning']['message'] == 'Bad name'


def test_transient_vacuum(env):
    wizards = env['test.wizard'].create([{'note': str(i)} for i in range(5)])
    env['test.wizard']._transient_vacuum()
    assert len(wizards.exists()) == 2


def test_schema_upgrade(env, cr):
    from odoo.orm.schema import auto_init
    env['test.partner'].create({'name': 'keep'})
    env.flush_all()
    cr.execute("ALTER TABLE test_partner DROP COLUMN email")
    auto_init(env['test.partner'])
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name='test_partner' AND column_name='email'")
    assert cr.fetchall()
    cr.execute("SELECT count(*) FROM test_partner")
    assert cr.fetchone()[0] == 1
    cr.execute("ALTER TABLE test_partner DROP CONSTRAINT test_partner_color_positive")
    cr.execute("ALTER TABLE test_partner ALTER COLUMN color TYPE varchar USING color::varchar")
    auto_init(env['test.partner'])  # varchar -> int4 can be cast
    cr.execute("ALTER TABLE test_partner DROP CONSTRAINT test_partner_color_positive")
    cr.execute("ALTER TABLE test_partner ALTER COLUMN color TYPE bytea USING NULL")
    with pytest.raises(SchemaError, match="test_partner.color.*bytea.*int4"):
        auto_init(env['test.partner'])


def test_query_counts(env, cr):
    Partner = env['test.partner']
    tags = env['test.tag'].create([{'name': 't'}])
    with QueryCounter(cr) as qc:
        parents = Partner.create([{'name': f'p{i}', 'tag_ids': [Command.set(tags.ids)]} for i in range(1000)])
    assert qc.count <= 10, qc.queries
    children = Partner.create([{'name': f'c{i}', 'parent_id': parents[i % 1000].id} for i in range(2000)])
    env.flush_all()
    env.invalidate_all()
    children = children.browse(children.ids)
    with QueryCounter(cr) as qc:
        names = children.mapped('parent_id.tag_ids.name')
    assert names == ['t']
    assert qc.count <= 8, qc.queries


def test_performance(env, cr):
    """Batch and single creates stay cheap: one INSERT per batch, and the
    time well within issue 2's targets (3 s and 1.5 s, measured by
    bench/orm.py; twice that here, as tests share the machine)."""
    Partner = env['test.partner']
    start = time.time()
    with QueryCounter(cr) as qc:
        Partner.create([{'name': f'p{i}', 'color': i % 10} for i in range(10000)])
        env.flush_all()
    assert time.time() - start < 6.0
    # INSERTs (5,000 rows each), parent_path, the recomputation's UPDATE
    assert qc.count <= 20, [query[:60] for query in qc.queries]
    start = time.time()
    for i in range(1000):
        Partner.create({'name': f'single{i}'})
    env.flush_all()
    assert time.time() - start < 3.0

class BaseExt(models.AbstractModel):
    _inherit = 'base'
    _register = False

    def _hello(self):
        return f"hello {self._name}"


class Counter(models.Model):
    _name = 'test.counter'
    _description = 'Counter'
    _register = False
    name = fields.Char()
    label = fields.Char(compute='_compute_label')

    @api.depends_context('suffix')
    def _compute_label(self):
        for rec in self:
            rec.label = f"{rec.name}{rec.env.context.get('suffix', '')}"


def test_inherit_base_and_depends_context(cr):
    env = make_env(cr, [BaseExt, Counter])
    record = env['test.counter'].create({'name': 'n'})
    assert record._hello() == 'hello test.counter'
    assert record.label == 'n'
    assert record.with_context(suffix='!').label == 'n!'
    assert record.sudo().env.su and record.with_context(a=1).env.context['a'] == 1


class Company(models.Model):
    _name = 'test.company'
    _description = 'Company'
    _register = False
    name = fields.Char()


class Project(models.Model):
    _name = 'test.project'
    _description = 'Project'
    _register = False
    _check_company_auto = True
    name = fields.Char()
    company_id = fields.Many2one('test.company')
    code = fields.Char(compute='_compute_code', store=True, precompute=True, required=True)
    parent_project_id = fields.Many2one('test.project', check_company=True)

    @api.depends('name')
    def _compute_code(self):
        for rec in self:
            rec.code = (rec.name or 'none')[:3].upper()


def test_precompute_and_check_company(cr):
    env = make_env(cr, [Company, Project])
    c1, c2 = env['test.company'].create([{'name': 'one'}, {'name': 'two'}])
    projects_model = env['test.project']
    with QueryCounter(cr) as qc:
        projects = projects_model.create([{'name': 'alpha', 'company_id': c1.id}, {'name': 'beta'}])
    assert qc.count == 1, qc.queries
    assert projects.mapped('code') == ['ALP', 'BET']
    projects_model.create({'name': 'child', 'company_id': c1.id, 'parent_project_id': projects[0].id})
    with pytest.raises(UserError, match="Incompatible companies"):
        projects_model.create({'name': 'bad', 'company_id': c2.id, 'parent_project_id': projects[0].id})


def test_field_translations(env):
    tag = env['test.tag'].create({'name': 'Red'})
    tag.update_field_translations('name', {'fr_FR': 'Rouge', 'zh_CN': '红'})
    assert tag.with_context(lang='zh_CN').name == '红'
    translations, context = tag.get_field_translations('name', langs=['en_US', 'fr_FR'])
    assert [(t['lang'], t['value']) for t in translations] == [('en_US', 'Red'), ('fr_FR', 'Rouge')]
    assert context['translation_type'] == 'char'
    copy = tag.copy()
    assert copy.with_context(lang='zh_CN').name == '红'
    tag.update_field_translations('name', {'fr_FR': False})
    assert tag.with_context(lang='fr_FR').name == 'Red'


def test_ondelete_skipped_at_uninstall(env):
    from odoo.models import MODULE_UNINSTALL_FLAG
    protected = env['test.partner'].create({'name': 'protected'})
    protected.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
    assert not protected.exists()


def test_a_class_without_name_is_named_as_in_odoo(cr):
    """Without a _name, a class extends the one model it inherits; with
    several (or none), it defines a new model named after the class."""
    class TagExtension(models.Model):
        _inherit = 'test.tag'
        _register = False
        extra = fields.Char()

    class MixedTag(models.Model):
        _inherit = ['test.tag', 'test.name.mixin']
        _description = 'Mixed tag'
        _register = False

    env = make_env(cr, [Tag, NameMixin, TagExtension, MixedTag])
    assert 'extra' in env['test.tag']._fields
    mixed = env['MixedTag'].create({'name': 'both', 'extra': 'x'})
    assert (mixed.name, mixed.code, mixed.extra) == ('both', 'X', 'x')
    assert not env['test.tag'].search([])
