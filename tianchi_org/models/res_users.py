"""Users learn whom they manage (the owners whose records the department
head rule opens to them), and may turn on a second login step by e-mail."""
from __future__ import annotations

import hashlib
import hmac
import struct
import time

from odoo import api, fields, models
from odoo.exceptions import AccessDenied

# an e-mailed login code is valid for the current and the previous 10 minutes
LOGIN_CODE_STEP = 600


class ResUsers(models.Model):
    _inherit = 'res.users'

    # Not stored on purpose: the rule domain that reads it is cached per
    # user by ir.rule, and hr.department / hr.employee clear that cache
    # whenever heads, parents or memberships change, so the field is
    # computed once per user per organisation change (see README).
    tianchi_managed_user_ids = fields.Many2many(
        'res.users', string='Managed Users', compute='_compute_tianchi_managed_user_ids',
        help="Users in the departments this user heads and in their sub-departments, "
             "this user included.")
    tianchi_headed_department_ids = fields.Many2many(
        'hr.department', string='Headed Departments', compute='_compute_tianchi_managed_user_ids')
    tianchi_mail_otp = fields.Boolean(
        string='Two-step Login by E-mail',
        help="After the password, ask for a code sent to the user's e-mail address.")

    def _compute_tianchi_managed_user_ids(self):
        Department = self.env['hr.department'].sudo().with_context(active_test=False)
        Employee = self.env['hr.employee'].sudo()
        for user in self:
            # not user.employee_ids: hr filters it on the current companies
            employees = Employee.with_context(active_test=False).search([('user_id', '=', user.id)])
            headed = Department.search([
                '|', ('head_ids', 'in', employees.ids), ('manager_id', 'in', employees.ids),
            ]) if employees else Department
            subtree = Department.search([('id', 'child_of', headed.ids)]) if headed else Department
            members = Employee.search([('department_id', 'in', subtree.ids)]) if subtree else Employee
            user.tianchi_headed_department_ids = headed
            user.tianchi_managed_user_ids = members.user_id | user

    @api.model
    def _tianchi_org_changed(self) -> None:
        """Forget who manages whom: the field values of this transaction and
        the rule domains ir.rule caches per user across transactions."""
        self.env['res.users'].invalidate_model(['tianchi_managed_user_ids', 'tianchi_headed_department_ids'])
        self.env.registry.clear_cache()

    # -- two-step login by e-mail --------------------------------------------

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ['tianchi_mail_otp']

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ['tianchi_mail_otp']

    def _mfa_type(self):
        found = super()._mfa_type()
        if found is None and self.tianchi_mail_otp and self.email:
            return 'tianchi_mail'
        return found

    def _mfa_url(self):
        found = super()._mfa_url()
        if found is None and self._mfa_type() == 'tianchi_mail':
            return '/tianchi/login/code'
        return found

    def _tianchi_login_code(self, step: int | None = None) -> str:
        """The e-mailed login code of this user for a 10-minute step: derived,
        not stored, from the database secret, the user and their password
        hash, so a new password voids codes already sent."""
        self.ensure_one()
        if step is None:
            step = int(time.time() // LOGIN_CODE_STEP)
        self.env.cr.execute("SELECT COALESCE(password, '') FROM res_users WHERE id = %s", [self.id])
        password_hash = self.env.cr.fetchone()[0]
        secret = self.env['ir.config_parameter'].sudo().get_param('database.secret') or ''
        key = hmac.new(secret.encode(), f'tianchi-login:{self.id}:{self.login}:{password_hash}'.encode(),
                       hashlib.sha256).digest()
        digest = hmac.new(key, struct.pack('>Q', step), hashlib.sha256).digest()
        return f'{int.from_bytes(digest[:4], "big") % 10 ** 6:06d}'

    def _tianchi_send_login_code(self) -> None:
        self.ensure_one()
        self.env['tianchi.code.sender'].sudo()._send_code(
            'email', self.email, self._tianchi_login_code(), self.env._('signing in'))

    def _tianchi_check_login_code(self, code: str) -> None:
        """Accept the code of this step or of the previous one (a code sent
        just before a step ends stays usable), or raise AccessDenied."""
        self.ensure_one()
        given = ''.join((code or '').split())
        step = int(time.time() // LOGIN_CODE_STEP)
        if not any(hmac.compare_digest(given, self._tianchi_login_code(candidate))
                   for candidate in (step, step - 1)):
            raise AccessDenied(self.env._("The code is wrong or has expired."))
