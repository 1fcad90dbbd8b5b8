"""An order's grab announcement is withdrawn from the staff's activity menus
as soon as the order is no longer waiting in a grab pool, however that came
about: moved to another stage, or given an owner without being grabbed
(a grab itself withdraws it in the claim, which bypasses the ORM)."""
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        result = super().write(vals)
        if 'stage_id' in vals or 'user_id' in vals:
            out_of_pool = self.filtered(lambda order: order.user_id or not order.stage_id.allow_grab)
            if out_of_pool:
                self.env['tianchi.notification']._tianchi_notify_withdraw(out_of_pool, 'grab_announced')
        return result
