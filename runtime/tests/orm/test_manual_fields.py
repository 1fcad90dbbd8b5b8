"""Custom fields (``ir.model.fields`` rows with ``state='manual'``): each
type becomes a registry field with its column or relation table at once,
holds values, searches and groups; a new registry (another worker, a
restart) reads them back; deleting one drops its column, and is refused
while a view or another custom field uses it; bad rows are refused."""
from __future__ import annotations

import itertools
import os

import psycopg2
import pytest
from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import config, sql

_counter = itertools.count()


@pytest.fixture(scope='module')
def manual_db(pg_server):
    """A database of its own with base installed: these tests commit (a copy
    of the session's base database would cut that database's connections)."""
    name = f"manual_{os.getpid()}_{next(_counter)}"
    db_service._create_empty_database(name)
    saved = config['init'], config['demo']
    config['init'], config['demo'] = {'base': 1}, {}
    try:
        Registry.new(name, update_module=True)
    finally:
        config['init'], config['demo'] = saved
    try:
        yield name
    finally:
        Registry.delete(name)
        db_service.exp_drop(name)


@pytest.fixture
def env(manual_db):
    """A superuser environment; rolled back (registry too) after the test."""
    registry = Registry(manual_db)
    cr = registry.cursor()
    try:
        yield api.Environment(cr, 1, {})
    finally:
        cr.rollback()
        cr.close()
        registry.reset_changes()


def _partner_model(env):
    return env['ir.model']._get('res.partner')


def _create_field(env, name, ttype, **values):
    return env['ir.model.fields'].create({
        'model_id': _partner_model(env).id, 'name': name, 'ttype': ttype,
        'field_description': values.pop('field_description', name[2:].title()), **values})


def _all_types(env):
    """One custom field of every supported type on res.partner."""
    fields = env['ir.model.fields']
    fields |= _create_field(env, 'x_code', 'char', index=True, help="Internal code")
    fields |= _create_field(env, 'x_notes', 'text')
    fields |= _create_field(env, 'x_page', 'html')
    fields |= _create_field(env, 'x_visits', 'integer')
    fields |= _create_field(env, 'x_score', 'float')
    fields |= _create_field(env, 'x_currency_id', 'many2one', relation='res.currency')
    fields |= _create_field(env, 'x_budget', 'monetary', currency_field='x_currency_id')
    fields |= _create_field(env, 'x_vip', 'boolean')
    fields |= _create_field(env, 'x_since', 'date')
    fields |= _create_field(env, 'x_called', 'datetime')
    fields |= _create_field(env, 'x_grade', 'selection', selection_ids=[
        Command.create({'value': 'a', 'name': 'Grade A', 'sequence': 1}),
        Command.create({'value': 'b', 'name': 'Grade B', 'sequence': 2})])
    fields |= _create_field(env, 'x_country_id', 'many2one', relation='res.country', on_delete='restrict')
    fields |= _create_field(env, 'x_tag_ids', 'many2many', relation='res.partner.category')
    fields |= _create_field(env, 'x_child_ids', 'one2many', relation='res.partner', relation_field='parent_id')
    return fields


def test_each_type_stores_searches_and_groups(env):
    _all_types(env)
    partner_fields = env['res.partner']._fields
    expected = {'x_code': 'char', 'x_notes': 'text', 'x_page': 'html', 'x_visits': 'integer',
                'x_score': 'float', 'x_budget': 'monetary', 'x_vip': 'boolean', 'x_since': 'date',
                'x_called': 'datetime', 'x_grade': 'selection', 'x_country_id': 'many2one',
                'x_tag_ids': 'many2many', 'x_child_ids': 'one2many'}
    for name, ttype in expected.items():
        assert partner_fields[name].type == ttype, name
        assert partner_fields[name].manual
    assert partner_fields['x_grade'].selection == [('a', 'Grade A'), ('b', 'Grade B')]
    assert partner_fields['x_budget'].currency_field == 'x_currency_id'
    assert partner_fields['x_tag_ids'].relation == 'x_res_partner_res_partner_category_rel'
    columns = sql.table_columns(env.cr, 'res_partner')
    for name in expected:
        assert (name in columns) == (name not in ('x_tag_ids', 'x_child_ids')), name
    assert sql.table_exists(env.cr, 'x_res_partner_res_partner_category_rel')
    assert sql.index_exists(env.cr, sql.make_index_name('res_partner', 'x_code'))
    # res.users delegates to res.partner: it sees the new fields too
    assert 'x_code' in env['res.users']._fields
    # the row tells how to copy: everything but one2many
    row = env['ir.model.fields']._get('res.partner', 'x_child_ids')
    assert not row.copied and env['ir.model.fields']._get('res.partner', 'x_code').copied
    Partner = env['res.partner']
    china = env.ref('base.cn')
    child = Partner.create({'name': 'Child'})
    partner = Partner.create({
        'name': 'Custom', 'x_code': 'C-1', 'x_notes': 'long\ntext', 'x_page': '<p>hi</p>',
        'x_visits': 3, 'x_score': 1.5, 'x_currency_id': env.ref('base.CNY').id, 'x_budget': 12.345,
        'x_vip': True, 'x_since': '2024-01-02', 'x_called': '2024-01-02 03:04:05', 'x_grade': 'b',
        'x_country_id': china.id, 'x_tag_ids': [Command.create({'name': 'Key account'})],
        'x_child_ids': [Command.link(child.id)]})
    Partner.create({'name': 'Other', 'x_grade': 'b', 'x_visits': 4})
    env.flush_all()
    env.invalidate_all()
    assert partner.x_code == 'C-1' and partner.x_visits == 3 and partner.x_vip
    assert partner.x_budget == 12.35        # rounded by the currency
    assert str(partner.x_since) == '2024-01-02' and partner.x_grade == 'b'
    assert partner.x_country_id == china and partner.x_tag_ids.name == 'Key account'
    assert child.parent_id == partner and partner.x_child_ids == child
    assert Partner.search([('x_code', '=', 'C-1')]) == partner
    assert Partner.search([('x_tag_ids.name', '=', 'Key account')]) == partner
    groups = Partner.read_group([('x_grade', '!=', False)], ['x_visits:sum'], ['x_grade'])
    assert [(g['x_grade'], g['x_grade_count'], g['x_visits']) for g in groups] == [('b', 2, 7)]
    described = Partner.fields_get(['x_code', 'x_grade'], ['string', 'type', 'selection', 'help'])
    assert described['x_code'] == {'string': 'Code', 'type': 'char', 'help': 'Internal code'}
    assert described['x_grade']['selection'] == [('a', 'Grade A'), ('b', 'Grade B')]
    # copied with the record, as the row says (one2many lines are not)
    duplicate = partner.copy()
    assert duplicate.x_code == 'C-1' and not duplicate.x_child_ids


def test_changes_of_the_row(env):
    field = _create_field(env, 'x_code', 'char', field_description='Code')
    grade = _create_field(env, 'x_grade', 'selection', selection_ids=[
        Command.create({'value': 'a', 'name': 'A'})])
    partner = env['res.partner'].create({'name': 'P', 'x_code': 'c', 'x_grade': 'a'})
    field.write({'field_description': 'Project code'})
    assert env['res.partner'].fields_get(['x_code'], ['string'])['x_code']['string'] == 'Project code'
    env['res.partner'].with_context(active_test=False).search([('x_code', '=', False)]).x_code = 'none'
    field.write({'required': True})
    assert env['res.partner']._fields['x_code'].required
    assert sql.table_columns(env.cr, 'res_partner')['x_code']['is_nullable'] == 'NO'
    # options added, renamed and removed change the registry's selection at once
    env['ir.model.fields.selection'].create({'field_id': grade.id, 'value': 'b', 'name': 'B', 'sequence': 5})
    assert env['res.partner']._fields['x_grade'].selection == [('a', 'A'), ('b', 'B')]
    grade.selection_ids.filtered(lambda s: s.value == 'a').write({'value': 'aa'})
    partner.invalidate_recordset()
    assert partner.x_grade == 'aa'
    grade.selection_ids.filtered(lambda s: s.value == 'aa').unlink()
    partner.invalidate_recordset()
    assert env['res.partner']._fields['x_grade'].selection == [('b', 'B')] and not partner.x_grade
    # a renamed field keeps its values in the renamed column
    field.write({'name': 'x_project_code'})
    partner.invalidate_recordset()
    assert 'x_code' not in env['res.partner']._fields and partner.x_project_code == 'c'
    with pytest.raises(UserError):
        field.write({'ttype': 'text'})


def test_a_new_registry_reads_them_and_deletion_drops_storage(manual_db):
    registry = Registry(manual_db)
    with registry.cursor() as cr:
        env = api.Environment(cr, 1, {})
        _create_field(env, 'x_code', 'char')
        _create_field(env, 'x_tag_ids', 'many2many', relation='res.partner.category')
        _create_field(env, 'x_grade', 'selection', selection_ids=[Command.create({'value': 'a', 'name': 'A'})])
        env['res.partner'].create({'name': 'Kept', 'x_code': 'K', 'x_grade': 'a'})
    try:
        # another worker, or the server after a restart, builds its registry from the rows
        fresh = Registry.new(manual_db)
        assert fresh is not registry
        with fresh.cursor() as cr:
            env = api.Environment(cr, 1, {})
            assert env['res.partner']._fields['x_grade'].selection == [('a', 'A')]
            kept = env['res.partner'].search([('x_code', '=', 'K')])
            assert kept.x_grade == 'a'
            env['ir.model.fields'].search([('model', '=', 'res.partner'), ('state', '=', 'manual')]).unlink()
            assert 'x_code' not in env['res.partner']._fields
            assert 'x_code' not in env['res.users']._fields
            assert 'x_code' not in sql.table_columns(cr, 'res_partner')
            assert not sql.table_exists(cr, 'x_res_partner_res_partner_category_rel')
            assert not env['ir.model.fields'].search([('name', '=', 'x_code')])
        fresh = Registry.new(manual_db)
        assert 'x_code' not in fresh['res.partner']._fields
    finally:
        with Registry(manual_db).cursor() as cr:
            cr.execute("DELETE FROM ir_model_fields WHERE state = 'manual'")
            cr.execute("ALTER TABLE res_partner DROP COLUMN IF EXISTS x_code, DROP COLUMN IF EXISTS x_grade")
            cr.execute("DROP TABLE IF EXISTS x_res_partner_res_partner_category_rel")
        Registry.new(manual_db)


def test_rollback_forgets_the_field(env):
    _create_field(env, 'x_code', 'char')
    registry = env.registry
    assert 'x_code' in registry['res.partner']._fields and registry.registry_invalidated
    env.cr.rollback()
    registry.reset_changes()
    assert 'x_code' not in registry['res.partner']._fields
    assert not registry.registry_invalidated


def test_bad_rows_are_refused(env):
    with pytest.raises(psycopg2.IntegrityError, match='name_manual_field'):
        with env.cr.savepoint():
            _create_field(env, 'code', 'char')
    with pytest.raises(ValueError):
        with env.cr.savepoint():
            _create_field(env, 'x_code', 'no_such_type')
    with pytest.raises(ValidationError, match='use letters, digits and underscores'):
        with env.cr.savepoint():
            _create_field(env, 'x_bad-name', 'char')
    with pytest.raises(ValidationError, match='refers to the model no.such.model'):
        with env.cr.savepoint():
            _create_field(env, 'x_link_id', 'many2one', relation='no.such.model')
    with pytest.raises(UserError, match='needs a many2one x_nothing on res.partner'):
        with env.cr.savepoint():
            _create_field(env, 'x_line_ids', 'one2many', relation='res.partner', relation_field='x_nothing')
    with pytest.raises(ValidationError, match='must be a many2one to res.currency'):
        with env.cr.savepoint():
            _create_field(env, 'x_amount', 'monetary', currency_field='name')
    code = env['ir.model.fields']._get('res.partner', 'name')
    with pytest.raises(UserError, match='belongs to a module'):
        code.unlink()
    with pytest.raises(UserError, match='is defined by a module'):
        code.write({'required': False})


def test_deletion_refused_while_used(env):
    field = _create_field(env, 'x_code', 'char')
    view = env['ir.ui.view'].create({
        'name': 'partner code', 'model': 'res.partner', 'mode': 'extension',
        'inherit_id': env.ref('base.view_partner_form').id,
        'arch': '<field name="name" position="after"><field name="x_code"/></field>'})
    with pytest.raises(UserError, match='still appear in view'):
        field.unlink()
    assert 'x_code' in env['res.partner']._fields
    _create_field(env, 'x_code_upper', 'char', compute="for r in self:\n    r['x_code_upper'] = (r.x_code or '').upper()",
                  depends='x_code', store=False)
    partner = env['res.partner'].create({'name': 'P', 'x_code': 'abc'})
    assert partner.x_code_upper == 'ABC'
    view.unlink()
    with pytest.raises(UserError, match='is used by field'):
        field.unlink()
    env['ir.model.fields']._get('res.partner', 'x_code_upper').unlink()
    field.unlink()
    assert 'x_code' not in env['res.partner']._fields


def test_sudo_commands_on_field_rows_keep_the_users_rights(env):
    """ir.model.fields.selection refuses commands run as superuser (as in
    Odoo): a sudo() create passing choices along needs the user's own rights."""
    user = env['res.users'].create({'name': 'Clerk', 'login': 'clerk_manual',
                                    'groups_id': [Command.set(env.ref('base.group_user').ids)]})
    clerk_sudo = env['ir.model.fields'].with_user(user).sudo()
    values = {'model_id': _partner_model(env).id, 'name': 'x_grade', 'ttype': 'selection',
              'field_description': 'Grade', 'selection_ids': [Command.create({'value': 'a', 'name': 'A'})]}
    with pytest.raises(AccessError):
        with env.cr.savepoint():
            clerk_sudo.create(dict(values))
    values.pop('selection_ids')
    field = clerk_sudo.create(values)
    env['ir.model.fields.selection'].with_user(user).sudo().create({'field_id': field.id, 'value': 'a', 'name': 'A'})
    assert env['res.partner']._fields['x_grade'].selection == [('a', 'A')]


def test_other_workers_are_told(manual_db, monkeypatch):
    """With several server processes, the commit of a new custom field bumps
    the registry sequence, and a process still on the old sequence reloads
    its registry (with the field) before serving its next request."""
    from odoo.service import signaling
    monkeypatch.setitem(signaling._state, 'multi_process', True)
    monkeypatch.setattr(signaling, '_seen', {})
    registry = Registry(manual_db)
    signaling.setup(registry)
    before = signaling._seen[manual_db]
    try:
        with registry.cursor() as cr:
            _create_field(api.Environment(cr, 1, {}), 'x_told', 'char')
        assert registry.registry_invalidated
        signaling.signal(registry)
        assert not registry.registry_invalidated
        after = signaling._seen[manual_db]
        assert after[0] > before[0]
        # a worker that last saw the old sequence gets a new registry
        signaling._seen[manual_db] = before
        with registry.cursor() as cr:
            current = signaling.check(registry, cr)
        assert current is not registry and 'x_told' in current['res.partner']._fields
    finally:
        with Registry(manual_db).cursor() as cr:
            api.Environment(cr, 1, {})['ir.model.fields']._get('res.partner', 'x_told').unlink()


def test_related_and_translated(env):
    related = _create_field(env, 'x_country_code', 'char', related='country_id.code', store=False, readonly=True)
    _create_field(env, 'x_motto', 'char', translate=True)
    partner = env['res.partner'].create({'name': 'P', 'country_id': env.ref('base.cn').id, 'x_motto': 'Hello'})
    assert partner.x_country_code == 'CN'
    assert related.related_field_id == env['ir.model.fields']._get('res.country', 'code')
    assert 'x_country_code' not in sql.table_columns(env.cr, 'res_partner')
    assert sql.table_columns(env.cr, 'res_partner')['x_motto']['udt_name'] == 'jsonb'
    with pytest.raises(ValidationError, match='leads to a field of type'):
        with env.cr.savepoint():
            _create_field(env, 'x_country_id2', 'integer', related='country_id', store=False)


def test_choices_given_as_text(env):
    """The deprecated ``selection`` text of a row still sets its choices."""
    grade = _create_field(env, 'x_grade', 'selection', selection="[('a', 'A'), ('b', 'B')]")
    assert env['res.partner']._fields['x_grade'].selection == [('a', 'A'), ('b', 'B')]
    grade.selection = "[('b', 'Better'), ('c', 'C')]"
    assert env['res.partner']._fields['x_grade'].selection == [('b', 'Better'), ('c', 'C')]
    assert grade.selection_ids.mapped('value') == ['b', 'c']
