from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    conformance_level = fields.Selection(
        [("a", "Key account"), ("b", "Regular"), ("c", "Occasional")], string="Level"
    )
    conformance_order_ids = fields.One2many("conformance.order", "partner_id")
    conformance_order_count = fields.Integer(compute="_compute_conformance_order_count")

    @api.depends("conformance_order_ids")
    def _compute_conformance_order_count(self):
        for partner in self:
            partner.conformance_order_count = len(partner.conformance_order_ids)

    @api.model
    def _conformance_mark_loaded(self, value):
        self.env["ir.config_parameter"].sudo().set_param("test_conformance.loaded", value)
