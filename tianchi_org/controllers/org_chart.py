"""The organisation chart page: the departments of the current company as
a tree, with their heads and people."""
from __future__ import annotations

from odoo import http
from odoo.http import request


class TianchiOrgChart(http.Controller):

    @http.route('/tianchi/org_chart', type='http', auth='user', methods=['GET'], sitemap=False)
    def org_chart(self):
        company = request.env.company
        departments = request.env['hr.department'].search(
            [('parent_id', '=', False), ('company_id', 'in', [company.id, False])])
        return request.render('tianchi_org.tianchi_org_chart_page',
                              {'company': company, 'departments': departments})
