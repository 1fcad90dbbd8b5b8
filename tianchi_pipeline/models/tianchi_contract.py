"""Contracts (合同) made from a confirmed order: numbered by the company's
sequence, written from its template, approved by every role the template
names before they become valid, signed copy uploaded, reminded before they
end and marked expired after."""
from dateutil.relativedelta import relativedelta
from odoo import _, api, fields, models
from odoo.addons.tianchi_org.const import HQ_GROUP
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_list

from ..tools.amount_cn import amount_to_chinese

CONTRACT_STATES = [
    ('draft', 'Draft'),
    ('to_approve', 'To Approve'),
    ('approved', 'Approved'),
    ('valid', 'Valid'),
    ('expired', 'Expired'),
    ('cancelled', 'Cancelled'),
]
SEQUENCE_CODE = 'tianchi.contract'
# what the approvers approved: frozen once the contract leaves draft
LOCKED_FIELDS = ('partner_id', 'order_id', 'amount_total', 'currency_id', 'body', 'template_id',
                 'approval_group_ids')
CONTRACT_REPORT = 'tianchi_pipeline.action_report_tianchi_contract'


class TianchiContract(models.Model):
    _name = 'tianchi.contract'
    _inherit = ['tianchi.owned.mixin', 'mail.thread', 'mail.activity.mixin']
    _description = 'Contract'
    _order = 'id desc'
    _check_company_auto = True

    name = fields.Char(string='Contract Number', required=True, copy=False, readonly=True, index=True,
                       default=lambda self: _('New'))
    active = fields.Boolean(default=True, tracking=True)
    order_id = fields.Many2one('sale.order', string='Sales Order', index=True, check_company=True,
                               ondelete='restrict')
    partner_id = fields.Many2one('res.partner', string='Customer', required=True, index=True, tracking=True)
    currency_id = fields.Many2one('res.currency', string='Currency', required=True,
                                  default=lambda self: self.env.company.currency_id)
    amount_total = fields.Monetary(string='Amount', tracking=True)
    amount_words = fields.Char(string='Amount in Words', compute='_compute_amount_words',
                               help="The amount in Chinese capital numerals (大写金额).")
    template_id = fields.Many2one('tianchi.contract.template', string='Template', check_company=True)
    body = fields.Html(string='Contract Text', sanitize_attributes=False)
    start_date = fields.Date(string='Start Date', tracking=True)
    end_date = fields.Date(string='End Date', tracking=True)
    reminder_days = fields.Integer(string='Renewal Reminder (days)', default=30,
                                   help="The owner is reminded this many days before the end date.")
    reminder_sent = fields.Boolean(string='Reminder Sent', copy=False, readonly=True)
    state = fields.Selection(CONTRACT_STATES, string='Status', required=True, default='draft', tracking=True,
                             copy=False, index=True)
    signed_copy = fields.Binary(string='Signed Copy', attachment=True, copy=False)
    signed_copy_filename = fields.Char(string='Signed Copy File Name', copy=False)
    approval_group_ids = fields.Many2many(
        'res.groups', 'tianchi_contract_group_rel', 'contract_id', 'group_id', string='Approver Roles',
        domain=lambda self: [('category_id', '=', self.env.ref('tianchi_org.module_category_tianchi_org').id)],
        help="Each of these roles must approve the contract before it is valid.")
    approval_ids = fields.One2many('tianchi.contract.approval', 'contract_id', string='Approvals')
    pending_group_ids = fields.Many2many('res.groups', string='Awaiting Approval Of',
                                         compute='_compute_pending_group_ids')

    _sql_constraints = [
        ('name_company_unique', 'UNIQUE(name, company_id)', "A contract number is used once per company."),
        ('amount_positive', 'CHECK(amount_total >= 0)', "A contract's amount cannot be negative."),
    ]

    @api.depends('amount_total')
    def _compute_amount_words(self):
        for contract in self:
            contract.amount_words = amount_to_chinese(contract.amount_total) if contract.amount_total >= 0 else False

    @api.depends('approval_group_ids', 'approval_ids.decision', 'approval_ids.is_current', 'state')
    def _compute_pending_group_ids(self):
        for contract in self:
            if contract.state != 'to_approve':
                contract.pending_group_ids = False
                continue
            done = contract.approval_ids.filtered(lambda a: a.is_current and a.decision == 'approved').group_id
            contract.pending_group_ids = contract.approval_group_ids - done

    @api.constrains('start_date', 'end_date')
    def _check_dates(self):
        for contract in self:
            if contract.start_date and contract.end_date and contract.end_date < contract.start_date:
                raise ValidationError(_(
                    "Contract %(contract)s ends (%(end)s) before it starts (%(start)s).",
                    contract=contract.name, end=contract.end_date, start=contract.start_date))

    @api.constrains('reminder_days')
    def _check_reminder_days(self):
        for contract in self:
            if contract.reminder_days < 0:
                raise ValidationError(_("Contract %(contract)s: the renewal reminder cannot be %(days)s days.",
                                        contract=contract.name, days=contract.reminder_days))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get('state', 'draft') != 'draft':
                    raise AccessError(_("%(user)s cannot create a contract in status %(state)s: contracts start "
                                        "as drafts and go through approval.",
                                        user=self.env.user.name, state=vals['state']))
        for vals in vals_list:
            if vals.get('name', _('New')) == _('New'):
                company = self.env['res.company'].browse(vals.get('company_id')) or self.env.company
                vals['name'] = self._next_number(company)
        contracts = super().create(vals_list)
        if not self.env.su and not self.env.user.has_group(HQ_GROUP):
            for contract in contracts:
                if contract.approval_group_ids != contract.template_id.approval_group_ids:
                    raise AccessError(_(
                        "%(user)s cannot choose the approver roles of contract %(contract)s: they come from its "
                        "template, and only the headquarters head changes them.",
                        user=self.env.user.name, contract=contract.name))
        return contracts

    def write(self, vals):
        if 'signed_copy' in vals and any(c.state in ('expired', 'cancelled') for c in self):
            raise UserError(_("The signed copy of an expired or cancelled contract cannot be changed."))
        if not self.env.su:
            self._check_protected_vals(vals)
        return super().write(vals)

    def _check_protected_vals(self, vals):
        """Status moves only through the action methods (which check who may
        move it, then write as superuser), approver roles are the HQ head's
        choice, and what was submitted for approval is not changed after."""
        user = self.env.user
        if 'state' in vals:
            raise AccessError(_("%(user)s cannot set the status of contracts %(contracts)s directly: "
                                "use Submit for Approval, Approve, Reject, Mark Valid, Cancel or Back to Draft.",
                                user=user.name, contracts=format_list(self.env, self.mapped('name'))))
        if 'approval_group_ids' in vals and not user.has_group(HQ_GROUP):
            raise AccessError(_("Only the headquarters head changes the approver roles of a contract "
                                "(%(user)s tried on %(contracts)s).",
                                user=user.name, contracts=format_list(self.env, self.mapped('name'))))
        locked = [name for name in LOCKED_FIELDS if name in vals]
        submitted = self.filtered(lambda c: c.state != 'draft')
        if locked and submitted:
            raise UserError(_(
                "Contract %(contract)s is no longer a draft (%(state)s): %(fields)s cannot be changed.",
                contract=submitted[0].name,
                state=dict(self._fields['state']._description_selection(self.env))[submitted[0].state],
                fields=format_list(self.env, [self._fields[name]._description_string(self.env)
                                              for name in locked])))

    # ------------------------------------------------------------------
    # numbering and creation
    # ------------------------------------------------------------------

    @api.model
    def _contract_sequence(self, company):
        """The company's own numbering sequence, made from the shared
        default on first use so that each company may edit its prefix."""
        Sequence = self.env['ir.sequence'].sudo()
        sequence = Sequence.search([('code', '=', SEQUENCE_CODE), ('company_id', '=', company.id)], limit=1)
        if not sequence:
            default = self.env.ref('tianchi_pipeline.seq_tianchi_contract').sudo()
            sequence = default.copy({'company_id': company.id, 'name': f'{default.name} ({company.name})',
                                     'number_next': 1})
        return sequence

    @api.model
    def _next_number(self, company) -> str:
        return self._contract_sequence(company).next_by_id()

    @api.model
    def _create_from_order(self, order):
        template = self.env['tianchi.contract.template']._default_for(order.company_id)
        if not template:
            raise UserError(_("Company %(company)s has no contract template: create one in the configuration.",
                              company=order.company_id.name))
        start = fields.Date.context_today(self)
        contract = self.create({
            'company_id': order.company_id.id,
            'user_id': (order.user_id or self.env.user).id,
            'order_id': order.id,
            'partner_id': order.partner_id.id,
            'currency_id': order.currency_id.id,
            'amount_total': order.amount_total,
            'template_id': template.id,
            'start_date': start,
            'end_date': start + relativedelta(months=template.duration_months or 12, days=-1),
            'reminder_days': template.reminder_days,
            'approval_group_ids': [fields.Command.set(template.approval_group_ids.ids)],
        })
        contract.action_render_body()
        order.message_post(body=_("Contract %(contract)s created.", contract=contract.name),
                           subtype_xmlid='mail.mt_note')
        return contract

    def action_render_body(self):
        """Write the contract's text again from its template."""
        for contract in self:
            if contract.state != 'draft':
                raise UserError(_("Contract %(contract)s is no longer a draft: its text cannot be rewritten.",
                                  contract=contract.name))
            if not contract.template_id:
                raise UserError(_("Contract %(contract)s has no template to write its text from.",
                                  contract=contract.name))
            contract.body = contract.template_id._render_body(contract)
        return True

    # ------------------------------------------------------------------
    # approval
    # ------------------------------------------------------------------

    def _approver_groups_of(self, user):
        self.ensure_one()
        return self.pending_group_ids.filtered(lambda g: user in g.users)

    def action_submit(self):
        for contract in self:
            if contract.state != 'draft':
                raise UserError(_("Contract %(contract)s is not a draft: it cannot be submitted.",
                                  contract=contract.name))
            # submitting is the owner's (or a writer's) act: checked before the superuser write below
            contract.check_access('write')
            if not contract.approval_group_ids and not self.env.su \
                    and not self.env.user.has_group(HQ_GROUP):
                raise UserError(_(
                    "Contract %(contract)s names no approver role: only the headquarters head may submit it "
                    "without approval (or set the roles first).", contract=contract.name))
            contract.approval_ids.filtered('is_current').sudo().write({'is_current': False})
            if contract.approval_group_ids:
                contract.sudo().write({'state': 'to_approve'})
                contract._notify_approvers()
            else:
                contract.sudo().write({'state': 'approved'})
                contract.message_post(body=_("No role has to approve this contract: it is approved."),
                                      subtype_xmlid='mail.mt_note')
        return True

    def _approval_summary(self) -> str:
        self.ensure_one()
        return _("Approve contract %(contract)s", contract=self.name)

    def _notify_approvers(self):
        """A to-do for each approver of the roles still to approve."""
        for contract in self:
            users = contract.pending_group_ids.users.filtered(
                lambda u, c=contract: c.company_id in u.company_ids and not u.share)
            for user in users:
                contract.sudo().activity_schedule(
                    'mail.mail_activity_data_todo', user_id=user.id, summary=contract._approval_summary())

    def _approval_activities(self, users=None):
        """The approval to-dos of the contract, of ``users`` if given."""
        self.ensure_one()
        summary = self._approval_summary()
        return self.sudo().activity_ids.filtered(
            lambda a: a.summary == summary and (users is None or a.user_id in users))

    def _check_may_decide(self):
        self.ensure_one()
        user = self.env.user
        if self.state != 'to_approve':
            raise UserError(_("Contract %(contract)s is not waiting for approval.", contract=self.name))
        groups = self._approver_groups_of(user)
        if not groups:
            raise AccessError(_(
                "%(user)s is in none of the roles still to approve contract %(contract)s (%(roles)s).",
                user=user.name, contract=self.name, roles=format_list(self.env, self.pending_group_ids.mapped('name'))))
        return groups

    def action_approve(self, comment=False):
        for contract in self:
            groups = contract._check_may_decide()
            contract.env['tianchi.contract.approval'].sudo().create([{
                'contract_id': contract.id, 'user_id': self.env.user.id, 'group_id': group.id,
                'decision': 'approved', 'comment': comment or False} for group in groups])
            contract.invalidate_recordset(['pending_group_ids'])
            # approvers read the contract without writing it: their note is posted as superuser
            contract.sudo().message_post(
                body=_("Approved by %(user)s for %(roles)s.", user=self.env.user.name,
                       roles=format_list(self.env, groups.mapped('name'))),
                author_id=self.env.user.partner_id.id, subtype_xmlid='mail.mt_note')
            contract._approval_activities(self.env.user).action_feedback(feedback=comment or _("Approved"))
            # colleagues of the roles now approved have nothing left to do
            contract._approval_activities().filtered(
                lambda a, c=contract: a.user_id not in c.pending_group_ids.users).unlink()
            if not contract.pending_group_ids:
                contract.sudo().write({'state': 'approved'})
        return True

    def action_reject(self, comment=False):
        for contract in self:
            groups = contract._check_may_decide()
            contract.env['tianchi.contract.approval'].sudo().create([{
                'contract_id': contract.id, 'user_id': self.env.user.id, 'group_id': group.id,
                'decision': 'rejected', 'comment': comment or False} for group in groups])
            contract.sudo().message_post(
                body=_("Rejected by %(user)s: %(comment)s", user=self.env.user.name,
                       comment=comment or _('no comment')),
                author_id=self.env.user.partner_id.id, subtype_xmlid='mail.mt_note')
            contract._approval_activities().unlink()
            contract.sudo().write({'state': 'draft'})
        return True

    def action_validate(self):
        """Approved and signed: the contract is in force."""
        for contract in self:
            if contract.state != 'approved':
                raise UserError(_("Contract %(contract)s must be approved before it is valid.",
                                  contract=contract.name))
            if not contract.start_date or not contract.end_date:
                raise UserError(_("Contract %(contract)s needs a start and an end date.", contract=contract.name))
            contract.check_access('write')
            contract.sudo().write({'state': 'valid'})
        return True

    def action_cancel(self):
        for contract in self:
            if contract.state == 'expired':
                raise UserError(_("Contract %(contract)s has expired: it cannot be cancelled.",
                                  contract=contract.name))
        self.check_access('write')
        self.sudo().write({'state': 'cancelled'})
        return True

    def action_draft(self):
        for contract in self:
            if contract.state not in ('cancelled', 'approved'):
                raise UserError(_("Contract %(contract)s can go back to draft only when approved or cancelled.",
                                  contract=contract.name))
        self.check_access('write')
        self.sudo().write({'state': 'draft'})
        return True

    def action_tianchi_print_contract(self):
        return self.env.ref(CONTRACT_REPORT).report_action(self)

    # ------------------------------------------------------------------
    # renewal reminders
    # ------------------------------------------------------------------

    @api.model
    def _cron_contract_renewal(self):
        """Remind the owner of each valid contract ending within its
        reminder days (once, an activity and an e-mail), and mark contracts
        past their end date expired."""
        today = fields.Date.context_today(self)
        ending = self.search([('state', '=', 'valid'), ('reminder_sent', '=', False), ('end_date', '!=', False),
                              ('end_date', '>=', today)])
        for contract in ending:
            if contract.end_date - relativedelta(days=contract.reminder_days) > today:
                continue
            owner = contract.user_id
            summary = _("Contract %(contract)s ends on %(date)s: renew it with %(customer)s?",
                        contract=contract.name, date=contract.end_date, customer=contract.partner_id.name)
            if owner:
                contract.activity_schedule('mail.mail_activity_data_todo', date_deadline=contract.end_date,
                                           summary=summary, user_id=owner.id)
                contract.message_post(body=summary, partner_ids=owner.partner_id.ids,
                                      subtype_xmlid='mail.mt_comment', message_type='comment')
            contract.reminder_sent = True
        self.search([('state', '=', 'valid'), ('end_date', '<', today)]).sudo().write({'state': 'expired'})
