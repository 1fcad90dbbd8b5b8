"""What contacts and contact records add to partners: a contact's department
inside the customer company, the customer's department tree and its contact
records (the timeline), with the buttons that open them."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html

FOLLOW_UP_TYPE = 'tianchi_crm.mail_activity_type_follow_up'


class ResPartner(models.Model):
    _inherit = 'res.partner'

    customer_department_id = fields.Many2one(
        'tianchi.customer.department', string='Customer Department', index='btree_not_null', ondelete='set null',
        domain="[('partner_id', '=', parent_id)]",
        help="The department of the customer company this contact works in.")
    customer_department_ids = fields.One2many(
        'tianchi.customer.department', 'partner_id', string='Customer Departments')
    customer_department_count = fields.Integer(
        string='Number of Customer Departments', compute='_compute_customer_department_count')
    contact_record_ids = fields.One2many('tianchi.contact.record', 'partner_id', string='Contact Records')
    contact_record_count = fields.Integer(
        string='Number of Contact Records', compute='_compute_contact_record_count')

    @api.depends('customer_department_ids')
    def _compute_customer_department_count(self):
        for partner in self:
            partner.customer_department_count = len(partner.customer_department_ids)

    @api.depends('contact_record_ids')
    def _compute_contact_record_count(self):
        # counts what the user may read: the record rules apply
        # a customer being created in a form has no records yet (nor a real id)
        counts = dict(self.env['tianchi.contact.record']._read_group(
            [('partner_id', 'in', self._origin.ids)], ['partner_id'], ['__count']))
        for partner in self:
            partner.contact_record_count = counts.get(partner._origin, 0)

    @api.constrains('customer_department_id', 'parent_id')
    def _check_customer_department_id(self):
        for partner in self.filtered('customer_department_id'):
            if partner.customer_department_id.partner_id != partner.parent_id:
                raise ValidationError(_(
                    "%(contact)s does not work for %(customer)s and cannot be placed in its department "
                    "%(department)s.", contact=partner.display_name,
                    customer=partner.customer_department_id.partner_id.display_name,
                    department=partner.customer_department_id.name))

    def write(self, vals):
        result = super().write(vals)
        if 'user_id' in vals:
            self.filtered(lambda p: p.tianchi_is_customer and not p.parent_id)._tianchi_follow_owner()
        return result

    def _tianchi_follow_owner(self) -> None:
        """Give the follow-ups of these customers to their new owner; a
        customer gone to the public pool has nobody to follow it up."""
        activity_type = self.env.ref(FOLLOW_UP_TYPE, raise_if_not_found=False)
        if not activity_type:
            return
        for customer in self.sudo():
            follow_ups = customer.activity_ids.filtered(lambda a, kind=activity_type: a.activity_type_id == kind)
            if not follow_ups:
                continue
            if customer.user_id:
                follow_ups.write({'user_id': customer.user_id.id})
            else:
                follow_ups.unlink()

    def _tianchi_sync_contact_dates(self) -> None:
        """Set each customer's last and next contact dates from its newest
        contact record, and replace its follow-up activity with one for the
        next date, assigned to the customer's owner (else the record's
        author). The dates and the activity are derived from the records,
        so they are written as superuser: whoever may record a contact with
        a customer keeps them right, even without the right to edit it."""
        Record = self.env['tianchi.contact.record'].sudo()
        for customer in self.sudo():
            latest = Record.search([('partner_id', '=', customer.id)], limit=1)
            customer.write({
                'last_contact_date': fields.Date.context_today(latest, latest.date) if latest else False,
                'next_contact_date': latest.next_date,
            })
            customer.activity_unlink([FOLLOW_UP_TYPE])
            if latest.next_date:
                customer.activity_schedule(
                    FOLLOW_UP_TYPE, date_deadline=latest.next_date,
                    summary=(latest.next_step or '').split('\n')[0][:80] or _("Follow up"),
                    note=plaintext2html(latest.next_step or latest.content),
                    user_id=(customer.user_id or latest.user_id).id)

    def action_open_contact_records(self):
        self.ensure_one()
        action = self.env['ir.actions.act_window']._for_xml_id('tianchi_crm.tianchi_contact_record_action')
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action

    def action_open_customer_departments(self):
        self.ensure_one()
        action = self.env['ir.actions.act_window']._for_xml_id('tianchi_crm.tianchi_customer_department_action')
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action

    def action_open_customer_org_chart(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_url',
            'url': f'/tianchi/customer/{self.id}/org_chart',
            'target': 'new',
        }
