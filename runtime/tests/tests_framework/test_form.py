"""Form (runtime/odoo/tests/form.py) on the fixture addon's model
``test.loading.item``: onchanges, modifiers, one2many lines, save."""
from __future__ import annotations

import pytest
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import Form


@pytest.fixture
def env(loading_db):
    registry = Registry(loading_db)
    cr = registry.cursor()
    try:
        yield api.Environment(cr, SUPERUSER_ID, {})
    finally:
        cr.rollback()
        cr.close()


def test_new_record_defaults_onchange_and_save(env):
    form = Form(env['test.loading.item'])
    assert form.sequence == 10            # default value
    assert form.partner_id.id is False
    form.name = 'Formed'
    partner = env.ref('base.main_partner')
    form.partner_id = partner
    assert form.note == f'for {partner.name}'   # @api.onchange
    form.quantity = 4
    assert form.double == 8                     # computed field recomputed by onchange
    item = form.save()
    assert (item.name, item.partner_id, item.note, item.quantity, item.double) == \
        ('Formed', partner, f'for {partner.name}', 4, 8)


def test_required_field_checked_on_save(env):
    form = Form(env['test.loading.item'])
    with pytest.raises(AssertionError, match='name is a required field'):
        form.save()


def test_view_modifiers(env):
    form = Form(env['test.loading.item'])
    form.name = 'X'
    # note is readonly while there is no partner
    with pytest.raises(AssertionError, match="readonly field 'note'"):
        form.note = 'nope'
    # quantity is required once a partner is set: 0 is a value, False is not
    form.partner_id = env.ref('base.main_partner')
    form.note = 'allowed now'
    with pytest.raises(AssertionError, match='not found in the view'):
        form.total_unknown = 1
    with pytest.raises(AssertionError, match="readonly field 'double'"):
        form.double = 3      # computed without inverse: readonly in fields_get


def test_one2many_lines(env):
    with Form(env['test.loading.item']) as form:
        form.name = 'With lines'
        with form.line_ids.new() as line:
            line.name = 'l1'
            line.quantity = 2
        with form.line_ids.new() as line:
            line.name = 'l2'
            line.quantity = 5
        assert len(form.line_ids) == 2
        assert form.total == 7
        with form.line_ids.edit(0) as line:
            line.quantity = 3
        assert form.total == 8
        form.line_ids.remove(1)
        assert form.total == 3
    item = form.record
    assert item.line_ids.mapped('name') == ['l1']
    assert item.total == 3


def test_edit_existing_record(env):
    item = env.ref('test_loading_dependent.item_second')
    form = Form(item)
    assert form.name == 'Second'
    assert len(form.line_ids) == 2
    form.quantity = 9
    with form.line_ids.new() as line:
        line.name = 'c'
        line.quantity = 10
    form.save()
    assert item.quantity == 9
    assert item.total == 13
    assert sorted(item.line_ids.mapped('name')) == ['a', 'b', 'c']


def test_many2many_tags(env):
    tag_a = env['res.partner.category'].create({'name': 'c_a'})
    tag_b = env['res.partner.category'].create({'name': 'c_b'})
    form = Form(env.ref('test_loading_dependent.item_first'))
    form.tag_ids.add(tag_a)
    form.tag_ids.add(tag_b)
    assert form.tag_count == 2
    assert tag_a in form.tag_ids and len(form.tag_ids) == 2
    form.tag_ids.remove(id=tag_a.id)
    assert list(form.tag_ids) == [tag_b]
    item = form.save()
    assert item.tag_ids == tag_b
    form = Form(item)
    form.tag_ids = tag_a | tag_b
    form.save()
    assert item.tag_ids == tag_a | tag_b
    form.tag_ids.clear()
    form.save()
    assert not item.tag_ids


def test_from_action(env):
    action = {'type': 'ir.actions.act_window', 'res_model': 'test.loading.item', 'view_mode': 'form',
              'context': "{'default_name': 'From action'}"}
    form = Form.from_action(env, action)
    assert form.name == 'From action'
    with pytest.raises(ValueError, match='first view mode'):
        Form.from_action(env, dict(action, view_mode='list,form'))
