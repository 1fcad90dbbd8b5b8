"""New records made from saved ones (``new(values, origin=record)``, as
forms and their onchanges build them): their stored fields, editable
computed ones included, are read from the origin until a dependency
changes; read-only computed fields are computed again."""
from __future__ import annotations

import pytest
from odoo import Command, api, fields, models
from tests.orm.orm_registry import make_env

LIST_PRICES = {'tea': 10.0, 'cake': 25.0}


class Quote(models.Model):
    _name = 'test.quote'
    _description = 'Quote'
    _register = False
    name = fields.Char()
    line_ids = fields.One2many('test.quote.line', 'quote_id')
    total = fields.Float(compute='_compute_total', store=True)
    # typed by the user, proposed from the lines' count until then
    discount = fields.Float(compute='_compute_discount', store=True, readonly=False)

    @api.depends('line_ids.subtotal')
    def _compute_total(self):
        for quote in self:
            quote.total = sum(quote.line_ids.mapped('subtotal'))

    @api.depends('line_ids')
    def _compute_discount(self):
        for quote in self:
            quote.discount = 5.0 if len(quote.line_ids) > 2 else 0.0


class QuoteLine(models.Model):
    _name = 'test.quote.line'
    _description = 'Quote Line'
    _register = False
    quote_id = fields.Many2one('test.quote')
    product = fields.Char()
    quantity = fields.Float(default=1.0)
    price_unit = fields.Float(compute='_compute_price_unit', store=True, readonly=False)
    subtotal = fields.Float(compute='_compute_subtotal', store=True)

    @api.depends('product')
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = LIST_PRICES.get(line.product, 0.0)

    @api.depends('quantity', 'price_unit')
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit


class Member(models.Model):
    _name = 'test.member'
    _description = 'Member'
    _register = False
    name = fields.Char()
    manager_id = fields.Many2one('test.member')
    coach_id = fields.Many2one('test.member', compute='_compute_coach_id', store=True, readonly=False)

    @api.depends('manager_id')
    def _compute_coach_id(self):
        # a coach who was the manager follows the manager; a coach chosen otherwise stays
        for member in self:
            if member.manager_id and (not member.coach_id or member.coach_id == member._origin.manager_id):
                member.coach_id = member.manager_id


@pytest.fixture
def env(cr):
    return make_env(cr, [Quote, QuoteLine, Member])


@pytest.fixture
def quote(env):
    quote = env['test.quote'].create({'name': 'q', 'line_ids': [Command.create({'product': 'tea', 'quantity': 2})]})
    # a price typed over the list price
    quote.line_ids.price_unit = 8.0
    quote.discount = 1.5
    env.flush_all()
    env.invalidate_all()
    return quote


def test_editable_computed_fields_of_lines_come_from_their_origin(env, quote):
    line = quote.line_ids
    draft = env['test.quote'].new({'name': 'q2', 'line_ids': [Command.update(line.id, {'quantity': 3})]}, origin=quote)
    assert draft.line_ids._origin == line
    assert draft.line_ids.price_unit == 8.0
    # read-only computed fields are computed again from the draft's values
    assert draft.line_ids.subtotal == 24.0
    assert draft.total == 24.0
    assert draft.discount == 1.5


def test_lines_without_values_come_from_their_origin(env, quote):
    line = quote.line_ids
    draft = env['test.quote'].new({'line_ids': [Command.set(line.ids)]}, origin=quote)
    assert draft.line_ids.price_unit == 8.0
    assert draft.line_ids.subtotal == 16.0


def test_a_changed_dependency_computes_again(env, quote):
    line = quote.line_ids
    draft = env['test.quote'].new({'line_ids': [Command.update(line.id, {})]}, origin=quote)
    assert draft.line_ids.price_unit == 8.0
    draft.line_ids.product = 'cake'
    assert draft.line_ids.price_unit == 25.0
    assert draft.line_ids.subtotal == 50.0
    # nothing was written
    env.invalidate_all()
    assert (line.product, line.price_unit, line.subtotal) == ('tea', 8.0, 16.0)


def test_onchange_keeps_the_saved_price_of_an_untouched_line(env, quote):
    line = quote.line_ids
    result = quote.onchange({'name': 'q', 'line_ids': [Command.update(line.id, {'quantity': 4})]}, ['line_ids'],
                            {'name': {}, 'total': {}, 'line_ids': {'fields': {'quantity': {}, 'price_unit': {}, 'subtotal': {}}}})
    assert result['value']['total'] == 32.0


def test_compute_reads_its_old_value_from_the_origin(env):
    Member = env['test.member']
    first, second, mentor = Member.create([{'name': 'first'}, {'name': 'second'}, {'name': 'mentor'}])
    follower = Member.create({'name': 'follower', 'manager_id': first.id})
    coached = Member.create({'name': 'coached', 'manager_id': first.id})
    coached.coach_id = mentor
    assert follower.coach_id == first
    env.flush_all()
    env.invalidate_all()
    for member, expected in ((follower, second), (coached, mentor)):
        draft = Member.new({'name': member.name}, origin=member)
        draft.manager_id = second
        assert draft.coach_id == expected, member.name
