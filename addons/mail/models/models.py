"""Every model learns how to describe its changes as tracking values and
which partners, companies and e-mail field stand for one of its records."""
from __future__ import annotations

from odoo import api, models


class Base(models.AbstractModel):
    _inherit = 'base'

    def _valid_field_parameter(self, field, name):
        # abstract mixins may declare tracked fields for the threads using them
        if name == 'tracking' and self._abstract:
            return True
        return super()._valid_field_parameter(field, name)

    @api.model
    def _mail_get_company_field(self):
        return 'company_id' if 'company_id' in self else False

    def _mail_get_companies(self, default=False):
        fallback = default or self.env['res.company']
        fname = self._mail_get_company_field()
        if not fname:
            return {rec.id: fallback for rec in self}
        return {rec.id: rec[fname] or fallback for rec in self}

    @api.model
    def _mail_get_partner_fields(self, introspect_fields=False):
        names = [name for name in ('partner_id', 'partner_ids') if name in self]
        if names or not introspect_fields:
            return names
        return [
            name for name, field in self._fields.items()
            if field.type == 'many2one' and field.comodel_name == 'res.partner'
        ]

    def _mail_get_partners(self, introspect_fields=False):
        fnames = self._mail_get_partner_fields(introspect_fields=introspect_fields)
        Partner = self.env['res.partner']
        result = {}
        for rec in self:
            partners = Partner
            for fname in fnames:
                partners |= rec[fname]
            result[rec.id] = partners
        return result

    @api.model
    def _mail_get_primary_email_field(self):
        fname = getattr(self, '_primary_email', None)
        return fname if fname and fname in self._fields else None

    # ------------------------------------------------------------------
    # tracking
    # ------------------------------------------------------------------

    def _mail_track(self, tracked_fields, initial_values):
        """Compare ``initial_values`` with the record's current values.

        Returns ``(changed_field_names, commands)`` where the commands create
        the ``mail.tracking.value`` lines of the tracking message.
        """
        self.ensure_one()
        changed = set()
        commands = []
        Tracking = self.env['mail.tracking.value']
        for fname, _seq in self._mail_track_order_fields(tracked_fields):
            if fname not in initial_values:
                continue
            before = initial_values[fname]
            after = self[fname]
            if before == after or (not before and not after):
                continue
            changed.add(fname)
            vals = Tracking._create_tracking_values(before, after, fname, tracked_fields[fname], self)
            commands.append([0, 0, vals])
        return changed, commands

    def _mail_track_order_fields(self, tracked_fields):
        # messages are displayed newest (highest id) first: insert the lines
        # by decreasing (sequence, name) so they read in increasing order
        info = [(fname, self._mail_track_get_field_sequence(fname)) for fname in tracked_fields]
        return sorted(info, key=lambda pair: (pair[1], pair[0]), reverse=True)

    def _mail_track_get_field_sequence(self, fname):
        field = self._fields.get(fname)
        if field is None:
            return 100
        sequence = getattr(field, 'tracking', None)
        if sequence is True or sequence is None:
            return 100
        return sequence

    @api.model
    def mail_allowed_qweb_expressions(self):
        """Expressions users who are not template editors may put in templates."""
        return (
            'object.name',
            'object.contact_name',
            'object.partner_id',
            'object.partner_id.name',
            'object.user_id',
            'object.user_id.name',
            'object.user_id.signature',
        )
