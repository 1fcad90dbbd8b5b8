"""The old and new value of one tracked field, attached to the message that
logged the change."""
from __future__ import annotations

import datetime

from odoo import api, fields, models

# which pair of columns holds the values of each field type
_VALUE_COLUMNS = {
    'boolean': 'integer',
    'integer': 'integer',
    'float': 'float',
    'monetary': 'float',
    'char': 'char',
    'selection': 'char',
    'many2one': 'char',
    'one2many': 'char',
    'many2many': 'char',
    'text': 'text',
    'html': 'text',
    'date': 'datetime',
    'datetime': 'datetime',
}


class MailTrackingValue(models.Model):
    _name = 'mail.tracking.value'
    _description = 'Mail Tracking Value'
    _rec_name = 'field_id'
    _order = 'id DESC'

    field_id = fields.Many2one('ir.model.fields', required=False, readonly=True,
                               index=True, ondelete='set null')
    field_info = fields.Json('Removed field information')

    old_value_integer = fields.Integer('Old Value Integer', readonly=True)
    old_value_float = fields.Float('Old Value Float', readonly=True)
    old_value_char = fields.Char('Old Value Char', readonly=True)
    old_value_text = fields.Text('Old Value Text', readonly=True)
    old_value_datetime = fields.Datetime('Old Value DateTime', readonly=True)

    new_value_integer = fields.Integer('New Value Integer', readonly=True)
    new_value_float = fields.Float('New Value Float', readonly=True)
    new_value_char = fields.Char('New Value Char', readonly=True)
    new_value_text = fields.Text('New Value Text', readonly=True)
    new_value_datetime = fields.Datetime('New Value Datetime', readonly=True)

    currency_id = fields.Many2one('res.currency', 'Currency', readonly=True, ondelete='set null',
                                  help="Currency of the monetary values.")
    mail_message_id = fields.Many2one('mail.message', 'Message ID', required=True, index=True,
                                      ondelete='cascade')

    @api.model
    def _create_tracking_values(self, initial_value, new_value, col_name, col_info, record):
        """Values creating the tracking line of field ``col_name`` of
        ``record`` going from ``initial_value`` to ``new_value``;
        ``col_info`` is the field's ``fields_get`` description."""
        field = self.env['ir.model.fields']._get(record._name, col_name)
        if not field:
            raise ValueError(f"Cannot track {record._name}.{col_name}: the field is not in ir.model.fields")
        ftype = col_info['type']
        if ftype not in _VALUE_COLUMNS:
            raise NotImplementedError(f"Tracking of {record._name}.{col_name} is not supported "
                                      f"(field type {ftype})")
        column = _VALUE_COLUMNS[ftype]
        vals = {'field_id': field.id}

        def convert(value):
            if ftype == 'boolean':
                return int(bool(value))
            if ftype == 'selection':
                labels = dict(col_info['selection'])
                return labels.get(value, value) if value else ''
            if ftype == 'many2one':
                return value.display_name if value else ''
            if ftype in ('one2many', 'many2many'):
                return ', '.join(value.mapped('display_name')) if value else ''
            if ftype == 'date':
                return datetime.datetime.combine(value, datetime.time.min) if value else False
            return value

        vals[f'old_value_{column}'] = convert(initial_value)
        vals[f'new_value_{column}'] = convert(new_value)
        if ftype == 'many2one':
            vals['old_value_integer'] = initial_value.id if initial_value else 0
            vals['new_value_integer'] = new_value.id if new_value else 0
        elif ftype == 'monetary':
            vals['currency_id'] = record[col_info['currency_field']].id
        return vals

    def _filter_has_field_access(self, env):
        """The lines whose field the user of ``env`` may read."""
        def readable(line):
            if not line.field_id:
                return env.is_system()
            model_field = env[line.field_id.model]._fields.get(line.field_id.name)
            return not model_field or not model_field.groups or env.user.has_groups(model_field.groups)
        return self.filtered(readable)

    def _format_display_value(self, field_type, new=True):
        """The old (or new) values of these lines, in the field's own type."""
        column = _VALUE_COLUMNS.get(field_type, 'char')
        prefix = 'new' if new else 'old'
        result = []
        for line in self:
            value = line[f'{prefix}_value_{column}']
            if field_type == 'boolean':
                value = bool(value)
            elif field_type == 'date' and value:
                value = fields.Date.to_string(value)
            elif field_type == 'datetime' and value:
                value = f'{fields.Datetime.to_string(value)}Z'
            result.append(value)
        return result
