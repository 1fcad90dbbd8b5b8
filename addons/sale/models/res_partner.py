"""``res.partner``: a customer's sales orders and the warning shown when selling to it."""
from __future__ import annotations

from odoo import api, fields, models

WARNING_MESSAGE = [
    ('no-message', 'No Message'),
    ('warning', 'Warning'),
    ('block', 'Blocking Message'),
]
WARNING_HELP = "A warning shows the message to the user; a blocking message also stops the operation."


class ResPartner(models.Model):
    _inherit = 'res.partner'

    sale_order_count = fields.Integer(
        string="Sale Order Count", groups='sales_team.group_sale_salesman', compute='_compute_sale_order_count')
    sale_order_ids = fields.One2many('sale.order', 'partner_id', string='Sales Order')
    sale_warn = fields.Selection(
        WARNING_MESSAGE, string='Sales Warnings', default='no-message', help=WARNING_HELP)
    sale_warn_msg = fields.Text(string='Message for Sales Order')

    def _compute_sale_order_count(self):
        """Orders of each partner and of its contacts (as Odoo counts them on the company)."""
        everyone = self.with_context(active_test=False).search_fetch(
            [('id', 'child_of', self.ids)], ['parent_id'])
        per_partner = dict(self.env['sale.order']._read_group(
            [('partner_id', 'in', everyone.ids)], ['partner_id'], ['__count']))
        totals = dict.fromkeys(self.ids, 0)
        for partner in everyone:
            count = per_partner.get(partner, 0)
            walker = partner
            # credit the orders to the partner and to each of its ancestors among ``self``
            while walker:
                if walker.id in totals:
                    totals[walker.id] += count
                walker = walker.parent_id
        for partner in self:
            partner.sale_order_count = totals.get(partner.id, 0)

    @api.model
    def _has_order(self, partner_domain):
        return bool(self.env['sale.order'].sudo().search_count(
            [('partner_id', 'any', partner_domain), ('state', 'in', ('sent', 'sale'))], limit=1))

    def action_view_sale_order(self):
        """The orders of the partner and of its contacts."""
        action = self.env['ir.actions.act_window']._for_xml_id('sale.act_res_partner_2_sale_order')
        action['domain'] = [('partner_id', 'child_of', self.ids)]
        return action
