"""Possible duplicates (可能重复) among customers: companies of the same
company file sharing a name, a phone number or a credit code; searchable as
a filter and listed from a customer's form, ready for the merge wizard."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# customers sharing one of these values are possible duplicates; phone
# numbers are compared on their digits only
_DUPLICATE_KEYS = {
    'name': "lower(btrim(p.name))",
    'phone': "NULLIF(regexp_replace(COALESCE(p.phone, ''), '[^0-9]', '', 'g'), '')",
    'mobile': "NULLIF(regexp_replace(COALESCE(p.mobile, ''), '[^0-9]', '', 'g'), '')",
    'vat': "NULLIF(upper(btrim(p.vat)), '')",
}


class ResPartner(models.Model):
    _inherit = 'res.partner'

    tianchi_has_duplicate = fields.Boolean(
        string='Possible Duplicate', compute='_compute_tianchi_has_duplicate',
        search='_search_tianchi_has_duplicate')
    tianchi_in_my_department = fields.Boolean(
        string='In My Department', compute='_compute_tianchi_in_my_department',
        search='_search_tianchi_in_my_department',
        help="Owned by the current user or by someone in a department they head.")

    def _compute_tianchi_has_duplicate(self):
        duplicated = set(self._tianchi_duplicated_ids())
        for partner in self:
            partner.tianchi_has_duplicate = partner.id in duplicated

    def _search_tianchi_has_duplicate(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise UserError(_("Searching possible duplicates supports only = and != with True or False."))
        ids = self._tianchi_duplicated_ids()
        return [('id', 'in' if (operator == '=') == value else 'not in', ids)]

    @api.depends_context('uid')
    def _compute_tianchi_in_my_department(self):
        managed = self.env.user.tianchi_managed_user_ids
        for partner in self:
            partner.tianchi_in_my_department = bool(partner.user_id) and partner.user_id in managed

    def _search_tianchi_in_my_department(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise UserError(_("Searching by department supports only = and != with True or False."))
        managed = self.env.user.tianchi_managed_user_ids.ids
        return [('user_id', 'in' if (operator == '=') == value else 'not in', managed)]

    @api.model
    def _tianchi_duplicated_ids(self) -> list[int]:
        """Ids of the active customer companies that share a name, a phone
        number or a credit code with another one of the same company."""
        found = set()
        for expression in _DUPLICATE_KEYS.values():
            # expression comes from the constant table above, never from input
            self.env.cr.execute(f"""
                SELECT array_agg(p.id)
                  FROM res_partner p
                 WHERE p.tianchi_is_customer AND p.parent_id IS NULL AND p.active
                   AND {expression} IS NOT NULL
              GROUP BY p.company_id, {expression}
                HAVING count(*) > 1
            """)
            for (ids,) in self.env.cr.fetchall():
                found.update(ids)
        return sorted(found)

    def _tianchi_find_duplicates(self):
        """The other active customers of this customer's company sharing its
        name, a phone number or its credit code (those the user may see)."""
        self.ensure_one()
        self.flush_recordset()
        found = set()
        for expression in _DUPLICATE_KEYS.values():
            # expression comes from the constant table above, never from input
            self.env.cr.execute(f"""
                SELECT p.id
                  FROM res_partner p, (SELECT {expression} AS value FROM res_partner p WHERE p.id = %s) mine
                 WHERE p.tianchi_is_customer AND p.parent_id IS NULL AND p.active AND p.id != %s
                   AND p.company_id IS NOT DISTINCT FROM %s AND {expression} = mine.value
            """, [self.id, self.id, self.company_id.id or None])
            found.update(row[0] for row in self.env.cr.fetchall())
        return self.search([('id', 'in', sorted(found))])

    def action_tianchi_show_duplicates(self):
        self.ensure_one()
        duplicates = self._tianchi_find_duplicates()
        if not duplicates:
            raise UserError(_("No other customer has the name, phone number or credit code of %(customer)s.",
                              customer=self.display_name))
        action = self.env['ir.actions.act_window']._for_xml_id('tianchi_crm.tianchi_customer_action')
        action.update({
            'name': _("Possible Duplicates of %s", self.display_name),
            'domain': [('id', 'in', (self | duplicates).ids)],
            'context': {'create': False},
        })
        return action
