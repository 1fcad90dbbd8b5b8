"""Pluggable senders of verification codes: e-mail through the outgoing
mail servers, and an SMS channel that a gateway addon implements."""
from __future__ import annotations

from odoo import _, api, models
from odoo.exceptions import UserError


class TianchiCodeSender(models.AbstractModel):
    _name = 'tianchi.code.sender'
    _description = 'Verification Code Sender'

    @api.model
    def _send_code(self, channel: str, target: str, code: str, purpose: str) -> None:
        """Send ``code`` to ``target`` through ``channel`` ('email' or 'sms');
        addons add channels by overriding ``_send_code_<channel>``."""
        method = getattr(self, f'_send_code_{channel}', None)
        if method is None:
            raise UserError(_("No sender is configured for the channel %s.", channel))
        method(target, code, purpose)

    @api.model
    def _send_code_email(self, target: str, code: str, purpose: str) -> None:
        company = self.env.company
        self.env['mail.mail'].sudo().create({
            'subject': _("Your verification code: %s", code),
            'email_from': company.email or self.env['ir.mail_server'].sudo()._get_default_from_address()
            or 'noreply@localhost',
            'email_to': target,
            'body_html': _("<p>Your verification code for %(purpose)s is <b>%(code)s</b>. "
                           "It expires in 10 minutes.</p>", purpose=purpose, code=code),
            'auto_delete': True,
        }).send(raise_exception=True)

    @api.model
    def _send_code_sms(self, target: str, code: str, purpose: str) -> None:
        raise UserError(_("Text messages are not configured: install an SMS gateway addon "
                          "or receive the code by e-mail."))
