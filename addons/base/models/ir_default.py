"""User-defined default values (ir.default): per field, optionally per user,
company and condition, stored as JSON; ``default_get`` reads them first.
"""
from __future__ import annotations

import json

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

# bounds of a PostgreSQL int4 column
INT4_MIN, INT4_MAX = -2**31, 2**31 - 1


class IrDefault(models.Model):
    """ A default value of a field, for everyone or one user / company. """
    _name = 'ir.default'
    _description = 'Default Values'
    _rec_name = 'field_id'
    _allow_sudo_commands = False

    field_id = fields.Many2one('ir.model.fields', string="Field", required=True, ondelete='cascade', index=True)
    user_id = fields.Many2one('res.users', string='User', ondelete='cascade', index=True)
    company_id = fields.Many2one('res.company', string='Company', ondelete='cascade', index=True)
    condition = fields.Char('Condition')
    json_value = fields.Char('Default Value (JSON format)', required=True)

    @api.constrains('json_value')
    def _check_json_format(self):
        for record in self:
            try:
                json.loads(record.json_value)
            except ValueError as e:
                raise ValidationError(_("Default value of %(field)s is not valid JSON: %(value)s",
                                        field=record.field_id.name, value=record.json_value)) from e

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if self:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if self:
            self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def set(self, model_name: str, field_name: str, value, user_id=False, company_id=False, condition=False):
        """ Make ``value`` the default of ``model_name.field_name``; ``True``
        as ``user_id``/``company_id`` means the current one. Return True. """
        if user_id is True:
            user_id = self.env.uid
        if company_id is True:
            company_id = self.env.company.id
        model = self.env.get(model_name)
        field = model._fields.get(field_name) if model is not None else None
        if field is None:
            raise ValidationError(_("Invalid field %(model)s.%(field)s", model=model_name, field=field_name))
        try:
            encoded = json.dumps(field.convert_to_cache(value, model), ensure_ascii=False)
        except Exception as e:
            raise ValidationError(_("Invalid value for %(model)s.%(field)s: %(value)s",
                                    model=model_name, field=field_name, value=value)) from e
        if field.type == 'integer' and not (INT4_MIN <= int(value or 0) <= INT4_MAX):
            raise ValidationError(_("Invalid value for %(model)s.%(field)s: %(value)s is out of bounds",
                                    model=model_name, field=field_name, value=value))
        field_row = self.env['ir.model.fields']._get(model_name, field_name)
        existing = self.search([
            ('field_id', '=', field_row.id), ('user_id', '=', user_id),
            ('company_id', '=', company_id), ('condition', '=', condition),
        ])
        if existing:
            if existing.json_value != encoded:
                existing.write({'json_value': encoded})
        else:
            self.create({'field_id': field_row.id, 'user_id': user_id, 'company_id': company_id,
                         'condition': condition, 'json_value': encoded})
        return True

    @api.model
    def _get(self, model_name: str, field_name: str, user_id=False, company_id=False, condition=False):
        """ The default set exactly for these user, company and condition,
        or None. """
        if user_id is True:
            user_id = self.env.uid
        if company_id is True:
            company_id = self.env.company.id
        field_row = self.env['ir.model.fields']._get(model_name, field_name)
        found = self.search([
            ('field_id', '=', field_row.id), ('user_id', '=', user_id),
            ('company_id', '=', company_id), ('condition', '=', condition),
        ], limit=1)
        return json.loads(found.json_value) if found else None

    @api.model
    @tools.ormcache('self.env.uid', 'self.env.company.id', 'model_name', 'condition')
    def _get_model_defaults(self, model_name: str, condition=False) -> dict:
        """ ``{field name: value}`` applying to the current user and company:
        the most specific default of each field wins (user, then company). """
        self.flush_model()
        cr = self.env.cr
        cr.execute("""
            SELECT f.name, d.json_value
              FROM ir_default d JOIN ir_model_fields f ON f.id = d.field_id
             WHERE f.model = %s
               AND (d.user_id IS NULL OR d.user_id = %s)
               AND (d.company_id IS NULL OR d.company_id = %s)
               AND {}
          ORDER BY d.user_id IS NULL, d.company_id IS NULL, d.id
        """.format('d.condition = %s' if condition else "(d.condition IS NULL OR d.condition = '')"),
            [model_name, self.env.uid, self.env.company.id or None] + ([condition] if condition else []))
        result = {}
        for name, value in cr.fetchall():
            result.setdefault(name, json.loads(value))
        return result

    @api.model
    def discard_records(self, records) -> None:
        """ Forget the defaults pointing at ``records`` (many2one values). """
        json_ids = [json.dumps(rid) for rid in records.ids]
        self.search([('field_id.ttype', '=', 'many2one'), ('field_id.relation', '=', records._name),
                     ('json_value', 'in', json_ids)]).unlink()

    @api.model
    def discard_values(self, model_name: str, field_name: str, values) -> None:
        """ Forget the defaults of a field whose value is among ``values``. """
        field_row = self.env['ir.model.fields']._get(model_name, field_name)
        json_values = [json.dumps(value, ensure_ascii=False) for value in values]
        self.search([('field_id', '=', field_row.id), ('json_value', 'in', json_values)]).unlink()
