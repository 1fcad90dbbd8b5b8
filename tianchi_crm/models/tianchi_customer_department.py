"""Departments inside a customer's company (客户公司的组织结构): one tree per
customer, each department with its manager and the contacts working there.
Who sees a department follows who sees its customer (record rules in
security/tianchi_contact_record_security.xml)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class TianchiCustomerDepartment(models.Model):
    _name = 'tianchi.customer.department'
    _description = 'Customer Department'
    _parent_store = True
    _rec_name = 'complete_name'
    _order = 'partner_id, sequence, complete_name, id'

    name = fields.Char(string='Department', required=True)
    complete_name = fields.Char(
        string='Full Name', compute='_compute_complete_name', recursive=True, store=True)
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, ondelete='cascade',
        domain="[('is_company', '=', True)]",
        help="The customer company this department belongs to.")
    parent_id = fields.Many2one(
        'tianchi.customer.department', string='Parent Department', index=True, ondelete='cascade',
        domain="[('partner_id', '=', partner_id)]")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many('tianchi.customer.department', 'parent_id', string='Sub-departments')
    manager_contact_id = fields.Many2one(
        'res.partner', string='Manager', index=True, ondelete='set null',
        domain="[('parent_id', '=', partner_id)]",
        help="The contact who heads this department at the customer.")
    contact_ids = fields.One2many('res.partner', 'customer_department_id', string='Contacts')
    contact_count = fields.Integer(string='Number of Contacts', compute='_compute_contact_count')
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        'res.company', string='Company', related='partner_id.company_id', store=True, index=True)

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for department in self:
            if department.parent_id:
                department.complete_name = f"{department.parent_id.complete_name} / {department.name}"
            else:
                department.complete_name = department.name

    @api.depends('contact_ids')
    def _compute_contact_count(self):
        for department in self:
            department.contact_count = len(department.contact_ids)

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("A customer department cannot be its own parent, directly or not."))
        for department in self.filtered('parent_id'):
            if department.parent_id.partner_id != department.partner_id:
                raise ValidationError(_(
                    "Department %(department)s belongs to %(customer)s, but its parent %(parent)s belongs to "
                    "%(other)s.", department=department.name, customer=department.partner_id.display_name,
                    parent=department.parent_id.name, other=department.parent_id.partner_id.display_name))

    @api.constrains('manager_contact_id', 'partner_id')
    def _check_manager_contact_id(self):
        for department in self.filtered('manager_contact_id'):
            if department.manager_contact_id.parent_id != department.partner_id:
                raise ValidationError(_(
                    "%(contact)s is not a contact of %(customer)s and cannot manage its department "
                    "%(department)s.", contact=department.manager_contact_id.display_name,
                    customer=department.partner_id.display_name, department=department.name))
