"""The customer file (客户档案) on res.partner: the customer flag its
contacts share, owner and department, collaborators, status, source,
contact dates, the unified social credit code checks, and the guards the
record rules cannot express (only the HQ head deletes customers; only heads
and the HQ head change an owner, by transfer 转交)."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.credit_code import is_valid_credit_code, normalize_credit_code

CUSTOMER_STATUSES = [
    ('potential', 'Potential'),
    ('intention', 'Intention'),
    ('deal', 'Deal'),
    ('lost', 'Lost'),
]


class ResPartner(models.Model):
    _name = 'res.partner'
    _inherit = ['res.partner', 'tianchi.owner.guard']

    def _default_customer_status(self):
        return 'potential' if self.env.context.get('default_tianchi_is_customer') else False

    tianchi_is_customer = fields.Boolean(
        string='Customer File', copy=True,
        help="A customer of the company (or a contact of one): the customer record rules, "
             "the public pool and the deletion guard apply to it.")
    user_id = fields.Many2one(tracking=True)
    owner_department_id = fields.Many2one(
        'hr.department', string='Owner Department', index=True,
        compute='_compute_owner_department_id', store=True,
        help="The department of the owner's employee in the customer's company.")
    collaborator_ids = fields.Many2many(
        'res.users', 'res_partner_tianchi_collaborator_rel', 'partner_id', 'user_id',
        string='Collaborators',
        help="People who see and edit this customer and its contacts besides its owner.")
    customer_status = fields.Selection(
        CUSTOMER_STATUSES, string='Customer Status', tracking=True, index='btree_not_null',
        default=_default_customer_status)
    customer_source_id = fields.Many2one(
        'tianchi.customer.source', string='Customer Source', index='btree_not_null', ondelete='restrict')
    last_contact_date = fields.Date(
        string='Last Contact', index='btree_not_null',
        help="Day of the latest contact with this customer; a customer without contact "
             "for the company's pool delay goes to the public pool.")
    next_contact_date = fields.Date(string='Next Contact', index='btree_not_null')

    @api.model
    def _commercial_fields(self):
        # contacts belong to the customer file of their company
        return super()._commercial_fields() + ['tianchi_is_customer']

    # -- checks -----------------------------------------------------------------

    def _tianchi_matching(self, domain):
        """The records of ``self`` (archived ones included) that match
        ``domain``, in the order of ``self``: asked of the database in one
        query, imports check thousands of partners at once."""
        if not self:
            return self
        found = set(self.with_context(active_test=False).sudo().search(
            [('id', 'in', self.ids)] + domain, order='id').ids)
        return self.browse([partner_id for partner_id in self.ids if partner_id in found])

    def _tianchi_with_code(self):
        """The records of ``self`` with a credit code (``vat``) and no parent:
        the only ones the credit-code checks look at (contacts repeat their
        company's code), sorted out before asking the database."""
        return self.browse([partner.id for partner in self.sudo() if partner.vat and not partner.parent_id])

    @api.constrains('vat', 'country_id', 'company_id', 'tianchi_is_customer', 'parent_id', 'active')
    def _check_tianchi_credit_code(self):
        """The credit code of a Chinese customer (of China or of no country) is
        valid, and no other active customer of its company holds it. Checked
        for the whole batch at once: imports create thousands of customers."""
        customers = self._tianchi_with_code()._tianchi_matching([
            ('tianchi_is_customer', '=', True), ('parent_id', '=', False), ('vat', '!=', '/'),
        ])
        for partner in customers:
            country = partner.country_id
            if (not country or country.code == 'CN') and not is_valid_credit_code(partner.vat):
                raise ValidationError(_(
                    "The unified social credit code %(code)s of %(partner)s is not valid: it needs "
                    "18 characters and a correct check character (GB 32100-2015).",
                    code=partner.vat, partner=partner.display_name))
        customers.filtered('active')._tianchi_check_credit_code_unique()

    def _tianchi_shared_credit_codes(self, codes):
        """The ``(company id, code)`` pairs of ``codes`` that more than one active
        customer holds, for a whole batch in one query: an import mostly finds none.

        Each code is one probe of the ``vat`` index: asked as ``vat IN (...)``,
        the planner would rather read every customer once the table is large
        (``OFFSET 0`` keeps the subquery apart, so that it runs once per code).
        """
        self.env['res.partner'].flush_model(['vat', 'company_id', 'tianchi_is_customer', 'parent_id', 'active'])
        self.env.cr.execute(SQL("""
            SELECT holder.company_id, holder.vat
              FROM unnest(%s::varchar[]) AS code(vat),
                   LATERAL (SELECT company_id, vat FROM res_partner
                             WHERE vat = code.vat AND active AND tianchi_is_customer AND parent_id IS NULL
                            OFFSET 0) AS holder
          GROUP BY holder.company_id, holder.vat
            HAVING count(*) > 1
        """, sorted(codes)))
        # no company reads as False, as ``partner.company_id.id`` gives it
        return {(company_id or False, code) for company_id, code in self.env.cr.fetchall()}

    def _tianchi_check_credit_code_unique(self):
        """No other active customer of the company of each of these (active)
        customers holds its credit code."""
        if not self:
            return
        shared_keys = self._tianchi_shared_credit_codes(set(self.mapped('vat')))
        if not shared_keys:
            return
        holders_domain = [('tianchi_is_customer', '=', True), ('parent_id', '=', False)]
        holders = self.sudo().search(holders_domain + [('vat', 'in', list({vat for _company, vat in shared_keys}))],
                                     order='id')
        by_key = holders.grouped(lambda p: (p.company_id.id, p.vat))
        for partner in self:
            if (partner.company_id.id, partner.vat) not in shared_keys:
                continue
            twin = by_key[(partner.company_id.id, partner.vat)].filtered(lambda p, me=partner.id: p.id != me)[:1]
            if twin:
                raise ValidationError(_(
                    "%(partner)s cannot use the credit code %(code)s: customer %(existing)s "
                    "(owner: %(owner)s) already has it.",
                    partner=partner.display_name, code=partner.vat, existing=twin.display_name,
                    owner=twin.user_id.name or _('public pool')))

    # -- CRUD -------------------------------------------------------------------

    @api.model
    def _tianchi_normalize_vals(self, vals):
        if vals.get('vat') and vals['vat'] != '/':
            vals['vat'] = normalize_credit_code(vals['vat'])

    @api.model_create_multi
    def create(self, vals_list):
        parent_ids = {vals['parent_id'] for vals in vals_list if vals.get('parent_id')}
        parents = self.browse(parent_ids).sudo()
        default_customer = self.env.context.get('default_tianchi_is_customer')
        for vals in vals_list:
            parent = parents.browse(vals['parent_id']) if vals.get('parent_id') else None
            if parent and parent.commercial_partner_id.tianchi_is_customer:
                vals.setdefault('tianchi_is_customer', True)
            if not vals.get('tianchi_is_customer', default_customer):
                continue
            vals['tianchi_is_customer'] = True
            self._tianchi_normalize_vals(vals)
            # a customer always belongs to a company: the company rule needs it
            if not vals.get('company_id'):
                vals['company_id'] = parent.company_id.id if parent else self.env.company.id
            if not parent:
                vals.setdefault('customer_status', 'potential')
                # a new customer belongs to whoever creates it, unless the
                # creator says otherwise (an explicit False puts it in the pool)
                vals.setdefault('user_id', self.env.uid)
        return super().create(vals_list)

    def write(self, vals):
        customers = self.filtered('tianchi_is_customer')
        if customers or vals.get('tianchi_is_customer'):
            self._tianchi_normalize_vals(vals)
        if 'user_id' not in vals:
            return super().write(vals)
        new_owner = vals['user_id']
        # internal callers (transfer, pool, merge) check their rights first and
        # write as superuser
        changed = self._tianchi_check_owner_write(vals)
        # contacts that followed their company's owner keep following it
        followers = self.browse()
        for partner in changed.filtered(lambda p: not p.parent_id):
            followers |= partner.sudo().child_ids.filtered(
                lambda c, owner=partner.user_id: c.user_id == owner and not c.is_company)
        result = super().write(vals)
        followers -= self
        if followers:
            # the contacts' owner follows an owner change already allowed above
            followers.sudo().write({'user_id': new_owner})
        return result

    def unlink(self):
        self._tianchi_check_can_unlink()
        return super().unlink()

    # -- owner guard and transfer (转交) ------------------------------------------

    def _tianchi_guarded(self):
        return self.filtered('tianchi_is_customer')

    def _tianchi_guard_noun(self) -> str:
        return _("customers")

    def _tianchi_transfer_values(self, new_user) -> dict:
        return dict(super()._tianchi_transfer_values(new_user),
                    tianchi_pool_date=False, tianchi_pool_reason=False)

    def _tianchi_transfer(self, new_user, reason: str = '') -> None:
        """Give these customers (and their contacts that had the same owner)
        to ``new_user``, and log who did it, from whom, to whom."""
        others = self.filtered(lambda p: not p.tianchi_is_customer)
        if others:
            raise UserError(_("%(partners)s are not customers and cannot be transferred.",
                              partners=', '.join(others.mapped('display_name'))))
        super()._tianchi_transfer(new_user, reason)
