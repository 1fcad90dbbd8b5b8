"""Kinds of activities (e-mail, call, meeting, to-do...) with their default
delay, summary, icon and what follows them."""
from __future__ import annotations

from dateutil.relativedelta import relativedelta
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# a type chains to generic types and to those of its own model
_SAME_MODEL_DOMAIN = "['|', ('res_model', '=', False), ('res_model', '=', res_model)]"


class MailActivityType(models.Model):
    _name = 'mail.activity.type'
    _description = 'Activity Type'
    _rec_name = 'name'
    _order = 'sequence, id'

    def _get_model_selection(self):
        models_ = self.env['ir.model'].sudo().search([('is_mail_thread', '=', True), ('transient', '=', False)])
        return [(model.model, model.name) for model in models_]

    name = fields.Char('Name', required=True, translate=True)
    summary = fields.Char('Default Summary', translate=True)
    sequence = fields.Integer('Sequence', default=10)
    active = fields.Boolean(default=True)
    create_uid = fields.Many2one('res.users', index=True)
    delay_count = fields.Integer('Schedule', default=0,
                                 help="Days, weeks or months between the activity's planning and its deadline.")
    delay_unit = fields.Selection(
        [('days', 'days'), ('weeks', 'weeks'), ('months', 'months')],
        default='days', required=True, string="Delay units", help="Unit of the delay")
    delay_label = fields.Char(compute='_compute_delay_label')
    delay_from = fields.Selection(
        [('current_date', 'after completion date'), ('previous_activity', 'after previous activity deadline')],
        default='previous_activity', required=True, string="Delay Type", help="Where the delay starts from")
    icon = fields.Char('Icon', help="Font Awesome icon, e.g. fa-tasks")
    decoration_type = fields.Selection([('warning', 'Alert'), ('danger', 'Error')], string="Decoration Type",
                                       help="Colour given to the activities of this type.")
    res_model = fields.Selection(selection=_get_model_selection, string="Model",
                                 help="Set, the type is only offered on this model's records.")
    triggered_next_type_id = fields.Many2one(
        comodel_name='mail.activity.type', string='Trigger', ondelete='restrict',
        compute='_compute_triggered_next_type_id', inverse='_inverse_triggered_next_type_id',
        readonly=False, store=True, domain=_SAME_MODEL_DOMAIN,
        help="Activity scheduled automatically when this one is done.")
    chaining_type = fields.Selection([('suggest', 'Suggest Next Activity'), ('trigger', 'Trigger Next Activity')],
                                     string="Chaining Type", required=True, default='suggest')
    # both sides of one relation table: the types suggested after a type,
    # and the types after which a type is suggested
    suggested_next_type_ids = fields.Many2many(
        comodel_name='mail.activity.type', relation='mail_activity_rel', column1='activity_id',
        column2='recommended_id', string='Suggest', domain=_SAME_MODEL_DOMAIN,
        compute='_compute_suggested_next_type_ids', inverse='_inverse_suggested_next_type_ids',
        readonly=False, store=True, help="Activities proposed when this one is done.")
    previous_type_ids = fields.Many2many(
        comodel_name='mail.activity.type', relation='mail_activity_rel', column1='recommended_id',
        column2='activity_id', domain=_SAME_MODEL_DOMAIN, string='Preceding Activities')
    category = fields.Selection([('default', 'None'), ('upload_file', 'Upload Document'), ('phonecall', 'Phonecall')],
                                default='default', string='Action',
                                help="Special behaviour of the type, such as marking the activity done "
                                     "when a document is uploaded.")
    mail_template_ids = fields.Many2many('mail.template', string='Email templates')
    default_user_id = fields.Many2one('res.users', string="Default User")
    default_note = fields.Html(string="Default Note", translate=True)
    keep_done = fields.Boolean(string="Keep Done", help="Done activities stay visible, archived.")
    initial_res_model = fields.Selection(selection=_get_model_selection, string='Initial model',
                                         compute='_compute_initial_res_model', store=False)
    res_model_change = fields.Boolean(string="Model has change", default=False, store=False)

    @api.depends('delay_unit', 'delay_count')
    def _compute_delay_label(self):
        labels = dict(self._fields['delay_unit']._description_selection(self.env))
        for activity_type in self:
            activity_type.delay_label = f'{activity_type.delay_count} {labels.get(activity_type.delay_unit, "")}'

    @api.depends('chaining_type')
    def _compute_suggested_next_type_ids(self):
        # a type either triggers one next activity or suggests several
        self.filtered(lambda kind: kind.chaining_type == 'trigger').suggested_next_type_ids = False

    def _inverse_suggested_next_type_ids(self):
        self.filtered('suggested_next_type_ids').chaining_type = 'suggest'

    @api.depends('chaining_type')
    def _compute_triggered_next_type_id(self):
        self.filtered(lambda kind: kind.chaining_type == 'suggest').triggered_next_type_id = False

    def _inverse_triggered_next_type_id(self):
        for kind in self:
            kind.chaining_type = 'trigger' if kind.triggered_next_type_id else 'suggest'

    def _compute_initial_res_model(self):
        for activity_type in self:
            activity_type.initial_res_model = activity_type.res_model

    @api.onchange('res_model')
    def _onchange_res_model(self):
        self.mail_template_ids = self.sudo().mail_template_ids.filtered(
            lambda tmpl: tmpl.model_id.model == self.res_model)
        self.res_model_change = bool(self.initial_res_model and self.initial_res_model != self.res_model)

    def _get_date_deadline(self):
        """The deadline of a new activity of this type: the delay counted from
        the previous activity's deadline (context ``activity_previous_deadline``)
        when the type says so, else from today."""
        self.ensure_one()
        previous = self.env.context.get('activity_previous_deadline')
        if self.delay_from == 'previous_activity' and previous:
            start = fields.Date.to_date(previous)
        else:
            start = fields.Date.context_today(self)
        return start + relativedelta(**{self.delay_unit: self.delay_count})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_todo(self):
        todo = self.env.ref('mail.mail_activity_data_todo', raise_if_not_found=False)
        if todo and todo in self:
            raise UserError(_("The activity type “%s” is used by default and cannot be deleted; "
                              "archive it instead.", todo.name))

    def action_archive(self):
        todo = self.env.ref('mail.mail_activity_data_todo', raise_if_not_found=False)
        if todo and todo in self:
            raise UserError(_("The activity type “%s” is used by default and cannot be archived.", todo.name))
        return super().action_archive()
