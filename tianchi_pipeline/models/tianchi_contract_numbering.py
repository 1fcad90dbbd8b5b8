"""The HQ head's form for their company's contract numbering (prefix,
suffix, padding, next number). HQ heads get no access to ir.sequence
itself: a sequence's code and company decide whose numbers it gives, and
record rules are checked on the values before a write, so direct access
would let them move a sequence into another company. This form writes
only those four values, as superuser, on the sequence of a company the
user works in."""
from odoo import _, api, fields, models
from odoo.addons.tianchi_org.const import HQ_GROUP
from odoo.exceptions import AccessError


class TianchiContractNumbering(models.TransientModel):
    _name = 'tianchi.contract.numbering'
    _description = 'Contract Numbering'

    company_id = fields.Many2one('res.company', string='Company', required=True, readonly=True,
                                 default=lambda self: self.env.company)
    prefix = fields.Char(string='Prefix', help="May use %(year)s, %(y)s, %(month)s and %(day)s.")
    suffix = fields.Char(string='Suffix')
    padding = fields.Integer(string='Digits', default=4, help="Numbers are padded with zeros to this length.")
    number_next = fields.Integer(string='Next Number', default=1)

    @api.model
    def _check_may_edit(self, company):
        user = self.env.user
        if not self.env.su and not user.has_group(HQ_GROUP) and not user.has_group('base.group_system'):
            raise AccessError(_("Only the headquarters head sets the contract numbering (%(user)s is not one).",
                                user=user.name))
        if not self.env.su and company not in self.env.companies:
            raise AccessError(_("%(user)s cannot set the contract numbering of %(company)s, a company they do "
                                "not work in.", user=user.name, company=company.name))

    def _sequence(self):
        self.ensure_one()
        return self.env['tianchi.contract']._contract_sequence(self.company_id)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env['res.company'].browse(values.get('company_id')) or self.env.company
        self._check_may_edit(company)
        sequence = self.env['tianchi.contract']._contract_sequence(company)
        # numbers are drawn by SQL: the cached prediction may be stale
        sequence.invalidate_recordset(['number_next_actual'])
        values.update(prefix=sequence.prefix, suffix=sequence.suffix, padding=sequence.padding,
                      number_next=sequence.number_next_actual)
        return values

    def action_apply(self):
        for wizard in self:
            wizard._check_may_edit(wizard.company_id)
            # only these four values: code and company stay as they are
            wizard._sequence().sudo().write({
                'prefix': wizard.prefix or False, 'suffix': wizard.suffix or False,
                'padding': wizard.padding, 'number_next': wizard.number_next})
        return {'type': 'ir.actions.act_window_close'}
