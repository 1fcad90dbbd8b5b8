"""Contact records (联系记录): each call, visit, WeChat chat or e-mail with a
customer, with its next step. The newest record of a customer decides the
customer's last and next contact dates and its follow-up activity; a daily
job e-mails everyone their follow-ups due today and overdue."""
from collections import defaultdict

from markupsafe import Markup
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

FOLLOW_UP_TYPE = 'tianchi_crm.mail_activity_type_follow_up'
# a change of any of these may change what the customer's dates say
SYNCED_FIELDS = {'partner_id', 'date', 'next_date', 'next_step', 'user_id'}


class TianchiContactRecord(models.Model):
    _name = 'tianchi.contact.record'
    _inherit = ['tianchi.owned.mixin']
    _description = 'Contact Record'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, ondelete='cascade', tracking=True,
        domain="[('tianchi_is_customer', '=', True), ('parent_id', '=', False)]")
    contact_id = fields.Many2one(
        'res.partner', string='Contact', index=True, ondelete='set null',
        domain="[('parent_id', '=', partner_id)]",
        help="The person at the customer you talked to.")
    date = fields.Datetime(string='Date', required=True, index=True, default=fields.Datetime.now, tracking=True)
    record_type = fields.Selection(
        [('call', 'Call'), ('visit', 'Visit'), ('wechat', 'WeChat'), ('email', 'E-mail'), ('other', 'Other')],
        string='Type', required=True, default='call', tracking=True)
    content = fields.Text(string='Content', required=True)
    next_step = fields.Text(string='Next Step')
    next_date = fields.Date(string='Next Contact', index=True, tracking=True,
                            help="When to follow up: becomes an activity on the customer for its owner.")
    attachment_ids = fields.Many2many(
        'ir.attachment', 'tianchi_contact_record_ir_attachment_rel', 'record_id', 'attachment_id',
        string='Attachments')
    is_my_department = fields.Boolean(
        string='In My Department', compute='_compute_is_my_department', search='_search_is_my_department',
        help="Made by someone of the departments of the current user (or below them).")

    @api.depends('partner_id', 'record_type', 'date')
    def _compute_display_name(self):
        types = dict(self._fields['record_type']._description_selection(self.env))
        for record in self:
            day = fields.Date.context_today(record, record.date) if record.date else ''
            record.display_name = ' · '.join(
                str(part) for part in (record.partner_id.name, types.get(record.record_type), day) if part)

    def _my_department_ids(self) -> list:
        # the user's employees are read as superuser: hr hides them from
        # users outside HR, and only their departments are used
        employees = self.env['hr.employee'].sudo().search([('user_id', '=', self.env.uid)])
        return employees.department_id.ids

    @api.depends_context('uid')
    def _compute_is_my_department(self):
        departments = self.env['hr.department'].sudo().search([('id', 'child_of', self._my_department_ids())])
        for record in self:
            record.is_my_department = record.owner_department_id in departments

    def _search_is_my_department(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise UserError(_("Searching by department supports only = and != with True or False."))
        department_ids = self._my_department_ids()
        mine = [('owner_department_id', 'child_of', department_ids)] if department_ids else [(0, '=', 1)]
        return mine if (operator == '=') == value else ['!'] + mine

    @api.constrains('partner_id')
    def _check_partner_id(self):
        for record in self:
            customer = record.partner_id
            if customer.parent_id:
                raise ValidationError(_(
                    "%(contact)s is a contact of %(customer)s: record the contact on %(customer)s and "
                    "name %(contact)s as its contact person.",
                    contact=customer.display_name, customer=customer.parent_id.display_name))
            if not customer.tianchi_is_customer:
                raise ValidationError(_("%s is not a customer: contact records belong to customers.",
                                        customer.display_name))

    @api.constrains('contact_id', 'partner_id')
    def _check_contact_id(self):
        for record in self.filtered('contact_id'):
            if record.contact_id.parent_id != record.partner_id:
                raise ValidationError(_(
                    "%(contact)s is not a contact of %(customer)s.",
                    contact=record.contact_id.display_name, customer=record.partner_id.display_name))

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False
        if self.partner_id.company_id:
            self.company_id = self.partner_id.company_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get('company_id') and vals.get('partner_id'):
                company = self.env['res.partner'].browse(vals['partner_id']).company_id
                if company:
                    vals['company_id'] = company.id
        records = super().create(vals_list)
        records._check_customer_access()
        records._link_attachments()
        records.partner_id._tianchi_sync_contact_dates()
        return records

    def write(self, vals):
        customers = self.partner_id
        result = super().write(vals)
        if 'partner_id' in vals:
            self._check_customer_access()
        if 'attachment_ids' in vals:
            self._link_attachments()
        if SYNCED_FIELDS & set(vals):
            (customers | self.partner_id)._tianchi_sync_contact_dates()
        return result

    def unlink(self):
        customers = self.partner_id
        result = super().unlink()
        customers.exists()._tianchi_sync_contact_dates()
        return result

    def _check_customer_access(self) -> None:
        """One only records contacts with customers one can see."""
        if not self.env.su:
            self.partner_id.check_access('read')

    def _link_attachments(self) -> None:
        """Attach the uploaded files that belong to no record yet to their
        contact record, so that the record's access protects them."""
        owners = (False, self._name)
        for record in self:
            loose = record.attachment_ids.filtered(lambda a: not a.res_id and a.res_model in owners)
            if loose:
                loose.write({'res_model': record._name, 'res_id': record.id})

    @api.model
    def _follow_up_reminder_activities(self, users_today: dict) -> dict:
        """The follow-up activities due by each user's today (in their time
        zone), as {user: activities}; ``users_today`` maps a user to their
        today, and users not in it are left out."""
        if not users_today:
            return {}
        activity_type = self.env.ref(FOLLOW_UP_TYPE)
        activities = self.env['mail.activity'].sudo().search([
            ('activity_type_id', '=', activity_type.id),
            ('user_id', 'in', [user.id for user in users_today]),
            ('date_deadline', '<=', max(users_today.values())),
        ], order='date_deadline, id')
        by_user = defaultdict(self.env['mail.activity'].sudo)
        for activity in activities:
            if activity.date_deadline <= users_today[activity.user_id]:
                by_user[activity.user_id] |= activity
        return dict(by_user)

    def _follow_up_reminder_mail_values(self, user, activities, today) -> dict:
        """Subject and body of the reminder e-mail to ``user`` (called in
        their language)."""
        rows = []
        for activity in activities:
            customer = self.env['res.partner'].sudo().browse(activity.res_id)
            late = (today - activity.date_deadline).days
            rows.append(Markup(
                '<tr><td style="padding:4px 8px"><a href="{}">{}</a></td><td style="padding:4px 8px">{}</td>'
                '<td style="padding:4px 8px">{}</td><td style="padding:4px 8px">{}</td></tr>').format(
                f"{customer.get_base_url()}/odoo/res.partner/{customer.id}", customer.display_name,
                fields.Date.to_string(activity.date_deadline),
                _("%s days overdue", late) if late > 0 else _("Due today"),
                activity.summary or ''))
        overdue = sum(1 for activity in activities if activity.date_deadline < today)
        subject = _("Follow-ups for %(user)s: %(due)s due today, %(overdue)s overdue",
                    user=user.name, due=len(activities) - overdue, overdue=overdue)
        body = Markup(
            '<div><p>{}</p><table style="border-collapse:collapse"><thead><tr>'
            '<th style="padding:4px 8px;text-align:left">{}</th><th style="padding:4px 8px;text-align:left">{}</th>'
            '<th style="padding:4px 8px;text-align:left">{}</th><th style="padding:4px 8px;text-align:left">{}</th>'
            '</tr></thead><tbody>{}</tbody></table></div>').format(
            _("Hello %s, these customers are waiting for your follow-up:", user.name),
            _("Customer"), _("Follow-up date"), _("Status"), _("Next step"), Markup('').join(rows))
        return {'subject': subject, 'body_html': body}

    @api.model
    def _cron_send_follow_up_reminders(self):
        """E-mail each person, once, the follow-ups due today and overdue."""
        users = self.env['mail.activity'].sudo().search(
            [('activity_type_id', '=', self.env.ref(FOLLOW_UP_TYPE).id)]).user_id
        # today differs between time zones: each user gets their own
        users_today = {
            user: fields.Date.context_today(self.with_context(tz=user.tz or 'Asia/Shanghai'))
            for user in users if user.email and user.active
        }
        mails = self.env['mail.mail'].sudo()
        for user, activities in self._follow_up_reminder_activities(users_today).items():
            values = self.with_context(lang=user.lang)._follow_up_reminder_mail_values(
                user, activities, users_today[user])
            company = user.company_id
            mails |= mails.create({
                **values,
                'email_to': user.email_formatted,
                'email_from': company.email_formatted or user.email_formatted,
                'auto_delete': True,
            })
        return mails
