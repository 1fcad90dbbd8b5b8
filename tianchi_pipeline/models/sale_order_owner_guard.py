"""Who may change the owner (salesperson) of an order by writing it.

Orders in a grab pool are taken only through Grab (one winner, the
per-person limit, the grab log): a plain write of the salesperson would
skip all of that. An owned order changes hands only by the HQ head or the
owner's department head, as customers do in tianchi_crm; its owner may
only give it back to the pool of a grab stage (what Release does).
Internal flows that hand orders on after their own checks write as
superuser."""
from odoo import _, models
from odoo.addons.tianchi_org.const import HEAD_GROUP, HQ_GROUP
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        if 'user_id' in vals and not self.env.su:
            self._tianchi_check_owner_change(vals['user_id'])
        return super().write(vals)

    def _tianchi_check_owner_change(self, new_user_id):
        user = self.env.user
        new_user = self.env['res.users'].browse(new_user_id or [])
        for order in self:
            owner = order.user_id
            if owner == new_user:
                continue
            if not owner:
                if order.stage_id.allow_grab:
                    raise UserError(_(
                        "Order %(order)s is in the grab pool of stage %(stage)s: use Grab (抢单) to take it; "
                        "%(user)s cannot set its salesperson.",
                        order=order.name, stage=order.stage_id.name, user=user.name))
                continue
            if user.has_group(HQ_GROUP) or (user.has_group(HEAD_GROUP) and owner in user.tianchi_managed_user_ids):
                continue
            if owner == user and not new_user and order.stage_id.allow_grab:
                continue
            raise UserError(_(
                "Only the headquarters head or the department head of %(owner)s may give order %(order)s to "
                "another salesperson; %(user)s may not.", owner=owner.name, order=order.name, user=user.name))
