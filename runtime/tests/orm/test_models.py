from odoo import api, fields, models, Command
from tests.orm.orm_registry import make_env, QueryCounter

class Partner(models.Model):
    _name = 'test.partner'
    _description = 'Partner'
    _register = False
    _order = 'name, id'
    name = fields.Char(required=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one('test.partner', ondelete='cascade')
    child_ids = fields.One2many('test.partner', 'parent_id')
    tag_ids = fields.Many2many('test.tag')
    upper = fields.Char(compute='_compute_upper', store=True)
    nb_children = fields.Integer(compute='_compute_nb')
    @api.depends('name')
    def _compute_upper(self):
        for r in self: r.upper = (r.name or '').upper()
    @api.depends('child_ids')
    def _compute_nb(self):
        for r in self: r.nb_children = len(r.child_ids)

class Tag(models.Model):
    _name = 'test.tag'
    _register = False
    name = fields.Char()

def test_smoke(cr):
    env = make_env(cr, [Tag, Partner])
    P = env['test.partner']
    p = P.create({'name': 'abc', 'tag_ids': [Command.create({'name': 't1'})]})
    c = P.create({'name': 'kid', 'parent_id': p.id})
    assert p.upper == 'ABC'
    assert p.child_ids == c
    assert p.nb_children == 1
    p.name = 'xyz'
    env.flush_all()
    cr.execute("select upper from test_partner where id=%s", (p.id,))
    assert cr.fetchone()[0] == 'XYZ'
    assert p.tag_ids.name == 't1'
    recs = P.create([{'name': 'n%d' % i} for i in range(1000)])
    env.invalidate_all()
    with QueryCounter(cr) as qc:
        names = recs.mapped('name')
    assert qc.count <= 2, qc.queries
    assert P.search([('name', '=', 'kid')]) == c
    p.unlink()
    assert not c.exists()
