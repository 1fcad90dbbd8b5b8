"""Partners get a chatter, activities, tracked contact fields and the
normalized e-mail used to match incoming addresses."""
from __future__ import annotations

import re

from odoo import api, fields, models, tools

# an address without name, quotes, comments or spaces: local part and domain of
# ASCII atoms separated by single dots
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*")


class ResPartner(models.Model):
    _name = 'res.partner'
    _inherit = ['res.partner', 'mail.thread', 'mail.activity.mixin']
    _mail_flat_thread = False

    name = fields.Char(tracking=1)
    email = fields.Char(tracking=1)
    phone = fields.Char(tracking=2)
    parent_id = fields.Many2one(tracking=3)
    user_id = fields.Many2one(tracking=4)
    vat = fields.Char(tracking=5)
    contact_address_inline = fields.Char(compute='_compute_contact_address_inline',
                                         string='Inlined Complete Address', tracking=True)
    starred_message_ids = fields.Many2many('mail.message', 'mail_message_res_partner_starred_rel',
                                           'res_partner_id', 'mail_message_id')
    # what Odoo's mail.thread.blacklist adds (the blacklist itself is not provided)
    email_normalized = fields.Char(string='Normalized Email', compute='_compute_email_normalized',
                                   compute_sudo=True, store=True,
                                   help="The e-mail address, lower-cased, without the name.")
    is_blacklisted = fields.Boolean(string='Blacklist', compute='_compute_is_blacklisted', compute_sudo=True,
                                    store=False, search='_search_is_blacklisted', groups="base.group_user",
                                    help="The address refuses mass mailings.")
    message_bounce = fields.Integer('Bounce', groups="base.group_user",
                                    help="How many e-mails to this address bounced.")

    @api.depends('contact_address')
    def _compute_contact_address_inline(self):
        for partner in self:
            text = re.sub(r'\n[\s\n]*', ', ', partner.contact_address or '')
            partner.contact_address_inline = text.strip().strip(',')

    @api.depends('email')
    def _compute_email_normalized(self):
        for partner in self:
            email = partner.email
            if email and _PLAIN_ADDRESS.fullmatch(email):
                # a bare ASCII address normalizes to itself, lower-cased; parsing
                # it as a header (what email_normalize does) costs imports dearly
                partner.email_normalized = email.lower()
            else:
                partner.email_normalized = tools.email_normalize(email) if email else False

    def _compute_is_blacklisted(self):
        self.is_blacklisted = False

    def _search_is_blacklisted(self, operator, value):
        positive = (operator == '=') == bool(value)
        return [(0, '=', 1)] if positive else []

    def _mail_get_partners(self, introspect_fields=False):
        return {partner.id: partner for partner in self}

    def _message_get_default_recipients(self):
        return {partner.id: {'partner_ids': [partner.id], 'email_to': False, 'email_cc': False}
                for partner in self}
