"""A stage of an order type: its dedicated staff (users or whole
departments), its SLA, the roles allowed to move orders in and out, and
who is told when an order enters it."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class TianchiOrderStage(models.Model):
    _name = 'tianchi.order.stage'
    _description = 'Order Stage'
    _order = 'order_type_id, sequence, id'

    name = fields.Char(string='Name', required=True, translate=True)
    sequence = fields.Integer(string='Sequence', default=10)
    order_type_id = fields.Many2one(
        'tianchi.order.type', string='Order Type', required=True, index=True, ondelete='cascade')
    company_id = fields.Many2one(related='order_type_id.company_id', store=True, index=True)
    staff_user_ids = fields.Many2many(
        'res.users', 'tianchi_order_stage_staff_user_rel', 'stage_id', 'user_id',
        string='Dedicated Staff', domain=[('share', '=', False)],
        help="The people responsible for orders in this stage (专职负责人).")
    staff_department_ids = fields.Many2many(
        'hr.department', 'tianchi_order_stage_staff_department_rel', 'stage_id', 'department_id',
        string='Dedicated Departments',
        help="Everyone with a login in these departments and their sub-departments is staff of the stage.")
    effective_user_ids = fields.Many2many(
        'res.users', string='Effective Staff', compute='_compute_effective_user_ids',
        search='_search_effective_user_ids',
        help="The dedicated staff plus the users of the dedicated departments and their sub-departments.")
    sla_hours = fields.Float(
        string='SLA (hours)',
        help="How long an order may stay in this stage; 0 means no limit. In a grab stage it is also "
             "how long an order may wait to be grabbed, or stay grabbed without moving on.")
    allowed_group_ids = fields.Many2many(
        'res.groups', 'tianchi_order_stage_allowed_group_rel', 'stage_id', 'group_id',
        string='Roles Allowed to Move',
        help="Only users with one of these roles may move orders into or out of this stage; "
             "empty means anyone who may edit the order.")
    notify_staff = fields.Boolean(
        string='Notify Staff', help="Tell the stage's staff when an order enters it.")
    allow_grab = fields.Boolean(
        string='Grab Pool',
        help="Orders without an owner in this stage are announced to its staff; the first to grab one gets it.")
    notify_group_ids = fields.Many2many(
        'res.groups', 'tianchi_order_stage_notify_group_rel', 'stage_id', 'group_id',
        string='Notify Roles', help="The users of these roles are told when an order enters this stage.")
    notify_note = fields.Text(
        string='What to Check', translate=True,
        help="Sent with the notification: what the people told should check or do.")
    fold = fields.Boolean(string='Folded in Board')
    is_closed = fields.Boolean(
        string='Closing Stage', help="Orders in this stage are finished: no SLA, not counted as open grabs.")
    order_count = fields.Integer(string='Orders', compute='_compute_order_count')

    @api.depends('staff_user_ids', 'staff_department_ids')
    def _compute_effective_user_ids(self):
        for stage in self:
            stage.effective_user_ids = stage.staff_user_ids | stage._department_users()

    def _department_users(self):
        """Active users of the employees of the stage's departments and below."""
        self.ensure_one()
        if not self.staff_department_ids:
            return self.env['res.users']
        employees = self.env['hr.employee'].sudo().search([
            ('department_id', 'child_of', self.staff_department_ids.ids),
            ('user_id', '!=', False),
        ])
        return employees.user_id.filtered('active').sudo(False)

    def _search_effective_user_ids(self, operator, value):
        if operator not in ('in', '=') or not value:
            raise ValidationError(_("Effective staff can only be searched with 'in' a list of users."))
        user_ids = [value] if isinstance(value, int) else list(value)
        employees = self.env['hr.employee'].sudo().search([('user_id', 'in', user_ids)])
        # a user is staff of a department stage when their department sits below a dedicated one
        ancestor_ids = set()
        for department in employees.department_id:
            ancestor_ids.update(int(part) for part in (department.parent_path or '').split('/') if part)
        stages = self.sudo().search([
            '|', ('staff_user_ids', 'in', user_ids), ('staff_department_ids', 'in', list(ancestor_ids)),
        ])
        return [('id', 'in', stages.ids)]

    def _compute_order_count(self):
        counts = dict(self.env['sale.order']._read_group(
            [('stage_id', 'in', self.ids)], ['stage_id'], ['__count']))
        for stage in self:
            stage.order_count = counts.get(stage, 0)

    @api.constrains('sla_hours')
    def _check_sla_hours(self):
        for stage in self:
            if stage.sla_hours < 0:
                raise ValidationError(_("The SLA of stage %(stage)s cannot be negative (%(hours)s hours).",
                                        stage=stage.name, hours=stage.sla_hours))

    def _is_staff(self, user) -> bool:
        """Whether ``user`` is among the effective staff, as
        ``effective_user_ids`` counts them: active users named on the stage,
        or with an active employee in an active dedicated department or any
        department below it (archived or not, as ``child_of`` finds them).
        One query: every grab, winning or losing, asks it, for departments
        that may count hundreds of people."""
        self.ensure_one()
        self.flush_recordset(['staff_user_ids', 'staff_department_ids'])
        self.env['res.users'].flush_model(['active'])
        self.env['hr.employee'].flush_model(['user_id', 'department_id', 'active'])
        self.env['hr.department'].flush_model(['parent_path', 'active'])
        self.env.cr.execute("""
            SELECT 1 FROM res_users usr
             WHERE usr.id = %(user)s AND usr.active AND (
                   EXISTS (SELECT 1 FROM tianchi_order_stage_staff_user_rel rel
                            WHERE rel.stage_id = %(stage)s AND rel.user_id = usr.id)
                OR EXISTS (SELECT 1 FROM tianchi_order_stage_staff_department_rel rel
                             JOIN hr_department top ON top.id = rel.department_id AND top.active
                             JOIN hr_department dep ON dep.parent_path LIKE top.parent_path || '%%'
                             JOIN hr_employee emp ON emp.department_id = dep.id AND emp.active
                            WHERE rel.stage_id = %(stage)s AND emp.user_id = usr.id))
        """, {'user': user.id, 'stage': self.id})
        return bool(self.env.cr.fetchone())

    def _user_may_move(self, user) -> bool:
        """Whether ``user`` has one of the roles allowed to move orders in or out."""
        self.ensure_one()
        return not self.allowed_group_ids or bool(self.allowed_group_ids & user.groups_id)

    def _notified_users(self, company):
        """Users told when an order of ``company`` enters this stage."""
        self.ensure_one()
        users = self.effective_user_ids if self.notify_staff else self.env['res.users']
        group_users = self.notify_group_ids.sudo().users.filtered(
            lambda u: company in u.company_ids and not u.share).sudo(False)
        return users | group_users
