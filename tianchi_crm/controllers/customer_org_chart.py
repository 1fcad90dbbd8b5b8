"""The customer's organisation chart (客户公司的组织结构): the departments of
one customer company as a tree, each with its manager and contacts. Read as
the signed-in user, so a customer they may not see is not found."""
from __future__ import annotations

from odoo import http
from odoo.http import request
from werkzeug.exceptions import NotFound


def _contact_line(contact) -> dict:
    return {
        'name': contact.name,
        'function': contact.function or '',
        'phone': contact.mobile or contact.phone or '',
        'email': contact.email or '',
    }


def _chart_node(department, children_of: dict, contacts_of: dict) -> dict:
    return {
        'name': department.name,
        'manager': department.manager_contact_id.name or '',
        'contacts': [_contact_line(contact) for contact in contacts_of.get(department.id, [])],
        'children': [_chart_node(child, children_of, contacts_of) for child in children_of.get(department.id, [])],
    }


class TianchiCustomerOrgChart(http.Controller):

    @http.route('/tianchi/customer/<int:partner_id>/org_chart', type='http', auth='user', methods=['GET'],
                sitemap=False)
    def customer_org_chart(self, partner_id: int):
        # a search applies the access rights and record rules of the user
        customer = request.env['res.partner'].search([('id', '=', partner_id)])
        if not customer:
            raise NotFound()
        departments = request.env['tianchi.customer.department'].search([('partner_id', '=', customer.id)])
        contacts = customer.child_ids.filtered(lambda c: not c.is_company)
        children_of, contacts_of = {}, {}
        for department in departments:
            children_of.setdefault(department.parent_id.id, []).append(department)
        unplaced = []
        for contact in contacts:
            if contact.customer_department_id in departments:
                contacts_of.setdefault(contact.customer_department_id.id, []).append(contact)
            else:
                unplaced.append(contact)
        # departments whose parent the user cannot see are shown at the top
        roots = departments.filtered(lambda d: d.parent_id not in departments)
        return request.render('tianchi_crm.tianchi_customer_org_chart_page', {
            'customer_id': customer.id,
            'customer_name': customer.name,
            'departments': [_chart_node(department, children_of, contacts_of) for department in roots],
            'unplaced': [_contact_line(contact) for contact in unplaced],
        })
