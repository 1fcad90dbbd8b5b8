"""Contract templates (合同模板) a company edits: the contract's text as
QWeb, rendered on the contract (``object``) with escaping by default, and
the roles that must approve contracts made from it."""
from odoo import api, fields, models


class TianchiContractTemplate(models.Model):
    _name = 'tianchi.contract.template'
    _inherit = ['mail.render.mixin']
    _description = 'Contract Template'
    _order = 'sequence, id'
    # the template is the company's own document, like a mail template:
    # whoever makes a contract may render it; only template editors write it
    _unrestricted_rendering = True

    name = fields.Char(string='Name', required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', string='Company', index=True,
                                 help="Leave empty to offer the template to every company.")
    body = fields.Html(
        string='Body', render_engine='qweb', sanitize=False,
        help="QWeb: the contract is `object` (object.order_id, object.partner_id, object.amount_total, "
             "object.amount_words...); values shown with t-out are escaped.")
    approval_group_ids = fields.Many2many(
        'res.groups', 'tianchi_contract_template_group_rel', 'template_id', 'group_id',
        string='Approver Roles',
        domain=lambda self: [('category_id', '=', self.env.ref('tianchi_org.module_category_tianchi_org').id)],
        help="Each of these roles must approve a contract before it is valid.")
    duration_months = fields.Integer(string='Duration (months)', default=12,
                                     help="From the start date to the end date of new contracts.")
    reminder_days = fields.Integer(string='Renewal Reminder (days)', default=30,
                                   help="How many days before the end date the owner is reminded.")

    def _compute_render_model(self):
        self.render_model = 'tianchi.contract'

    @api.model
    def _default_for(self, company):
        """The company's first template, or else the first shared one."""
        return self.search([('company_id', '=', company.id)], limit=1) or \
            self.search([('company_id', '=', False)], limit=1)

    def _render_body(self, contract) -> str:
        self.ensure_one()
        return self._render_template(self.body, 'tianchi.contract', contract.ids, engine='qweb')[contract.id]
