"""Merging duplicate customers (合并客户): one customer is kept; the others'
contacts, collaborators, tags, chatter, attachments, activities and every
record pointing at them move to it, blank details are filled from them,
and they are deleted. For the HQ head and department heads, on customers
they may edit."""
from __future__ import annotations

import logging

import psycopg2
from odoo import _, api, fields, models
from odoo.addons.tianchi_org.const import HEAD_GROUP, HQ_GROUP
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# details of the kept customer filled from a removed one when left blank
FILLED_FIELDS = [
    'phone', 'mobile', 'email', 'website', 'street', 'street2', 'city', 'zip', 'state_id', 'country_id',
    'vat', 'industry_id', 'customer_source_id', 'customer_level_id', 'cooperation_start_date', 'comment',
]
# models whose records point at a partner by (model name, id) columns
REFERENCE_TABLES = [
    ('mail_message', 'model', 'res_id'),
    ('mail_activity', 'res_model', 'res_id'),
    ('ir_attachment', 'res_model', 'res_id'),
    ('ir_model_data', 'model', 'res_id'),
]


class TianchiCustomerMerge(models.TransientModel):
    _name = 'tianchi.customer.merge'
    _description = 'Merge Customers'

    partner_ids = fields.Many2many(
        'res.partner', 'tianchi_customer_merge_partner_rel', 'merge_id', 'partner_id',
        string='Customers', required=True)
    dst_partner_id = fields.Many2one(
        'res.partner', string='Customer to Keep', required=True,
        domain="[('id', 'in', partner_ids)]",
        help="The other customers are merged into this one and then deleted.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get('active_model') == 'res.partner' and context.get('active_ids'):
            partners = self.env['res.partner'].browse(context['active_ids']).exists()
            if 'partner_ids' in fields_list:
                values.setdefault('partner_ids', [fields.Command.set(partners.ids)])
            if 'dst_partner_id' in fields_list and partners:
                values.setdefault('dst_partner_id', self._default_kept(partners).id)
        return values

    @api.model
    def _default_kept(self, partners):
        """The customer with a credit code and the most contacts, else the oldest."""
        return partners.sorted(lambda p: (not p.vat, -len(p.child_ids), p.id))[:1]

    def action_merge(self):
        self.ensure_one()
        kept = self.dst_partner_id
        removed = self.partner_ids - kept
        self._check_merge(kept, removed)
        names = ', '.join(removed.mapped('display_name'))
        blanks = self._blank_values(kept, removed)
        sales = sum(removed.mapped('tianchi_total_sales'))
        Partner = self.env['res.partner'].sudo()
        self.env.flush_all()
        self._move_foreign_keys(removed, kept)
        self._move_references(removed, kept)
        self.env.invalidate_all()
        Partner.browse(removed.ids).unlink()
        kept = kept.sudo()
        blanks['tianchi_total_sales'] = kept.tianchi_total_sales + sales
        kept.write(blanks)
        kept.child_ids.modified(['parent_id'])
        # contacts that came from the removed customers take the kept one's
        # credit code, industry and customer flag
        kept._commercial_sync_to_children()
        kept._message_log(body=_("%(user)s merged %(customers)s into this customer.",
                                 user=self.env.user.name, customers=names))
        return {
            'type': 'ir.actions.act_window', 'res_model': 'res.partner', 'res_id': kept.id,
            'view_mode': 'form', 'views': [(self.env.ref('tianchi_crm.tianchi_customer_view_form').id, 'form')],
            'target': 'current',
        }

    def _check_merge(self, kept, removed) -> None:
        user = self.env.user
        if not self.env.su and not user.has_group(HQ_GROUP) and not user.has_group(HEAD_GROUP):
            raise AccessError(_("Only department heads and the headquarters head may merge customers; "
                                "%(user)s may not.", user=user.name))
        if not removed:
            raise UserError(_("Choose at least two customers to merge."))
        everyone = kept | removed
        wrong = everyone.filtered(lambda p: not p.tianchi_is_customer or p.parent_id)
        if wrong:
            raise UserError(_("Only customer companies can be merged, not %(partners)s.",
                              partners=', '.join(wrong.mapped('display_name'))))
        if len(everyone.company_id) > 1:
            raise UserError(_("%(customers)s belong to different companies and cannot be merged.",
                              customers=', '.join(everyone.mapped('display_name'))))
        with_users = removed.sudo().filtered('user_ids')
        if with_users:
            raise UserError(_("%(partners)s are the partners of users and cannot be merged away.",
                              partners=', '.join(with_users.mapped('display_name'))))
        if removed & kept.child_ids:
            raise UserError(_("A contact of %(customer)s cannot be merged into it.", customer=kept.display_name))
        # heads merge only the customers they may edit (their branch)
        everyone.check_access('write')
        if not self.env.su and not user.has_group(HQ_GROUP):
            managed = user.tianchi_managed_user_ids
            foreign = everyone.filtered(lambda p: p.user_id and p.user_id not in managed)
            if foreign:
                raise AccessError(_("%(user)s does not head the owner of %(customers)s and may not merge it.",
                                    user=user.name, customers=', '.join(foreign.mapped('display_name'))))

    @api.model
    def _blank_values(self, kept, removed) -> dict:
        values = {}
        for fname in FILLED_FIELDS:
            if kept[fname]:
                continue
            donor = removed.filtered(fname)[:1]
            if donor:
                values[fname] = kept._fields[fname].convert_to_write(donor[fname], kept)
        last = max(filter(None, (kept | removed).mapped('last_contact_date')), default=False)
        if last and last != kept.last_contact_date:
            values['last_contact_date'] = last
        return values

    # -- moving what points at the removed customers ---------------------------------

    @api.model
    def _move_foreign_keys(self, removed, kept) -> None:
        """Point every single-column foreign key on res_partner at ``kept``.
        Rows that would then duplicate a row of ``kept`` (unique constraints,
        many2many pairs) are dropped: ``kept`` already has them."""
        cr = self.env.cr
        cr.execute("""
            SELECT src.relname, att.attname
              FROM pg_constraint con
              JOIN pg_class src ON src.oid = con.conrelid
              JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
             WHERE con.contype = 'f' AND con.confrelid = 'res_partner'::regclass
               AND array_length(con.conkey, 1) = 1
          ORDER BY src.relname, att.attname
        """)
        for table, column in cr.fetchall():
            if table == 'tianchi_customer_merge_partner_rel':
                continue
            cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                       [table])
            others = [name for (name,) in cr.fetchall() if name != column]
            if 'id' not in others:
                self._move_relation_rows(table, column, others, removed, kept)
                continue
            try:
                with cr.savepoint(flush=False):
                    cr.execute(SQL("UPDATE %s SET %s = %s WHERE %s IN %s", SQL.identifier(table),
                                   SQL.identifier(column), kept.id, SQL.identifier(column), tuple(removed.ids)))
            except psycopg2.IntegrityError:
                self._move_rows_one_by_one(table, column, removed, kept)

    @api.model
    def _move_relation_rows(self, table, column, others, removed, kept) -> None:
        cr = self.env.cr
        same = SQL(" AND ").join(
            SQL("theirs.%s IS NOT DISTINCT FROM rel.%s", SQL.identifier(name), SQL.identifier(name))
            for name in others) if others else SQL("TRUE")
        cr.execute(SQL("""
            UPDATE %(table)s AS rel SET %(column)s = %(kept)s
             WHERE rel.%(column)s IN %(removed)s
               AND NOT EXISTS (SELECT 1 FROM %(table)s AS theirs WHERE theirs.%(column)s = %(kept)s AND %(same)s)
        """, table=SQL.identifier(table), column=SQL.identifier(column), kept=kept.id,
                       removed=tuple(removed.ids), same=same))
        cr.execute(SQL("DELETE FROM %s WHERE %s IN %s", SQL.identifier(table), SQL.identifier(column),
                       tuple(removed.ids)))

    @api.model
    def _move_rows_one_by_one(self, table, column, removed, kept) -> None:
        cr = self.env.cr
        cr.execute(SQL("SELECT id FROM %s WHERE %s IN %s", SQL.identifier(table), SQL.identifier(column),
                       tuple(removed.ids)))
        for (row_id,) in cr.fetchall():
            try:
                with cr.savepoint(flush=False):
                    cr.execute(SQL("UPDATE %s SET %s = %s WHERE id = %s", SQL.identifier(table),
                                   SQL.identifier(column), kept.id, row_id))
            except psycopg2.IntegrityError:
                _logger.info("merge: %s row %s duplicates one of partner %s, dropped", table, row_id, kept.id)
                cr.execute(SQL("DELETE FROM %s WHERE id = %s", SQL.identifier(table), row_id))

    @api.model
    def _move_references(self, removed, kept) -> None:
        """Chatter, activities, attachments and external ids of the removed
        customers go to ``kept``; their followers too, unless they already
        follow it."""
        cr = self.env.cr
        for table, model_column, id_column in REFERENCE_TABLES:
            cr.execute(SQL("UPDATE %s SET %s = %s WHERE %s = 'res.partner' AND %s IN %s",
                           SQL.identifier(table), SQL.identifier(id_column), kept.id,
                           SQL.identifier(model_column), SQL.identifier(id_column), tuple(removed.ids)))
        cr.execute("""
            UPDATE mail_followers AS f SET res_id = %(kept)s
             WHERE f.res_model = 'res.partner' AND f.res_id IN %(removed)s
               AND NOT EXISTS (SELECT 1 FROM mail_followers g
                                WHERE g.res_model = 'res.partner' AND g.res_id = %(kept)s
                                  AND g.partner_id = f.partner_id)
        """, {'kept': kept.id, 'removed': tuple(removed.ids)})
        cr.execute("DELETE FROM mail_followers WHERE res_model = 'res.partner' AND res_id IN %s",
                   [tuple(removed.ids)])
