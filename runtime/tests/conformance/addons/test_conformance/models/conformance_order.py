from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConformanceOrder(models.Model):
    _name = "conformance.order"
    _inherit = ["conformance.code.mixin"]
    _description = "Conformance order"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, copy=False, readonly=True, default="/")
    partner_id = fields.Many2one("res.partner", required=True, check_company=True)
    partner_city = fields.Char(related="partner_id.city", string="City")
    delivery_note = fields.Char()
    date = fields.Date(default=fields.Date.context_today)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")],
        default="draft",
        required=True,
    )
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("conformance.order.line", "order_id", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")
    amount_total = fields.Float(compute="_compute_amount_total", store=True)
    tag_ids = fields.Many2many("res.partner.category", string="Tags")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Order names must be unique per company."),
    ]

    @api.depends("line_ids")
    def _compute_line_count(self):
        for order in self:
            order.line_count = len(order.line_ids)

    @api.depends("line_ids.subtotal")
    def _compute_amount_total(self):
        for order in self:
            order.amount_total = sum(order.line_ids.mapped("subtotal"))

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        self.delivery_note = self.partner_id.city and _("Deliver to %s", self.partner_id.city)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("conformance.order")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(order.state == "done" for order in self):
            raise UserError(_("A done order cannot be deleted."))

    def action_confirm(self):
        self.write({"state": "confirmed"})
        return True
