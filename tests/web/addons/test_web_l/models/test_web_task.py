"""Fixture tasks: one record of each widget the web client renders."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class TestWebTask(models.Model):
    _name = 'test_web_l.task'
    _description = 'Task'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'sequence, id'

    def _default_stage(self):
        return self.env['test_web_l.stage'].search([], limit=1)

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    stage_id = fields.Many2one('test_web_l.stage', default=_default_stage, group_expand='_read_group_stage_ids', tracking=True)
    state = fields.Selection([('draft', 'Draft'), ('open', 'In Progress'), ('done', 'Done')], default='draft', required=True)
    partner_id = fields.Many2one('res.partner', string='Customer')
    tag_ids = fields.Many2many('res.partner.category', string='Tags')
    email = fields.Char()
    phone = fields.Char()
    website = fields.Char()
    deadline = fields.Date()
    planned_at = fields.Datetime()
    company_id = fields.Many2one('res.company', default=lambda self: self.env.company)
    currency_id = fields.Many2one(related='company_id.currency_id')
    amount = fields.Monetary(currency_field='currency_id')
    hours = fields.Float()
    priority = fields.Boolean()
    notes = fields.Text()
    line_ids = fields.One2many('test_web_l.task.line', 'task_id', string='Lines')
    user_id = fields.Many2one('res.users', string='Owner')
    kanban_state = fields.Selection([('normal', 'In Progress'), ('done', 'Ready'), ('blocked', 'Blocked')],
                                    default='normal', required=True)
    color = fields.Integer()
    line_total = fields.Float(compute='_compute_line_total', string='Total Quantity')
    hourly_rate = fields.Monetary(compute='_compute_hourly_rate', currency_field='currency_id')

    @api.depends('line_ids.quantity')
    def _compute_line_total(self):
        for task in self:
            task.line_total = sum(task.line_ids.mapped('quantity'))

    @api.depends('amount', 'hours')
    def _compute_hourly_rate(self):
        for task in self:
            task.hourly_rate = task.amount / task.hours if task.hours else 0.0

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if not self.partner_id:
            return None
        self.email = self.partner_id.email
        self.phone = self.partner_id.phone
        if not self.partner_id.email:
            return {'warning': {'title': _("No e-mail"), 'message': _("%s has no e-mail address.", self.partner_id.name)}}
        return None

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    def action_done(self):
        self.write({'state': 'done'})

    def action_add_note(self):
        """A wizard opened with its context, as a dict without an action id."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _("Add a Note"),
            'res_model': 'test_web_l.task.note.wizard',
            'view_mode': 'form',
            'views': [[False, 'form']],
            'target': 'new',
            'context': {'default_task_id': self.id, 'active_id': self.id, 'active_ids': self.ids,
                        'active_model': self._name},
        }

    def action_open_sheet(self):
        """The stored task sheet, read with ``_for_xml_id`` and narrowed to this task's customer (a
        dict carrying the action's id, with its context and domain replaced)."""
        self.ensure_one()
        action = self.env['ir.actions.act_window']._for_xml_id('test_web_l.test_web_task_sheet_action')
        action['domain'] = [('partner_id', '=', self.partner_id.id)]
        action['context'] = {'default_partner_id': self.partner_id.id, 'default_hours': 1.5}
        return action

    def action_open_sheets(self):
        """The stored task sheet as ``_for_xml_id`` reads it, unchanged."""
        return self.env['ir.actions.act_window']._for_xml_id('test_web_l.test_web_task_sheet_action')

    def action_same_customer(self):
        """The customer's other tasks: a list made up by the method, with its own domain and name."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _("Tasks of %s", self.partner_id.name or _("no customer")),
            'res_model': 'test_web_l.task',
            'view_mode': 'list,form',
            'domain': [('partner_id', '=', self.partner_id.id)],
            'context': {'default_partner_id': self.partner_id.id},
        }

    def action_grab(self):
        """抢单: the current user takes a task nobody owns yet."""
        for task in self:
            if task.user_id and task.user_id != self.env.user:
                raise UserError(_("%(task)s is already taken by %(user)s.", task=task.name, user=task.user_id.name))
        self.write({'user_id': self.env.user.id})
