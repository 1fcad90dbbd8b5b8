"""System parameters (ir.config_parameter): a key/value store for the
database's settings, read through a cache shared by all environments.
"""
from __future__ import annotations

import logging
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import config, ormcache

_logger = logging.getLogger(__name__)


def _default_parameters() -> dict:
    """ Parameters every database gets at creation (``init(force=True)``),
    as callables so each database draws its own identifiers. """
    return dict([
        ("database.secret", lambda: uuid.uuid4().hex[:8] + str(uuid.uuid4())[8:]),
        ("database.uuid", lambda: str(uuid.uuid1())),
        ("database.create_date", lambda: fields.Datetime.to_string(fields.Datetime.now())),
        ("web.base.url", lambda: f"http://localhost:{config.get('http_port') or 8069}"),
        ("base.login_cooldown_after", lambda: 10),
        ("base.login_cooldown_duration", lambda: 60),
    ])


class IrConfigParameter(models.Model):
    """ Per-database configuration, e.g. ``web.base.url``. """
    _name = 'ir.config_parameter'
    _description = 'System Parameter'
    _rec_name = 'key'
    _order = 'key'
    _allow_sudo_commands = False

    key = fields.Char(required=True)
    value = fields.Text(required=True)

    _sql_constraints = [
        ('key_uniq', 'unique (key)', 'Key must be unique.'),
    ]

    @api.model
    def init(self, force=False):
        """ Give the database its default parameters; ``force`` (database
        creation) also fills in the ones that are missing. """
        params = self.sudo()
        for key, make in _default_parameters().items():
            if force and not params.search_count([('key', '=', key)], limit=1):
                params.set_param(key, make())
        if force:
            self.env.flush_all()

    @api.model
    def get_param(self, key: str, default=False):
        """ The value of ``key`` (a string), or ``default`` when unset. """
        if not isinstance(key, str):
            raise ValidationError(_("The key of a system parameter must be a string, not %r.", key))
        self.browse().check_access('read')
        found = self._get_param(key)
        return default if found is None else found

    @api.model
    @ormcache('key')
    def _get_param(self, key: str):
        # flushed first: a value written in this transaction must be seen
        self.flush_model(['key', 'value'])
        self.env.cr.execute("SELECT value FROM ir_config_parameter WHERE key = %(key)s", {'key': key})
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def set_param(self, key: str, value):
        """ Set ``key`` to ``value`` (converted to a string); a false value
        deletes the parameter. Return the previous value, or False. """
        erase = value is None or value is False
        existing = self.search([('key', '=', key)])
        if not existing:
            if not erase:
                self.create({'key': key, 'value': str(value)})
            return False
        previous = existing.value
        if erase:
            existing.unlink()
        elif str(value) != previous:
            existing.write({'value': str(value)})
        return previous

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if 'key' in vals:
            protected = self.filtered(lambda p: p.key in _default_parameters() and p.key != vals['key'])
            if protected:
                raise ValidationError(_("You cannot rename the system parameter %s.", protected[0].key))
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def unlink_default_parameters(self):
        for param in self.filtered(lambda p: p.key in _default_parameters()):
            raise ValidationError(_("The system parameter %s cannot be deleted.", param.key))
