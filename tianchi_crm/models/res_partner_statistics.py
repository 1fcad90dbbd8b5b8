"""Customer statistics (客户分布统计图) on res.partner: the customer type
(company or individual) stored as a selection, so that charts and pivots
show its label rather than a bare true/false, the status as a funnel stage
that groups in funnel order, and the figures of the customer dashboard."""
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    tianchi_customer_type = fields.Selection(
        [('company', 'Company'), ('person', 'Individual')], string='Customer Type',
        compute='_compute_tianchi_customer_type', store=True)

    # the status again, with keys that sort in funnel order: grouping sorts
    # a selection by its stored value, which would put 成交 before 潜在
    tianchi_funnel_stage = fields.Selection(
        [('1_potential', 'Potential'), ('2_intention', 'Intention'), ('3_deal', 'Deal'), ('4_lost', 'Lost')],
        string='Funnel Stage', compute='_compute_tianchi_funnel_stage', store=True, index='btree_not_null')

    @api.depends('is_company')
    def _compute_tianchi_customer_type(self):
        # assigned per value, not per partner: imports compute thousands at once
        companies = self.filtered('is_company')
        companies.tianchi_customer_type = 'company'
        (self - companies).tianchi_customer_type = 'person'

    @api.depends('customer_status')
    def _compute_tianchi_funnel_stage(self):
        stages = {key.split('_', 1)[1]: key for key, _label in self._fields['tianchi_funnel_stage'].selection}
        for status, partners in self.grouped('customer_status').items():
            partners.tianchi_funnel_stage = stages.get(status, False)

    @api.model
    def _tianchi_dashboard_figures(self, today=None) -> dict:
        """The figures of the customer dashboard, counted under the current
        user's rights: key numbers and, for each chart, a list of
        ``(label, count, domain)``, the domain selecting the customers counted."""
        today = today or fields.Date.context_today(self)
        customers = [('tianchi_is_customer', '=', True), ('parent_id', '=', False)]

        def groups(field_name, ranked=False, limit=None, empty=None):
            field = self._fields[field_name]
            labels = dict(self.fields_get([field_name])[field_name].get('selection') or [])
            rows = []
            for value, number in self._read_group(customers, [field_name], ['__count']):
                if field.type == 'selection':
                    label, key = labels.get(value, _("None")), value
                else:
                    label, key = (value.display_name, value.id) if value else (empty or _("None"), False)
                rows.append((label, number, customers + [(field_name, '=', key)]))
            if ranked:
                rows.sort(key=lambda row: -row[1])
            if field.type == 'selection':
                order = [key for key, _label in self.fields_get([field_name])[field_name]['selection']]
                rows.sort(key=lambda row: order.index(row[2][-1][2]) if row[2][-1][2] in order else len(order))
            return rows[:limit] if limit else rows

        months = []
        month_start = today.replace(day=1)
        for back in range(11, -1, -1):
            start = month_start - relativedelta(months=back)
            condition = [('create_date', '>=', fields.Datetime.to_string(datetime.combine(start, time.min))),
                         ('create_date', '<', fields.Datetime.to_string(
                             datetime.combine(start + relativedelta(months=1), time.min)))]
            months.append((start.strftime('%Y-%m'), self.search_count(customers + condition), customers + condition))
        return {
            'total': self.search_count(customers),
            'deals': self.search_count(customers + [('customer_status', '=', 'deal')]),
            'pool': self.search_count(customers + [('user_id', '=', False)]),
            'due': self.search_count(customers + [('next_contact_date', '<=', fields.Date.to_string(today))]),
            'new': months[-1][1],
            'level': groups('customer_level_id'),
            'type': groups('tianchi_customer_type'),
            'province': groups('region_province_id', ranked=True, limit=10),
            'owner': groups('user_id', ranked=True, limit=10, empty=_("Public Pool")),
            'status': groups('customer_status'),
            'month': months,
        }
