"""``portal.mixin``: a document that can be opened without a login by whoever
holds its access token (a random UUID made on first need), through the URL
its model names in ``access_url``."""
from __future__ import annotations

import uuid
from urllib.parse import urlencode

from odoo import fields, models


class PortalMixin(models.AbstractModel):
    _name = 'portal.mixin'
    _description = 'Portal Mixin'

    access_url = fields.Char('Portal Access URL', compute='_compute_access_url', help='Customer Portal URL')
    access_token = fields.Char('Security Token', copy=False)
    access_warning = fields.Text("Access warning", compute='_compute_access_warning')

    def _compute_access_warning(self):
        for record in self:
            record.access_warning = ''

    def _compute_access_url(self):
        # models with a page of their own override this
        for record in self:
            record.access_url = '#'

    def _portal_ensure_token(self):
        """The record's access token, made now when it has none; written as
        superuser because whoever shares a document may not write it."""
        if not self.access_token:
            self.sudo().write({'access_token': str(uuid.uuid4())})
        return self.access_token

    def _get_share_url(self, redirect=False, signup_partner=False, pid=None, share_token=True):
        """The URL to send someone: the record's page with its token, or with
        ``redirect`` the generic /mail/view link naming model and id.
        ``signup_partner`` and ``pid`` (sign-up and chatter hash parameters)
        are accepted and not added: sign-up and the portal chatter are not
        provided here."""
        self.ensure_one()
        params = {'model': self._name, 'res_id': self.id} if redirect else {}
        if share_token and 'access_token' in self._fields:
            params['access_token'] = self._portal_ensure_token()
        base = '/mail/view' if redirect else self.access_url
        return f'{base}?{urlencode(params)}'

    def get_portal_url(self, suffix=None, report_type=None, download=None, query_string=None, anchor=None):
        """The record's page with its token; ``suffix`` goes before the query
        string, ``query_string`` (starting with '&') after the token."""
        self.ensure_one()
        url = f'{self.access_url}{suffix or ""}?access_token={self._portal_ensure_token()}'
        if report_type:
            url += f'&report_type={report_type}'
        if download:
            url += '&download=true'
        if query_string:
            url += query_string
        if anchor:
            url += f'#{anchor}'
        return url
