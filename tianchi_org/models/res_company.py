"""Companies registering themselves: the new company, its headquarters
department and its HQ head, who signs in with their mobile number."""
from __future__ import annotations

import re

from odoo import _, api, models
from odoo.exceptions import UserError

from ..const import HQ_GROUP

MIN_PASSWORD_LENGTH = 8


class ResCompany(models.Model):
    _inherit = 'res.company'

    @api.model
    def _tianchi_check_password(self, password: str, mobile: str) -> None:
        password = password or ''
        if len(password) < MIN_PASSWORD_LENGTH:
            raise UserError(_("The password must have at least %s characters.", MIN_PASSWORD_LENGTH))
        if not (re.search(r'[A-Za-z]', password) and re.search(r'\d', password)):
            raise UserError(_("The password must contain both letters and digits."))
        if mobile and mobile in password:
            raise UserError(_("The password must not contain the mobile number."))

    @api.model
    def _tianchi_register(self, company_name: str, admin_name: str, mobile: str, email: str,
                          password: str, code: str):
        """Create a company and its HQ head after checking every input and
        the verification code; return the new user (sudo)."""
        company_name, admin_name = (company_name or '').strip(), (admin_name or '').strip()
        if not company_name:
            raise UserError(_("Please enter the company name."))
        if not admin_name:
            raise UserError(_("Please enter the administrator's name."))
        env = self.sudo().env
        Company = env['res.company'].with_context(active_test=False)
        if Company.search_count([('name', '=ilike', company_name)], limit=1):
            raise UserError(_("A company named %s is already registered.", company_name))
        Codes = env['tianchi.signup.code']
        mobile = Codes._tianchi_check_mobile(mobile)
        self._tianchi_check_password(password, mobile)
        Codes._tianchi_verify_code(mobile, code)

        company = Company.create({'name': company_name, 'email': email or False, 'phone': mobile})
        user = env['res.users'].with_context(no_reset_password=True).create({
            'name': admin_name,
            'login': mobile,
            'email': email or False,
            'password': password,
            'company_id': company.id,
            'company_ids': [(6, 0, company.ids)],
            'groups_id': [(6, 0, [env.ref(HQ_GROUP).id])],
        })
        employee = env['hr.employee'].with_company(company).create({
            'name': admin_name, 'user_id': user.id, 'company_id': company.id,
            'work_email': email or False, 'mobile_phone': mobile,
        })
        department = env['hr.department'].with_company(company).create({
            'name': _('Headquarters'), 'company_id': company.id, 'manager_id': employee.id,
        })
        employee.department_id = department
        # computed values (avatars...) are written now, as superuser, not at
        # the commit of the public request that signed the company up
        env.flush_all()
        return user
