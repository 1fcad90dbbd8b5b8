"""The organisation chart page: the departments of the current company as
a tree, with their heads and people."""
from __future__ import annotations

from odoo import http
from odoo.http import request


def _chart_node(department) -> dict:
    return {
        'name': department.name,
        'heads': department.all_head_ids.mapped('name'),
        'members': [(employee.name, employee.job_title or '') for employee in department.member_ids],
        'children': [_chart_node(child) for child in department.child_ids],
    }


class TianchiOrgChart(http.Controller):

    @http.route('/tianchi/org_chart', type='http', auth='user', methods=['GET'], sitemap=False)
    def org_chart(self):
        company = request.env.company
        # names, heads and job titles only, as hr.employee.public shows them
        # to everyone; employees' private fields stay behind the HR rights
        departments = request.env['hr.department'].sudo().search(
            [('parent_id', '=', False), ('company_id', 'in', [company.id, False])])
        return request.render('tianchi_org.tianchi_org_chart_page', {
            'company_name': company.name, 'departments': [_chart_node(d) for d in departments]})
