"""Sequences (ir.sequence, ir.sequence.date_range): numbered references
such as ``SO/2026/00042``.

Two implementations, as in Odoo: 'standard' draws numbers from a
PostgreSQL sequence (fast, never blocks, may leave gaps when a transaction
rolls back); 'no_gap' increments a column under the row lock, so numbers
are consecutive and concurrent transactions wait for each other.
"""
from __future__ import annotations

import logging
from datetime import date as date_type
from datetime import datetime, timedelta

import pytz
from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# placeholder name -> strftime directive, usable in prefix and suffix
DATE_PLACEHOLDERS = {
    'year': '%Y', 'month': '%m', 'day': '%d', 'y': '%y', 'doy': '%j', 'woy': '%W',
    'weekday': '%w', 'h24': '%H', 'h12': '%I', 'min': '%M', 'sec': '%S',
}


def pg_sequence_name(sequence_id: int, range_id: int | None = None) -> str:
    """ Name of the PostgreSQL sequence behind a 'standard' sequence (or
    one of its date ranges), as Odoo names it. """
    if range_id is None:
        return 'ir_sequence_%03d' % sequence_id
    return 'ir_sequence_%03d_%03d' % (sequence_id, range_id)


def pg_create(cr, name: str, step: int, start: int) -> None:
    if step == 0:
        raise UserError(_("Sequence %s: the step (number_increment) cannot be 0.", name))
    cr.execute('CREATE SEQUENCE "%s" INCREMENT BY %%s START WITH %%s' % name, [step, start])


def pg_drop(cr, names) -> None:
    for name in names:
        cr.execute('DROP SEQUENCE IF EXISTS "%s" RESTRICT' % name)


def pg_alter(cr, name: str, step: int | None = None, restart: int | None = None) -> None:
    """ Change the step and/or the next value of a PostgreSQL sequence; a
    missing sequence is ignored (it will be created when needed). """
    if step == 0:
        raise UserError(_("Sequence %s: the step (number_increment) cannot be 0.", name))
    cr.execute("SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname = %s", [name])
    if not cr.fetchone():
        return
    clauses, params = [], []
    if step is not None:
        clauses.append('INCREMENT BY %s')
        params.append(step)
    if restart is not None:
        clauses.append('RESTART WITH %s')
        params.append(restart)
    if clauses:
        cr.execute('ALTER SEQUENCE "%s" %s' % (name, ' '.join(clauses)), params)


def pg_nextval(cr, name: str) -> int:
    cr.execute("SELECT nextval(%s)", [name])
    return cr.fetchone()[0]


def pg_predict(cr, name: str) -> int | None:
    """ The number the next ``nextval`` will return, without consuming it. """
    cr.execute("SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname = %s", [name])
    if not cr.fetchone():
        return None
    cr.execute('SELECT last_value, is_called FROM "%s"' % name)
    last_value, is_called = cr.fetchone()
    cr.execute("SELECT increment_by FROM pg_sequences WHERE sequencename = %s", [name])
    step = cr.fetchone()[0]
    return last_value + step if is_called else last_value


def take_nogap(record, step: int) -> int:
    """ Return ``record.number_next`` and advance it by ``step``, under the
    row lock: concurrent callers wait, so no number is skipped or shared. """
    record.flush_recordset(['number_next'])
    record.env.cr.execute(
        'UPDATE "%s" SET number_next = number_next + %%s WHERE id = %%s RETURNING number_next - %%s'
        % record._table, [step, record.id, step])
    taken = record.env.cr.fetchone()[0]
    record.invalidate_recordset(['number_next'])
    return taken


class IrSequence(models.Model):
    """ A numbering scheme: prefix + zero-padded number + suffix. """
    _name = 'ir.sequence'
    _description = 'Sequence'
    _order = 'name'
    _allow_sudo_commands = False

    name = fields.Char(required=True)
    code = fields.Char(string='Sequence Code')
    implementation = fields.Selection([('standard', 'Standard'), ('no_gap', 'No gap')],
                                      string='Implementation', required=True, default='standard')
    active = fields.Boolean(default=True)
    prefix = fields.Char(trim=False)
    suffix = fields.Char(trim=False)
    number_next = fields.Integer(string='Next Number', required=True, default=1)
    number_next_actual = fields.Integer(compute='_compute_number_next_actual', inverse='_inverse_number_next_actual',
                                        string='Actual Next Number')
    number_increment = fields.Integer(string='Step', required=True, default=1)
    padding = fields.Integer(string='Sequence Size', required=True, default=0)
    company_id = fields.Many2one('res.company', string='Company', default=lambda s: s.env.company)
    use_date_range = fields.Boolean(string='Use subsequences per date_range')
    date_range_ids = fields.One2many('ir.sequence.date_range', 'sequence_id', string='Subsequences')

    def _compute_number_next_actual(self):
        for seq in self:
            predicted = None
            if seq.implementation == 'standard' and seq.id:
                predicted = pg_predict(self.env.cr, pg_sequence_name(seq.id))
            seq.number_next_actual = predicted if predicted is not None else seq.number_next

    def _inverse_number_next_actual(self):
        for seq in self:
            seq.write({'number_next': seq.number_next_actual or 1})

    @api.model_create_multi
    def create(self, vals_list):
        sequences = super().create(vals_list)
        for seq in sequences.filtered(lambda s: s.implementation == 'standard'):
            pg_create(self.env.cr, pg_sequence_name(seq.id), seq.number_increment, seq.number_next)
        return sequences

    def unlink(self):
        pg_drop(self.env.cr, [pg_sequence_name(seq.id) for seq in self])
        return super().unlink()

    def write(self, vals):
        new_impl = vals.get('implementation')
        cr = self.env.cr
        for seq in self:
            impl = new_impl or seq.implementation
            step = vals.get('number_increment', seq.number_increment)
            restart = vals.get('number_next')
            ranges = seq.date_range_ids
            if seq.implementation == 'standard' and impl == 'standard':
                pg_alter(cr, pg_sequence_name(seq.id), step=step, restart=restart)
                for rng in ranges:
                    pg_alter(cr, pg_sequence_name(seq.id, rng.id), step=step)
            elif impl == 'standard':
                # switching to a PostgreSQL sequence: start where the column was
                pg_create(cr, pg_sequence_name(seq.id), step, restart or seq.number_next)
                for rng in ranges:
                    pg_create(cr, pg_sequence_name(seq.id, rng.id), step, rng.number_next)
            elif seq.implementation == 'standard':
                pg_drop(cr, [pg_sequence_name(seq.id)] + [pg_sequence_name(seq.id, r.id) for r in ranges])
        result = super().write(vals)
        self.flush_model(vals.keys())
        return result

    def _next_do(self) -> str:
        if self.implementation == 'standard':
            number = pg_nextval(self.env.cr, pg_sequence_name(self.id))
        else:
            number = take_nogap(self, self.number_increment)
        return self.get_next_char(number)

    def _placeholder_values(self, date=None, date_range=None) -> dict:
        """ Values of the ``%(name)s`` placeholders: the document date
        (``year``...), the date range's (``range_year``...) and now
        (``current_year``...), in the context's timezone. """
        now = datetime.now(pytz.timezone(self._context.get('tz') or 'UTC'))
        doc_date = date or self._context.get('ir_sequence_date')
        range_date = date_range or self._context.get('ir_sequence_date_range')
        moments = {
            '': fields.Datetime.to_datetime(doc_date) if doc_date else now,
            'range_': fields.Datetime.to_datetime(range_date) if range_date else now,
            'current_': now,
        }
        return {
            prefix + key: moment.strftime(directive)
            for prefix, moment in moments.items()
            for key, directive in DATE_PLACEHOLDERS.items()
        }

    def _get_prefix_suffix(self, date=None, date_range=None) -> tuple:
        """ The prefix and suffix with their placeholders filled in. """
        self.ensure_one()
        values = self._placeholder_values(date, date_range)
        try:
            return tuple((pattern % values) if pattern else '' for pattern in (self.prefix, self.suffix))
        except (ValueError, TypeError, KeyError) as e:
            raise UserError(_("Sequence %(name)s has an invalid prefix or suffix: %(error)s",
                              name=self.name, error=e)) from e

    def get_next_char(self, number_next: int) -> str:
        start, end = self._get_prefix_suffix()
        return f"{start}{number_next:0{max(self.padding, 0)}d}{end}"

    def _create_date_range_seq(self, date):
        """ A date range covering ``date``: the calendar year, shortened so
        as not to overlap the existing ranges. """
        day = fields.Date.to_date(date)
        first, last = date_type(day.year, 1, 1), date_type(day.year, 12, 31)
        Range = self.env['ir.sequence.date_range']
        before = Range.search([('sequence_id', '=', self.id), ('date_from', '>=', day),
                               ('date_from', '<=', last)], order='date_from asc', limit=1)
        if before:
            last = before.date_from - timedelta(days=1)
        after = Range.search([('sequence_id', '=', self.id), ('date_to', '>=', first),
                              ('date_to', '<=', day)], order='date_to desc', limit=1)
        if after:
            first = after.date_to + timedelta(days=1)
        return Range.sudo().create({'date_from': first, 'date_to': last, 'sequence_id': self.id})

    def _next(self, sequence_date=None) -> str:
        """ The next reference of this sequence, using the date range that
        covers ``sequence_date`` (today by default) when date ranges are on. """
        if not self.use_date_range:
            return self._next_do()
        day = sequence_date or self._context.get('ir_sequence_date') or fields.Date.today()
        covering = self.env['ir.sequence.date_range'].search(
            [('sequence_id', '=', self.id), ('date_from', '<=', day), ('date_to', '>=', day)], limit=1)
        if not covering:
            covering = self._create_date_range_seq(day)
        return covering.with_context(ir_sequence_date_range=covering.date_from)._next()

    def next_by_id(self, sequence_date=None) -> str:
        """ The next reference of ``self``. """
        self.check_access('read')
        return self._next(sequence_date=sequence_date)

    @api.model
    def next_by_code(self, sequence_code: str, sequence_date=None):
        """ The next reference of the sequence with ``sequence_code``, of the
        current company (or shared); False when there is none. """
        self.check_access('read')
        company = self.env.company.id
        candidates = self.search([('code', '=', sequence_code), ('company_id', 'in', [company, False])],
                                 order='company_id')
        if not candidates:
            _logger.debug("No ir.sequence has the code %r: nothing to number with.", sequence_code)
            return False
        return candidates[0]._next(sequence_date=sequence_date)

    @api.model
    def get_id(self, sequence_code_or_id, code_or_id='id'):
        """ Deprecated entry point kept for compatibility. """
        if code_or_id == 'id':
            return self.browse(sequence_code_or_id).next_by_id()
        return self.next_by_code(sequence_code_or_id)

    @api.model
    def get(self, code):
        return self.get_id(code, 'code')


class IrSequenceDateRange(models.Model):
    """ The numbering of a sequence for one period. """
    _name = 'ir.sequence.date_range'
    _description = 'Sequence Date Range'
    _rec_name = "sequence_id"
    _allow_sudo_commands = False

    date_from = fields.Date(string='From', required=True)
    date_to = fields.Date(string='To', required=True)
    sequence_id = fields.Many2one("ir.sequence", string='Main Sequence', required=True, ondelete='cascade')
    number_next = fields.Integer(string='Next Number', required=True, default=1)
    number_next_actual = fields.Integer(compute='_compute_number_next_actual', inverse='_inverse_number_next_actual',
                                        string='Actual Next Number')

    def _compute_number_next_actual(self):
        for rng in self:
            predicted = None
            if rng.sequence_id.implementation == 'standard' and rng.id:
                predicted = pg_predict(self.env.cr, pg_sequence_name(rng.sequence_id.id, rng.id))
            rng.number_next_actual = predicted if predicted is not None else rng.number_next

    def _inverse_number_next_actual(self):
        for rng in self:
            rng.write({'number_next': rng.number_next_actual or 1})

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if 'number_next_actual' in fields_list:
            values['number_next_actual'] = 1
        return values

    def _next(self) -> str:
        seq = self.sequence_id
        if seq.implementation == 'standard':
            number = pg_nextval(self.env.cr, pg_sequence_name(seq.id, self.id))
        else:
            number = take_nogap(self, seq.number_increment)
        return seq.get_next_char(number)

    @api.model_create_multi
    def create(self, vals_list):
        ranges = super().create(vals_list)
        for rng in ranges:
            seq = rng.sequence_id
            if seq.implementation == 'standard':
                pg_create(self.env.cr, pg_sequence_name(seq.id, rng.id), seq.number_increment,
                          rng.number_next_actual or 1)
        return ranges

    def unlink(self):
        pg_drop(self.env.cr, [pg_sequence_name(rng.sequence_id.id, rng.id) for rng in self])
        return super().unlink()

    def write(self, vals):
        if vals.get('number_next'):
            for rng in self.filtered(lambda r: r.sequence_id.implementation == 'standard'):
                pg_alter(self.env.cr, pg_sequence_name(rng.sequence_id.id, rng.id), restart=vals['number_next'])
        result = super().write(vals)
        self.flush_model(vals.keys())
        return result
